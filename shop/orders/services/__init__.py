"""Writes of the orders app, one module per concept; import them from here."""

from shop.orders.services.cart import (
    cart_for_user,
    cart_item_add,
    cart_item_remove,
    cart_item_set,
    cart_merge,
)
from shop.orders.services.checkout import card_checkout_undo, order_start, payment_card_start, shipping_cost
from shop.orders.services.claims import payment_claim_create
from shop.orders.services.ledger import bank_account_save, payout_batch_create, payout_batch_mark_paid
from shop.orders.services.lifecycle import order_complete, seller_order_advance
from shop.orders.services.payments import (
    order_cancel,
    order_mark_paid,
    order_release,
    qris_payment_confirm,
    reservations_expire,
    stripe_event_handle,
    stripe_payload_reject,
)
from shop.orders.services.refunds import order_refund, order_refund_transferred
from shop.orders.services.reviews import review_create

__all__ = [
    "bank_account_save",
    "card_checkout_undo",
    "cart_for_user",
    "cart_item_add",
    "cart_item_remove",
    "cart_item_set",
    "cart_merge",
    "order_cancel",
    "order_complete",
    "order_mark_paid",
    "order_refund",
    "order_refund_transferred",
    "order_release",
    "order_start",
    "payment_card_start",
    "payment_claim_create",
    "payout_batch_create",
    "payout_batch_mark_paid",
    "qris_payment_confirm",
    "reservations_expire",
    "review_create",
    "seller_order_advance",
    "shipping_cost",
    "stripe_event_handle",
    "stripe_payload_reject",
]
