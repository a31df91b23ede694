"""Payment outcomes: paid (Stripe webhook or QRIS confirmation), released (failed/expired), refunded.

Stock was taken from `Product.stock` when the order started; releasing gives it back, paying counts it in
`Product.sales_count`. Every transition locks the order row first, so concurrent webhooks, confirmations and
the expiry command cannot apply the same effect twice.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from search.indexing import schedule_product_sync
from shop.models import Product
from shop.orders.models import LedgerEntry, Order, OrderLine, PaymentEvent, SellerOrder
from shop.orders.notifications import notify_order, notify_seller_order
from shop.stock import stock_release, stock_reserve
from shop.payments import stripe as stripe_gateway

logger = logging.getLogger(__name__)

REFUNDABLE = tuple(SellerOrder.Status.paid_and_standing())


def _lock(order: Order) -> Order:
    return Order.objects.select_for_update().get(pk=order.pk)


def _quantities(order: Order, seller_orders=None) -> dict[int, int]:
    lines = OrderLine.objects.filter(seller_order__order=order)
    if seller_orders is not None:
        lines = lines.filter(seller_order__in=seller_orders)
    quantities: dict[int, int] = {}
    for product_id, quantity in lines.values_list("product_id", "quantity"):
        quantities[product_id] = quantities.get(product_id, 0) + quantity
    return quantities


def _give_back(quantities: dict[int, int]) -> None:
    stock_release(quantities)
    schedule_product_sync(product_ids=list(quantities))


def _take_again(quantities: dict[int, int]) -> bool:
    """Re-reserve stock for a payment that arrived after its reservation lapsed; all or nothing."""
    with transaction.atomic():
        if stock_reserve(quantities):
            transaction.set_rollback(True)
            return False
    return True


@transaction.atomic
def order_release(*, order: Order, reason: str) -> Order:
    """A pending order whose payment failed, expired or was abandoned: stock goes back, order cancelled."""
    order = _lock(order)
    if order.status != Order.Status.PENDING_PAYMENT:
        return order
    _give_back(_quantities(order))
    now = timezone.now()
    order.status = Order.Status.CANCELLED
    order.cancelled_at = now
    order.save(update_fields=["status", "cancelled_at"])
    order.seller_orders.update(status=SellerOrder.Status.CANCELLED, cancelled_at=now)
    logger.info("order %s released (%s)", order.reference, reason)
    notify_order(order=order, event="cancelled")
    return order


def reservations_expire(*, now=None) -> int:
    """Release every pending order whose reservation ran out; run it from cron or the task worker."""
    now = now or timezone.now()
    count = 0
    for order in Order.objects.reservation_expired(now=now).only("pk"):
        released = order_release(order=order, reason="expired")
        count += released.status == Order.Status.CANCELLED and released.cancelled_at is not None
    return count


@transaction.atomic
def order_mark_paid(*, order: Order, payment_intent: str = "", confirmed_by=None) -> tuple[Order, str]:
    """Commit the reserved stock, credit each seller's ledger, tell everyone. Returns (order, outcome)."""
    order = _lock(order)
    if order.status in (Order.Status.PAID, Order.Status.REFUNDED):
        return order, "already paid"
    quantities = _quantities(order)
    # Paid after the reservation lapsed: keep the sale only if the stock is still there.
    if order.status == Order.Status.CANCELLED and not _take_again(quantities):
        logger.error("order %s paid after expiry and stock is gone: refund it", order.reference)
        return order, "paid after expiry, stock gone; needs refund"
    now = timezone.now()
    order.status = Order.Status.PAID
    order.paid_at = now
    order.cancelled_at = None
    if payment_intent:
        order.stripe_payment_intent = payment_intent
    if confirmed_by is not None:
        order.payment_confirmed_by = confirmed_by
    order.save(
        update_fields=["status", "paid_at", "cancelled_at", "stripe_payment_intent", "payment_confirmed_by"]
    )
    for product_id in sorted(quantities):
        Product.objects.filter(pk=product_id).update(sales_count=F("sales_count") + quantities[product_id])
    schedule_product_sync(product_ids=list(quantities))
    seller_orders = list(order.seller_orders.select_related("business"))
    for seller_order in seller_orders:
        seller_order.status = SellerOrder.Status.PAID
        seller_order.paid_at = now
        seller_order.cancelled_at = None
        seller_order.save(update_fields=["status", "paid_at", "cancelled_at"])
        entry = LedgerEntry(
            business=seller_order.business,
            kind=LedgerEntry.Kind.SALE,
            amount=seller_order.seller_amount,
            seller_order=seller_order,
            description=_("Order %(reference)s") % {"reference": order.reference},
        )
        entry.full_clean()
        entry.save()
        notify_seller_order(seller_order=seller_order, event="paid")
    notify_order(order=order, event="paid")
    return order, "paid"


def qris_payment_confirm(*, order: Order, by) -> Order:
    """Staff saw the QRIS transfer arrive in the platform's account."""
    if order.payment_method != Order.PaymentMethod.QRIS:
        raise ValidationError(_("This order is not paid by QRIS."))
    if order.status not in (Order.Status.PENDING_PAYMENT, Order.Status.CANCELLED):
        raise ValidationError(_("This order is not waiting for payment."))
    order, outcome = order_mark_paid(order=order, confirmed_by=by)
    if order.status != Order.Status.PAID:
        raise ValidationError(_("The stock of this order has been sold in the meantime; refund the buyer."))
    return order


@transaction.atomic
def _refund_locally(*, order: Order, seller_orders: list[SellerOrder]) -> Order:
    now = timezone.now()
    unshipped = [
        so for so in seller_orders if so.status in (SellerOrder.Status.PAID, SellerOrder.Status.PROCESSING)
    ]
    quantities = _quantities(order, seller_orders)
    for product_id in sorted(quantities):
        Product.objects.filter(pk=product_id).update(sales_count=F("sales_count") - quantities[product_id])
    if unshipped:
        # Goods still on the seller's shelf go back on sale.
        _give_back(_quantities(order, unshipped))
    schedule_product_sync(product_ids=list(quantities))
    for seller_order in seller_orders:
        seller_order.status = SellerOrder.Status.REFUNDED
        seller_order.refunded_at = now
        seller_order.save(update_fields=["status", "refunded_at"])
        entry = LedgerEntry(
            business_id=seller_order.business_id,
            kind=LedgerEntry.Kind.REFUND,
            amount=-seller_order.seller_amount,
            seller_order=seller_order,
            description=_("Refund of order %(reference)s") % {"reference": order.reference},
        )
        entry.full_clean()
        entry.save()
        notify_seller_order(seller_order=seller_order, event="refunded")
    if not order.seller_orders.exclude(status=SellerOrder.Status.REFUNDED).exists():
        order.status = Order.Status.REFUNDED
        order.save(update_fields=["status"])
    notify_order(order=order, event="refunded")
    return order


def order_refund(*, order: Order, seller_order: SellerOrder | None = None, by=None) -> Order:
    """Refund the whole order or one seller's part. Card payments are refunded through Stripe first (its
    idempotency key is our seller-order id, so a retry after a failure here never refunds twice)."""
    targets = [seller_order] if seller_order is not None else list(order.seller_orders.all())
    targets = [so for so in targets if so.status in REFUNDABLE]
    if order.status != Order.Status.PAID or not targets:
        raise ValidationError(_("There is nothing to refund on this order."))
    if order.payment_method == Order.PaymentMethod.CARD and order.stripe_payment_intent:
        for target in targets:
            stripe_gateway.refund_create(
                payment_intent=order.stripe_payment_intent,
                amount_idr=target.total,
                reference=f"{order.reference}-{target.pk}",
            )
    with transaction.atomic():
        order = _lock(order)
        targets = list(
            order.seller_orders.select_for_update().filter(
                pk__in=[t.pk for t in targets], status__in=REFUNDABLE
            )
        )
        if not targets:
            return order
        return _refund_locally(order=order, seller_orders=targets)


# --- Stripe webhook ----------------------------------------------------------------------------------------
def _order_for_session(session: dict) -> Order | None:
    reference = session.get("client_reference_id") or (session.get("metadata") or {}).get("order_reference")
    return Order.objects.filter(reference=reference).first() if reference else None


def _on_session_completed(session: dict) -> tuple[Order | None, str]:
    order = _order_for_session(session)
    if order is None:
        return None, "unknown order"
    if session.get("payment_status") != "paid":
        # Asynchronous methods complete first and pay later (checkout.session.async_payment_succeeded).
        return order, "completed, payment pending"
    if (
        session.get("amount_total") is not None
        and stripe_gateway.from_minor_unit(session["amount_total"]) != order.total
    ):
        logger.error("order %s: Stripe total %s does not match", order.reference, session["amount_total"])
        return order, "amount mismatch"
    order, outcome = order_mark_paid(order=order, payment_intent=session.get("payment_intent") or "")
    return order, outcome


def _on_session_failed(session: dict) -> tuple[Order | None, str]:
    order = _order_for_session(session)
    if order is None:
        return None, "unknown order"
    if order.status != Order.Status.PENDING_PAYMENT:
        return order, f"ignored: order is {order.status}"
    return order_release(order=order, reason="stripe session expired"), "released"


def _on_charge_refunded(charge: dict) -> tuple[Order | None, str]:
    order = Order.objects.filter(stripe_payment_intent=charge.get("payment_intent") or "-").first()
    if order is None:
        return None, "unknown order"
    refunded = stripe_gateway.from_minor_unit(charge.get("amount_refunded") or 0)
    if refunded < order.total or order.status != Order.Status.PAID:
        return order, "nothing to do (refund recorded by us, or partial)"
    rest = list(order.seller_orders.filter(status__in=REFUNDABLE))
    if not rest:
        return order, "already refunded"
    with transaction.atomic():
        _refund_locally(order=_lock(order), seller_orders=rest)
    return order, "refunded in Stripe dashboard"


HANDLERS = {
    "checkout.session.completed": _on_session_completed,
    "checkout.session.async_payment_succeeded": _on_session_completed,
    "checkout.session.expired": _on_session_failed,
    "checkout.session.async_payment_failed": _on_session_failed,
    "charge.refunded": _on_charge_refunded,
}


@transaction.atomic
def stripe_event_handle(*, event: dict) -> str:
    """Apply one verified Stripe event exactly once: its id is recorded in the same transaction as its effect,
    so a redelivery (even a concurrent one, which waits on the unique index) finds it and does nothing."""
    event_id, kind = event.get("id"), event.get("type", "")
    if not event_id:
        return "no id"
    try:
        with transaction.atomic():
            record = PaymentEvent.objects.create(event_id=event_id, kind=kind[:80], outcome="received")
    except IntegrityError:
        return "duplicate"
    handler = HANDLERS.get(kind)
    if handler is None:
        record.outcome = "ignored"
        record.save(update_fields=["outcome"])
        return "ignored"
    order, outcome = handler((event.get("data") or {}).get("object") or {})
    record.order = order
    record.outcome = outcome[:120]
    record.save(update_fields=["order", "outcome"])
    return outcome
