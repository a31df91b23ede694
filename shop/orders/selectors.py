"""Reads of the orders app: carts grouped by seller, order lists, balances."""

from django.db.models import F, Prefetch, Sum

from adimarko.core.models import Business
from shop.orders.models import (
    CartItem,
    LedgerEntry,
    Order,
    PaymentEvent,
    PayoutBatch,
    QrisAccount,
    SellerOrder,
)
from shop.payments import stripe as stripe_gateway
from shop.selectors import with_thumbnails


def cart_items(*, cart) -> list[CartItem]:
    """The cart's lines grouped by seller, each with its product, seller and the product's thumbnail."""
    if cart is None or cart.pk is None:
        return []
    items = list(cart.items.select_related("product__business").order_by("product__business__name", "pk"))
    with_thumbnails([item.product for item in items])
    return items


def cart_unit_count(*, user=None, cart_id=None) -> int:
    """Units in a signed-in buyer's cart (`user`) or in an anonymous cart (`cart_id` from the session), in
    one query; no query at all without either."""
    if user is not None and user.is_authenticated:
        items = CartItem.objects.filter(cart__user=user)
    elif isinstance(cart_id, int):
        items = CartItem.objects.filter(cart_id=cart_id, cart__user__isnull=True)
    else:
        return 0
    return items.aggregate(units=Sum("quantity"))["units"] or 0


def payment_methods_available() -> list[str]:
    """The payment methods that can work right now, in the order checkout shows them: card only when Stripe
    is configured, QRIS only when the platform has an active QRIS account."""
    methods = []
    if stripe_gateway.is_configured():
        methods.append(Order.PaymentMethod.CARD)
    if QrisAccount.objects.filter(is_active=True).exists():
        methods.append(Order.PaymentMethod.QRIS)
    return methods


def orders_for_buyer(*, user):
    return Order.objects.for_buyer(user).with_parts()


def order_detail_queryset():
    return Order.objects.with_parts()


def seller_orders_for_member(*, user, status: str = ""):
    queryset = SellerOrder.objects.for_member(user).with_details().distinct()
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def seller_businesses(*, user):
    if not user.is_authenticated:
        return Business.objects.none()
    return Business.objects.for_member(user).order_by("name")


def ledger_balance(*, business) -> int:
    return LedgerEntry.objects.filter(business=business).aggregate(total=Sum("amount"))["total"] or 0


def ledger_entries(*, business):
    return LedgerEntry.objects.filter(business=business).select_related("seller_order__order", "payout")


def staff_orders(*, status: str = "", method: str = ""):
    queryset = Order.objects.select_related("buyer", "payment_claim").prefetch_related(
        Prefetch("seller_orders", queryset=SellerOrder.objects.select_related("business"))
    )
    if status:
        queryset = queryset.filter(status=status)
    if method:
        queryset = queryset.filter(payment_method=method)
    return queryset


def qris_payments_to_confirm(*, limit: int = 100):
    """QRIS orders waiting for staff to see the transfer: those whose buyer says they paid first (oldest claim
    first), then the others, oldest first. Bounded by the reservations (docs/payments.md)."""
    return list(
        Order.objects.filter(status=Order.Status.PENDING_PAYMENT, payment_method=Order.PaymentMethod.QRIS)
        .select_related("buyer", "payment_claim")
        .order_by(F("payment_claim__claimed_at").asc(nulls_last=True), "created_at", "pk")[:limit]
    )


def orders_needing_refund():
    """Money that arrived for orders that can no longer be fulfilled: staff refund it (docs/payments.md)."""
    return (
        Order.objects.filter(status=Order.Status.NEEDS_REFUND)
        .select_related("buyer")
        .order_by("paid_at", "pk")
    )


def payment_events_to_follow_up():
    """Signed Stripe events we could not use (rejected) or keep for later (a refund before its payment)."""
    return PaymentEvent.objects.filter(
        state__in=[PaymentEvent.State.REJECTED, PaymentEvent.State.DEFERRED]
    ).select_related("order")


def payout_batches():
    return PayoutBatch.objects.select_related("created_by")


def payout_rows(*, batch) -> list[dict]:
    """One row per seller in a batch, with the bank account to transfer to."""
    rows = []
    entries = batch.entries.select_related("business__bank_account").order_by("business__name")
    for entry in entries:
        account = getattr(entry.business, "bank_account", None)
        rows.append(
            {
                "business": entry.business,
                "amount": -entry.amount,
                "bank_name": account.bank_name if account else "",
                "account_number": account.account_number if account else "",
                "account_holder": account.account_holder if account else "",
            }
        )
    return rows
