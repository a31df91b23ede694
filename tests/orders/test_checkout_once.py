"""Checkout exactly once: one buyer's checkout form submitted several times at once, through the real HTTP
layer (live server on PostgreSQL, one thread and one connection per request), makes one order, one
reservation and, for a card, one Stripe Checkout Session."""

import threading

import pytest
import requests
from django.conf import settings

from shop.orders import services
from shop.orders.models import Order
from shop.payments import stripe as stripe_gateway
from tests.orders.factories import CHECKOUT_FORM, ProductFactory, buyer, checkout_page_fields, qris_account

# serialized_rollback: regions and role groups made by migrations are restored for the tests after this one.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _buyer_with_three_in_the_cart(client, live_server):
    """A logged-in browser session (the test client's session cookie) on a checkout page for 3 units."""
    product = ProductFactory(stock=10, price=45000, name="Kopi Sirah Kencong 250 g")
    user = buyer()
    services.cart_item_add(cart=services.cart_for_user(user=user), product=product, quantity=3)
    client.force_login(user)
    browser = requests.Session()
    browser.cookies.set(settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value)
    page = browser.get(f"{live_server.url}/checkout/", timeout=10)
    assert page.status_code == 200
    return product, user, browser, checkout_page_fields(page.text)


def _submit_at_once(browser, url: str, form: dict, times: int) -> list[requests.Response]:
    start = threading.Barrier(times)
    responses: list[requests.Response] = []
    lock = threading.Lock()

    def submit():
        start.wait()
        response = browser.post(url, data=form, allow_redirects=False, timeout=30)
        with lock:
            responses.append(response)

    threads = [threading.Thread(target=submit) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


@pytest.mark.stripe
def test_three_simultaneous_card_submits_make_one_order_and_one_checkout_session(
    client, live_server, monkeypatch
):
    product, user, browser, page = _buyer_with_three_in_the_cart(client, live_server)
    sessions: list[stripe_gateway.CheckoutSession] = []
    create = stripe_gateway.checkout_session_create

    def spy(**kwargs):
        session = create(**kwargs)  # the real call, to stripe-mock
        sessions.append(session)
        return session

    monkeypatch.setattr(stripe_gateway, "checkout_session_create", spy)

    responses = _submit_at_once(
        browser, f"{live_server.url}/checkout/", {**CHECKOUT_FORM, **page, "payment_method": "card"}, times=3
    )

    order = Order.objects.get(buyer=user)
    assert [response.status_code for response in responses] == [302, 302, 302]
    assert len(sessions) == 1
    assert order.stripe_session_id == sessions[0].id and order.stripe_session_id.startswith("cs_")
    assert {response.headers["Location"] for response in responses} == {order.stripe_session_url}
    assert order.stripe_session_url == sessions[0].url
    product.refresh_from_db()
    assert (product.stock, product.allocated) == (7, 3)

    # The order page offers the way back to that same session.
    detail = browser.get(f"{live_server.url}/pesanan/{order.reference}/", timeout=10)
    assert 'data-testid="continue-payment"' in detail.text
    again = browser.post(
        f"{live_server.url}/pesanan/{order.reference}/bayar/",
        data={"csrfmiddlewaretoken": page["csrfmiddlewaretoken"]},
        allow_redirects=False,
        timeout=10,
    )
    assert again.headers["Location"] == order.stripe_session_url
    assert len(sessions) == 1


def test_five_simultaneous_qris_submits_make_one_order_and_all_land_on_it(client, live_server):
    qris_account()
    product, user, browser, page = _buyer_with_three_in_the_cart(client, live_server)

    responses = _submit_at_once(browser, f"{live_server.url}/checkout/", {**CHECKOUT_FORM, **page}, times=5)

    order = Order.objects.get(buyer=user)
    assert order.checkout_token == page["checkout_token"] and order.total == 145000  # 3 × 45.000 + 10.000
    assert [response.status_code for response in responses] == [302] * 5
    assert {response.headers["Location"] for response in responses} == {
        f"{live_server.url}/pesanan/{order.reference}/"
    }
    product.refresh_from_db()
    assert (product.stock, product.allocated) == (7, 3)
