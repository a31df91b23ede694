"""The database backend's result cache (search/backends/database.py: `_cache_key`): a repeated search skips
the statement, and every change a buyer could notice — price, stock, curation, a product leaving the shop, a
certificate expiring overnight — shows on the very next search, because the key carries the search rows'
generation (bumped with every row write) and today's date. The changes go through the real services and
their on-commit sync, as in production."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from adimarko.core.services import certification_add
from search import service
from search.services import curated_product_add
from search.types import Filters
from shop.services import product_archive, product_stock_set, product_update
from tests.search.factories import ProductFactory, desa_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cached_database_search(settings):
    settings.ELASTICSEARCH_URL = ""
    settings.SEARCH_DATABASE_CACHE_SECONDS = 300


def search(query="", filters=None, sort="relevance"):
    return service.search_products(query, filters, sort, backend="database")


def statements(queries) -> int:
    return sum("WITH m AS MATERIALIZED" in query["sql"] for query in queries.captured_queries)


def searched_twice(query="", filters=None, sort="relevance"):
    with CaptureQueriesContext(connection) as first:
        one = search(query, filters, sort)
    with CaptureQueriesContext(connection) as second:
        two = search(query, filters, sort)
    return one, two, statements(first), statements(second)


def summary(result):
    return (
        [(hit.name, hit.price, hit.in_stock, hit.curated) for hit in result.hits],
        result.total,
        {
            name: [(value.value, value.count) for value in facet.values]
            for name, facet in result.facets.items()
        },
    )


def test_a_repeated_search_skips_the_statement_and_answers_the_same(catalog):
    one, two, first, second = searched_twice("kopi", Filters(category=["kopi"]))
    assert (first, second) == (1, 0)
    assert summary(two) == summary(one)
    assert [hit.name for hit in two.hits] == ["Kopi Bubuk Robusta Wlingi", "Biji Kopi Sangrai Garum"]
    # Another page, sort or filter is another search.
    with CaptureQueriesContext(connection) as queries:
        search("kopi", Filters(category=["kopi"]), "price_desc")
    assert statements(queries) == 1


def test_the_cache_is_off_with_zero_seconds(catalog, settings):
    settings.SEARCH_DATABASE_CACHE_SECONDS = 0
    _one, _two, first, second = searched_twice("kopi")
    assert (first, second) == (1, 1)


def test_a_price_change_shows_on_the_next_search(catalog, django_capture_on_commit_callbacks):
    filters = Filters(price=["25000-50000"])
    before = search("kopi", filters)
    assert [hit.name for hit in before.hits] == ["Kopi Bubuk Robusta Wlingi"]
    product = catalog.kopi_garum  # 60,000 → 45,000: into the chosen price range
    with django_capture_on_commit_callbacks(execute=True):
        product_update(
            product=product, by=None, sku=product.sku, name=product.name, category=product.category,
            price=45_000, weight_grams=product.weight_grams, origin_desa=product.origin_desa,
            description=product.description, on_hand=product.stock, on_hand_seen=product.stock,
            certifications=list(product.certifications.all()), pack_group=product.pack_group,
            pack_label=product.pack_label,
        )  # fmt: skip
    after = search("kopi", filters)
    assert sorted((hit.name, hit.price) for hit in after.hits) == [
        ("Biji Kopi Sangrai Garum", 45_000),
        ("Kopi Bubuk Robusta Wlingi", 35_000),
    ]
    assert {value.value: value.count for value in after.facets["price"].values}["25000-50000"] == 2


def test_stock_running_out_shows_on_the_next_search(catalog, django_capture_on_commit_callbacks):
    filters = Filters(in_stock=True)
    assert "Madu Randu Murni" in [hit.name for hit in search("madu", filters).hits]
    with django_capture_on_commit_callbacks(execute=True):
        product_stock_set(product=catalog.madu, on_hand=0)
    assert search("madu", filters).hits == []
    assert [(hit.name, hit.in_stock) for hit in search("madu").hits] == [("Madu Randu Murni", False)]


def test_a_curators_pick_shows_on_the_next_search(catalog, django_capture_on_commit_callbacks):
    before = [(hit.name, hit.curated) for hit in search("kopi").hits]
    assert before[0] == ("Kopi Bubuk Robusta Wlingi", False)
    assert ("Biji Kopi Sangrai Garum", False) in before and not any(curated for _name, curated in before)
    with django_capture_on_commit_callbacks(execute=True):
        curated_product_add(product=catalog.kopi_garum, note="Pilihan kurator")
    after = [(hit.name, hit.curated) for hit in search("kopi").hits]
    assert after[0] == ("Biji Kopi Sangrai Garum", True)  # the pick's boost lifts it to the top


def test_a_product_taken_off_sale_leaves_the_next_search(catalog, django_capture_on_commit_callbacks):
    assert search("jamu").total == 1
    with django_capture_on_commit_callbacks(execute=True):
        product_archive(product=catalog.jamu, by=None)
    after = search("jamu")
    assert (after.total, after.hits) == (0, [])


def test_a_new_product_shows_on_the_next_search(catalog):
    assert search("gethuk").total == 0
    ProductFactory(name="Gethuk Lindri Blitar", origin_desa=desa_in("Garum"))  # writes its row as services do
    assert [hit.name for hit in search("gethuk").hits] == ["Gethuk Lindri Blitar"]


def test_a_certificate_expiring_overnight_leaves_the_facet_the_next_day(catalog, settings):
    settings.SEARCH_DATABASE_CACHE_SECONDS = 7 * 24 * 3600  # the day in the key, not the timeout, decides
    today = timezone.localdate()
    business = catalog.businesses["garum"]
    certification = certification_add(business=business, kind="halal", number="ID35-0009", expires_on=today)
    catalog.kopi_garum.certifications.add(certification)
    filters = Filters(certification=["halal"])
    today_names = [hit.name for hit in search("kopi", filters).hits]
    assert "Biji Kopi Sangrai Garum" in today_names
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        tomorrow_names = [hit.name for hit in search("kopi", filters).hits]
    assert tomorrow_names == [name for name in today_names if name != "Biji Kopi Sangrai Garum"]
