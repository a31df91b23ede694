"""Payment outcomes: paid (Stripe webhook or QRIS confirmation), needs a refund (paid for an order that can no
longer be fulfilled), released (failed, expired or cancelled). Refunds live in `refunds.py`.

Stock was moved from available to held when the order started; releasing gives it back, paying counts it in
`Product.sales_count`. Every transition locks the order row first and reads after, so concurrent webhooks,
confirmations and the expiry command cannot apply the same effect twice. Calls to Stripe happen outside any
transaction. The states and rules are written down in docs/payments.md.
"""

import hashlib
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.models import Product
from shop.orders.models import LedgerEntry, Order, PaymentEvent, SellerOrder
from shop.orders.notifications import notify_order, notify_seller_order
from shop.orders.services.refunds import (
    deferred_refunds_apply,
    order_lock,
    order_quantities,
    order_refund,  # noqa: F401 (moved to refunds.py; callers importing it from here keep working)
    order_refund_transferred,  # noqa: F401
    stripe_refund_record,
)
from shop.payments import stripe as stripe_gateway
from shop.seams import products_changed
from shop.stock import stock_release, stock_reserve

logger = logging.getLogger(__name__)

# What `order_cancel` did.
CANCELLED = "cancelled"
PAYMENT_PROCESSING = "payment processing"
NOT_PENDING = "not pending"


def _give_back(quantities: dict[int, int]) -> None:
    stock_release(quantities)
    products_changed.notify(product_ids=list(quantities))


def _take_again(quantities: dict[int, int]) -> bool:
    """Re-reserve stock for a payment that arrived after its order was cancelled; all or nothing."""
    with transaction.atomic():
        if stock_reserve(quantities):
            transaction.set_rollback(True)
            return False
    return True


@transaction.atomic
def _release(*, order: Order, reason: str) -> tuple[Order, bool]:
    """Cancel a pending order and give its stock back; (order, whether this call released it)."""
    order = order_lock(order)
    if order.status != Order.Status.PENDING_PAYMENT:
        return order, False
    _give_back(order_quantities(order))
    now = timezone.now()
    order.status = Order.Status.CANCELLED
    order.cancelled_at = now
    order.save(update_fields=["status", "cancelled_at"])
    order.seller_orders.update(status=SellerOrder.Status.CANCELLED, cancelled_at=now)
    logger.info("order %s released (%s)", order.reference, reason)
    notify_order(order=order, event="cancelled")
    return order, True


def order_release(*, order: Order, reason: str) -> Order:
    """A pending order whose payment failed, expired or was abandoned: stock goes back, order cancelled.
    Local only: it does not close the order's Stripe Checkout Session (`order_cancel` does)."""
    return _release(order=order, reason=reason)[0]


def order_cancel(*, order: Order, reason: str) -> tuple[Order, str]:
    """Cancel a pending order for good (the buyer gives up, or its reservation ran out). A card order's
    Checkout Session is expired at Stripe first, outside any transaction, so it can no longer be paid; if the
    buyer paid it first the order is left alone ("payment processing": its payment event is on its way).

    Returns (order, CANCELLED | PAYMENT_PROCESSING | NOT_PENDING). Raises PaymentGatewayError when Stripe
    cannot be reached (nothing changed: try again later).
    """
    if order.status != Order.Status.PENDING_PAYMENT:
        return order, NOT_PENDING
    if order.payment_method == Order.PaymentMethod.CARD and order.stripe_session_id:
        status = stripe_gateway.checkout_session_expire(session_id=order.stripe_session_id)
        if status == stripe_gateway.SESSION_COMPLETE:
            logger.info("order %s: not cancelled, its checkout session is complete", order.reference)
            return order, PAYMENT_PROCESSING
    order, released = _release(order=order, reason=reason)
    return order, CANCELLED if released else NOT_PENDING


def reservations_expire(*, now=None) -> int:
    """Cancel every pending order whose reservation ran out; run it from cron or the task worker. Returns how
    many orders THIS run released (overlapping runs each count only their own)."""
    now = now or timezone.now()
    count = 0
    expired = Order.objects.reservation_expired(now=now).only(
        "pk", "reference", "status", "payment_method", "stripe_session_id"
    )
    for order in expired:
        try:
            _order, outcome = order_cancel(order=order, reason="expired")
        except stripe_gateway.PaymentGatewayError:
            # Stripe unreachable: the order stays reserved and the next run tries again.
            logger.warning("order %s: checkout session not expired, Stripe unreachable", order.reference)
            continue
        count += outcome == CANCELLED
    return count


@transaction.atomic
def order_mark_paid(
    *, order: Order, payment_intent: str = "", confirmed_by=None, amount: int | None = None
) -> tuple[Order, str]:
    """Money arrived (`amount` rupiah; the order total when staff confirm QRIS). Commit the held stock, credit
    each seller's ledger, tell everyone. A cancelled order takes its stock again; if the stock is gone, the
    payment is recorded and the order needs a refund. Refund events that came first are applied after.
    Returns (order, outcome)."""
    order = order_lock(order)
    if order.status in (Order.Status.PAID, Order.Status.REFUNDED, Order.Status.NEEDS_REFUND):
        return order, "already paid"
    now = timezone.now()
    quantities = order_quantities(order)
    order.paid_at = now
    order.amount_received = order.total if amount is None else amount
    if payment_intent:
        order.stripe_payment_intent = payment_intent
    if confirmed_by is not None:
        order.payment_confirmed_by = confirmed_by
    fields = ["status", "paid_at", "amount_received", "stripe_payment_intent", "payment_confirmed_by"]
    if order.status == Order.Status.CANCELLED and not _take_again(quantities):
        # Paid after it was cancelled and the stock went to someone else: keep the money on record for staff
        # to refund (docs/payments.md); no sale, no ledger entry.
        logger.warning(
            "order %s paid after cancellation and the stock is gone: needs refund", order.reference
        )
        order.status = Order.Status.NEEDS_REFUND
        order.save(update_fields=fields)
        notify_order(order=order, event="needs_refund")
        deferred_refunds_apply(order=order)
        return order, "paid after cancellation, stock gone: needs refund"
    order.status = Order.Status.PAID
    order.cancelled_at = None
    order.save(update_fields=[*fields, "cancelled_at"])
    for product_id in sorted(quantities):
        Product.objects.filter(pk=product_id).update(sales_count=F("sales_count") + quantities[product_id])
    products_changed.notify(product_ids=list(quantities))
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
    # Staff confirming a QRIS transfer get their own words: the buyer may have waited for them.
    notify_order(order=order, event="qris_confirmed" if confirmed_by is not None else "paid")
    deferred_refunds_apply(order=order)
    return order, "paid"


def qris_payment_confirm(*, order: Order, by) -> Order:
    """Staff saw the QRIS transfer arrive in the platform's account. On a cancelled order whose stock is gone
    the payment is recorded and the order needs a refund (by bank transfer): check the returned status."""
    if order.payment_method != Order.PaymentMethod.QRIS:
        raise ValidationError(_("This order is not paid by QRIS."))
    if order.status not in (Order.Status.PENDING_PAYMENT, Order.Status.CANCELLED):
        raise ValidationError(_("This order is not waiting for payment."))
    order, _outcome = order_mark_paid(order=order, confirmed_by=by)
    return order


# --- Stripe webhook ----------------------------------------------------------------------------------------
class EventRejected(Exception):
    """A signed event we cannot use (malformed, wrong currency, missing or odd amount): stored REJECTED."""

    def __init__(self, reason: str, order: Order | None = None):
        super().__init__(reason)
        self.reason, self.order = reason, order


@dataclass
class Handled:
    order: Order | None
    outcome: str
    state: str = PaymentEvent.State.APPLIED
    payment_intent: str = ""
    keep_payload: bool = False


def _text(obj: dict, key: str, *, required: bool = False, order: Order | None = None) -> str:
    value = obj.get(key)
    if value is None or value == "":
        if required:
            raise EventRejected(f"{key} missing", order)
        return ""
    if not isinstance(value, str):
        raise EventRejected(f"{key} is not a string", order)
    return value


def _rupiah(obj: dict, key: str, *, order: Order | None = None) -> int:
    if obj.get(key) is None:
        raise EventRejected(f"{key} missing", order)
    try:
        return stripe_gateway.from_minor_unit(obj[key])
    except ValueError:
        raise EventRejected(f"{key} {obj[key]!r} is not a whole rupiah amount", order) from None


def _currency(obj: dict, *, order: Order | None = None) -> None:
    currency = _text(obj, "currency", order=order)
    if currency.lower() != stripe_gateway.CURRENCY:
        raise EventRejected(f"currency {currency or 'missing'}, expected {stripe_gateway.CURRENCY}", order)


def _payment_intent_lock(payment_intent: str) -> None:
    """Serialise the events of one payment intent until the transaction ends (a PostgreSQL advisory lock;
    SQLite runs one writing transaction at a time anyway). A refund event that arrives while its payment is
    being recorded then either sees the paid order or is deferred before the payment looks for deferred
    refunds — never neither. Taken before the order's row lock on both paths, so they cannot deadlock."""
    if connection.vendor != "postgresql" or not payment_intent:
        return
    digest = hashlib.blake2b(payment_intent.encode(), digest_size=8).digest()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(digest, "big", signed=True)])


def _order_for_session(session: dict) -> Order | None:
    metadata = session.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise EventRejected("metadata is not an object")
    reference = _text(session, "client_reference_id") or _text(metadata or {}, "order_reference")
    return Order.objects.filter(reference=reference).first() if reference else None


def _on_session_completed(session: dict, event_id: str) -> Handled:
    payment_status = _text(session, "payment_status")
    order = _order_for_session(session)
    if order is None:
        return Handled(None, "unknown order", PaymentEvent.State.IGNORED)
    if payment_status != "paid":
        # Asynchronous methods complete first and pay later (checkout.session.async_payment_succeeded).
        return Handled(order, "completed, payment pending", PaymentEvent.State.IGNORED)
    _currency(session, order=order)
    amount = _rupiah(session, "amount_total", order=order)
    if amount != order.total:
        raise EventRejected(f"amount mismatch: Rp {amount} paid, Rp {order.total} expected", order)
    payment_intent = _text(session, "payment_intent", required=True, order=order)
    _payment_intent_lock(payment_intent)
    order, outcome = order_mark_paid(order=order, payment_intent=payment_intent, amount=amount)
    return Handled(order, outcome, payment_intent=payment_intent)


def _on_session_failed(session: dict, event_id: str) -> Handled:
    order = _order_for_session(session)
    if order is None:
        return Handled(None, "unknown order", PaymentEvent.State.IGNORED)
    order, released = _release(order=order, reason="stripe session expired")
    if not released:
        return Handled(order, f"ignored: order is {order.status}", PaymentEvent.State.IGNORED)
    return Handled(order, "released")


def _on_charge_refunded(charge: dict, event_id: str) -> Handled:
    payment_intent = _text(charge, "payment_intent", required=True)
    _currency(charge)
    refunded = _rupiah(charge, "amount_refunded")
    _payment_intent_lock(payment_intent)
    found = Order.objects.filter(stripe_payment_intent=payment_intent).only("pk").first()
    if found is None:
        # The refund came before its payment (Stripe does not promise an order): kept until it lands.
        return Handled(
            None, "waiting for its payment", PaymentEvent.State.DEFERRED, payment_intent, keep_payload=True
        )
    order = order_lock(found)
    outcome = stripe_refund_record(order=order, refunded_total=refunded, event_id=event_id)
    return Handled(order, outcome, payment_intent=payment_intent)


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
    so a redelivery (even a concurrent one, which waits on the unique index) finds it and does nothing.

    A signed event we cannot use is stored REJECTED with its reason and payload, and answered like any other
    (200): Stripe retries non-2xx answers for days, and a malformed event never gets better
    (docs/payments.md).
    """
    event_id, kind = event.get("id"), event.get("type")
    if not event_id or not isinstance(event_id, str):
        return "no id"
    kind = kind if isinstance(kind, str) else ""
    try:
        with transaction.atomic():
            record = PaymentEvent.objects.create(event_id=event_id[:255], kind=kind[:80], outcome="received")
    except IntegrityError:
        return "duplicate"
    handler = HANDLERS.get(kind)
    if handler is None:
        record.state, record.outcome = PaymentEvent.State.IGNORED, "ignored"
        record.save(update_fields=["state", "outcome"])
        return "ignored"
    data = event.get("data")
    obj = data.get("object") if isinstance(data, dict) else None
    try:
        if not isinstance(obj, dict):
            raise EventRejected("data.object is not an object")
        with transaction.atomic():  # a rejection found midway leaves no partial effect behind
            handled = handler(obj, event_id)
    except EventRejected as rejected:
        logger.warning("Stripe event %s (%s) rejected: %s", event_id, kind, rejected.reason)
        record.state, record.order = PaymentEvent.State.REJECTED, rejected.order
        record.outcome = f"rejected: {rejected.reason}"[:120]
        record.payload = obj if obj is not None else event
        if isinstance(obj, dict) and isinstance(obj.get("payment_intent"), str):
            record.payment_intent = obj["payment_intent"][:255]
        record.save(update_fields=["state", "order", "outcome", "payload", "payment_intent"])
        return record.outcome
    record.order, record.state, record.outcome = handled.order, handled.state, handled.outcome[:120]
    record.payment_intent = handled.payment_intent[:255]
    record.payload = obj if handled.keep_payload else None
    record.save(update_fields=["order", "state", "outcome", "payment_intent", "payload"])
    return handled.outcome


@transaction.atomic
def stripe_payload_reject(*, body: bytes, reason: str) -> str:
    """A body signed by Stripe that is not an event object: stored REJECTED (once per body, keyed by its
    hash) for staff to read, like any other unusable event."""
    event_id = f"malformed-{hashlib.sha256(body).hexdigest()[:40]}"
    logger.warning("Stripe webhook %s rejected: %s", event_id, reason)
    _record, created = PaymentEvent.objects.get_or_create(
        event_id=event_id,
        defaults={
            "kind": "",
            "state": PaymentEvent.State.REJECTED,
            "outcome": f"rejected: {reason}"[:120],
            "payload": {"body": body[:20_000].decode("utf-8", errors="replace")},
        },
    )
    return f"rejected: {reason}"[:120] if created else "duplicate"
