"""The ordering that lets expensive fixtures be shared (tests/run_order.py): tests that use one run one after
another in the place of the first of them, never across pytest-django's database groups."""

import pytest

from tests import run_order


class Item:
    def __init__(self, name, fixtures=(), db=None):
        self.name = name
        self.fixturenames = list(fixtures)
        self._db = db

    def get_closest_marker(self, name):
        return None if self._db is None else pytest.mark.django_db(**self._db).mark

    def __repr__(self):
        return self.name


def names(items):
    return [item.name for item in items]


def test_tests_using_a_fixture_run_together_in_the_place_of_the_first():
    items = [
        Item("a"),
        Item("demo1", ["demo_built"], db={}),
        Item("b", db={}),
        Item("c"),
        Item("demo2", ["demo_built"], db={}),
        Item("d"),
    ]
    run_order.run_together(items, "demo_built")
    assert names(items) == ["a", "demo1", "demo2", "b", "c", "d"]


def test_a_test_of_another_database_group_stays_where_it_is():
    items = [
        Item("browser1", ["browser", "live_server"], db={"transaction": True}),
        Item("x", db={"transaction": True}),
        Item("browser_plain_db", ["browser"], db={}),
        Item("browser2", ["browser"], db={"transaction": True, "serialized_rollback": True}),
    ]
    run_order.run_together(items, "browser")
    assert names(items) == ["browser1", "browser2", "x", "browser_plain_db"]


def test_database_groups_follow_pytest_django():
    assert run_order.database_group(Item("t", db={})) == 0
    assert run_order.database_group(Item("t", ["db"])) == 0
    assert run_order.database_group(Item("t", db={"transaction": True})) == 1
    assert run_order.database_group(Item("t", ["live_server"], db={})) == 1
    assert run_order.database_group(Item("t", ["transactional_db"])) == 1
    assert run_order.database_group(Item("t")) == 2


def test_the_next_item_decides_whether_a_shared_fixture_stays_up():
    run_order.NEXT_ITEM["item"] = Item("next", ["browser"])
    assert run_order.next_item_uses("browser")
    assert not run_order.next_item_uses("demo_built")
    run_order.NEXT_ITEM["item"] = None
    assert not run_order.next_item_uses("browser")
