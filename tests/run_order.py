"""Expensive fixtures shared by the tests that run one after another (tests/conftest.py orders them).

A module-scoped fixture is torn down when its module ends. The demo build (`demo_built`) and Chromium
(`browser`, tests/e2e/conftest.py) cost seconds to minutes each; when the next test to run uses the same
fixture, they stay up for it instead, and are closed after the last test that uses them.
"""

import pytest

# Fixtures whose tests run one after another, in the place of the first of them.
RUN_TOGETHER = ("demo_built", "browser", "committed_demo")

# The item pytest runs after the current one, recorded by tests/conftest.py before fixtures are torn down.
NEXT_ITEM: dict[str, pytest.Item | None] = {}


def next_item_uses(fixture: str) -> bool:
    nextitem = NEXT_ITEM.get("item")
    return nextitem is not None and fixture in getattr(nextitem, "fixturenames", ())


def database_group(item: pytest.Item) -> int:
    """pytest-django's order: 0 database tests, 1 transactional database tests, 2 tests without a database
    (pytest_django.plugin.pytest_collection_modifyitems). Moving a test never crosses these groups."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    transactional = bool(
        marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    )
    if transactional or "transactional_db" in fixtures or "live_server" in fixtures:
        return 1
    return 0 if marker or "db" in fixtures else 2


def run_together(items: list[pytest.Item], fixture: str) -> None:
    """Move the tests that use `fixture` right after the first of them, keeping their order; a test of
    another database group than the first stays where it is."""
    users = [item for item in items if fixture in getattr(item, "fixturenames", ())]
    if len(users) < 2:
        return
    group = database_group(users[0])
    moved = [item for item in users if database_group(item) == group]
    first = items.index(moved[0])
    moving = set(map(id, moved))
    others = [item for item in items if id(item) not in moving]
    items[:] = others[:first] + moved + others[first:]
