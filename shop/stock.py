"""Stock moves: the only code that changes `Product.stock` and `Product.allocated` (see docs/stock.md).

`stock` is what buyers can buy; `allocated` is held for orders waiting for payment or paid and not yet
shipped; on hand (what the seller has on the shelf) is their sum. Every move is a conditional UPDATE that
locks its rows in product-id order (no deadlocks between concurrent checkouts): one per product, or one for
all of a checkout's products on PostgreSQL; so the counts never go below zero and no move reads a figure it
then writes back.

quantities: {product_id: units}. What a seller states is the on-hand figure: `stock_for_on_hand` turns it into
`stock` for the catalogue services (shop/services.py).
"""

from django.core.exceptions import ValidationError
from django.db import connection
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
    others were moved: the caller rolls the transaction back when the list is not empty).

    On PostgreSQL several products move in one statement (a checkout's cart: one round trip instead of one
    per product), which still locks their rows in product-id order before changing any."""
    ordered = _ordered(quantities)
    if len(ordered) > 1 and connection.vendor == "postgresql":
        return _reserve_together(ordered)
    short = []
    for product_id, units in ordered:
        moved = Product.objects.filter(pk=product_id, stock__gte=units).update(
            stock=F("stock") - units, allocated=F("allocated") + units
        )
        if not moved:
            short.append(product_id)
    return short


def _reserve_together(ordered: list[tuple[int, int]]) -> list[int]:
    """stock_reserve's conditional UPDATE for several products at once (PostgreSQL). The MATERIALIZED CTE
    locks the rows in id order (SELECT … ORDER BY id FOR UPDATE, as the one-UPDATE-per-product loop did, so
    concurrent checkouts cannot deadlock); the UPDATE then moves each product whose stock covers its units
    and returns their ids (READ COMMITTED re-checks `stock >= units` on the latest row version)."""
    meta = Product._meta
    quote = connection.ops.quote_name
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    stock, allocated = quote(meta.get_field("stock").column), quote(meta.get_field("allocated").column)
    rows = ", ".join(["(%s::bigint, %s::integer)"] * len(ordered))
    sql = (
        f"WITH locked AS MATERIALIZED "
        f"(SELECT {pk} FROM {table} WHERE {pk} = ANY(%s) ORDER BY {pk} FOR UPDATE) "
        f"UPDATE {table} AS product SET {stock} = product.{stock} - wanted.units, "
        f"{allocated} = product.{allocated} + wanted.units "
        f"FROM (VALUES {rows}) AS wanted(id, units) "
        f"WHERE product.{pk} = wanted.id AND product.{pk} IN (SELECT {pk} FROM locked) "
        f"AND product.{stock} >= wanted.units RETURNING product.{pk}"
    )
    params = [[product_id for product_id, _units in ordered]]
    for product_id, units in ordered:
        params += [product_id, units]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        moved = {row[0] for row in cursor.fetchall()}
    return [product_id for product_id, _units in ordered if product_id not in moved]


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
