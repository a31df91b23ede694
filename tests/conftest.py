import os

import pytest

from tests import realservices, run_order


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


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    run_order.NEXT_ITEM["item"] = nextitem


MIGRATE_FORWARD = "tests.incubation.test_migrate_forward"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests that use the demo build, and tests that use Chromium, run one after another in the place of the
    first of them, so that their modules share one build and one browser (tests/run_order.py). Runs after
    pytest-django has ordered the tests by database use, and keeps that order. Nothing else moves."""
    for fixture in run_order.RUN_TOGETHER:
        run_order.run_together(items, fixture)
    # The migrate-forward test's minute of old-code seeding runs beside the suite (see that module).
    modules = [getattr(item, "module", None) for item in items]
    forward = [module for module in modules if getattr(module, "__name__", "") == MIGRATE_FORWARD]
    if forward:
        forward[0].start_old_seed()


# The demo being shared: the open outer transaction and the totals of its build.
_DEMO: dict = {}


@pytest.fixture(scope="module")
def demo_built(django_db_setup, django_db_blocker):
    """The whole demo (about half a minute to build), built once and shared by every module that reads it,
    rather than once per test or per module.

    It is built inside an outer transaction; every test then runs in its own savepoint on top of it, as
    Django's TestCase does for `setUpTestData`, so no test sees another's writes. The tests that use this
    fixture run one after another (`pytest_collection_modifyitems` above): when a module ends and the next
    test also reads the demo, the transaction stays open for it; after the last of them it is rolled back,
    and no other test ever sees the demo. Use it only in tests that read the built demo
    (tests/adimarko/test_demo_built.py, tests/security/test_csp.py).

    Yields the totals `build_demo` returns."""
    from django.db import transaction

    from adimarko.demo.orchestrator import build_demo

    with django_db_blocker.unblock():
        if not _DEMO:
            outer = transaction.atomic()
            outer.__enter__()
            try:
                _DEMO.update(outer=outer, totals=build_demo())
            except BaseException:
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)
                raise
    yield _DEMO["totals"]
    if run_order.next_item_uses("demo_built"):
        return  # the next module reads the same demo
    with django_db_blocker.unblock():
        outer = _DEMO.pop("outer")
        _DEMO.clear()
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
