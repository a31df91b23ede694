"""Chromium on every key page type under the real Content-Security-Policy (issue 15, item 9): no
`securitypolicyviolation` event and no CSP message in the console, and the scripts that must run do run
(htmx, the API docs' Swagger UI)."""

import pytest

from tests.e2e.conftest import browser, committed_demo  # noqa: F401 (the e2e suite's shared fixtures)
from tests.e2e.session import log_in_demo
from tests.security.csp_pages import key_pages

# The demo is built and committed once by `committed_demo` (shared with tests/e2e/test_page_widths.py); the
# test only reads it through the live server.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# Collects every violation from the first byte of each document (injected by the browser, not by the page,
# so the policy does not apply to it).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${where}`);
});
"""


def _context(chromium, base_url: str, email: str | None):
    context = chromium.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    if email:
        # Through the login form: a session made here would stay in this test's transaction, unseen by the
        # live server.
        page = context.new_page()
        page.set_default_timeout(15_000)
        log_in_demo(page, base_url, email)
        page.close()
    return context


def test_no_page_type_violates_the_policy(committed_demo, browser):  # noqa: F811
    live_server = committed_demo
    violations, console = {}, {}
    contexts = {}
    try:
        for key_page in key_pages():
            if key_page.email not in contexts:
                contexts[key_page.email] = _context(browser, live_server.url, key_page.email)
            page = contexts[key_page.email].new_page()
            page.set_default_timeout(15_000)
            messages = []
            page.on("console", lambda message, messages=messages: messages.append(message.text))
            page.on("pageerror", lambda error, messages=messages: messages.append(f"pageerror: {error}"))
            response = page.goto(live_server.url + key_page.path, wait_until="load")
            assert response.status == 200, (key_page.name, response.status)
            assert "script-src 'self'" in response.headers["content-security-policy"]
            if key_page.name == "API docs":
                page.locator(".swagger-ui .info .title").wait_for()  # Swagger UI ran from our static files
            else:
                # htmx loaded and processed the page (its inline indicator style switched off).
                assert page.evaluate("() => typeof window.htmx === 'object'"), key_page.name
            if key_page.name == "search":
                page.get_by_role("searchbox").first.fill("kopi bubuk")
                page.wait_for_load_state("networkidle")
            page.wait_for_timeout(100)  # violations are reported asynchronously
            if found := page.evaluate("() => window.__cspViolations"):
                violations[key_page.name] = found
            if found := [m for m in messages if "Content Security Policy" in m or m.startswith("pageerror")]:
                console[key_page.name] = found
            page.close()
    finally:
        for context in contexts.values():
            context.close()
    assert violations == {}
    assert console == {}
