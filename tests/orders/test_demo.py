import pytest

from adimarko import services as shared
from adimarko.demo import DEMO_LOGINS, _user, build_businesses
from shop.orders.demo import build_orders
from shop.orders.ledger import ledger_check
from shop.orders.models import Order, SellerOrder
from tests.orders.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_demo_orders_cover_every_state_balance_the_ledger_and_are_idempotent():
    shared.roles_sync()
    for login in DEMO_LOGINS:
        _user(login)
    businesses = build_businesses()
    for business in businesses[:6]:
        for number in range(3):
            ProductFactory(business=business, stock=50, price=15000 + 5000 * number)
    first = build_orders()
    assert first["orders"] == 16 and first["reviews"] > 0 and first["payout_batches"] == 1
    assert set(Order.objects.values_list("status", flat=True)) == set(Order.Status.values)
    assert set(SellerOrder.objects.values_list("status", flat=True)) == set(SellerOrder.Status.values)
    assert Order.objects.filter(payment_method="card", status="paid").exists()
    assert ledger_check().ok
    assert build_orders() == first


def test_demo_orders_need_products_and_build_nothing_without_them():
    shared.roles_sync()
    for login in DEMO_LOGINS:
        _user(login)
    assert build_orders()["orders"] == 0
