"""The global layout (base.html, the header): one stylesheet and no render-blocking script on public pages
(issue 18), and a header whose menu holds the role links (issue 17; the browser half is in
tests/e2e/test_layout.py)."""

import pytest
from bs4 import BeautifulSoup
from django.templatetags.static import static
from django.urls import reverse

from adimarko.core.roles import Role
from search.listing import active_filter_count
from search.params import parse_params
from tests.factories import UserFactory
from tests.shop.factories import approved_product

pytestmark = pytest.mark.django_db


def _soup(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_public_pages_load_one_stylesheet_and_no_render_blocking_script(client, settings):
    settings.ELASTICSEARCH_URL = ""  # the embedded default: database search
    item = approved_product(name="Kopi Robusta Wlingi")
    for url in [
        "/",
        reverse("product_list"),
        reverse("search") + "?q=kopi",
        reverse("product_detail", args=[item.slug]),
    ]:
        soup = _soup(client, url)
        stylesheets = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
        assert stylesheets == [static("adimarko/css/site.css")], url  # anywhere in the page, not only <head>
        head_scripts = soup.head.find_all("script")
        blocking = [
            str(script)[:80]
            for script in head_scripts
            if script.get("type") != "application/ld+json"
            and not (script.get("src") and script.has_attr("defer"))
        ]
        assert blocking == [], url
        assert [script["src"] for script in head_scripts if script.get("src")] == [
            static("adimarko/js/htmx.min.js"),
            static("adimarko/js/site.js"),
        ], url


def test_search_page_lists_the_results_before_the_folded_filters_with_their_count(
    client, settings, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = ""
    with django_capture_on_commit_callbacks(execute=True):  # the search sync runs on commit
        approved_product(name="Kopi Robusta Wlingi")
    soup = _soup(client, reverse("search") + "?q=kopi&kategori=kopi&harga_min=1000&tersedia=1")
    panel = soup.find("details", id="search-filters")
    assert panel.summary.get_text(strip=True) == "Filter (3)"
    assert not panel.has_attr("open")  # folded; site.js opens it on a wide screen only
    assert panel.find("input", attrs={"name": "kategori", "value": "kopi"}).has_attr("checked")
    assert soup.select_one(".results .hit-name").get_text(" ", strip=True) == "Kopi Robusta Wlingi"
    unfiltered = _soup(client, reverse("search") + "?q=kopi").find("details", id="search-filters")
    assert unfiltered.summary.get_text(strip=True) == "Filter"


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ({}, 0),
        ({"q": "kopi"}, 0),  # the words are not a filter
        ({"kategori": ["kopi", "keripik"], "kecamatan": "35.05.11"}, 3),
        ({"harga_min": "1000", "harga_max": "50000", "tersedia": "1"}, 3),
        ({"harga_min": "mahal"}, 0),  # ignored with a warning, so not on
    ],
)
def test_active_filter_count(db, query, count):
    assert active_filter_count(parse_params(query).filters) == count


def test_the_header_puts_role_links_in_the_account_menu_and_keeps_one_cart_link(client):
    staff = UserFactory(roles=(Role.STAFF, Role.JURY))
    client.force_login(staff)
    soup = _soup(client, "/")
    header = soup.find("header", class_="site-header")
    menu = header.find("details", id="site-menu")
    assert menu.summary.get_text(" ", strip=True) == "Menu Akun"  # "Menu" on a phone, "Akun" from 64rem
    account = menu.find("nav", attrs={"aria-label": "Akun"})
    account_links = [a.get_text(strip=True) for a in account.find_all("a")]
    for label in ["Dasbor penjual", "Juri", "Audisi (staf)", "Angkatan (staf)", "Dampak program", "Profil"]:
        assert label in account_links
    assert account.find("button", string="Keluar")
    # The line itself: the main links (wide screens), search and one cart link; no role link outside the menu.
    wide = header.find("nav", class_="nav-wide")
    assert [a.get_text(strip=True) for a in wide.find_all("a")][-2:] == ["Produk", "Audisi"]
    outside = {a.get_text(strip=True) for a in header.find_all("a") if not a.find_parent("details")}
    assert not outside & {"Dasbor penjual", "Juri", "Dampak program", "Profil"}
    [cart] = header.find_all("a", href=reverse("orders:cart"))
    assert cart.get_text(strip=True) == "Keranjang" and not cart.find_parent("details")
    [search] = header.find_all("a", href=reverse("search"))
    assert search.get_text(strip=True) == "Cari"
