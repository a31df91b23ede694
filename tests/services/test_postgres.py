"""PostgreSQL: row locks work as the stock reservation of the marketplace will need them."""

import threading

import pytest
from django.db import DatabaseError, connections, transaction

from adimarko.core.models import Business
from tests.factories import BusinessFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_select_for_update_blocks_a_second_transaction():
    business = BusinessFactory()
    locked = threading.Event()
    release = threading.Event()
    outcome = {}

    def hold_lock():
        try:
            with transaction.atomic():
                Business.objects.select_for_update().get(pk=business.pk)
                locked.set()
                release.wait(timeout=10)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    assert locked.wait(timeout=10)
    try:
        with transaction.atomic():
            Business.objects.select_for_update(nowait=True).get(pk=business.pk)
    except DatabaseError as exc:
        outcome["error"] = exc
    finally:
        release.set()
        holder.join(timeout=10)

    assert "could not obtain lock" in str(outcome["error"])
    # Once released, the row can be locked again.
    with transaction.atomic():
        assert Business.objects.select_for_update(nowait=True).get(pk=business.pk) == business


def test_skip_locked_hands_out_each_row_once():
    first, second = BusinessFactory(), BusinessFactory()
    taken = []
    with transaction.atomic():
        taken.append(Business.objects.select_for_update(skip_locked=True).order_by("pk").first())

        def other():
            try:
                with transaction.atomic():
                    taken.append(Business.objects.select_for_update(skip_locked=True).order_by("pk").first())
            finally:
                connections.close_all()

        thread = threading.Thread(target=other)
        thread.start()
        thread.join(timeout=10)
    assert taken == [first, second]
