import pytest
from django.db import transaction

from tests.adimarko.reporting.dataset import build


@pytest.fixture(scope="module")
def impact_data(django_db_setup, django_db_blocker):
    """The hand-checked data set, built once per module inside a transaction that is rolled back afterwards.
    Each test runs in its own savepoint within it (pytest-django's django_db), so no test sees another's
    writes."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build()
        transaction.set_rollback(True)
