import os

import pytest
from django.db import connections

from tests import realservices, run_order

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _carry_test_database_state(before: dict) -> None:
    """While Playwright's sync API runs, Django resolves `connections[alias]` in another context and so builds
    new connection objects. Give them the serialized test data, so `serialized_rollback` keeps restoring
    the rows that migrations created (regions, the home page)."""
    for alias, old in before.items():
        contents = getattr(old, "_test_serialized_contents", None)
        if contents is not None:
            connections[alias]._test_serialized_contents = contents


# Chromium and Playwright while they are shared: started by the first module that needs them, stopped after
# the last test that uses them (tests/run_order.py).
_CHROMIUM: dict = {}


def _start_chromium() -> None:
    # Playwright's sync API runs an event loop in this thread; Django's ORM must still be usable from tests.
    _CHROMIUM["previous"] = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    before = {alias: connections[alias] for alias in connections}
    playwright = sync_playwright().start()
    _CHROMIUM["playwright"] = playwright
    _carry_test_database_state(before)
    browser = playwright.chromium.launch(executable_path=realservices.chromium_path(), args=CHROMIUM_ARGS)
    _CHROMIUM["browser"] = browser
    realservices.USED["chromium"] = browser.version


def _stop_chromium(django_db_blocker) -> None:
    browser, playwright = _CHROMIUM.pop("browser", None), _CHROMIUM.pop("playwright")
    if browser is not None:
        browser.close()
    with django_db_blocker.unblock():
        for alias in connections:
            connections[alias].close()
    playwright.stop()
    previous = _CHROMIUM.pop("previous")
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def browser(django_db_setup, django_db_blocker):
    """One Chromium for every test that uses it: the tests run one after another (tests/conftest.py), and the
    browser stays up from the first of them to the last. Each test gets its own context (`page`), so no
    cookies or storage pass from one test to the next. Once Playwright stops, later tests get Django's
    original connections back."""
    realservices.check_browser()
    if "playwright" not in _CHROMIUM:
        try:
            _start_chromium()
        except BaseException:
            if "playwright" in _CHROMIUM:
                _stop_chromium(django_db_blocker)
            raise
    yield _CHROMIUM["browser"]
    if not run_order.next_item_uses("browser"):
        _stop_chromium(django_db_blocker)


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


# The committed demo and its live server while they are shared (tests/run_order.py runs their users together).
_COMMITTED: dict = {}


@pytest.fixture(scope="module")
def committed_demo(django_db_setup, django_db_blocker):
    """The whole demo, built once and committed, served by a live server of its own (which reads through
    other database connections, so it sees only committed rows; `demo_built` never commits), with one
    product in the buyer's cart so the checkout shows its form. Its tests only read it through the browser.
    Like `demo_built` it is shared: the modules that use it run one after another and it stays up from the
    first to the last of them; then the database is emptied and the rows the migrations made are put back,
    as a `serialized_rollback` test leaves it.

    Yields the live server. Its tests are plain `django_db` tests (not transactional: a transactional test
    would empty the database after itself) and must write nothing: their own writes stay in their
    transaction, which the server does not see. The server is not pytest-django's `live_server`: a test
    that uses that one is made transactional."""
    from django.core.management import call_command

    if not _COMMITTED:
        with django_db_blocker.unblock():
            _COMMITTED.update(_build_committed_demo(call_command))
    server = _COMMITTED["server"]
    server._live_server_modified_settings.enable()
    django_db_blocker.unblock()  # the server's threads reach the database
    try:
        yield server
    finally:
        django_db_blocker.restore()
        server._live_server_modified_settings.disable()
        if not run_order.next_item_uses("committed_demo"):
            server.stop()
            with django_db_blocker.unblock():
                _empty_database(call_command, _COMMITTED.pop("migrated"))
            _COMMITTED.clear()


def _build_committed_demo(call_command) -> dict:
    from django.db import connections
    from pytest_django.live_server_helper import LiveServer

    from adimarko.core.models import User
    from adimarko.demo.orchestrator import build_demo
    from tests.security.csp_pages import BUYER, fill_cart

    migrated = {}
    for alias in connections:
        name = connections[alias].settings_dict["NAME"]
        assert "test" in str(name), f"{alias} is not a test database ({name}): mark the tests django_db"
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        migrated[alias] = contents or connections[alias].creation.serialize_db_to_string()
    try:
        build_demo()
        fill_cart(User.objects.get(email=BUYER))
        server = LiveServer("localhost")
    except BaseException:
        _empty_database(call_command, migrated)
        raise
    return {"migrated": migrated, "server": server}


def _empty_database(call_command, migrated: dict) -> None:
    from django.db import connections

    for alias, contents in migrated.items():
        # As TransactionTestCase does: sequences keep counting (a reset would hand out the ids of the rows
        # put back below, e.g. Wagtail's root page, and the next test's first insert would collide).
        call_command(
            "flush",
            verbosity=0,
            interactive=False,
            database=alias,
            inhibit_post_migrate=True,
            reset_sequences=False,
        )
        connections[alias].creation.deserialize_db_from_string(contents)
