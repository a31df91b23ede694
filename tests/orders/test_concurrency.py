"""Stock never oversells: 50 buyers check out at once on PostgreSQL, each thread on its own connection."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from shop.models import Product
from shop.orders import services
from shop.orders.models import Order
from tests.orders.factories import ProductFactory, address_in_regency, buyer, qris_account

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
