"""Browser: the phone-first header (issue 17). One short line on a 390 px phone with a menu button that opens
the navigation from the keyboard; at 1280 px a staff member's role links sit in the account menu, so the
header stays one line."""

import pytest

from adimarko.core.roles import Role
from tests.e2e.axe import assert_no_serious_axe_violations
from tests.e2e.session import log_in, new_page
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_phone_header_is_one_short_line_whose_menu_button_opens_the_navigation(live_server, page):
    from playwright.sync_api import expect

    page.goto(live_server.url + "/")  # 390 × 844
    assert page.locator(".site-header").bounding_box()["height"] <= 64
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    header = page.locator(".site-header")
    expect(header.get_by_role("link", name="Cari", exact=True)).to_be_visible()
    expect(header.get_by_role("link", name="Keranjang", exact=True)).to_be_visible()
    products = page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Produk")
    expect(products).to_have_count(0)  # folded away

    # From the keyboard: skip link, logo, search, cart, then the menu button.
    for _ in range(5):
        page.keyboard.press("Tab")
    summary = page.locator("#site-menu > summary")
    assert summary.evaluate("element => element === document.activeElement")
    assert summary.inner_text().strip() == "Menu"
    page.keyboard.press("Enter")
    expect(products).to_be_visible()
    expect(page.get_by_role("navigation", name="Akun").get_by_role("link", name="Masuk")).to_be_visible()
    expect(page.get_by_role("navigation", name="Bahasa").get_by_role("link", name="EN")).to_be_visible()
    assert_no_serious_axe_violations(page)  # the open menu
    page.keyboard.press("Escape")
    expect(products).to_have_count(0)
    assert summary.evaluate("element => element === document.activeElement")

    summary.click()
    products.click()
    page.wait_for_url(live_server.url + "/produk/")


def test_at_1280_px_a_staff_members_role_links_sit_in_the_account_menu(live_server, browser):
    UserFactory(email="staf.header@contoh.test", roles=(Role.STAFF, Role.JURY, Role.TRAINER))
    page = new_page(browser)  # 1280 × 900
    try:
        log_in(page, live_server.url, "staf.header@contoh.test")
        assert page.locator(".site-header").bounding_box()["height"] <= 64  # one line
        main = page.get_by_role("navigation", name="Menu utama")
        assert main.get_by_role("link", name="Produk").is_visible()  # the main links sit in the line
        impact = page.get_by_role("link", name="Dampak program")
        assert impact.count() == 0
        page.locator("#site-menu > summary").click()
        assert page.locator("#site-menu > summary").inner_text().strip() == "Akun"
        account = page.get_by_role("navigation", name="Akun")
        for label in [
            "Dasbor penjual",
            "Juri",
            "Audisi (staf)",
            "Angkatan (staf)",
            "Pelatih",
            "Dampak program",
        ]:
            assert account.get_by_role("link", name=label, exact=True).is_visible(), label
        page.locator("main h1").click()  # a click elsewhere closes the menu
        assert impact.count() == 0
    finally:
        page.context.close()
