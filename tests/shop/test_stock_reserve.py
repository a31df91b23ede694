"""shop.stock.stock_reserve: several products in one statement on PostgreSQL (issue 18, checkout CPU), the
same outcome as one conditional UPDATE per product: all moved, or exactly the short ones reported."""

import threading

import pytest
from django.db import connection, connections, transaction

from shop.models import Product
from shop.stock import stock_reserve
from tests.orders.factories import ProductFactory

pytestmark = pytest.mark.django_db


def _figures(*products):
    return [
        (row.stock, row.allocated)
        for row in Product.objects.filter(pk__in=[p.pk for p in products]).order_by("pk")
    ]


def test_several_products_are_held_together(django_assert_num_queries):
    a, b, c = ProductFactory(stock=5), ProductFactory(stock=2), ProductFactory(stock=10)
    # One statement on PostgreSQL, one per product elsewhere.
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 3):
        assert stock_reserve({c.pk: 1, a.pk: 2, b.pk: 2}) == []
    assert _figures(a, b, c) == [(3, 2), (0, 2), (9, 1)]


def test_exactly_the_short_products_are_reported_in_id_order():
    a, b, c = ProductFactory(stock=5), ProductFactory(stock=2), ProductFactory(stock=10)
    assert stock_reserve({c.pk: 11, a.pk: 1, b.pk: 3}) == [b.pk, c.pk]
    # The one that had enough moved: the caller rolls the transaction back when the list is not empty.
    assert _figures(a, b, c) == [(4, 1), (2, 0), (10, 0)]


def test_zero_units_are_skipped():
    a, b = ProductFactory(stock=1), ProductFactory(stock=1)
    assert stock_reserve({a.pk: 0, b.pk: 1}) == []
    assert _figures(a, b) == [(1, 0), (0, 1)]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_carts_of_two_products_never_oversell():
    """Twenty carts holding one unit of each of two products at once (each on its own connection, the rows
    listed in opposite orders): exactly as many succeed as the scarcer product has, nothing deadlocks, and
    neither stock goes below zero."""
    assert connection.vendor == "postgresql"
    a, b = ProductFactory(stock=10), ProductFactory(stock=6)
    threads_count = 20
    start = threading.Barrier(threads_count)
    outcomes: list[str] = []
    lock = threading.Lock()

    class Short(Exception):
        pass

    def reserve(index):
        try:
            start.wait()
            quantities = {b.pk: 1, a.pk: 1} if index % 2 else {a.pk: 1, b.pk: 1}
            try:
                with transaction.atomic():
                    if stock_reserve(quantities):
                        raise Short
                result = "held"
            except Short:
                result = "short"
            except Exception as exc:  # noqa: BLE001 - a deadlock or any other error fails the test below
                result = repr(exc)
            with lock:
                outcomes.append(result)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reserve, args=(n,)) for n in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["held"] * 6 + ["short"] * 14
    assert _figures(a, b) == [(4, 6), (0, 6)]
