"""Emails at each step of an order, sent after the transaction that made the step commits."""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from adimarko.core.mail import email_send

SUBJECTS = {
    "placed": lambda: _("Order %(reference)s received: waiting for payment"),
    "paid": lambda: _("Order %(reference)s is paid"),
    "qris_confirmed": lambda: _("Order %(reference)s: your QRIS payment is confirmed"),
    "cancelled": lambda: _("Order %(reference)s is cancelled"),
    "refunded": lambda: _("Order %(reference)s is refunded"),
    "refund_partial": lambda: _("Part of order %(reference)s is refunded"),
    "needs_refund": lambda: _("Order %(reference)s: your payment will be refunded"),
    "processing": lambda: _("Order %(reference)s is being prepared"),
    "shipped": lambda: _("Order %(reference)s has been shipped"),
    "delivered": lambda: _("Order %(reference)s has been delivered"),
    "completed": lambda: _("Order %(reference)s is completed"),
}


def _send(*, to: list[str], event: str, context: dict) -> None:
    if not to:
        return
    with translation.override("id"):
        subject = SUBJECTS[event]() % {"reference": context["order"].reference}
        body = render_to_string("orders/email/order_event.txt", {**context, "event": event})
    email_send(subject=subject, body=body, to=to)


def notify_order(*, order, event: str) -> None:
    """Tell the buyer about a change of the whole order."""
    transaction.on_commit(lambda: _send(to=[order.email], event=event, context={"order": order}))


def notify_seller_order(*, seller_order, event: str, to_buyer: bool = False) -> None:
    """Tell the seller's members (and, for fulfilment steps, the buyer) about their part of an order."""

    def send():
        order = seller_order.order
        sellers = list(seller_order.business.members.values_list("email", flat=True))
        context = {"order": order, "seller_order": seller_order}
        _send(to=sellers, event=event, context={**context, "for_seller": True})
        if to_buyer:
            _send(to=[order.email], event=event, context=context)

    transaction.on_commit(send)
