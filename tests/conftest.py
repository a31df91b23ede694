import os

import pytest

from tests import realservices


def pytest_report_header(config):
    lines = [
        f"CI={os.environ.get('CI', '')!r}: a service-backed test without its service "
        + ("FAILS" if realservices.IN_CI else "skips")
    ]
    for name in ("TEST_DATABASE_URL", "TEST_ELASTICSEARCH_URL", "TEST_STRIPE_API_BASE", "CHROMIUM_PATH"):
        lines.append(f"{name}={os.environ.get(name, '(unset)')}")
    return lines


@pytest.fixture(autouse=True)
def _require_real_services(request, django_db_blocker):
    """Tests marked with a service need it: skip locally, fail under CI=true (see tests/realservices.py)."""
    for marker, check in realservices.CHECKS.items():
        if request.node.get_closest_marker(marker):
            with django_db_blocker.unblock():
                check()


def pytest_terminal_summary(terminalreporter):
    terminalreporter.section("real services used")
    if not realservices.USED:
        terminalreporter.write_line("none")
    for name, version in sorted(realservices.USED.items()):
        terminalreporter.write_line(f"{name}: {version}")


@pytest.fixture(autouse=True)
def _indonesian_by_default(settings):
    settings.LANGUAGE_CODE = "id"
    from django.utils import translation

    with translation.override("id"):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, so cached figures (home page, category tree) never leak between
    tests."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture(scope="module")
def demo_built(django_db_setup, django_db_blocker):
    """The whole demo, built once for a test module (about a minute) rather than once per test.

    It is built inside an outer transaction that is rolled back when the module ends; every test of the module
    then runs in its own savepoint on top of it, as Django's TestCase does for `setUpTestData`. Use it only in
    a module whose every test reads the built demo (tests/adimarko/test_demo_built.py): while it lives, every
    test of the module sees the demo. Yields the totals `build_demo` returns."""
    from django.db import transaction

    from adimarko.demo.orchestrator import build_demo

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_demo()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
