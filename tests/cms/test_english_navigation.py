"""Issue 17: on an English page every link of the header (main menu, account and role links) stays in English,
the language switch of a Django view leads to the same page in the other language, and the error pages lead
home in the visitor's language."""

import re

import pytest
from django.test import Client

from tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db


def _header_links(html: str) -> list[str]:
    header = html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
    # The language switchers lead to the other language on purpose.
    header = re.sub(r'<nav class="lang-switch".*?</nav>', "", header, flags=re.S)
    return re.findall(r'(?:href|action)="(/[^"]*)"', header)


def _language_links(html: str) -> dict[str, str]:
    switcher = html.split('class="lang-switch"', 1)[1].split("</nav>", 1)[0]
    return {code: url for url, code in re.findall(r'<a href="([^"]*)" hreflang="([a-z]+)"', switcher)}


@pytest.mark.parametrize("path", ["/en/produk/", "/en/cari/?q=kopi", "/en/akun/profil/"])
def test_every_header_link_of_an_english_page_stays_in_english(path):
    client = Client()
    client.force_login(staff_user())  # staff see the most links: seller, orders, audition, cohorts, impact…
    links = _header_links(client.get(path).content.decode())
    assert len(links) > 10
    assert [link for link in links if not link.startswith(("/en/", "/admin/"))] == []


def test_the_language_switch_of_a_django_view_keeps_the_page_and_its_query():
    html = Client().get("/en/produk/kategori/kopi/", {"urut": "terbaru"}).content.decode()
    assert _language_links(html) == {
        "id": "/produk/kategori/kopi/?urut=terbaru",
        "en": "/en/produk/kategori/kopi/?urut=terbaru",
    }


def test_the_access_denied_page_leads_home_in_the_visitors_language():
    client = Client()
    client.force_login(UserFactory())
    response = client.get("/en/staf/dampak/")
    assert response.status_code == 403
    html = response.content.decode()
    content = html.split('id="main"', 1)[-1] if 'id="main"' in html else html.split("</header>", 1)[1]
    # Before, the English 403 page led to the Indonesian home ("/").
    assert '<a href="/en/">Back to the home page</a>' in content
