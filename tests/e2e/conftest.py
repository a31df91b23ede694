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
