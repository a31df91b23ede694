"""Who may do what with the shared domain. Each function returns ``(allowed, reason)``.

Views, templates and APIs ask these functions and show the reason when they refuse.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from adimarko.core.models import Business, BusinessMembership
from adimarko.core.roles import Role, has_role
from adimarko.core.selectors import business_is_public

Decision = tuple[bool, str]

ALLOWED: Decision = (True, "")


def require(decision: Decision, *, hide: bool = False) -> None:
    """For views: refuse with 403 and the permission function's reason, or with 404 (`hide`) when the person
    may not even know the object exists."""
    allowed, reason = decision
    if not allowed:
        if hide:
            raise Http404(reason)
        raise PermissionDenied(reason)


def membership_of(user, business: Business) -> BusinessMembership | None:
    """The user's membership of the business, or None (cached on this business object)."""
    if not user.is_authenticated:
        return None
    cache = getattr(business, "_membership_cache", None)
    if cache is None:
        cache = business._membership_cache = {}
    if user.pk not in cache:
        cache[user.pk] = business.memberships.filter(user=user).first()
    return cache[user.pk]


def can_create_business(user) -> Decision:
    if not user.is_authenticated:
        return False, _("Log in to register a business.")
    return ALLOWED


def is_staff(user) -> bool:
    """Disperindag staff (the role, not Django's is_staff flag)."""
    return user.is_authenticated and has_role(user, Role.STAFF)


def member_or_staff(user, business: Business, refusal: str) -> Decision:
    """The rule most business-owned things follow: its members (owner or helper) and staff."""
    if not user.is_authenticated:
        return False, _("Log in first.")
    if is_staff(user) or membership_of(user, business):
        return ALLOWED
    return False, refusal


def can_view_business_private(user, business: Business) -> Decision:
    """Private data: members, invitations, certificate documents."""
    return member_or_staff(
        user, business, _("Only members of this business and Disperindag staff may see this.")
    )


def can_edit_business(user, business: Business) -> Decision:
    return member_or_staff(user, business, _("Only members of this business may edit it."))


def can_manage_members(user, business: Business) -> Decision:
    if not user.is_authenticated:
        return False, _("Log in first.")
    membership = membership_of(user, business)
    if membership and membership.role == BusinessMembership.Role.OWNER:
        return ALLOWED
    if has_role(user, Role.STAFF):
        return ALLOWED
    return False, _("Only the owner of this business may invite or remove members.")


def can_access_wagtail_admin(user) -> Decision:
    if not user.is_authenticated:
        return False, _("Log in first.")
    if user.has_perm("wagtailadmin.access_admin"):
        return ALLOWED
    return False, _("The site administration is for Disperindag staff and trainers.")


def can_view_impact(user) -> Decision:
    """The impact dashboard, its exports and the businesses behind each figure: Disperindag staff only. The
    public sees aggregates on the home page."""
    if not user.is_authenticated:
        return False, _("Log in first.")
    if is_staff(user):
        return ALLOWED
    return False, _("Only Disperindag staff may see the programme's impact figures.")


def can_view_business_public(user, business: Business) -> Decision:
    """The public business profile (story, WhatsApp number): everyone once the business's storefront is
    approved by curation; before that (applicants, storefront pending or rejected) only its members and staff,
    and the view answers 404 to everyone else."""
    if business_is_public(business=business):
        return ALLOWED
    return member_or_staff(user, business, _("This business profile is not public."))


def can_view_certification_document(user, certification) -> Decision:
    """A certification's scanned document (private storage): the business's members and staff."""
    return member_or_staff(
        user,
        certification.business,
        _("Only members of this business and Disperindag staff may see its certificate documents."),
    )
