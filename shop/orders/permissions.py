"""Who may see and change orders, seller orders, ledgers and payouts. Each function returns (allowed, reason).

Views answer 404 when a person may not even know an order exists (another buyer's, another seller's).
"""

from django.utils.translation import gettext as _

from adimarko.core.permissions import ALLOWED, Decision, is_staff, member_or_staff


def can_view_order(user, order) -> Decision:
    if not user.is_authenticated:
        return False, _("Log in first.")
    if order.buyer_id == user.pk or is_staff(user):
        return ALLOWED
    return False, _("This order belongs to someone else.")


def can_complete_order(user, order) -> Decision:
    """Confirm receipt or cancel an unpaid order: the buyer's own decisions."""
    if user.is_authenticated and order.buyer_id == user.pk:
        return ALLOWED
    return False, _("Only the buyer can do this.")


def can_manage_seller_order(user, seller_order) -> Decision:
    """See and fulfil one seller's part of an order: members of that business, and staff."""
    return member_or_staff(user, seller_order.business, _("Only the seller of this order may see it."))


def can_view_ledger(user, business) -> Decision:
    return member_or_staff(user, business, _("Only members of this business may see its balance."))


def can_handle_payments(user) -> Decision:
    """Confirm QRIS transfers, refund orders, run payout batches: Disperindag staff."""
    if is_staff(user):
        return ALLOWED
    return False, _("Only Disperindag staff may do this.")


def can_view_payment_proof(user, order) -> Decision:
    """The photo of a QRIS transfer a buyer uploaded: the buyer and staff only (not the sellers)."""
    if not user.is_authenticated:
        return False, _("Log in first.")
    if order.buyer_id == user.pk or is_staff(user):
        return ALLOWED
    return False, _("Only the buyer and Disperindag staff may see the proof of payment.")
