"""The buyer's "I have paid" on a QRIS order: a `PaymentClaim`, at most one per order, optionally with a
photo of the transfer. It puts the order first in staff's QRIS confirmation queue; only staff's confirmation
(`qris_payment_confirm`) makes the order paid."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.orders.models import Order, PaymentClaim
from shop.orders.services.refunds import order_lock

# A buyer who says they paid keeps their items held at least this long, so the reservation does not run out
# while staff look for the transfer (docs/payments.md).
CLAIM_HOLD = timedelta(hours=24)


@transaction.atomic
def payment_claim_create(*, order: Order, proof=None, now=None) -> tuple[PaymentClaim, bool]:
    """Record that the buyer says they paid `order` by QRIS; returns (claim, created).

    Pressing twice makes one claim: the second press only adds a photo when the first had none. A claim on an
    order that is no longer waiting for payment is refused (ValidationError, code "already_paid" or
    "not_pending"). The stock stays held at least `CLAIM_HOLD` from now."""
    order = order_lock(order)
    if order.payment_method != Order.PaymentMethod.QRIS:
        raise ValidationError(_("This order is not paid by QRIS."), code="not_qris")
    if order.status in (Order.Status.PAID, Order.Status.REFUNDED, Order.Status.NEEDS_REFUND):
        raise ValidationError(
            _("The payment of this order is already confirmed. Thank you!"), code="already_paid"
        )
    if order.status != Order.Status.PENDING_PAYMENT:
        raise ValidationError(
            _(
                "This order is cancelled and can no longer be paid. If you did transfer money for it, "
                "contact Disperindag staff."
            ),
            code="not_pending",
        )
    claim = PaymentClaim.objects.filter(order=order).first()
    if claim is not None:
        if proof and not claim.proof:
            claim.proof = proof
            claim.full_clean(exclude=["order"])
            claim.save(update_fields=["proof"])
        return claim, False
    claim = PaymentClaim(order=order, proof=proof or "")
    claim.full_clean(exclude=["order"], validate_unique=False)  # the order's row lock makes it unique
    claim.save()
    hold_until = (now or timezone.now()) + CLAIM_HOLD
    if order.reserved_until < hold_until:
        order.reserved_until = hold_until
        order.save(update_fields=["reserved_until"])
    return claim, True
