"""Refunds: asked for by staff (through Stripe for card payments, by bank transfer for QRIS) or made in the
Stripe dashboard (learnt from `charge.refunded`), and how a refund is shared across an order's seller parts.

Every path locks the order row first and only then reads its status, its parts and its refunds, so a staff
refund and Stripe's event for it (or for a dashboard refund) are applied one after the other and never twice.
A staff refund is recorded as REQUESTED under that lock BEFORE Stripe is called: the event Stripe sends for it
then finds it and knows the money is already accounted for. The rules are written down in docs/payments.md.
"""

import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.models import Product
from shop.orders.models import LedgerEntry, Order, OrderLine, PaymentEvent, Refund, SellerOrder
from shop.orders.notifications import notify_order, notify_seller_order
from shop.payments import stripe as stripe_gateway
from shop.seams import products_changed
from shop.stock import stock_release

logger = logging.getLogger(__name__)

REFUNDABLE = tuple(SellerOrder.Status.paid_and_standing())
UNSHIPPED = (SellerOrder.Status.PAID, SellerOrder.Status.PROCESSING)
# Refunds that count as money already given back (or on its way): what a Stripe event is compared with.
COUNTED = (Refund.Status.REQUESTED, Refund.Status.SUCCEEDED)
# A staff refund still REQUESTED after this long crashed between Stripe and us: a new click retries it with
# the same idempotency key (Stripe answers with the refund it already made, it does not refund twice).
STALE_REQUEST = timedelta(minutes=5)


def order_lock(order: Order) -> Order:
    return Order.objects.select_for_update().get(pk=order.pk)


def order_quantities(order: Order, seller_orders=None) -> dict[int, int]:
    lines = OrderLine.objects.filter(seller_order__order=order)
    if seller_orders is not None:
        lines = lines.filter(seller_order__in=seller_orders)
    quantities: dict[int, int] = {}
    for product_id, quantity in lines.values_list("product_id", "quantity"):
        quantities[product_id] = quantities.get(product_id, 0) + quantity
    return quantities


# --- The sharing rule ---------------------------------------------------------------------------------------
def refund_shares(*, amount: int, held: dict[int, int]) -> dict[int, int]:
    """Share `amount` across seller parts in proportion to what each still holds ({part id: rupiah not yet
    refunded}), largest remainder first (ties: lower id), so the shares add up to `amount` exactly and no part
    gets more than it holds. Refunding everything that is held gives every part exactly what it holds."""
    total_held = sum(held.values())
    if amount < 0 or amount > total_held:
        raise ValueError(f"cannot share {amount} across parts holding {total_held}")
    if not amount:
        return dict.fromkeys(held, 0)
    shares = {pk: amount * rest // total_held for pk, rest in held.items()}
    left = amount - sum(shares.values())
    by_remainder = sorted(held, key=lambda pk: (-(amount * held[pk] % total_held), pk))
    for pk in by_remainder[:left]:
        shares[pk] += 1
    return shares


def seller_debit(*, seller_order: SellerOrder, refunded: int) -> int:
    """What a seller gives back when `refunded` rupiah of their part went back to the buyer: the same
    fraction of what they were credited, rounded down, computed on the cumulative amount so a full refund
    debits exactly `seller_amount` whatever the partial refunds before it."""
    if not seller_order.total:
        return 0
    return refunded * seller_order.seller_amount // seller_order.total


def _pending_by_part(order: Order) -> dict[int, int]:
    """Staff refunds of one part still on their way to Stripe: their money is not the dashboard's to share."""
    rows = order.refunds.filter(status=Refund.Status.REQUESTED, seller_order__isnull=False)
    pending: dict[int, int] = {}
    for part_id, amount in rows.values_list("seller_order_id", "amount"):
        pending[part_id] = pending.get(part_id, 0) + amount
    return pending


def _standing_parts(order: Order) -> list[SellerOrder]:
    return list(
        order.seller_orders.select_for_update()
        .select_related("business")
        .filter(status__in=REFUNDABLE)
        .order_by("pk")
    )


def _still_held(order: Order) -> int:
    """Rupiah of this (locked) order that can still be refunded and are not already being refunded."""
    if order.status == Order.Status.NEEDS_REFUND:
        pending = order.refunds.filter(status=Refund.Status.REQUESTED).aggregate(s=Sum("amount"))["s"] or 0
        return (order.amount_received or order.total) - order.amount_refunded - pending
    if order.status != Order.Status.PAID:
        return 0
    pending = _pending_by_part(order)
    return sum(max(p.total - p.amount_refunded - pending.get(p.pk, 0), 0) for p in _standing_parts(order))


def _refund_event(in_full: bool) -> str:
    return "refunded" if in_full else "refund_partial"


def _apply(*, order: Order, refund: Refund) -> Order:
    """Give a SUCCEEDED refund its effects; the caller holds the order lock."""
    now = timezone.now()
    fields = ["amount_refunded"]
    order.amount_refunded += refund.amount
    if order.status == Order.Status.NEEDS_REFUND:
        # Nothing was sold: no seller was credited, no stock is held. Only the money goes back.
        if order.amount_refunded >= (order.amount_received or order.total):
            order.status, order.refunded_at = Order.Status.REFUNDED, now
            fields += ["status", "refunded_at"]
        order.save(update_fields=fields)
        notify_order(order=order, event=_refund_event(order.status == Order.Status.REFUNDED))
        return order
    parts = _standing_parts(order)
    if refund.seller_order_id:
        parts = [part for part in parts if part.pk == refund.seller_order_id]
        held = {part.pk: part.total - part.amount_refunded for part in parts}
    else:
        pending = _pending_by_part(order)
        held = {
            part.pk: max(part.total - part.amount_refunded - pending.get(part.pk, 0), 0) for part in parts
        }
    shares = refund_shares(amount=refund.amount, held=held)
    refunded_in_full = []
    for part in parts:
        share = shares.get(part.pk, 0)
        if not share:
            continue
        before = seller_debit(seller_order=part, refunded=part.amount_refunded)
        part.amount_refunded += share
        part_fields = ["amount_refunded"]
        if part.amount_refunded >= part.total:
            refunded_in_full.append((part, part.status in UNSHIPPED))
            part.status, part.refunded_at = SellerOrder.Status.REFUNDED, now
            part_fields += ["status", "refunded_at"]
        part.save(update_fields=part_fields)
        entry = LedgerEntry(
            business_id=part.business_id,
            kind=LedgerEntry.Kind.REFUND,
            amount=-(seller_debit(seller_order=part, refunded=part.amount_refunded) - before),
            seller_order=part,
            refund=refund,
            description=_("Refund of order %(reference)s") % {"reference": order.reference},
        )
        entry.full_clean(exclude=["business", "seller_order", "payout", "refund"])
        entry.save()
        notify_seller_order(
            seller_order=part,
            event=_refund_event(part.status == SellerOrder.Status.REFUNDED),
        )
    if refunded_in_full:
        # A part refunded in full is no longer a sale; its goods still on the seller's shelf go back on sale.
        quantities = order_quantities(order, [part for part, _unshipped in refunded_in_full])
        for product_id in sorted(quantities):
            Product.objects.filter(pk=product_id).update(
                sales_count=F("sales_count") - quantities[product_id]
            )
        unshipped = [part for part, was_unshipped in refunded_in_full if was_unshipped]
        if unshipped:
            stock_release(order_quantities(order, unshipped))
        products_changed.notify(product_ids=list(quantities))
    if not order.seller_orders.filter(status__in=REFUNDABLE).exists():
        order.status, order.refunded_at = Order.Status.REFUNDED, now
        fields += ["status", "refunded_at"]
    order.save(update_fields=fields)
    notify_order(order=order, event=_refund_event(order.status == Order.Status.REFUNDED))
    return order


def _next_key(order: Order) -> str:
    """An idempotency key derived from our ids (the order and the refund's number on it); unique because it is
    made under the order lock."""
    return f"adimarko-refund-{order.pk}-{order.refunds.count() + 1}"


# --- Staff refunds ------------------------------------------------------------------------------------------
@transaction.atomic
def _refund_request(*, order: Order, seller_order: SellerOrder | None, by) -> Refund:
    order = order_lock(order)
    if order.status == Order.Status.NEEDS_REFUND:
        if seller_order is not None:
            raise ValidationError(_("This payment is refunded as a whole."))
        if order.payment_method != Order.PaymentMethod.CARD or not order.stripe_payment_intent:
            raise ValidationError(
                _("This payment did not come through Stripe: transfer it back, then mark the order refunded.")
            )
        amount = (order.amount_received or order.total) - order.amount_refunded
    elif order.status == Order.Status.PAID:
        parts = _standing_parts(order)
        if seller_order is not None:
            parts = [part for part in parts if part.pk == seller_order.pk]
        amount = sum(part.total - part.amount_refunded for part in parts)
    else:
        amount = 0
    pending = order.refunds.filter(status=Refund.Status.REQUESTED).first()
    if pending is not None:
        if pending.created_at > timezone.now() - STALE_REQUEST:
            raise ValidationError(
                _("A refund of this order is already on its way; wait a minute and reload.")
            )
        return pending  # an attempt that never finished: retried with its own idempotency key
    if amount <= 0:
        raise ValidationError(_("There is nothing to refund on this order."))
    card = order.payment_method == Order.PaymentMethod.CARD and bool(order.stripe_payment_intent)
    refund = Refund(
        order=order,
        seller_order=seller_order,
        amount=amount,
        source=Refund.Source.STAFF,
        status=Refund.Status.REQUESTED if card else Refund.Status.SUCCEEDED,
        idempotency_key=_next_key(order),
        requested_by=by,
        completed_at=None if card else timezone.now(),
    )
    refund.full_clean(exclude=["order", "seller_order", "requested_by"], validate_unique=False)
    refund.save()
    if not card:
        # QRIS: staff transfer the money back by bank; the refund takes effect at once.
        _apply(order=order, refund=refund)
    return refund


@transaction.atomic
def _refund_finish(*, refund: Refund, stripe_refund_id: str = "", failed: bool = False) -> Order:
    order = order_lock(refund.order)
    refund = Refund.objects.select_for_update().get(pk=refund.pk)
    if refund.status != Refund.Status.REQUESTED:
        return order
    refund.completed_at = timezone.now()
    if failed:
        refund.status = Refund.Status.FAILED
        refund.save(update_fields=["status", "completed_at"])
        return order
    refund.status, refund.stripe_refund_id = Refund.Status.SUCCEEDED, stripe_refund_id
    refund.save(update_fields=["status", "stripe_refund_id", "completed_at"])
    return _apply(order=order, refund=refund)


def order_refund(*, order: Order, seller_order: SellerOrder | None = None, by=None) -> Order:
    """Refund what is left of an order (or of one seller's part), or a payment that needs a refund — one
    click by staff. Card payments: a REQUESTED refund is recorded first, then Stripe is called outside any
    transaction (a network call must not hold the order's lock), then it is marked SUCCEEDED and applied, or
    FAILED with nothing else changed (PaymentGatewayError is raised again). QRIS: staff transfer the money by
    bank and the refund applies at once."""
    refund = _refund_request(order=order, seller_order=seller_order, by=by)
    if refund.status == Refund.Status.SUCCEEDED:
        return Order.objects.get(pk=order.pk)
    try:
        stripe_refund_id = stripe_gateway.refund_create(
            payment_intent=refund.order.stripe_payment_intent,
            amount_idr=refund.amount,
            idempotency_key=refund.idempotency_key,
        )
    except stripe_gateway.PaymentGatewayError:
        logger.exception("order %s: Stripe refused refund %s", refund.order.reference, refund.pk)
        _refund_finish(refund=refund, failed=True)
        raise
    return _refund_finish(refund=refund, stripe_refund_id=stripe_refund_id)


@transaction.atomic
def order_refund_transferred(*, order: Order, by) -> Order:
    """A QRIS payment that needed a refund: staff transferred it back to the buyer's bank account."""
    order = order_lock(order)
    if order.status != Order.Status.NEEDS_REFUND or order.payment_method != Order.PaymentMethod.QRIS:
        raise ValidationError(_("Only a QRIS payment that needs a refund can be marked as transferred back."))
    amount = (order.amount_received or order.total) - order.amount_refunded
    refund = Refund(
        order=order,
        amount=amount,
        source=Refund.Source.STAFF,
        status=Refund.Status.SUCCEEDED,
        idempotency_key=_next_key(order),
        requested_by=by,
        completed_at=timezone.now(),
    )
    refund.full_clean(exclude=["order", "seller_order", "requested_by"], validate_unique=False)
    refund.save()
    return _apply(order=order, refund=refund)


# --- Refunds learnt from Stripe --------------------------------------------------------------------------
def stripe_refund_record(*, order: Order, refunded_total: int, event_id: str) -> str:
    """Stripe says `refunded_total` rupiah of this order's charge went back (cumulative). The caller holds the
    order lock. Whatever our own refunds (REQUESTED or SUCCEEDED) do not explain was made in the dashboard: it
    is recorded as a Stripe refund and applied."""
    known = order.refunds.filter(status__in=COUNTED).aggregate(total=Sum("amount"))["total"] or 0
    new = refunded_total - known
    if new <= 0:
        return "refund already recorded"
    held = _still_held(order)
    if held <= 0:
        logger.error("order %s: Stripe refunded %s more than we hold", order.reference, new)
        return f"ignored: nothing left to refund on an order that is {order.status}"
    if new > held:
        logger.error("order %s: Stripe refunded %s, only %s left to refund", order.reference, new, held)
        new = held
    refund = Refund(
        order=order,
        amount=new,
        source=Refund.Source.STRIPE,
        status=Refund.Status.SUCCEEDED,
        idempotency_key=f"stripe-{event_id}"[:120],
        completed_at=timezone.now(),
    )
    refund.full_clean(exclude=["order", "seller_order", "requested_by"], validate_unique=False)
    refund.save()
    order = _apply(order=order, refund=refund)
    if order.status == Order.Status.REFUNDED:
        return "refunded in Stripe dashboard"
    return "partly refunded in Stripe dashboard"


def deferred_refunds_apply(*, order: Order) -> int:
    """Refund events that arrived before this order's payment: applied now that it landed (the caller holds
    the order lock and has just marked it paid or needing a refund). Returns how many were applied."""
    if not order.stripe_payment_intent:
        return 0
    events = PaymentEvent.objects.select_for_update().filter(
        state=PaymentEvent.State.DEFERRED, payment_intent=order.stripe_payment_intent
    )
    count = 0
    for event in sorted(events, key=lambda e: (e.payload["amount_refunded"], e.received_at, e.pk)):
        refunded = stripe_gateway.from_minor_unit(event.payload["amount_refunded"])
        outcome = stripe_refund_record(order=order, refunded_total=refunded, event_id=event.event_id)
        event.state, event.order, event.outcome = (
            PaymentEvent.State.APPLIED,
            order,
            f"after payment: {outcome}",
        )
        event.save(update_fields=["state", "order", "outcome"])
        count += 1
    return count
