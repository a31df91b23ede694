"""Checkout offers only the payment methods that can work now, and a card payment that cannot start leaves the
cart as it was (issue 17, points 1 and 3). The Stripe side runs against stripe-mock; a failed start is a real
connection refused on loopback, never a Python-level mock."""

import re
import socket

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from shop.orders import services
from shop.orders.models import Cart, Order
from tests.orders.factories import (
    CHECKOUT_FORM,
    ProductFactory,
    buyer,
    checkout_page_fields,
    place_order,
    qris_account,
)

pytestmark = pytest.mark.django_db

CARD_START_FAILED = (
    "Card payment could not be started just now (Stripe did not answer). Nothing was charged and your cart "
    "is as it was. Press Pay now to try again, or choose QRIS."
)


def _offered(content: str) -> set[str]:
    return set(re.findall(r'<input type="radio" name="payment_method" value="(\w+)"', content))


def _text(content: str, testid: str) -> str:
    """The text of the element marked data-testid=`testid` (tags stripped)."""
    element = re.search(rf'data-testid="{testid}">(.*?)</p>', content, re.S).group(1)
    return re.sub(r"<[^>]+>", "", element)


def _buyer_with_two_in_the_cart(client, **product):
    user = buyer()
    product = ProductFactory(stock=5, price=30000, **product)
    services.cart_item_add(cart=services.cart_for_user(user=user), product=product, quantity=2)
    client.force_login(user)
    return user, product


def _unreachable_loopback() -> str:
    """An address on loopback where nothing listens (a port just freed): the connection is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_without_stripe_checkout_offers_qris_only(client, settings):
    settings.STRIPE_SECRET_KEY = ""
    qris_account()
    _buyer_with_two_in_the_cart(client)
    content = client.get(reverse("orders:checkout")).content.decode()
    assert _offered(content) == {"qris"}
    assert 'value="qris" required id="id_payment_method_0" checked' in content  # the only one, chosen


def test_with_stripe_configured_both_methods_are_offered_and_qris_needs_an_account(client, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    _buyer_with_two_in_the_cart(client)
    assert _offered(client.get(reverse("orders:checkout")).content.decode()) == {"card"}
    qris_account()
    assert _offered(client.get(reverse("orders:checkout")).content.decode()) == {"card", "qris"}


def test_without_stripe_a_posted_card_is_a_form_error_and_the_cart_stays(client, settings):
    settings.STRIPE_SECRET_KEY = ""
    qris_account()
    user, product = _buyer_with_two_in_the_cart(client)
    page = checkout_page_fields(client.get(reverse("orders:checkout")).content.decode())
    response = client.post(reverse("orders:checkout"), {**CHECKOUT_FORM, **page, "payment_method": "card"})
    assert response.status_code == 200
    assert response.context["form"].errors["payment_method"] == [
        gettext("This payment method is not available at the moment. Choose another one.")
    ]
    assert not Order.objects.exists()
    assert Cart.objects.get(user=user).items.get().quantity == 2
    product.refresh_from_db()
    assert (product.stock, product.allocated) == (5, 0)


def test_with_no_payment_method_at_all_the_page_says_so_and_has_no_pay_button(client, settings):
    settings.STRIPE_SECRET_KEY = ""
    _buyer_with_two_in_the_cart(client)
    content = client.get(reverse("orders:checkout")).content.decode()
    assert (
        escape(
            gettext(
                "No payment method is available at the moment, so orders cannot be placed. Please "
                "try again later."
            )
        )
        in content
    )
    assert gettext("Pay now") not in content


@pytest.mark.stripe
def test_a_failed_card_session_start_keeps_the_cart_and_a_retry_opens_the_session(
    client, settings, django_capture_on_commit_callbacks
):
    """Stripe cannot be reached: no order is left behind, the stock is back on sale, the cart holds its items
    and the form what the buyer typed; nobody was emailed. Pressing Pay now again, with Stripe (stripe-mock)
    back, opens the Checkout Session of a fresh order."""
    stripe_mock = settings.STRIPE_API_BASE
    settings.STRIPE_API_BASE = _unreachable_loopback()
    settings.STRIPE_TIMEOUT = 2
    user, product = _buyer_with_two_in_the_cart(client)
    page = checkout_page_fields(client.get(reverse("orders:checkout")).content.decode())
    form = {**CHECKOUT_FORM, **page, "payment_method": "card"}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("orders:checkout"), form)

    assert response.status_code == 200
    content = response.content.decode()
    assert escape(gettext(CARD_START_FAILED)) in content
    assert 'value="Rina Kusuma"' in content  # the address is still filled in
    assert not Order.objects.exists()
    assert Cart.objects.get(user=user).items.get().quantity == 2
    product.refresh_from_db()
    assert (product.stock, product.allocated) == (5, 0)
    assert mail.outbox == []

    settings.STRIPE_API_BASE = stripe_mock
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(reverse("orders:checkout"), {**form, **checkout_page_fields(content)})

    order = Order.objects.get(buyer=user)
    assert again.status_code == 302 and again["Location"] == order.stripe_session_url
    assert order.stripe_session_id.startswith("cs_") and order.status == Order.Status.PENDING_PAYMENT
    assert not Cart.objects.get(user=user).items.exists()
    product.refresh_from_db()
    assert (product.stock, product.allocated) == (3, 2)
    assert [m.to for m in mail.outbox] == [[user.email]]  # "received: waiting for payment", once


@pytest.mark.stripe
def test_continue_to_payment_when_stripe_is_down_keeps_the_order_waiting(client, settings):
    """A pending card order without a session (Stripe failed after another tab's submit) is not cancelled by
    a failed "continue to payment": the buyer may try again while the items stay reserved."""
    settings.STRIPE_API_BASE = _unreachable_loopback()
    settings.STRIPE_TIMEOUT = 2
    product = ProductFactory(stock=5, price=30000)
    order = place_order(user=buyer(), items=[(product, 2)], method=Order.PaymentMethod.CARD)
    client.force_login(order.buyer)
    response = client.post(reverse("orders:order_pay", args=[order.reference]), follow=True)
    [message] = [str(m) for m in response.context["messages"]]
    assert message == gettext(
        "Card payment is not available right now. Your order is kept; please try again in a moment."
    )
    order.refresh_from_db(), product.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT and (product.stock, product.allocated) == (3, 2)


# --- The total follows the delivery area -------------------------------------------------------------------
def test_the_checkout_summary_carries_both_delivery_areas_and_marks_the_chosen_one(client, settings):
    """2 × Rp 30.000 (500 g): shipping Rp 10.000 inside the regency, Rp 20.000 elsewhere. The page shows the
    total of the area picked (site.css follows the radio button; tests/e2e/test_orders.py clicks it)."""
    qris_account()
    _buyer_with_two_in_the_cart(client)
    content = client.get(reverse("orders:checkout")).content.decode()
    assert (
        _text(content, "total-in-regency")
        == gettext("Total, delivered inside Kabupaten Blitar") + ": Rp 70.000"
    )
    assert (
        _text(content, "total-elsewhere")
        == gettext("Total, delivered elsewhere in Indonesia") + ": Rp 80.000"
    )
    assert 'class="checkout checkout--in"' in content

    page = checkout_page_fields(content)
    response = client.post(
        reverse("orders:checkout"), {**CHECKOUT_FORM, **page, "in_regency": "0", "postal_code": ""}
    )
    assert response.status_code == 200  # city, province and postal code missing
    assert 'class="checkout checkout--out"' in response.content.decode()


def test_undoing_a_card_checkout_twice_or_after_its_session_opened_changes_nothing():
    """Sequences around a failed card start: the undo runs once (a second undo, e.g. from a double submit,
    finds no order), and an order whose session another submit opened meanwhile is never undone."""
    user = buyer()
    product = ProductFactory(stock=5, price=30000)
    order = place_order(user=user, items=[(product, 2)], method=Order.PaymentMethod.CARD)
    assert services.card_checkout_undo(order=order) is True
    assert services.card_checkout_undo(order=order) is False
    assert not Order.objects.exists()
    assert Cart.objects.get(user=user).items.get().quantity == 2
    product.refresh_from_db()
    assert (product.stock, product.allocated) == (5, 0)

    opened = place_order(user=user, items=[], method=Order.PaymentMethod.CARD)
    Order.objects.filter(pk=opened.pk).update(stripe_session_id="cs_test_opened_by_the_other_submit")
    assert services.card_checkout_undo(order=opened) is False
    opened.refresh_from_db()
    assert opened.status == Order.Status.PENDING_PAYMENT
    product.refresh_from_db()
    assert (product.stock, product.allocated) == (3, 2)
    assert not Cart.objects.get(user=user).items.exists()
