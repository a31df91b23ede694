"""Fulfilment: paid → processing → shipped (courier, tracking number) → delivered → completed (buyer)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.orders.models import SellerOrder
from shop.orders.notifications import notify_seller_order
from shop.stock import stock_ship

S = SellerOrder.Status
# target status -> statuses it may be reached from
TRANSITIONS = {
    S.PROCESSING: (S.PAID,),
    S.SHIPPED: (S.PAID, S.PROCESSING),
    S.DELIVERED: (S.SHIPPED,),
    S.COMPLETED: (S.DELIVERED,),
}
TIMESTAMPS = {
    S.PROCESSING: "processing_at",
    S.SHIPPED: "shipped_at",
    S.DELIVERED: "delivered_at",
    S.COMPLETED: "completed_at",
}


@transaction.atomic
def seller_order_advance(
    *, seller_order: SellerOrder, status: str, courier: str = "", tracking_number: str = ""
) -> SellerOrder:
    seller_order = SellerOrder.objects.select_for_update().get(pk=seller_order.pk)
    if status not in TRANSITIONS:
        raise ValidationError(_("This step is not possible."))
    if seller_order.status not in TRANSITIONS[status]:
        raise ValidationError(
            _("This order is %(current)s and cannot become %(target)s.")
            % {"current": seller_order.get_status_display(), "target": S(status).label}
        )
    fields = ["status", TIMESTAMPS[status]]
    if status == S.SHIPPED:
        errors = {}
        if courier not in SellerOrder.Courier.values:
            errors["courier"] = _("Choose the courier.")
        tracking_number = (tracking_number or "").strip().upper()
        if not (5 <= len(tracking_number) <= 40) or not tracking_number.replace("-", "").isalnum():
            errors["tracking_number"] = _("Enter the tracking number (receipt number) from the courier.")
        if errors:
            raise ValidationError(errors)
        seller_order.courier = courier
        seller_order.tracking_number = tracking_number
        fields += ["courier", "tracking_number"]
    seller_order.status = status
    setattr(seller_order, TIMESTAMPS[status], timezone.now())
    seller_order.full_clean()
    seller_order.save(update_fields=fields)
    if status == S.SHIPPED:
        # The parcel left: its units are no longer held on the seller's shelf.
        quantities: dict[int, int] = {}
        for product_id, quantity in seller_order.lines.values_list("product_id", "quantity"):
            quantities[product_id] = quantities.get(product_id, 0) + quantity
        stock_ship(quantities)
    notify_seller_order(seller_order=seller_order, event=status, to_buyer=True)
    return seller_order


def order_complete(*, seller_order: SellerOrder) -> SellerOrder:
    """The buyer confirms the parcel arrived in good order."""
    return seller_order_advance(seller_order=seller_order, status=S.COMPLETED)
