import pytest

from shop.orders.ledger import ledger_check


@pytest.fixture(autouse=True)
def _ledger_stays_balanced(request):
    """After every orders test that touches the database, the seller ledger must still balance: every paid
    part credited once, every refund debited by the sharing rule, payouts equal to their entries."""
    if request.node.get_closest_marker("django_db") is None:
        yield
        return
    # Set the database up first, so it is torn down after this check (the test's data is still there).
    request.getfixturevalue("_django_db_helper")
    yield
    report = ledger_check()
    assert report.ok, report.problems
