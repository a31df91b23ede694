"""Who may do what in a cohort. Each function returns ``(allowed, reason)``.

Participants are the members of an enrolled business; a cohort's trainers run its courses, assignments and
mentoring; Disperindag staff run every cohort. The rooms above (classroom, coaching, graduation) build on
these.
"""

from django.utils.translation import gettext as _

from adimarko.core.permissions import ALLOWED, Decision, is_staff
from adimarko.core.roles import Role, has_role
from incubation.cohorts.models import Cohort, Enrollment


def _login(user) -> Decision | None:
    if not user.is_authenticated:
        return False, _("Log in first.")
    return None


def enrollment_for(user, cohort: Cohort) -> Enrollment | None:
    """The enrollment through which this user follows the cohort (as a member of an enrolled business)."""
    if not user.is_authenticated:
        return None
    cache = user.__dict__.setdefault("_enrollment_cache", {})
    if cohort.pk not in cache:
        cache[cohort.pk] = (
            Enrollment.objects.for_member(user).filter(cohort=cohort).select_related("business").first()
        )
    return cache[cohort.pk]


def is_cohort_trainer(user, cohort: Cohort) -> bool:
    if not user.is_authenticated or not has_role(user, Role.TRAINER):
        return False
    cache = user.__dict__.setdefault("_trainer_cache", {})
    if cohort.pk not in cache:
        cache[cohort.pk] = cohort.trainers.filter(pk=user.pk).exists()
    return cache[cohort.pk]


def cohort_people(user, cohort: Cohort, refusal: str) -> Decision:
    """The rule most of a cohort's things follow: its participants (graduates too), its trainers and staff."""
    if refusal_to_log_in := _login(user):
        return refusal_to_log_in
    if is_staff(user) or is_cohort_trainer(user, cohort):
        return ALLOWED
    enrollment = enrollment_for(user, cohort)
    if enrollment is not None and enrollment.has_access:
        return ALLOWED
    return False, refusal


def can_view_course_material(user, cohort: Cohort) -> Decision:
    """Lessons, modules and courses."""
    return cohort_people(
        user, cohort, _("This material is only for participants of %(cohort)s.") % {"cohort": cohort.name}
    )


def can_participate(user, cohort: Cohort) -> Decision:
    """Complete lessons, answer quizzes, submit assignments, check in: members of an active enrollment."""
    if refusal := _login(user):
        return refusal
    enrollment = enrollment_for(user, cohort)
    if enrollment is None:
        return False, _("Only participants of %(cohort)s can do this.") % {"cohort": cohort.name}
    if enrollment.status != Enrollment.Status.ACTIVE:
        return False, _("Your participation in %(cohort)s has ended.") % {"cohort": cohort.name}
    return ALLOWED


def can_run_cohort(user, cohort: Cohort) -> Decision:
    """Review assignments, run mentoring sessions and attendance, read the cohort's progress: its trainers
    and staff."""
    if refusal := _login(user):
        return refusal
    if is_staff(user) or is_cohort_trainer(user, cohort):
        return ALLOWED
    return False, _("Only the trainers of %(cohort)s and Disperindag staff can do this.") % {
        "cohort": cohort.name
    }


def can_manage_cohorts(user) -> Decision:
    """Create cohorts, change graduation rules, graduate manually, open alumni storefronts: staff."""
    if refusal := _login(user):
        return refusal
    if is_staff(user):
        return ALLOWED
    return False, _("Only Disperindag staff manage cohorts.")


def can_list_cohorts(user) -> Decision:
    """The cohort list: staff (all cohorts, with management) and trainers (their cohorts' dashboards)."""
    if not user.is_authenticated:
        return False, _("Log in first.")
    if is_staff(user) or has_role(user, Role.TRAINER):
        return ALLOWED
    return False, _("Only Disperindag staff and trainers can see the cohorts.")
