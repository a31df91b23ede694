"""Emails at each step of an order, sent after the transaction that made the step commits."""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from adimarko.core.mail import deliver_email, email_send
from shop.seams import products_changed

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


def _message(*, to: list[str], event: str, context: dict) -> dict:
    """The email of an order event (Indonesian), as deliver_email takes it."""
    with translation.override("id"):
        subject = SUBJECTS[event]() % {"reference": context["order"].reference}
        body = render_to_string("orders/email/order_event.txt", {**context, "event": event})
    return {"subject": subject, "body": body, "to": to, "reply_to": []}


def _send(*, to: list[str], event: str, context: dict) -> None:
    if not to:
        return
    message = _message(to=to, event=event, context=context)
    email_send(subject=message["subject"], body=message["body"], to=message["to"])


def notify_order(*, order, event: str) -> None:
    """Tell the buyer about a change of the whole order."""
    transaction.on_commit(lambda: _send(to=[order.email], event=event, context={"order": order}))


def checkout_followups(*, order, product_ids: list[int], placed_email: bool) -> None:
    """What a checkout leaves for after its commit, in one queued task instead of two (issue 18: each enqueue
    is a row written, about half a millisecond of the request's CPU): the products whose stock it holds are
    announced (shop.seams.products_changed; search then queues their re-indexing from the worker) and, when
    `placed_email`, the buyer's "placed" email, rendered now as the order is at checkout, is delivered."""
    email = _message(to=[order.email], event="placed", context={"order": order}) if placed_email else None
    ids = sorted(product_ids)
    transaction.on_commit(lambda: checkout_followups_run.enqueue(product_ids=ids, email=email))


@task()
def checkout_followups_run(*, product_ids: list[int], email: dict | None = None) -> int:
    """The worker's half of `checkout_followups`: announce the products first (a failing email must not
    leave search behind), then deliver the email here (no third task). Returns the emails sent."""
    products_changed.notify(product_ids=product_ids)
    if not email or not [address for address in email["to"] if address]:
        return 0
    return deliver_email.call(**email)


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
