import os

import pytest
from django.db import connections

from tests import realservices

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


@pytest.fixture(scope="module")
def browser(django_db_setup, django_db_blocker):
    realservices.check_browser()
    # Playwright's sync API runs an event loop in this thread; Django's ORM must still be usable from tests.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    before = {alias: connections[alias] for alias in connections}
    # Scoped to a module: once Playwright stops, later tests get Django's original connections back.
    with sync_playwright() as playwright:
        _carry_test_database_state(before)
        browser = playwright.chromium.launch(executable_path=realservices.chromium_path(), args=CHROMIUM_ARGS)
        realservices.USED["chromium"] = browser.version
        yield browser
        browser.close()
        with django_db_blocker.unblock():
            for alias in connections:
                connections[alias].close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
