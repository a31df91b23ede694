"""Regional branding pages: a Wagtail story plus a live listing pre-filtered to a kecamatan or commodity."""

import re

import pytest
from wagtail.models import Page

from search.demo import build_regions
from search.models import CommodityPage, CuratedProduct, KecamatanPage, RegionIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions(settings, catalog):
    settings.ELASTICSEARCH_URL = ""
    build_regions()
    return catalog


def test_demo_builds_one_page_per_kecamatan_and_commodity_idempotently(regions):
    first = build_regions()
    # English: the index, 6 commodity and 22 kecamatan pages
    assert first == {"region_pages": 22, "commodity_pages": 6, "english_region_pages": 29, "curated_picks": 5}
    assert build_regions() == first
    for language in ("id", "en"):
        assert RegionIndexPage.objects.filter(locale__language_code=language).count() == 1
        assert KecamatanPage.objects.live().filter(locale__language_code=language).count() == 22
        assert CommodityPage.objects.live().filter(locale__language_code=language).count() == 6
    # Curators' picks: the most relevant product for each commodity (none for sambal pecel here).
    assert dict(CuratedProduct.objects.values_list("note", "product__name")) == {
        "Pilihan kurator: kopi": "Kopi Bubuk Robusta Wlingi",
        "Pilihan kurator: gula merah": "Gula Kelapa Cetak",
        "Pilihan kurator: keripik": "Keripik Tempe Sagu",
        "Pilihan kurator: madu": "Madu Randu Murni",
        "Pilihan kurator: kerajinan": "Batik Tulis Motif Kendi",
    }


def test_index_lists_commodities_and_kecamatan(client, regions):
    html = client.get("/wilayah/").content.decode()
    assert "Kopi Blitar" in html and "Gula Merah Blitar" in html
    assert "Kecamatan Wlingi" in html and "Kecamatan Srengat" in html


def test_kecamatan_page_lists_only_its_products_and_villages(client, regions):
    response = client.get("/wilayah/srengat/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Keripik Tempe Sagu" in html and "Kripik Pisang Agung Balado" in html
    assert "Madu Randu Murni" not in html and "Gula Kelapa Cetak" not in html
    assert "2 produk" in html
    village = regions.keripik_tempe.origin_desa.name
    assert "Desa penghasil" in html and village in html
    # The kecamatan is the page's scope, not a facet to untick.
    assert 'name="kecamatan"' not in html


def test_commodity_page_is_a_scoped_search_with_facets(client, regions):
    response = client.get("/wilayah/kopi-blitar/")
    html = response.content.decode()
    assert "Kopi Bubuk Robusta Wlingi" in html and "Biji Kopi Sangrai Garum" in html
    assert "Gula Kelapa Cetak" not in html
    garum = regions.kopi_garum.origin_desa.parent_id
    narrowed = client.get("/wilayah/kopi-blitar/", {"kecamatan": garum}, HTTP_HX_REQUEST="true")
    fragment = narrowed.content.decode()
    assert fragment.lstrip().startswith('<div id="search-listing"')
    assert "Biji Kopi Sangrai Garum" in fragment and "Kopi Bubuk Robusta Wlingi" not in fragment
    gula = client.get("/wilayah/gula-merah-blitar/").content.decode()
    assert "Gula Kelapa Cetak" in gula and "Keripik Tempe" not in gula


def test_region_pages_are_editable_in_wagtail(client, regions):
    from tests.factories import staff_user

    page = KecamatanPage.objects.get(slug="wlingi", locale__language_code="id")
    assert isinstance(page.get_parent().specific, RegionIndexPage)
    assert Page.objects.get(pk=page.pk).specific.region.name == "Wlingi"
    client.force_login(staff_user())
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200


# --- Issue 17: the regional pages in English ----------------------------------------------------------------
def _language_links(html: str) -> dict[str, str]:
    switcher = html.split('class="lang-switch"', 1)[1].split("</nav>", 1)[0]
    return dict((code, url) for url, code in re.findall(r'<a href="([^"]*)" hreflang="([a-z]+)"', switcher))


def test_the_regional_pages_answer_in_english_under_en(client, regions):
    index = client.get("/en/wilayah/")
    assert index.status_code == 200  # was 404: the pages had no English translation
    html = index.content.decode()
    assert "<h1>Regional Products</h1>" in html
    assert 'href="/en/wilayah/kopi-blitar/"' in html and 'href="/en/wilayah/srengat/"' in html
    srengat = client.get("/en/wilayah/srengat/").content.decode()
    assert "Keripik Tempe Sagu" in srengat and "Madu Randu Murni" not in srengat  # the same scope
    assert "Products of small businesses from the villages of Kecamatan Srengat" in srengat
    coffee = client.get("/en/wilayah/kopi-blitar/").content.decode()
    assert "Blitar Coffee" in coffee and "Kopi Bubuk Robusta Wlingi" in coffee


def test_the_language_switch_on_a_regional_page_goes_to_its_translation(client, regions):
    # Before, /wilayah/ switched to the English home page.
    assert _language_links(client.get("/wilayah/").content.decode()) == {
        "id": "/wilayah/",
        "en": "/en/wilayah/",
    }
    assert _language_links(client.get("/en/wilayah/srengat/").content.decode()) == {
        "id": "/wilayah/srengat/",
        "en": "/en/wilayah/srengat/",
    }


def test_a_kecamatan_has_one_page_per_language(settings):
    from django.core.exceptions import ValidationError

    from adimarko.core.models import Region

    settings.ELASTICSEARCH_URL = ""
    build_regions()
    wlingi = KecamatanPage.objects.get(slug="wlingi", locale__language_code="id")
    twin = KecamatanPage(
        title="Wlingi lagi", slug="wlingi-lagi", region=Region.objects.get(pk=wlingi.region_id)
    )
    with pytest.raises(ValidationError) as excinfo:
        wlingi.get_parent().add_child(instance=twin)
    assert "region" in excinfo.value.message_dict
