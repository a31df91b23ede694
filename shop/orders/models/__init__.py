"""Cart, orders, payments, the seller ledger, payouts and reviews (issue 3, points 6–12), one module per
concept; import them from here.

Money is whole rupiah in BigIntegerFields. One `Order` is one payment by one buyer; it holds one `SellerOrder`
per seller, and each seller order holds `OrderLine`s with the price, name and weight snapshotted at checkout.
"""

# In the order the models were declared when they were one module, so the app registry lists them as before.
from shop.orders.models.carts import Cart, CartItem  # noqa: I001
from shop.orders.models.tables import SHIPPING_PRICE_MAX, SHIPPING_WEIGHT_MAX_GRAMS, QrisAccount, ShippingRate
from shop.orders.models.orders import (
    Order,
    OrderLine,
    OrderQuerySet,
    PaymentClaim,
    PaymentEvent,
    SellerOrder,
    SellerOrderQuerySet,
)
from shop.orders.models.ledger import LedgerEntry, PayoutBatch, Refund, SellerBankAccount
from shop.orders.models.reviews import Review

__all__ = [
    "SHIPPING_PRICE_MAX",
    "SHIPPING_WEIGHT_MAX_GRAMS",
    "Cart",
    "CartItem",
    "LedgerEntry",
    "Order",
    "OrderLine",
    "OrderQuerySet",
    "PaymentClaim",
    "PaymentEvent",
    "PayoutBatch",
    "QrisAccount",
    "Refund",
    "Review",
    "SellerBankAccount",
    "SellerOrder",
    "SellerOrderQuerySet",
    "ShippingRate",
]
