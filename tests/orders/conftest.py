import pytest

from shop.orders.ledger import ledger_check
from shop.orders.models import Order
from tests.orders.factories import ProductFactory, buyer, place_order


@pytest.fixture(autouse=True)
def _ledger_stays_balanced(request):
    """After every orders test that touches the database, the seller ledger must still balance: every paid
    part credited once, every refund debited by the sharing rule, payouts equal to their entries."""
    if (
        request.node.get_closest_marker("django_db") is None
        or request.node.get_closest_marker("ledger_unbalanced") is not None
    ):
        yield
        return
    # Set the database up first, so it is torn down after this check (the test's data is still there).
    request.getfixturevalue("_django_db_helper")
    yield
    report = ledger_check()
    assert report.ok, report.problems


@pytest.fixture
def card_order():
    """A pending card order from two sellers: 2 × Rp 20.000 + Rp 10.000 shipping, and 1 × Rp 15.000 +
    Rp 10.000 shipping (total Rp 75.000); each product had 10 in stock. Returns (order, first, second)."""
    first, second = ProductFactory(stock=10, price=20000), ProductFactory(stock=10, price=15000)
    order = place_order(user=buyer(), items=[(first, 2), (second, 1)], method=Order.PaymentMethod.CARD)
    return order, first, second
