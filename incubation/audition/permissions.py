"""Who may do what in the audition. Each function returns ``(allowed, reason)``.

Applicants are the members of the applying business; juries see only applications assigned to them (and not
after declaring a conflict); Disperindag staff see everything. Trainers and buyers have no audition rights.
The incubation's rules (participants, trainers, staff) are in incubation/cohorts/permissions.py.
"""

from django.utils.translation import gettext as _

from adimarko.core.permissions import ALLOWED, Decision, is_staff
from adimarko.core.roles import Role, has_role
from incubation.audition.models import Application, JuryAssignment, Review, RoundPage, Status


def is_member(user, application: Application) -> bool:
    if not user.is_authenticated:
        return False
    cache = application.__dict__.setdefault("_member_cache", {})
    if user.pk not in cache:
        cache[user.pk] = application.business.memberships.filter(user=user).exists()
    return cache[user.pk]


def active_assignment(user, application: Application) -> JuryAssignment | None:
    if not user.is_authenticated or not has_role(user, Role.JURY):
        return None
    return application.assignments.active().filter(jury=user).first()


def _login(user) -> Decision | None:
    if not user.is_authenticated:
        return False, _("Log in first.")
    return None


def can_apply(user, round: RoundPage) -> Decision:
    if refusal := _login(user):
        return refusal
    if not round.is_open:
        return False, _("This round is not accepting applications.")
    return ALLOWED


def can_view_application(user, application: Application) -> Decision:
    if refusal := _login(user):
        return refusal
    if is_staff(user) or is_member(user, application):
        return ALLOWED
    if application.status != Status.DRAFT and active_assignment(user, application):
        return ALLOWED
    return False, _("You may only see your own applications or those assigned to you.")


def can_edit_application(user, application: Application) -> Decision:
    if refusal := _login(user):
        return refusal
    if not is_member(user, application):
        return False, _("Only members of the applying business may edit the application.")
    if application.status != Status.DRAFT:
        return False, _("This application was already submitted and can no longer be changed.")
    return ALLOWED


def can_withdraw_application(user, application: Application) -> Decision:
    if refusal := _login(user):
        return refusal
    if not is_member(user, application):
        return False, _("Only members of the applying business may withdraw the application.")
    if application.status not in (Status.DRAFT, Status.SUBMITTED, Status.ELIGIBLE):
        return False, _("A decided application can no longer be withdrawn.")
    return ALLOWED


def sees_identity(user, application: Application) -> bool:
    """Blind review hides the applicant from juries; staff and the applicant always see it."""
    if is_staff(user) or is_member(user, application):
        return True
    return not application.round.blind_review


def can_score_application(user, application: Application) -> Decision:
    if refusal := _login(user):
        return refusal
    if not active_assignment(user, application):
        return False, _("This application is not assigned to you.")
    if application.status != Status.ELIGIBLE:
        return False, _("Scoring is closed for this application.")
    return ALLOWED


def can_view_review(user, review: Review) -> Decision:
    """A review's scores: the jury who wrote it and staff. Applicants read the decision message instead."""
    if refusal := _login(user):
        return refusal
    if is_staff(user) or review.assignment.jury_id == user.pk:
        return ALLOWED
    return False, _("Scores are visible to Disperindag staff and to the jury who gave them.")


def can_export_round(user, round: RoundPage) -> Decision:
    """Staff export everything; a jury exports only their own assignments (blind review respected)."""
    if refusal := _login(user):
        return refusal
    if is_staff(user) or has_role(user, Role.JURY):
        return ALLOWED
    return False, _("Exports are for Disperindag staff and juries.")


def can_view_report(user, round: RoundPage) -> Decision:
    if refusal := _login(user):
        return refusal
    if is_staff(user):
        return ALLOWED
    return False, _("Reports are for Disperindag staff.")


def can_manage_audition(user) -> Decision:
    if refusal := _login(user):
        return refusal
    if is_staff(user):
        return ALLOWED
    return False, _("Only Disperindag staff run auditions.")


def can_judge(user) -> Decision:
    if refusal := _login(user):
        return refusal
    if has_role(user, Role.JURY):
        return ALLOWED
    return False, _("This page is for jury members.")
