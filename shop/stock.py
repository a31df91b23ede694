"""Stock moves: the only code that changes `Product.stock` and `Product.allocated` (see docs/stock.md).

`stock` is what buyers can buy; `allocated` is held for orders waiting for payment or paid and not yet
shipped; on hand (what the seller has on the shelf) is their sum. Every move is one conditional UPDATE per
product, in product-id order (no deadlocks between concurrent checkouts), so the counts never go below zero
and no move reads a figure it then writes back.

quantities: {product_id: units}.
"""

from django.db.models import F
from django.db.models.functions import Greatest

from shop.models import Product


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
