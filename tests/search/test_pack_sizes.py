"""Pack sizes in search results: both backends carry `pack_label` on each hit, the page shows it beside the
name, the API returns it; buyers are not told which engine answered."""

import re

import pytest

from search.documents import ProductDocument, document_for
from tests.search.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def luwak(db):
    kopi = CategoryFactory(name="Kopi", slug="kopi")
    small = ProductFactory(name="Kopi Luwak Liar", pack_label="100 g", price=150_000, category=kopi)
    large = ProductFactory(
        name="Kopi Luwak Liar", pack_label="200 g", price=280_000, category=kopi, business=small.business
    )
    ProductFactory(name="Kopi Luwak Sachet", pack_label="", price=20_000, category=kopi)
    return small, large


def test_hits_carry_the_pack_size_on_both_backends(backend, luwak):
    backend.index()
    result = backend.search("luwak", sort="price_asc")
    assert [(hit.name, hit.pack_label, hit.price) for hit in result.hits] == [
        ("Kopi Luwak Sachet", "", 20_000),
        ("Kopi Luwak Liar", "100 g", 150_000),
        ("Kopi Luwak Liar", "200 g", 280_000),
    ]


def test_the_document_maps_and_carries_the_pack_size(luwak):
    small, _large = luwak
    mapping = ProductDocument._doc_type.mapping.to_dict()["properties"]
    assert mapping["pack_label"] == {"type": "keyword", "index": False}
    source = document_for(small, category_path=[small.category], curated=False)
    assert source["pack_label"] == "100 g"


def test_search_page_shows_the_pack_size_and_not_the_engine(client, backend, luwak):
    backend.index()
    html = client.get("/cari/", {"q": "luwak", "urutan": "termurah"}).content.decode()
    names = [
        re.sub(r"<[^>]+>", "", name).strip() for name in re.findall(r'<h2 class="hit-name">(.*?)</h2>', html)
    ]
    assert names == ["Kopi Luwak Sachet", "Kopi Luwak Liar 100 g", "Kopi Luwak Liar 200 g"]
    assert '</a> <span class="hit-pack">100 g</span></h2>' in html
    # The engine that answered is not buyers' business: kept for staff as a data attribute only.
    assert "pencarian basis data" not in html and "database search" not in html
    assert f'<p class="results-count" data-search-backend="{backend.name}">' in html


def test_api_returns_the_pack_size(client, settings, luwak):
    settings.ELASTICSEARCH_URL = ""
    small, _large = luwak
    hits = client.get("/api/v1/search", {"q": "luwak", "sort": "price_asc"}).json()["hits"]
    assert [(hit["name"], hit["pack_label"]) for hit in hits] == [
        ("Kopi Luwak Sachet", ""),
        ("Kopi Luwak Liar", "100 g"),
        ("Kopi Luwak Liar", "200 g"),
    ]
    assert client.get(f"/api/v1/products/{small.slug}").json()["pack_label"] == "100 g"
