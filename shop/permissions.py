"""Who may do what in the catalogue. Each function returns ``(allowed, reason)``.

Sellers act for the businesses they are members of (owner or helper); Disperindag staff act for every business
and are the only curators.
"""

from django.utils.translation import gettext as _

from adimarko.core.models import Business
from adimarko.core.permissions import ALLOWED, Decision, is_staff, member_or_staff, membership_of
from shop.models import Product, Storefront


def can_use_seller_dashboard(user) -> Decision:
    if not user.is_authenticated:
        return False, _("Log in first.")
    if is_staff(user) or user.memberships.exists():
        return ALLOWED
    return False, _("The seller dashboard is for members of a registered business.")


def can_manage_products(user, business: Business) -> Decision:
    """Create products for a business, import into it, export it."""
    return member_or_staff(user, business, _("Only members of this business may manage its products."))


def can_edit_product(user, product: Product) -> Decision:
    """Read the private side of a product (drafts, curation notes) and change, archive or photograph it."""
    return member_or_staff(
        user, product.business, _("Only members of this business may change its products.")
    )


def can_view_product(user, product: Product) -> Decision:
    """Public products for everyone; unpublished ones only for their sellers and staff (a preview)."""
    if product.is_public:
        return ALLOWED
    allowed, _reason = can_edit_product(user, product)
    if allowed:
        return ALLOWED
    return False, _("This product is not available.")


def can_import_for_any_seller(user) -> Decision:
    """The `seller` column of an import file is for staff, who load products for several businesses."""
    if is_staff(user):
        return ALLOWED
    return False, _("Only Disperindag staff may import products for other businesses.")


def can_curate(user) -> Decision:
    if not user.is_authenticated:
        return False, _("Log in first.")
    if is_staff(user):
        return ALLOWED
    return False, _("Curation is done by Disperindag staff.")


def can_view_storefront(user, storefront: Storefront) -> Decision:
    if storefront.is_public:
        return ALLOWED
    if user.is_authenticated and (is_staff(user) or membership_of(user, storefront.business)):
        return ALLOWED
    return False, _("This storefront is not open yet.")


def can_edit_storefront(user, storefront: Storefront) -> Decision:
    return member_or_staff(
        user, storefront.business, _("Only members of this business may edit its storefront.")
    )
