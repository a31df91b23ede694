"""Races on PostgreSQL, each thread on its own connection: 50 buyers check out at once and stock never
oversells; overlapping expiry runs count each release once; a staff refund racing Stripe's event for it is
applied once."""

import contextlib
import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from shop.models import Product
from shop.orders import services
from shop.orders.ledger import ledger_check
from shop.orders.models import LedgerEntry, Order, Refund
from tests.factories import staff_user
from tests.orders.factories import (
    ProductFactory,
    address_in_regency,
    buyer,
    charge_object,
    place_order,
    post_webhook,
    qris_account,
    session_object,
    stripe_event,
)

# serialized_rollback: regions and role groups made by migrations are restored for the tests after this one.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BUYERS = 50


def test_fifty_parallel_checkouts_reserve_exactly_the_ten_in_stock_and_expiry_gives_them_back():
    qris_account()
    product = ProductFactory(stock=10, name="Kopi Sirah Kencong 250 g")
    address = address_in_regency()
    carts = []
    for index in range(BUYERS):
        user = buyer(email=f"serbu{index}@contoh.test")
        cart = services.cart_for_user(user=user)
        services.cart_item_add(cart=cart, product=product, quantity=1)
        carts.append((user, cart))
    assert connection.vendor == "postgresql"

    start = threading.Barrier(BUYERS)
    outcomes: list[str] = []
    lowest_seen: list[int] = []
    lock = threading.Lock()

    def checkout(user, cart):
        try:
            start.wait()
            try:
                services.order_start(cart=cart, buyer=user, address=address, payment_method="qris")
                result = "reserved"
            except ValidationError as exc:
                result = "refused" if "quantity" in exc.message_dict else f"error {exc}"
            stock = Product.objects.values_list("stock", flat=True).get(pk=product.pk)
            with lock:
                outcomes.append(result)
                lowest_seen.append(stock)
        finally:
            connections.close_all()  # each thread had its own connection

    threads = [threading.Thread(target=checkout, args=pair) for pair in carts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("reserved") == 10
    assert outcomes.count("refused") == BUYERS - 10
    assert min(lowest_seen) >= 0
    product.refresh_from_db()
    assert product.stock == 0
    assert Order.objects.filter(status=Order.Status.PENDING_PAYMENT).count() == 10

    # Reservations lapse: the expiry command cancels the orders and gives all ten back.
    Order.objects.update(reserved_until=timezone.now() - timedelta(minutes=1))
    call_command("expire_reservations")
    product.refresh_from_db()
    assert product.stock == 10
    assert Order.objects.filter(status=Order.Status.CANCELLED).count() == 10
    assert services.reservations_expire() == 0  # nothing left to release, nothing released twice
    product.refresh_from_db()
    assert product.stock == 10


def _run_together(*targets):
    """Start every target at once, each on its own connection; return what each raised (or None)."""
    start = threading.Barrier(len(targets))
    errors: list = [None] * len(targets)

    def run(index, target):
        try:
            start.wait()
            target()
        except Exception as exc:  # reported to the test, which asserts there were none
            errors[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, target)) for index, target in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_overlapping_expiry_runs_count_each_release_once():
    qris_account()
    product = ProductFactory(stock=30)
    for index in range(12):
        place_order(user=buyer(email=f"lapsed{index}@contoh.test"), items=[(product, 2)])
    Order.objects.update(reserved_until=timezone.now() - timedelta(minutes=1))
    counts: list[int] = []
    lock = threading.Lock()

    def expire():
        released = services.reservations_expire()
        with lock:
            counts.append(released)

    assert _run_together(expire, expire, expire) == [None, None, None]
    assert sum(counts) == 12 and len(counts) == 3
    assert Order.objects.filter(status=Order.Status.CANCELLED).count() == 12
    product.refresh_from_db()
    assert (product.stock, product.allocated) == (30, 0)


@pytest.mark.stripe
def test_a_staff_refund_racing_stripes_refund_event_applies_exactly_one_refund(client):
    """20 races of the staff refund (through stripe-mock) against the charge.refunded event for it, the
    webhook answered by the real view: never a 500, exactly one refund applied, the ledger balanced."""
    from django.test import Client

    staff = staff_user()
    first, second = ProductFactory(stock=100, price=20000), ProductFactory(stock=100, price=15000)
    for run in range(20):
        order = place_order(
            user=buyer(email=f"balapan{run}@contoh.test"),
            items=[(first, 1), (second, 1)],
            method=Order.PaymentMethod.CARD,
        )
        paid = stripe_event("checkout.session.completed", session_object(order), event_id=f"evt_pay_{run}")
        assert post_webhook(client, paid).json()["outcome"] == "paid"
        order.refresh_from_db()
        refunded = stripe_event(
            "charge.refunded", charge_object(order, refunded=order.total), event_id=f"evt_refund_{run}"
        )
        answers = []

        def staff_refund(order=order):
            with contextlib.suppress(ValidationError):  # the event came first: nothing left to refund
                services.order_refund(order=order, by=staff)

        def stripe_sends_event(payload=refunded, answers=answers):
            answers.append(post_webhook(Client(), payload).status_code)

        assert _run_together(staff_refund, stripe_sends_event) == [None, None]
        assert answers == [200]
        order.refresh_from_db()
        assert order.status == Order.Status.REFUNDED and order.amount_refunded == order.total
        applied = Refund.objects.filter(order=order, status=Refund.Status.SUCCEEDED)
        assert applied.count() == 1 and applied.get().amount == order.total
        assert LedgerEntry.objects.filter(seller_order__order=order, kind="refund").count() == 2
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.stock, first.allocated, first.sales_count) == (100, 0, 0)
    assert (second.stock, second.allocated, second.sales_count) == (100, 0, 0)
    report = ledger_check()
    assert report.ok, report.problems
