"""Template data for assignments and mentoring where the page's context is not ours (the lesson page)."""

from dataclasses import dataclass

from django import template

from incubation.coaching.permissions import lesson_cohort
from incubation.coaching.services.assignments import current_submission, submission_refusal
from incubation.cohorts.permissions import can_run_cohort
from incubation.models import AssignmentSubmission, Enrollment, LessonPage

register = template.Library()


@register.filter
def follows_a_cohort(user) -> bool:
    """{% if user|follows_a_cohort %}: a member of a business enrolled in a cohort (active or graduated)."""
    return bool(user.is_authenticated and Enrollment.objects.for_member(user).with_access().exists())


@dataclass(frozen=True)
class AssignmentState:
    latest: AssignmentSubmission | None
    can_submit: bool
    runs_cohort: bool
    waiting: int


@register.simple_tag(takes_context=True)
def assignment_state(context, lesson: LessonPage, enrollment: Enrollment | None) -> AssignmentState:
    """{% assignment_state page enrollment as state %}: the participant's current submission for the lesson
    and whether they may submit; for trainers and staff, how many submissions wait for review."""
    if enrollment is not None:
        latest = current_submission(enrollment=enrollment, lesson=lesson)
        can_submit = enrollment.status == Enrollment.Status.ACTIVE and not submission_refusal(latest)
        return AssignmentState(latest=latest, can_submit=can_submit, runs_cohort=False, waiting=0)
    request = context.get("request")
    user = getattr(request, "user", None)
    cohort = lesson_cohort(lesson)
    if user is None or cohort is None or not can_run_cohort(user, cohort)[0]:
        return AssignmentState(latest=None, can_submit=False, runs_cohort=False, waiting=0)
    waiting = (
        AssignmentSubmission.objects.waiting_for_review()
        .filter(lesson=lesson, enrollment__cohort=cohort)
        .count()
    )
    return AssignmentState(latest=None, can_submit=False, runs_cohort=True, waiting=waiting)
