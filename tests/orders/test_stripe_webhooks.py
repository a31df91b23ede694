"""Stripe webhooks, signed exactly as Stripe signs them (t=…,v1=HMAC-SHA256 of "t.payload")."""

import pytest
from django.core import mail
from django.core.management import call_command

from shop.models import Product
from shop.orders import services
from shop.orders.ledger import ledger_check
from shop.orders.models import LedgerEntry, Order, PaymentEvent, Refund, SellerOrder
from tests.orders.factories import (
    ProductFactory,
    buyer,
    charge_object,
    checkout_page_fields,
    post_webhook,
    session_object,
    stripe_event,
    stripe_signature,
)

pytestmark = pytest.mark.django_db


def _completed(order, event_id="evt_completed_1", **kwargs):
    return stripe_event("checkout.session.completed", session_object(order, **kwargs), event_id=event_id)


def test_bad_signature_is_400_and_changes_nothing(client, card_order):
    order, first, _second = card_order
    payload = _completed(order)
    for signature in (stripe_signature(payload, secret="whsec_wrong"), "t=1,v1=deadbeef", ""):
        response = post_webhook(client, payload, signature=signature)
        assert response.status_code == 400
    order.refresh_from_db()
    first.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT
    assert (first.stock, first.sales_count) == (8, 0)
    assert not PaymentEvent.objects.exists() and not LedgerEntry.objects.exists()


def test_old_signature_timestamp_is_refused(client, card_order):
    order, *_ = card_order
    payload = _completed(order)
    response = post_webhook(client, payload, signature=stripe_signature(payload, timestamp=1_600_000_000))
    assert response.status_code == 400


def test_completed_marks_paid_once_even_when_delivered_twice(
    client, card_order, django_capture_on_commit_callbacks
):
    order, first, second = card_order
    payload = _completed(order)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first_response = post_webhook(client, payload)
        second_response = post_webhook(client, payload)
    assert first_response.json()["outcome"] == "paid"
    assert second_response.status_code == 200 and second_response.json()["outcome"] == "duplicate"
    order.refresh_from_db()
    first.refresh_from_db(), second.refresh_from_db()
    assert order.status == Order.Status.PAID and order.stripe_payment_intent.startswith("pi_")
    assert set(order.seller_orders.values_list("status", flat=True)) == {SellerOrder.Status.PAID}
    # Stock was taken at checkout (10 - 2, 10 - 1); paying counts the sale once.
    assert (first.stock, first.sales_count, second.stock, second.sales_count) == (8, 2, 9, 1)
    assert LedgerEntry.objects.filter(kind="sale").count() == 2
    assert PaymentEvent.objects.get().outcome == "paid"
    subjects = sorted(message.subject for message in mail.outbox)
    assert f"Pesanan {order.reference} sudah dibayar" in subjects
    assert len(mail.outbox) == 3  # the buyer and each of the two sellers


def test_a_second_completed_event_with_another_id_has_no_new_effect(client, card_order):
    order, first, _second = card_order
    post_webhook(client, _completed(order, event_id="evt_a"))
    response = post_webhook(client, _completed(order, event_id="evt_b"))
    assert response.json()["outcome"] == "already paid"
    first.refresh_from_db()
    assert first.sales_count == 2 and LedgerEntry.objects.count() == 2


def test_expired_after_completed_has_no_effect(client, card_order):
    order, first, _second = card_order
    post_webhook(client, _completed(order))
    expired = stripe_event(
        "checkout.session.expired",
        session_object(order, status="expired", payment_status="unpaid"),
        event_id="evt_expired",
    )
    response = post_webhook(client, expired)
    assert response.status_code == 200
    order.refresh_from_db()
    first.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert (first.stock, first.sales_count) == (8, 2)


def test_expired_releases_the_reservation_and_a_late_completed_takes_stock_again(client, card_order):
    order, first, second = card_order
    expired = stripe_event(
        "checkout.session.expired",
        session_object(order, status="expired", payment_status="unpaid"),
        event_id="evt_exp",
    )
    assert post_webhook(client, expired).json()["outcome"] == "released"
    first.refresh_from_db()
    order.refresh_from_db()
    assert first.stock == 10 and order.status == Order.Status.CANCELLED
    # Out of order: the payment event arrives after the expiry; the stock is still there, so the sale stands.
    assert post_webhook(client, _completed(order)).json()["outcome"] == "paid"
    first.refresh_from_db()
    assert (first.stock, first.sales_count) == (8, 2)


def test_late_payment_when_the_stock_is_gone_is_recorded_for_a_refund(client, card_order):
    order, first, _second = card_order
    services.order_release(order=order, reason="test")
    Product.objects.filter(pk=first.pk).update(stock=1)
    outcome = post_webhook(client, _completed(order)).json()["outcome"]
    assert outcome == "paid after cancellation, stock gone: needs refund"
    order.refresh_from_db()
    first.refresh_from_db()
    # The money is on record for staff to refund; nothing was sold, no seller credited, no stock taken.
    assert order.status == Order.Status.NEEDS_REFUND and first.stock == 1
    assert (order.amount_received, order.stripe_payment_intent) == (
        order.total,
        session_object(order)["payment_intent"],
    )
    assert set(order.seller_orders.values_list("status", flat=True)) == {SellerOrder.Status.CANCELLED}
    assert not LedgerEntry.objects.exists()
    assert ledger_check().ok


def test_unknown_event_type_is_200_and_ignored(client, card_order):
    order, *_ = card_order
    payload = stripe_event("customer.created", {"id": "cus_1", "object": "customer"}, event_id="evt_unknown")
    response = post_webhook(client, payload)
    assert response.status_code == 200 and response.json()["outcome"] == "ignored"
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT


def test_amount_mismatch_is_not_paid(client, card_order):
    order, *_ = card_order
    response = post_webhook(client, _completed(order, amount=order.total - 1000))
    assert response.status_code == 200
    assert response.json()["outcome"] == "rejected: amount mismatch: Rp 74000 paid, Rp 75000 expected"
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT
    event = PaymentEvent.objects.get()
    assert (event.state, event.order, event.payload["amount_total"]) == ("rejected", order, 7400000)


def test_charge_refunded_in_full_refunds_every_part_and_debits_the_ledger(client, card_order):
    order, first, _second = card_order
    post_webhook(client, _completed(order))
    order.refresh_from_db()
    payload = stripe_event(
        "charge.refunded", charge_object(order, refunded=order.total), event_id="evt_refund"
    )
    assert post_webhook(client, payload).json()["outcome"] == "refunded in Stripe dashboard"
    assert post_webhook(client, payload).json()["outcome"] == "duplicate"
    order.refresh_from_db()
    first.refresh_from_db()
    assert order.status == Order.Status.REFUNDED
    assert first.sales_count == 0 and first.stock == 10  # not shipped yet: back on sale
    assert LedgerEntry.objects.filter(kind="refund").count() == 2
    call_command("ledger_check")


@pytest.mark.stripe
def test_checkout_view_creates_a_stripe_session_and_keeps_the_order_pending(client, card_order):
    from django.urls import reverse

    from adimarko.core.models import Region

    user = buyer()
    product = ProductFactory(stock=4, price=30000)
    services.cart_item_add(cart=services.cart_for_user(user=user), product=product, quantity=1)
    client.force_login(user)
    page = checkout_page_fields(client.get(reverse("orders:checkout")).content.decode())
    response = client.post(
        reverse("orders:checkout"),
        {
            "recipient_name": "Rina",
            "phone": "0812 3456 7890",
            "in_regency": "1",
            "desa": Region.objects.get(code="35.05.17.1001").code,
            "street": "Jl. Kenanga 7",
            "payment_method": "card",
            **page,
        },
    )
    order = Order.objects.get(buyer=user)
    assert response.status_code == 302 and response["Location"].startswith("https://")
    assert order.stripe_session_id.startswith("cs_")
    assert order.status == Order.Status.PENDING_PAYMENT


@pytest.mark.stripe
def test_refund_of_one_seller_part_goes_through_stripe_and_the_ledger(client, card_order):
    order, first, second = card_order
    post_webhook(client, _completed(order))
    order.refresh_from_db()
    part = order.seller_orders.get(business=first.business)
    services.order_refund(order=order, seller_order=part)
    part.refresh_from_db()
    order.refresh_from_db()
    assert part.status == SellerOrder.Status.REFUNDED
    assert order.status == Order.Status.PAID  # the other seller's part stands
    refund = LedgerEntry.objects.get(kind="refund")
    assert refund.amount == -part.seller_amount and refund.business_id == first.business_id
    recorded = Refund.objects.get()
    assert (recorded.status, recorded.seller_order, recorded.amount) == ("succeeded", part, part.total)
    assert refund.refund == recorded and recorded.stripe_refund_id.startswith("re_")
    call_command("ledger_check")


# --- Events that take any input: signed, but unusable -----------------------------------------------------
def _rejected(client, order, obj, event_id):
    response = post_webhook(client, stripe_event("checkout.session.completed", obj, event_id=event_id))
    assert response.status_code == 200  # a malformed event never gets better: Stripe must not retry it
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT
    assert not LedgerEntry.objects.exists()
    event = PaymentEvent.objects.get(event_id=event_id)
    assert event.state == PaymentEvent.State.REJECTED and event.payload == obj
    assert response.json()["outcome"] == event.outcome
    return event.outcome


def test_a_payment_in_another_currency_is_not_paid(client, card_order):
    order, first, _second = card_order
    outcome = _rejected(client, order, {**session_object(order), "currency": "usd"}, "evt_usd")
    assert outcome == "rejected: currency usd, expected idr"
    first.refresh_from_db()
    assert (first.stock, first.sales_count) == (8, 0)


def test_a_payment_without_currency_or_amount_is_not_paid(client, card_order):
    order, *_ = card_order
    without_currency = {k: v for k, v in session_object(order).items() if k != "currency"}
    assert (
        _rejected(client, order, without_currency, "evt_nocur") == "rejected: currency missing, expected idr"
    )
    without_amount = {k: v for k, v in session_object(order).items() if k != "amount_total"}
    assert _rejected(client, order, without_amount, "evt_noamount") == "rejected: amount_total missing"
    assert _rejected(client, order, {**session_object(order), "amount_total": None}, "evt_null") == (
        "rejected: amount_total missing"
    )


def test_an_amount_that_is_not_a_whole_rupiah_is_rejected_without_a_500(client, card_order):
    order, *_ = card_order
    odd = {**session_object(order), "amount_total": order.total * 100 + 50}
    assert (
        _rejected(client, order, odd, "evt_cents")
        == "rejected: amount_total 7500050 is not a whole rupiah amount"
    )
    as_text = {**session_object(order), "amount_total": str(order.total * 100)}
    assert _rejected(client, order, as_text, "evt_text") == (
        "rejected: amount_total '7500000' is not a whole rupiah amount"
    )
    as_float = {**session_object(order), "amount_total": order.total * 100 + 0.5}
    assert "is not a whole rupiah amount" in _rejected(client, order, as_float, "evt_float")


def test_fields_of_the_wrong_type_or_missing_are_rejected_without_a_500(client, card_order):
    order, *_ = card_order
    without_intent = {**session_object(order), "payment_intent": None}
    assert _rejected(client, order, without_intent, "evt_nopi") == "rejected: payment_intent missing"
    numeric_intent = {**session_object(order), "payment_intent": 42}
    assert _rejected(client, order, numeric_intent, "evt_pi42") == "rejected: payment_intent is not a string"
    odd_metadata = {**session_object(order), "client_reference_id": None, "metadata": ["x"]}
    assert _rejected(client, order, odd_metadata, "evt_meta") == "rejected: metadata is not an object"
    odd_reference = {**session_object(order), "client_reference_id": 12345}
    assert (
        _rejected(client, order, odd_reference, "evt_ref") == "rejected: client_reference_id is not a string"
    )


@pytest.mark.parametrize("obj", [["not", "an", "object"], "cs_test_123", 7, None])
def test_an_event_whose_data_object_is_not_an_object_is_rejected_without_a_500(client, card_order, obj):
    order, *_ = card_order
    for kind, event_id in (("checkout.session.completed", "evt_odd_1"), ("charge.refunded", "evt_odd_2")):
        response = post_webhook(client, stripe_event(kind, obj, event_id=event_id))
        assert response.status_code == 200
        assert response.json()["outcome"] == "rejected: data.object is not an object"
        event = PaymentEvent.objects.get(event_id=event_id)
        assert event.state == "rejected"
        # The object as sent; with no object at all, the whole event is kept.
        assert event.payload == obj if obj is not None else event.payload["id"] == event_id
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT


def test_an_event_without_data_is_rejected_and_kept_whole(client, card_order):
    import json

    order, *_ = card_order
    payload = json.dumps({"id": "evt_nodata", "object": "event", "type": "charge.refunded"}).encode()
    response = post_webhook(client, payload)
    assert (
        response.status_code == 200 and response.json()["outcome"] == "rejected: data.object is not an object"
    )
    assert PaymentEvent.objects.get().payload["id"] == "evt_nodata"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"[]", "rejected: the body is a JSON list, not an object"),
        (b"null", "rejected: the body is a JSON NoneType, not an object"),
        (b'"evt_1"', "rejected: the body is a JSON str, not an object"),
        (b"{not json", "rejected: the body is not JSON"),
    ],
)
def test_a_signed_body_that_is_not_an_event_object_is_stored_rejected_without_a_500(
    client, card_order, body, reason
):
    order, *_ = card_order
    first, again = post_webhook(client, body), post_webhook(client, body)
    assert (first.status_code, first.json()["outcome"]) == (200, reason)
    assert (again.status_code, again.json()["outcome"]) == (200, "duplicate")  # stored once per body
    event = PaymentEvent.objects.get()
    assert event.state == PaymentEvent.State.REJECTED and event.payload == {"body": body.decode()}
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT
