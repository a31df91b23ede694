from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from adimarko.core import services as shared
from adimarko.core.demo import DEMO_LOGINS, build_businesses, demo_user
from shop.orders.demo import build_orders
from shop.orders.ledger import ledger_check
from shop.orders.models import LedgerEntry, Order, Review, SellerOrder
from tests.orders.factories import ProductFactory

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


def test_demo_orders_cover_every_state_balance_the_ledger_and_are_idempotent():
    shared.roles_sync()
    for login in DEMO_LOGINS:
        demo_user(login)
    businesses = build_businesses()
    for business in businesses[:6]:
        for number in range(3):
            ProductFactory(business=business, stock=50, price=15000 + 5000 * number)
    first = build_orders()
    assert first["orders"] == 18 and first["reviews"] > 0 and first["payout_batches"] == 1
    assert set(Order.objects.values_list("status", flat=True)) == set(Order.Status.values)
    assert set(SellerOrder.objects.values_list("status", flat=True)) == set(SellerOrder.Status.values)
    assert Order.objects.filter(payment_method="card", status="paid").exists()
    assert ledger_check().ok
    # The completed orders were placed in 2024 and 2025: their whole timeline is dated then, in order.
    completed = SellerOrder.objects.filter(status="completed").select_related("order")
    assert {s.paid_at.astimezone(WIB).year for s in completed} == {2024, 2025}
    for seller_order in completed:
        order = seller_order.order
        assert order.created_at < order.paid_at == seller_order.paid_at < seller_order.processing_at
        assert seller_order.shipped_at < seller_order.delivered_at < seller_order.completed_at
        assert seller_order.ledger_entries.get(kind=LedgerEntry.Kind.SALE).created_at == seller_order.paid_at
        assert order.reference.startswith(f"AM{order.created_at.astimezone(WIB):%y%m%d}-")
        reviews = Review.objects.filter(order_line__seller_order=seller_order)
        assert all(r.created_at > seller_order.completed_at for r in reviews)
    assert Review.objects.filter(order_line__seller_order__in=completed).exists()
    others = SellerOrder.objects.filter(paid_at__isnull=False).exclude(status="completed")
    assert {s.paid_at.year for s in others} == {timezone.now().year}
    assert build_orders() == first


def test_demo_orders_need_products_and_build_nothing_without_them():
    shared.roles_sync()
    for login in DEMO_LOGINS:
        demo_user(login)
    assert build_orders()["orders"] == 0
