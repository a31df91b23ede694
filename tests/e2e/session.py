"""Shared steps of the browser journeys: logging in through the real form, opening a second browser."""

from tests.factories import PASSWORD


def log_in(page, base: str, email: str, next_path: str = "") -> None:
    """Log in with the demo password through the login form; lands on `next_path` (default: the profile)."""
    page.goto(f"{base}/akun/masuk/" + (f"?next={next_path}" if next_path else ""))
    page.get_by_label("Alamat email").fill(email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(base + (next_path or "/akun/profil/"))


def new_page(browser):
    """A page in a fresh context (its own cookies): a second person in the same journey."""
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def open_menu(page) -> None:
    """Open the header menu (a <details>): on a phone it holds every link, from 64rem the account and role
    links."""
    menu = page.locator("#site-menu")
    if menu.get_attribute("open") is None:
        menu.locator("summary").click()


def log_in_demo(page, base: str, email: str) -> None:
    """Log a demo login (adimarko.core.demo, its own password) in through the form; lands on the profile."""
    from adimarko.core.demo import DEMO_PASSWORD

    page.goto(f"{base}/akun/masuk/")
    page.get_by_label("Alamat email").fill(email)
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(base + "/akun/profil/")
