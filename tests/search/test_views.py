"""The search page (/cari/), its HTMX fragments and autocomplete, and the public API (/api/v1/)."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def db_search(settings, catalog):
    settings.ELASTICSEARCH_URL = ""  # the embedded default; the engine is covered by the behaviour suite
    return catalog


def test_search_page_renders_hits_facets_and_state(client, db_search):
    srengat = db_search.keripik_tempe.origin_desa.parent_id
    response = client.get(reverse("search"), {"q": "keripik", "kecamatan": srengat, "urutan": "termurah"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith("<!DOCTYPE html>")
    assert html.index("Tempe Sagu") < html.index("Pisang Agung")  # cheapest first
    assert (
        f'value="{srengat}"\n                       checked' in html or f'value="{srengat}" checked' in html
    )
    assert '<option value="termurah" selected>' in html
    assert 'hx-push-url="true"' in html  # the URL keeps the state
    assert "2 produk" in html


def test_htmx_request_gets_only_the_listing(client, db_search):
    response = client.get(reverse("search"), {"q": "madu"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="search-listing"')
    assert "<html" not in html and "Randu Murni" in html
    # Back button after a cache miss: htmx asks for the whole page again.
    restored = client.get(
        reverse("search"), {"q": "madu"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in restored.content.decode()


def test_autocomplete_fragment(client, db_search):
    response = client.get(reverse("search_autocomplete"), {"q": "kop"})
    html = response.content.decode()
    assert html.index("Kopi Bubuk Robusta Wlingi") < html.index("Biji Kopi Sangrai Garum")
    assert 'role="option"' in html
    assert client.get(reverse("search_autocomplete"), {"q": "k"}).content.decode().strip() == ""


def test_did_you_mean_and_zero_result_recovery_on_the_page(client, db_search):
    html = client.get(reverse("search"), {"q": "kopu"}).content.decode()
    assert "Mungkin maksud Anda" in html and "<strong>kopi</strong>" in html
    html = client.get(reverse("search"), {"q": "madu batik"}).content.decode()
    assert "Tidak ada produk yang cocok dengan semua kata" in html
    html = client.get(reverse("search"), {"q": "xqzw"}).content.decode()
    assert "Tidak ada produk untuk “xqzw”" in html
    assert 'href="/cari/?kategori=' in html  # suggested categories


def test_english_search_page(client, db_search):
    response = client.get("/en/cari/", {"q": "madu"})
    assert response.status_code == 200
    assert "1 product" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 5000},
        {"q": '"'},
        {"q": "*"},
        {"q": "\\"},
        {"q": "("},
        {"q": "kopi\x00\x1f"},
        {"kecamatan": "<script>alert(1)</script>"},
        {"kategori": "tidak-ada", "sertifikasi": "iso"},
        {"harga_min": "-1", "harga_max": "1" * 30},
        {"harga_min": "abc"},
        {"hal": "-3"},
        {"hal": "9" * 50},
        {"urutan": "DROP TABLE"},
        {"harga": "0-1"},
    ],
)
def test_bad_input_never_breaks_the_page(client, db_search, params):
    response = client.get(reverse("search"), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html


def test_bad_input_shows_a_clear_notice(client, db_search):
    html = client.get(reverse("search"), {"harga_min": "abc", "kecamatan": "99.99"}).content.decode()
    assert "Harga minimum harus berupa bilangan bulat rupiah" in html
    assert "99.99" in html


# ---------------------------------------------------------------------------- API


def test_api_search(client, db_search):
    body = client.get("/api/v1/search", {"q": "kopi", "sort": "price_asc", "category": "kopi"}).json()
    assert body["backend"] == "database"
    assert [hit["name"] for hit in body["hits"]] == ["Kopi Bubuk Robusta Wlingi", "Biji Kopi Sangrai Garum"]
    assert body["hits"][0]["price"] == 35_000
    assert body["hits"][0]["url"]
    facets = {facet["name"]: facet for facet in body["facets"]}
    assert {v["label"]: v["count"] for v in facets["kecamatan"]["values"]} == {"Wlingi": 1, "Garum": 1}
    category = {v["value"]: (v["count"], v["selected"]) for v in facets["category"]["values"]}
    assert category["kopi"] == (2, True)


def test_api_facets_and_autocomplete(client, db_search):
    body = client.get("/api/v1/facets", {"certification": "pirt"}).json()
    assert body["total"] == 2
    assert {f["name"] for f in body["facets"]} >= {
        "kecamatan",
        "category",
        "certification",
        "seller",
        "price",
    }
    body = client.get("/api/v1/autocomplete", {"q": "gula"}).json()
    assert [s["name"] for s in body["suggestions"]] == ["Gula Kelapa Cetak"]


@pytest.mark.parametrize(
    "params",
    [{"price_min": "-1"}, {"price_max": "9" * 30}, {"page": "0"}, {"sort": "random"}, {"page_size": "1000"}],
)
def test_api_rejects_invalid_parameters_clearly(client, db_search, params):
    response = client.get("/api/v1/search", params)
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"][-1] == next(iter(params))


@pytest.mark.parametrize("query", ['"', "*", "\\", "(", "x" * 3000, "kopi )("])
def test_api_search_syntax_is_plain_text(client, db_search, query):
    response = client.get("/api/v1/search", {"q": query, "kecamatan": "nowhere"})
    assert response.status_code == 200
    assert response.json()["notices"]


def test_api_products(client, db_search):
    body = client.get("/api/v1/products").json()
    assert body["count"] == 8 and body["pages"] == 1
    assert body["items"][0]["name"] == "Kripik Pisang Agung Balado"  # newest first
    slug = db_search.gula_kelapa.slug
    product = client.get(f"/api/v1/products/{slug}").json()
    assert product["price"] == 22_000 and product["kecamatan"] == "Bakung"
    assert product["certifications"] == ["halal"]  # the expired PIRT is not shown
    assert client.get("/api/v1/products/tidak-ada").status_code == 404
    by_seller = client.get("/api/v1/products", {"seller": db_search.businesses["srengat"].slug}).json()
    assert by_seller["count"] == 2


def test_api_hides_private_products(client, db_search):
    from shop.models import Product

    draft = Product.objects.get(name="Kopi Draf Rahasia")
    assert client.get(f"/api/v1/products/{draft.slug}").status_code == 404


def test_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Adi Marko API"
    assert {"/api/v1/search", "/api/v1/facets", "/api/v1/autocomplete", "/api/v1/products"} <= set(
        schema["paths"]
    )
    parameters = {p["name"] for p in schema["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert {
        "q",
        "kecamatan",
        "category",
        "certification",
        "seller",
        "price_min",
        "sort",
        "page",
    } <= parameters


def test_api_products_of_a_category_include_its_sub_categories_as_on_the_site(client, settings):
    from tests.shop.factories import approved_product, category

    settings.ELASTICSEARCH_URL = ""
    kopi = approved_product(name="Kopi Robusta", category=category("kopi"))  # kopi is under minuman
    approved_product(name="Gula Semut", category=category("gula"))
    site = client.get(reverse("product_category", args=["minuman"])).context["products"]
    api = client.get("/api/v1/products", {"category": "minuman"}).json()
    assert [item["name"] for item in api["items"]] == [product.name for product in site] == [kopi.name]
    assert [
        item["name"] for item in client.get("/api/v1/products", {"category": "kopi"}).json()["items"]
    ] == [kopi.name]
    assert client.get("/api/v1/products", {"category": "tidak-ada"}).json()["count"] == 0


def test_the_search_page_reads_halaman_and_still_older_hal_links():
    from search.params import parse_params

    assert parse_params({"halaman": ["3"]}).page == 3
    assert parse_params({"hal": ["2"]}).page == 2  # links written before ?halaman= was chosen
    assert parse_params({"halaman": ["3"], "hal": ["2"]}).page == 3
    assert parse_params({"page": ["4"]}, api=True).page == 4
    assert parse_params({"hal": ["4"]}, api=True).page == 1  # the API has one name: page


# --- Issue 17: category names in the visitor's language -----------------------------------------------------
def _facet_labels(html: str, param: str) -> dict[str, str]:
    return {
        value: label
        for value, label in re.findall(
            rf'name="{param}"\s+value="([^"]+)"[^>]*>\s*(.*?) <span class="count">', html, flags=re.S
        )
    }


def test_category_facets_are_named_in_the_visitors_language(client, db_search):
    english = client.get("/en/cari/", {"q": "kopi"}).content.decode()
    indonesian = client.get("/cari/", {"q": "kopi"}).content.decode()
    # Before, the English page said "Kopi" too.
    assert _facet_labels(english, "kategori")["kopi"] == "Coffee"
    assert _facet_labels(indonesian, "kategori")["kopi"] == "Kopi"


def test_suggested_categories_are_named_in_the_visitors_language(db_search):
    from django.utils.translation import override

    from search.query import parse
    from search.service import suggested_categories

    with override("en"):
        assert ("keripik", "Chips & snacks") in suggested_categories(parse("kerupukk udang"))[:2]
        # A word in English finds the category too
        assert suggested_categories(parse("coffe"))[0] == ("kopi", "Coffee")
    with override("id"):
        assert ("keripik", "Keripik & Camilan") in suggested_categories(parse("kerupukk udang"))[:2]
