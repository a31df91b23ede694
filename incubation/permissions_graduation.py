"""Who may see certificates and open an alumni storefront. Each function returns ``(allowed, reason)``.

Staff pages and the organiser dashboard use `can_manage_cohorts` and `can_run_cohort` from
incubation/permissions.py; the public verification page needs no permission (it shows no personal data).
"""

from django.utils.translation import gettext as _

from adimarko.core.permissions import ALLOWED, Decision, is_staff, member_or_staff
from adimarko.core.roles import Role, has_role
from incubation.models import Certificate, Enrollment


def can_view_certificate(user, certificate: Certificate) -> Decision:
    """The printable certificate: members of the graduated business and staff."""
    return member_or_staff(
        user,
        certificate.enrollment.business,
        _("Only members of the graduated business and Disperindag staff can open this certificate."),
    )


def can_open_alumni_storefront(user, enrollment: Enrollment) -> Decision:
    """One step from graduate to seller: the graduate's members and staff."""
    allowed, reason = member_or_staff(
        user,
        enrollment.business,
        _("Only members of the graduated business and Disperindag staff can do this."),
    )
    if not allowed:
        return allowed, reason
    if enrollment.status != Enrollment.Status.GRADUATED:
        return False, _("Only graduates can open an alumni storefront.")
    return ALLOWED


def can_list_cohorts(user) -> Decision:
    """The cohort list: staff (all cohorts, with management) and trainers (their cohorts' dashboards)."""
    if not user.is_authenticated:
        return False, _("Log in first.")
    if is_staff(user) or has_role(user, Role.TRAINER):
        return ALLOWED
    return False, _("Only Disperindag staff and trainers can see the cohorts.")
