"""Stock moves: the only code that changes `Product.stock` and `Product.allocated` (see docs/stock.md).

`stock` is what buyers can buy; `allocated` is held for orders waiting for payment or paid and not yet
shipped; on hand (what the seller has on the shelf) is their sum. Every move is one conditional UPDATE per
product, in product-id order (no deadlocks between concurrent checkouts), so the counts never go below zero
and no move reads a figure it then writes back.

quantities: {product_id: units}. What a seller states is the on-hand figure: `stock_for_on_hand` turns it into
`stock` for the catalogue services (shop/services.py).
"""

from django.core.exceptions import ValidationError
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils.translation import gettext as _

from shop.models import Product

# Code of the stock error raised when the on-hand figure changed while a seller's form was open.
STOCK_CHANGED = "stock_changed"


def _ordered(quantities: dict[int, int]):
    return [
        (product_id, quantities[product_id]) for product_id in sorted(quantities) if quantities[product_id]
    ]


def stock_reserve(quantities: dict[int, int]) -> list[int]:
    """Hold units for an order: available → held. Returns the product ids that did not have enough (the
    others were moved: the caller rolls the transaction back when the list is not empty)."""
    short = []
    for product_id, units in _ordered(quantities):
        moved = Product.objects.filter(pk=product_id, stock__gte=units).update(
            stock=F("stock") - units, allocated=F("allocated") + units
        )
        if not moved:
            short.append(product_id)
    return short


def stock_release(quantities: dict[int, int]) -> None:
    """Units held for an order go back on sale (payment failed or expired, order cancelled, or refunded
    before shipping): held → available."""
    for product_id, units in _ordered(quantities):
        Product.objects.filter(pk=product_id).update(
            stock=F("stock") + units, allocated=Greatest(F("allocated") - units, 0)
        )


def stock_ship(quantities: dict[int, int]) -> None:
    """Units held for a paid order left with the courier: they are no longer on hand."""
    for product_id, units in _ordered(quantities):
        Product.objects.filter(pk=product_id).update(allocated=Greatest(F("allocated") - units, 0))


def stock_for_on_hand(product: Product, *, on_hand: int, on_hand_seen: int | None = None) -> int:
    """The `stock` (available to buyers) that makes the product's on-hand figure `on_hand`.

    `product` is locked (select_for_update) or new, so `allocated` cannot move until the transaction ends.
    Stale form: when the on-hand figure changed since the seller's form showed `on_hand_seen` (a parcel was
    shipped, another member or an import saved), an untouched figure keeps the stock as it is now, and a
    changed one is refused with the current figures, for the seller to check."""
    if on_hand is None or on_hand < 0:
        raise ValidationError({"stock": _("Stock cannot be negative.")})
    held, current = product.allocated, product.on_hand
    if product.pk and on_hand_seen is not None and on_hand_seen != current:
        if on_hand == on_hand_seen:
            return product.stock
        raise ValidationError(
            {
                "stock": ValidationError(
                    _(
                        "Stock changed while you were editing: you now have %(current)s on hand "
                        "(%(held)s held for orders). Check the figure and save again."
                    ),
                    code=STOCK_CHANGED,
                    params={"current": current, "held": held},
                )
            }
        )
    if on_hand < held:
        raise ValidationError(
            {
                "stock": ValidationError(
                    _(
                        "%(held)s units are held for orders that are not shipped yet; "
                        "the stock cannot be below %(held)s."
                    ),
                    code="below_held",
                    params={"held": held},
                )
            }
        )
    return on_hand - held
