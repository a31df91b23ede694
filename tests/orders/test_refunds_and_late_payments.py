"""Late payments (paid — needs refund), cancelling card orders at Stripe, and refunds: staff one-click
refunds, refunds made in the Stripe dashboard (partial ones shared across the seller parts), refunds that
arrive before their payment. Stripe's side is stripe-mock (stateless: it answers with fixtures), so these
tests assert what we stored and what we sent to it."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.urls import reverse
from django.utils import translation

from shop.orders import services
from shop.orders.ledger import ledger_check
from shop.orders.models import LedgerEntry, Order, PaymentEvent, Refund, SellerOrder
from shop.orders.notifications import SUBJECTS
from shop.orders.services.refunds import refund_shares
from shop.payments import stripe as gateway
from tests.factories import staff_user
from tests.orders.factories import (
    ProductFactory,
    buyer,
    charge_object,
    place_order,
    post_webhook,
    qris_account,
    session_object,
    stripe_event,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def stripe_calls(monkeypatch):
    """Every request our gateway sends to Stripe (stripe-mock): the real client, its requests recorded."""
    calls = []
    real_get_client = gateway.get_client

    def recording_client():
        client = real_get_client()
        send = client._requestor.request

        def request(method, url, params=None, options=None, **kwargs):
            calls.append(
                {"method": method, "url": url, "params": dict(params or {}), "options": options or {}}
            )
            return send(method, url, params, options, **kwargs)

        client._requestor.request = request
        return client

    monkeypatch.setattr(gateway, "get_client", recording_client)
    return calls


def _pay_by_card(client, order, event_id="evt_paid"):
    payload = stripe_event("checkout.session.completed", session_object(order), event_id=event_id)
    return post_webhook(client, payload).json()["outcome"]


def _refund_event(client, order, *, refunded, event_id):
    payload = stripe_event("charge.refunded", charge_object(order, refunded=refunded), event_id=event_id)
    response = post_webhook(client, payload)
    assert response.status_code == 200
    return response.json()["outcome"]


def _paid_after_sold_out(client, order, product):
    """The order is cancelled, another buyer takes the last units, then Stripe's payment arrives."""
    services.order_release(order=order, reason="test: reservation lapsed")
    place_order(user=buyer(), items=[(product, 10)], method=Order.PaymentMethod.CARD)
    return _pay_by_card(client, order)


def _subject(event, order):
    with translation.override("id"):
        return SUBJECTS[event]() % {"reference": order.reference}


# --- Paid — needs refund -----------------------------------------------------------------------------------
def test_a_payment_for_a_cancelled_order_whose_stock_is_gone_needs_a_refund_and_the_buyer_is_told(
    client, card_order, django_capture_on_commit_callbacks
):
    order, first, second = card_order
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        outcome = _paid_after_sold_out(client, order, first)
    assert outcome == "paid after cancellation, stock gone: needs refund"
    order.refresh_from_db()
    assert order.status == Order.Status.NEEDS_REFUND
    assert (order.amount_received, order.stripe_payment_intent) == (
        75000,
        session_object(order)["payment_intent"],
    )
    assert order.paid_at is not None and order.amount_refunded == 0
    # Nothing was sold: parts stay cancelled, no ledger entry, no units counted or held for it.
    assert set(order.seller_orders.values_list("status", flat=True)) == {SellerOrder.Status.CANCELLED}
    assert not LedgerEntry.objects.filter(seller_order__order=order).exists()
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.stock, first.allocated, first.sales_count) == (0, 10, 0)  # the other buyer holds all ten
    assert (second.stock, second.sales_count) == (10, 0)
    [email] = [m for m in mail.outbox if m.subject == _subject("needs_refund", order)]
    assert email.to == [order.email] and "Rp75.000" in email.body.replace(" ", "").replace("\xa0", "")
    assert ledger_check().ok


def test_a_late_payment_whose_stock_is_still_there_keeps_the_sale(client, card_order):
    order, first, _second = card_order
    services.order_release(order=order, reason="test")
    assert _pay_by_card(client, order) == "paid"
    order.refresh_from_db(), first.refresh_from_db()
    assert order.status == Order.Status.PAID and order.amount_received == 75000
    assert (first.stock, first.allocated, first.sales_count) == (8, 2, 2)
    assert ledger_check().ok


def test_staff_see_the_needs_refund_order_and_the_rejected_event_on_their_page(client, card_order):
    order, first, _second = card_order
    _paid_after_sold_out(client, order, first)
    bad = stripe_event(
        "checkout.session.completed", {**session_object(order), "amount_total": "75000"}, event_id="evt_bad"
    )
    post_webhook(client, bad)
    client.force_login(staff_user())
    page = client.get(reverse("orders:staff_order_list")).content.decode()
    section = page[page.index('data-testid="needs-refund"') : page.index('data-testid="payment-events"')]
    assert order.reference in section and "75.000" in section
    assert reverse("orders:staff_refund", args=[order.reference]) in section
    events = page[page.index('data-testid="payment-events"') :]
    assert (
        "evt_bad" in events
        and "rejected: amount_total &#x27;75000&#x27; is not a whole rupiah amount" in events
    )


@pytest.mark.stripe
def test_staff_refund_a_needs_refund_card_payment_in_one_click_through_stripe(
    client, card_order, stripe_calls, django_capture_on_commit_callbacks
):
    order, first, _second = card_order
    _paid_after_sold_out(client, order, first)
    staff = staff_user()
    client.force_login(staff)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("orders:staff_refund", args=[order.reference]))
    assert response.status_code == 302 and response["Location"] == reverse("orders:staff_order_list")
    order.refresh_from_db()
    assert order.status == Order.Status.REFUNDED and order.amount_refunded == 75000
    assert order.refunded_at is not None
    refund = Refund.objects.get()
    assert (refund.status, refund.source, refund.amount, refund.seller_order) == (
        "succeeded",
        "staff",
        75000,
        None,
    )
    assert refund.stripe_refund_id.startswith("re_") and refund.requested_by == staff
    [call] = [c for c in stripe_calls if c["url"] == "/v1/refunds"]
    assert call["params"]["payment_intent"] == order.stripe_payment_intent
    assert call["params"]["amount"] == 7500000
    assert call["options"]["idempotency_key"] == refund.idempotency_key == f"adimarko-refund-{order.pk}-1"
    assert any(m.subject == _subject("refunded", order) and m.to == [order.email] for m in mail.outbox)
    # Stripe's event for our own refund is recognised: nothing is applied twice.
    assert _refund_event(client, order, refunded=75000, event_id="evt_own") == "refund already recorded"
    assert Refund.objects.count() == 1
    assert not LedgerEntry.objects.filter(kind="refund").exists()  # nothing was sold, no seller debited
    assert ledger_check().ok


@pytest.mark.stripe
def test_a_stripe_refusal_marks_the_refund_failed_and_changes_nothing_else(client, card_order, settings):
    order, *_ = card_order
    _pay_by_card(client, order)
    settings.STRIPE_SECRET_KEY = "kunci-salah"  # stripe-mock answers 401
    with pytest.raises(gateway.PaymentGatewayError):
        services.order_refund(order=order)
    order.refresh_from_db()
    refund = Refund.objects.get()
    assert (refund.status, refund.amount, refund.completed_at is not None) == ("failed", 75000, True)
    assert order.status == Order.Status.PAID and order.amount_refunded == 0
    assert set(order.seller_orders.values_list("status", flat=True)) == {"paid"}
    assert not LedgerEntry.objects.filter(kind="refund").exists()
    assert ledger_check().ok


def test_a_qris_payment_for_a_sold_out_cancelled_order_is_refunded_by_bank_transfer(
    client, django_capture_on_commit_callbacks
):
    qris_account()
    kopi = ProductFactory(stock=3, price=30000)
    order = place_order(user=buyer(), items=[(kopi, 3)])
    services.order_release(order=order, reason="test")
    place_order(user=buyer(), items=[(kopi, 3)])
    staff = staff_user()
    client.force_login(staff)
    client.post(reverse("orders:staff_qris_confirm", args=[order.reference]), {"confirm": "yes"})
    order.refresh_from_db()
    assert order.status == Order.Status.NEEDS_REFUND and order.amount_received == order.total == 100000
    assert order.payment_confirmed_by == staff
    # No Stripe for QRIS: the Stripe refund is refused, staff transfer the money and mark it refunded.
    with pytest.raises(ValidationError) as refused:
        services.order_refund(order=order, by=staff)
    assert refused.value.messages == [
        translation.gettext(
            "This payment did not come through Stripe: transfer it back, then mark the order refunded."
        )
    ]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("orders:staff_refund_transferred", args=[order.reference]))
    order.refresh_from_db()
    assert (order.status, order.amount_refunded) == (Order.Status.REFUNDED, 100000)
    refund = Refund.objects.get()
    assert (refund.status, refund.source, refund.amount, refund.requested_by) == (
        "succeeded",
        "staff",
        100000,
        staff,
    )
    kopi.refresh_from_db()
    assert (kopi.stock, kopi.allocated, kopi.sales_count) == (0, 3, 0)
    assert ledger_check().ok


# --- Cancelling card orders at Stripe ---------------------------------------------------------------------
@pytest.mark.stripe
def test_the_buyer_cancelling_a_card_order_expires_its_checkout_session(client, card_order, stripe_calls):
    order, first, _second = card_order
    Order.objects.filter(pk=order.pk).update(stripe_session_id="cs_test_batal")
    client.force_login(order.buyer)
    client.post(reverse("orders:order_cancel", args=[order.reference]), {"confirm": "yes"})
    assert [(c["method"], c["url"]) for c in stripe_calls] == [
        ("post", "/v1/checkout/sessions/cs_test_batal/expire")
    ]
    order.refresh_from_db(), first.refresh_from_db()
    assert order.status == Order.Status.CANCELLED and (first.stock, first.allocated) == (10, 0)


@pytest.mark.stripe
def test_the_reservation_expiry_expires_the_checkout_session_too(card_order, stripe_calls):
    from datetime import timedelta

    from django.utils import timezone

    order, *_ = card_order
    Order.objects.filter(pk=order.pk).update(
        stripe_session_id="cs_test_lapsed", reserved_until=timezone.now() - timedelta(minutes=1)
    )
    assert services.reservations_expire() == 1
    assert [c["url"] for c in stripe_calls] == ["/v1/checkout/sessions/cs_test_lapsed/expire"]
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED


def test_a_session_already_paid_is_not_cancelled_and_the_buyer_is_told(client, card_order, monkeypatch):
    order, first, _second = card_order
    Order.objects.filter(pk=order.pk).update(stripe_session_id="cs_test_paid")
    monkeypatch.setattr(gateway, "checkout_session_expire", lambda *, session_id: gateway.SESSION_COMPLETE)
    client.force_login(order.buyer)
    response = client.post(
        reverse("orders:order_cancel", args=[order.reference]), {"confirm": "yes"}, follow=True
    )
    order.refresh_from_db(), first.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT and (first.stock, first.allocated) == (8, 2)
    [message] = [str(m) for m in response.context["messages"]]
    assert message == translation.gettext(
        "Your card payment for order %(reference)s is being processed, so it can no longer be cancelled. "
        "You will get an email once it is confirmed."
    ) % {"reference": order.reference}


def test_stripe_unreachable_when_cancelling_changes_nothing(client, card_order, monkeypatch):
    order, *_ = card_order
    Order.objects.filter(pk=order.pk).update(stripe_session_id="cs_test_down")

    def down(*, session_id):
        raise gateway.PaymentGatewayError("timeout")

    monkeypatch.setattr(gateway, "checkout_session_expire", down)
    client.force_login(order.buyer)
    client.post(reverse("orders:order_cancel", args=[order.reference]), {"confirm": "yes"})
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT


# --- Refunds from Stripe -----------------------------------------------------------------------------------
def test_a_refund_that_arrives_before_its_payment_is_applied_when_the_payment_lands(client, card_order):
    order, first, second = card_order
    early = _refund_event(client, order, refunded=75000, event_id="evt_early_refund")
    assert early == "waiting for its payment"
    deferred = PaymentEvent.objects.get(event_id="evt_early_refund")
    assert (deferred.state, deferred.payment_intent) == ("deferred", session_object(order)["payment_intent"])
    assert deferred.payload["amount_refunded"] == 7500000 and deferred.order is None
    assert _pay_by_card(client, order) == "paid"
    order.refresh_from_db()
    deferred.refresh_from_db()
    assert (deferred.state, deferred.order) == ("applied", order)
    assert deferred.outcome == "after payment: refunded in Stripe dashboard"
    assert order.status == Order.Status.REFUNDED and order.amount_refunded == 75000
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.stock, first.allocated, first.sales_count) == (10, 0, 0)
    assert (second.stock, second.allocated, second.sales_count) == (10, 0, 0)
    assert LedgerEntry.objects.filter(kind="refund").aggregate(total=Sum("amount"))["total"] == -(
        48000 + 24250
    )
    assert ledger_check().ok


def test_partial_dashboard_refunds_are_shared_across_the_parts_and_the_rest_refunds_exactly(
    client, card_order
):
    order, first, second = card_order
    _pay_by_card(client, order)
    order.refresh_from_db()
    big = order.seller_orders.get(business=first.business)  # Rp 50.000, seller amount 48.000
    small = order.seller_orders.get(business=second.business)  # Rp 25.000, seller amount 24.250
    assert (big.total, big.seller_amount, small.total, small.seller_amount) == (50000, 48000, 25000, 24250)

    def state():
        big.refresh_from_db(), small.refresh_from_db(), order.refresh_from_db()
        debits = {
            part.pk: part.ledger_entries.filter(kind="refund").aggregate(total=Sum("amount"))["total"]
            for part in (big, small)
        }
        return big.amount_refunded, small.amount_refunded, debits[big.pk], debits[small.pk]

    # Rp 10.000: 2/3 and 1/3 (6.666,67 and 3.333,33; the larger remainder takes the last rupiah).
    assert (
        _refund_event(client, order, refunded=10000, event_id="evt_r1")
        == "partly refunded in Stripe dashboard"
    )
    assert state() == (6667, 3333, -6400, -3233)  # 6667 × 48000/50000 = 6400,32; 3333 × 24250/25000 = 3233,01
    assert order.status == Order.Status.PAID and order.amount_refunded == 10000
    assert {big.status, small.status} == {"paid"}
    # Cumulative Rp 40.000: Rp 30.000 more, shared by what each part still holds (43.333 and 21.667).
    assert (
        _refund_event(client, order, refunded=40000, event_id="evt_r2")
        == "partly refunded in Stripe dashboard"
    )
    assert state() == (26667, 13333, -25600, -12933)
    first.refresh_from_db()
    assert (first.stock, first.allocated, first.sales_count) == (8, 2, 2)  # nothing released yet
    assert ledger_check().ok
    # The rest: every part refunded in full, each seller debited exactly what they were credited.
    assert _refund_event(client, order, refunded=75000, event_id="evt_r3") == "refunded in Stripe dashboard"
    assert state() == (50000, 25000, -48000, -24250)
    assert {big.status, small.status} == {"refunded"} and order.status == Order.Status.REFUNDED
    assert order.amount_refunded == 75000
    assert list(Refund.objects.order_by("pk").values_list("source", "amount")) == [
        ("stripe", 10000),
        ("stripe", 30000),
        ("stripe", 35000),
    ]
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.stock, first.allocated, first.sales_count) == (10, 0, 0)
    assert (second.stock, second.allocated, second.sales_count) == (10, 0, 0)
    # A redelivered older event (smaller cumulative amount) changes nothing.
    assert _refund_event(client, order, refunded=40000, event_id="evt_r2_again") == "refund already recorded"
    assert ledger_check().ok


def test_refund_shares_add_up_and_never_pass_what_a_part_holds():
    assert refund_shares(amount=10000, held={1: 50000, 2: 25000}) == {1: 6667, 2: 3333}
    assert refund_shares(amount=75000, held={1: 50000, 2: 25000}) == {1: 50000, 2: 25000}
    assert refund_shares(amount=2, held={1: 1, 2: 1, 3: 1}) == {1: 1, 2: 1, 3: 0}
    for amount in range(0, 101):
        shares = refund_shares(amount=amount, held={1: 33, 2: 33, 3: 34})
        assert sum(shares.values()) == amount and all(
            shares[k] <= h for k, h in {1: 33, 2: 33, 3: 34}.items()
        )
    with pytest.raises(ValueError):
        refund_shares(amount=101, held={1: 33, 2: 33, 3: 34})


def test_a_refund_after_one_part_was_shipped_keeps_the_shipped_units_out_of_stock(client, card_order):
    order, first, second = card_order
    _pay_by_card(client, order)
    shipped = order.seller_orders.get(business=first.business)
    services.seller_order_advance(
        seller_order=shipped, status="shipped", courier="jne", tracking_number="JNE12345"
    )
    assert _refund_event(client, order, refunded=75000, event_id="evt_all") == "refunded in Stripe dashboard"
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.stock, first.allocated, first.sales_count) == (8, 0, 0)  # shipped: gone from the shelf
    assert (second.stock, second.allocated, second.sales_count) == (10, 0, 0)  # unshipped: back on sale
    assert ledger_check().ok


def test_a_refund_event_for_an_unknown_currency_is_rejected(client, card_order):
    order, *_ = card_order
    _pay_by_card(client, order)
    order.refresh_from_db()
    payload = stripe_event(
        "charge.refunded", charge_object(order, refunded=1000, currency="usd"), event_id="evt_usd"
    )
    assert post_webhook(client, payload).json()["outcome"] == "rejected: currency usd, expected idr"
    order.refresh_from_db()
    assert order.amount_refunded == 0 and not Refund.objects.exists()
    assert PaymentEvent.objects.get(event_id="evt_usd").state == "rejected"


def test_qris_staff_refund_of_one_part_applies_at_once(client):
    qris_account()
    kopi, gula = ProductFactory(price=40000, stock=10), ProductFactory(price=20000, stock=10)
    order = place_order(user=buyer(), items=[(kopi, 1), (gula, 3)])
    services.qris_payment_confirm(order=order, by=staff_user())
    part = order.seller_orders.get(business=kopi.business)
    services.order_refund(order=order, seller_order=part, by=staff_user())
    part.refresh_from_db(), order.refresh_from_db(), kopi.refresh_from_db()
    assert (part.status, part.amount_refunded) == ("refunded", 50000)
    assert (order.status, order.amount_refunded) == (Order.Status.PAID, 50000)
    assert (kopi.stock, kopi.allocated, kopi.sales_count) == (10, 0, 0)
    assert LedgerEntry.objects.get(kind="refund").amount == -48000
    with pytest.raises(ValidationError):
        services.order_refund(order=order, seller_order=part)
    assert ledger_check().ok
