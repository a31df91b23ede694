"""Who may see certificates and open an alumni storefront. Each function returns ``(allowed, reason)``.

Staff pages and the organiser dashboard use `can_manage_cohorts` and `can_run_cohort` from
incubation/cohorts/permissions.py; the public verification page needs no permission (it shows no personal
data).
"""

from django.utils.translation import gettext as _

from adimarko.core.permissions import ALLOWED, Decision, member_or_staff
from incubation.cohorts.models import Enrollment
from incubation.graduation.models import Certificate


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
