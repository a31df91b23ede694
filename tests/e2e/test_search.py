"""Browser: the search page updates in place (HTMX), keeps its state in the URL, honours the back button."""

import re

import pytest

from tests.e2e.axe import assert_no_serious_axe_violations
from tests.factories import BusinessFactory
from tests.search.factories import CategoryFactory, ProductFactory, desa_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def shop_data(settings):
    settings.ELASTICSEARCH_URL = ""  # the embedded default: database search
    kopi = CategoryFactory(name="Kopi", slug="kopi")
    keripik = CategoryFactory(name="Keripik & Camilan", slug="keripik")
    wlingi = BusinessFactory(name="Kopi Sirah Kencong", desa=desa_in("Wlingi"))
    garum = BusinessFactory(name="Camilan Garum", desa=desa_in("Garum"))
    ProductFactory(name="Kopi Bubuk Robusta", business=wlingi, category=kopi, origin_desa=desa_in("Wlingi"))
    ProductFactory(name="Kopi Biji Garum", business=garum, category=kopi, origin_desa=desa_in("Garum"))
    ProductFactory(
        name="Keripik Gadung Garum", business=garum, category=keripik, origin_desa=desa_in("Garum")
    )


def test_facets_update_in_place_and_the_back_button_restores_the_state(live_server, page, shop_data):
    from playwright.sync_api import expect

    page.goto(live_server.url + "/cari/")
    count = page.locator(".results-count")
    assert re.match(r"3 produk", count.inner_text())
    page.evaluate("window.__sameDocument = true")
    page.locator("#search-filters > summary").click()  # on a phone the filters are folded

    page.locator('input[name="kecamatan"][value="35.05.11"]').check()
    expect(page).to_have_url(re.compile(r"kecamatan=35\.05\.11"))
    expect(count).to_have_text(re.compile(r"\b2 produk\b"))
    page.locator('input[name="kategori"][value="kopi"]').check()
    expect(page).to_have_url(re.compile(r"kategori=kopi"))
    expect(count).to_have_text(re.compile(r"\b1 produk\b"))
    assert page.locator(".hit-name").all_inner_texts() == ["Kopi Biji Garum"]
    assert page.evaluate("window.__sameDocument") is True  # no full page load: HTMX swapped the listing
    assert_no_serious_axe_violations(page)  # the search page, facets open, after an in-place update

    page.go_back()
    expect(page).to_have_url(re.compile(r"^(?!.*kategori).*kecamatan=35\.05\.11"))
    expect(count).to_have_text(re.compile(r"\b2 produk\b"))
    assert page.locator('input[name="kecamatan"][value="35.05.11"]').is_checked()

    # A shared URL opens the same state.
    page.goto(live_server.url + "/cari/?kecamatan=35.05.11&kategori=keripik")
    assert page.locator(".hit-name").all_inner_texts() == ["Keripik Gadung Garum"]


def test_autocomplete_suggests_while_typing(live_server, page, shop_data):
    page.goto(live_server.url + "/cari/")
    page.locator("#search-q").press_sequentially("kop", delay=50)
    suggestions = page.locator("#search-suggestions .suggestion")
    suggestions.first.wait_for()
    assert sorted(suggestions.all_inner_texts()) == ["Kopi Biji Garum", "Kopi Bubuk Robusta"]


def test_on_a_phone_the_first_result_shows_first_and_the_filters_fold_with_their_count(
    live_server, page, shop_data
):
    from playwright.sync_api import expect

    page.goto(live_server.url + "/cari/?q=kopi&kecamatan=35.05.11&kategori=kopi&tersedia=1")  # 390 × 844
    assert page.locator(".hit-name").all_inner_texts() == ["Kopi Biji Garum"]
    first = page.locator(".hits > li").first.bounding_box()
    assert first["y"] < 844 and first["y"] + first["height"] <= 844  # seen whole without scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    panel = page.locator("details#search-filters")
    summary = panel.locator("summary")
    assert summary.inner_text().strip() == "Filter (3)"
    kecamatan = page.locator('input[name="kecamatan"][value="35.05.11"]')
    expect(kecamatan).to_be_hidden()
    summary.focus()
    page.keyboard.press("Enter")  # opens from the keyboard
    expect(kecamatan).to_be_visible()
    kecamatan.uncheck()  # HTMX swaps the listing; the panel stays open and counts one filter less
    expect(summary).to_have_text(re.compile(r"^\s*Filter \(2\)\s*$"))
    expect(page.locator('input[name="kategori"][value="kopi"]')).to_be_visible()

    page.set_viewport_size({"width": 1280, "height": 900})  # a wide screen: the filters open in a side column
    page.reload()
    expect(page.locator('input[name="kategori"][value="kopi"]')).to_be_visible()
    assert panel.bounding_box()["x"] < page.locator(".results").bounding_box()["x"]
