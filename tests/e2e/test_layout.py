"""Browser: the phone-first header (issue 17). One short line on a 390 px phone with a menu button that opens
the navigation from the keyboard; at 1280 px a staff member's role links sit in the account menu, so the
header stays one line."""

import pytest
from django.urls import reverse

from adimarko.core.roles import Role
from tests.e2e.axe import assert_no_serious_axe_violations
from tests.e2e.session import log_in, new_page
from tests.factories import UserFactory
from tests.shop.factories import approved_product

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

    # A 360 px phone with a cart count beside the cart: still one line, nothing wider than the screen.
    item = approved_product(name="Kopi Robusta Wlingi")
    page.goto(live_server.url + reverse("product_detail", args=[item.slug]))
    page.get_by_role("button", name="Tambah ke keranjang").click()
    page.wait_for_url(live_server.url + reverse("orders:cart"))
    page.set_viewport_size({"width": 360, "height": 740})
    expect(page.locator(".site-header .cart-count")).to_be_visible()
    assert page.locator(".site-header").bounding_box()["height"] <= 64
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


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


def test_rupiah_figures_stay_on_one_line_inside_their_cards_on_a_360_px_phone(live_server, page):
    """A rupiah amount broke in two in a figure card on a phone: the |rupiah span and site.css keep it
    whole, and the card makes room for it."""
    from django.template import Context, Template
    from django.templatetags.static import static

    figures = Template(
        "{% load adimarko %}<section class='impact-figures'><dl class='figures'>"
        "<div><dt>alumni</dt><dd>12</dd></div><div><dt>penjualan alumni</dt><dd>{{ a|rupiah }}</dd></div>"
        "<div><dt>produk</dt><dd>345</dd></div><div><dt>pendapatan</dt><dd>{{ b|rupiah }}</dd></div>"
        "</dl></section>"
    ).render(Context({"a": 472_000, "b": 1_234_567_890}))
    page.set_viewport_size({"width": 360, "height": 740})
    stylesheet = live_server.url + static("adimarko/css/site.css")
    page.set_content(
        f'<!DOCTYPE html><html lang="id"><head><meta name="viewport" content="width=device-width">'
        f'<link rel="stylesheet" href="{stylesheet}"></head>'
        f'<body><main class="container">{figures}</main></body></html>'
    )
    amounts = page.locator(".figures .money")
    assert amounts.all_inner_texts() == ["Rp 472.000", "Rp 1.234.567.890"]
    for amount in amounts.all():
        box = amount.bounding_box()
        card = amount.locator("xpath=ancestor::div[1]").bounding_box()
        line = amount.evaluate("element => parseFloat(getComputedStyle(element).lineHeight)")
        assert amount.evaluate("element => getComputedStyle(element).whiteSpace") == "nowrap"
        assert box["height"] < 1.5 * line  # one line
        assert box["x"] + box["width"] <= card["x"] + card["width"]  # inside its card
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_responsive_table_becomes_labelled_cards_under_600_px(live_server, page):
    """The pattern the list pages use (site.css, docs/public-site.md "Phone-first layout")."""
    from django.templatetags.static import static

    stylesheet = live_server.url + static("adimarko/css/site.css")
    long_reference = "AM-2026-" + "X" * 60  # a long word must wrap, not widen the page
    page.set_content(
        f'<!DOCTYPE html><html lang="id"><head><meta name="viewport" content="width=device-width">'
        f'<link rel="stylesheet" href="{stylesheet}"></head><body><main class="container">'
        '<table class="table responsive"><thead><tr><th>Pesanan</th><th>Status</th><th>Total</th>'
        f'<th></th></tr></thead><tbody><tr><td data-label="Pesanan">{long_reference}</td>'
        '<td data-label="Status">Dibayar</td><td data-label="Total">Rp 45.000</td>'
        '<td><a class="button" href="#">Buka</a></td></tr></tbody></table>'
        "</main></body></html>"
    )
    status = page.locator("td[data-label=Status]")
    label = "element => getComputedStyle(element, '::before').content"
    assert status.evaluate(label) == '"Status"'
    assert page.locator("td:not([data-label])").evaluate(label) == "none"
    assert page.locator("thead").bounding_box()["height"] <= 1  # read by screen readers, not shown
    cells = [page.locator("td").nth(n).bounding_box() for n in range(4)]
    assert [round(cell["x"]) for cell in cells] == [round(cells[0]["x"])] * 4  # stacked in one card
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.set_viewport_size({"width": 1280, "height": 900})  # a wide screen: an ordinary table
    assert status.evaluate(label) == "none"
    assert page.locator("thead").bounding_box()["height"] > 1
    assert page.locator("td").nth(1).bounding_box()["x"] > page.locator("td").nth(0).bounding_box()["x"]
