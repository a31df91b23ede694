"""What a faceted search asks the engine (search/backends/elasticsearch.py): touching price ranges as one
range, one filter aggregation for all facets with nothing chosen, the node's request cache; same answers."""

import pytest

from search.backends.elasticsearch import UNCHOSEN, ProductSearch
from search.documents import alias_name
from search.query import parse
from search.types import Filters

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_body(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # the body is built, never sent

    def body(query="", **filters):
        return ProductSearch(parse(query), Filters(**filters), "relevance")._s.to_dict()

    return body


def price_ranges(body):
    clause = body["post_filter"]
    clauses = clause["bool"]["should"] if "bool" in clause else [clause]
    return [c["range"]["price"] for c in clauses]


def test_touching_price_ranges_are_asked_as_one(request_body):
    assert price_ranges(request_body(price=["50000-100000", "25000-50000"])) == [
        {"gte": 25_000, "lt": 100_000}
    ]
    assert price_ranges(request_body(price=["0-25000", "25000-50000", "250000-"])) == [
        {"lt": 50_000},
        {"gte": 250_000},
    ]
    assert price_ranges(request_body(price=["100000-250000", "250000-", "50000-100000"])) == [{"gte": 50_000}]
    assert price_ranges(request_body(price=["0-25000"])) == [{"lt": 25_000}]


def test_facets_with_nothing_chosen_share_one_filter_aggregation(request_body):
    body = request_body("kopi", kecamatan=["35.05.17"], price=["0-25000"])
    aggs = body["aggs"]
    assert set(aggs) == {"_filter_kecamatan", "_filter_price", UNCHOSEN, "_matched"}
    assert set(aggs[UNCHOSEN]["aggs"]) == {"category", "certification", "seller"}
    # The shared filter is every chosen facet's; a chosen facet's own counts leave its own filter out.
    assert aggs[UNCHOSEN]["filter"] == body["post_filter"]
    assert aggs["_filter_kecamatan"]["filter"] == {"range": {"price": {"lt": 25_000}}}
    assert aggs["_filter_price"]["filter"] == {"terms": {"kecamatan": ["35.05.17"]}}
    # Nothing chosen: one match-all filter for every facet.
    assert set(request_body("kopi")["aggs"]) == {UNCHOSEN, "_matched"}


def test_touching_price_ranges_find_and_count_the_same(indexed, backend):
    joined = backend.search("", Filters(price=["0-25000", "25000-50000"]), sort="price_asc")
    assert [hit.price for hit in joined.hits] == [12_000, 15_000, 18_000, 22_000, 35_000]
    assert {v.value: v.count for v in joined.facets["category"].values} == {
        "keripik": 2, "gula": 1, "minuman": 1, "kopi": 1,
    }  # fmt: skip
    upper = backend.search("", Filters(price=["50000-100000", "100000-250000", "250000-"]), sort="price_asc")
    assert [hit.price for hit in upper.hits] == [60_000, 95_000, 450_000]


@pytest.mark.elasticsearch
@pytest.mark.parametrize("cached", [True, False])
def test_searches_use_the_node_request_cache_when_set(es_index, catalog, settings, cached):
    from search.reindex import rebuild_index
    from search.service import search_products

    settings.ELASTICSEARCH_REQUEST_CACHE = cached
    rebuild_index()
    for _ in range(3):
        result = search_products("kopi", Filters(price=["25000-50000"]), backend="elasticsearch")
        assert [hit.name for hit in result.hits] == ["Kopi Bubuk Robusta Wlingi"]
    stats = es_index.indices.stats(index=alias_name(), metric="request_cache")["_all"]["total"][
        "request_cache"
    ]
    assert (stats["hit_count"], stats["miss_count"]) == ((2, 1) if cached else (0, 0))
