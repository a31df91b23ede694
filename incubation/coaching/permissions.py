"""Who may do what with assignments and mentoring. Each function returns ``(allowed, reason)``.

Built on the cohort rules of incubation/cohorts/permissions.py: participants are the members of an active
enrollment; a cohort's trainers and Disperindag staff run it.
"""

from django.utils.translation import gettext as _

from adimarko.core.permissions import ALLOWED, Decision, is_staff, member_or_staff
from adimarko.core.roles import Role, has_role
from incubation.classroom.models import LessonPage
from incubation.coaching.models import AssignmentSubmission, MentoringSession
from incubation.cohorts.models import Cohort
from incubation.cohorts.permissions import can_participate, can_run_cohort, cohort_people, is_cohort_trainer


def lesson_cohort(lesson: LessonPage) -> Cohort | None:
    course = lesson.course
    return course.cohort if course else None


def can_submit_assignment(user, lesson: LessonPage) -> Decision:
    """Active participants of the lesson's cohort, on a lesson that asks for a submission."""
    if not lesson.requires_submission:
        return False, _("This lesson has no assignment.")
    cohort = lesson_cohort(lesson)
    if cohort is None:
        return False, _("This lesson does not belong to a course.")
    return can_participate(user, cohort)


def can_view_submission(user, submission: AssignmentSubmission) -> Decision:
    """A submission and its files: members of the enrolled business, the cohort's trainers, staff."""
    if not user.is_authenticated:
        return False, _("Log in first.")
    if is_cohort_trainer(user, submission.enrollment.cohort):
        return ALLOWED
    return member_or_staff(
        user,
        submission.enrollment.business,
        _("Only the participant, their trainers and staff see this work."),
    )


def can_review_submission(user, submission: AssignmentSubmission) -> Decision:
    return can_run_cohort(user, submission.enrollment.cohort)


def can_train(user) -> Decision:
    """The trainer pages (/pelatih/): trainers and staff."""
    if not user.is_authenticated:
        return False, _("Log in first.")
    if is_staff(user) or has_role(user, Role.TRAINER):
        return ALLOWED
    return False, _("This page is for trainers and Disperindag staff.")


def can_view_sessions(user, cohort: Cohort) -> Decision:
    """A cohort's session list (link, place): participants (graduates too), trainers, staff."""
    return cohort_people(
        user, cohort, _("Only participants of %(cohort)s can see its sessions.") % {"cohort": cohort.name}
    )


def can_check_in(user, session: MentoringSession) -> Decision:
    if session.is_cancelled:
        return False, _("This session was cancelled.")
    return can_participate(user, session.cohort)


def can_manage_session(user, session: MentoringSession) -> Decision:
    """Edit, cancel, show the check-in QR and mark attendance: the cohort's trainers and staff."""
    return can_run_cohort(user, session.cohort)
