"""The database backend beyond the shared behaviour suite: its search rows (kept on commit, rebuilt by the
command), the weighted words, typo correction (pg_trgm on PostgreSQL), facet counts in SQL and a fixed
number of queries per search. Runs on the test database (PostgreSQL in the test environment, or SQLite)."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from search import service
from search.backends import database
from search.indexing import schedule_product_sync
from search.query import parse
from search.rows import (
    ProductSearchRow,
    SearchWord,
    product_rows_rebuild,
    product_rows_sync,
    rows_generation,
    search_text,
)
from search.types import Filters
from shop.models import Product
from tests.factories import BusinessFactory
from tests.search.factories import CategoryFactory, ProductFactory, desa_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_search(settings):
    settings.ELASTICSEARCH_URL = ""


def names(result):
    return [hit.name for hit in result.hits]


def search(query="", filters=None, **kwargs):
    return service.search_products(query, filters, backend="database", **kwargs)


def test_a_row_holds_the_folded_weighted_words(catalog):
    row = ProductSearchRow.objects.get(product=catalog.kopi_wlingi)
    assert row.name_text == " kopi bubuk robusta wlingi"
    assert row.group_text == " minuman kopi kopi sirah kencong"  # category path, then the seller
    assert row.detail_text.startswith(" kopi robusta petik merah dari lereng kelud")
    desa = catalog.kopi_wlingi.origin_desa
    assert (row.kecamatan, row.desa) == (desa.parent_id, desa.code)
    # In stock (+2), not an alumnus, rated 4.8 (x 0.2).
    assert row.boost == pytest.approx(1 + 2 + 0.96)
    assert search_text("Kopi Café «Énak»") == " kopi cafe enak"
    # Not public: no row at all.
    assert not ProductSearchRow.objects.filter(product__name__in=["Kopi Draf Rahasia", "Kopi Diarsipkan"])


def test_rows_follow_the_seam_on_commit(catalog, django_capture_on_commit_callbacks):
    product = catalog.jamu
    Product.objects.filter(pk=product.pk).update(name="Jamu Beras Kencur")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        schedule_product_sync(product_ids=[product.pk])
    assert names(search("kencur")) == []  # nothing before the commit
    with django_capture_on_commit_callbacks(execute=True):
        schedule_product_sync(product_ids=[product.pk])
    assert len(callbacks) == 1
    assert names(search("kencur")) == ["Jamu Beras Kencur"]
    # Archived: the same hook removes its row, so the database backend no longer finds it.
    with django_capture_on_commit_callbacks(execute=True):
        Product.objects.filter(pk=product.pk).update(archived_at=timezone.now())
        schedule_product_sync(product_ids=[product.pk])
    assert names(search("kencur")) == []
    assert not ProductSearchRow.objects.filter(pk=product.pk).exists()


def test_the_reindex_command_rebuilds_the_rows_without_an_engine(catalog, capsys):
    ProductSearchRow.objects.all().delete()
    Product.objects.filter(pk=catalog.madu.pk).update(name="Madu Klanceng Murni")
    assert search("madu").total == 0
    call_command("search_reindex")
    assert "8 search rows written" in capsys.readouterr().out
    assert names(search("klanceng")) == ["Madu Klanceng Murni"]
    assert ProductSearchRow.objects.count() == 8


def test_a_name_match_outranks_category_and_seller_which_outrank_the_description():
    lanang = CategoryFactory(name="Kopi Lanang", slug="kopi-lanang")
    plain = CategoryFactory(name="Minuman Lain", slug="minuman-lain")
    seller = BusinessFactory(name="Toko Sumber Rejeki", desa=desa_in("Talun"))
    common = dict(business=seller, sales_count=5, price=30_000, stock=5)
    ProductFactory(name="Bubuk Hitam", category=plain, description="Dari biji lanang pilihan.", **common)
    ProductFactory(name="Biji Sangrai", category=lanang, **common)
    ProductFactory(name="Kopi Lanang Super", category=plain, **common)
    result = search("lanang")
    assert names(result) == ["Kopi Lanang Super", "Biji Sangrai", "Bubuk Hitam"]  # A, then B, then C


def test_a_seller_name_weighs_like_a_category():
    plain = CategoryFactory(name="Camilan", slug="camilan")
    madu_shop = BusinessFactory(name="Rumah Madu Ponggok", desa=desa_in("Ponggok"))
    other = BusinessFactory(name="Toko Ponggok", desa=desa_in("Ponggok"))
    ProductFactory(name="Keripik Talas", category=plain, business=other, description="Dengan madu hutan.")
    ProductFactory(name="Keripik Sukun", category=plain, business=madu_shop)
    assert names(search("madu")) == ["Keripik Sukun", "Keripik Talas"]  # seller (B) above description (C)


def test_a_misspelt_word_is_corrected_from_the_product_names(catalog):
    # Not one letter away at the start ("kopu" is covered by the behaviour suite): an inner typo.
    result = search("keripk")
    # The name match first, then the other product of the keripik category (kripik is its own word here).
    assert names(result) == ["Keripik Tempe Sagu", "Kripik Pisang Agung Balado"]
    assert result.suggestions == ["keripik"]
    # A word the catalogue has (only in a description) is never "corrected", even with few results.
    known = search("penderes")
    assert (names(known), known.suggestions) == (["Gula Kelapa Cetak"], [])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_typo_candidates_come_from_the_trigram_index(catalog):
    assert database._fixes_postgresql(["robsta", "kopi", "xqzw"]) == {"robsta": "robusta"}
    with connection.cursor() as cursor:
        names = ["search_row_document", "search_row_name_trgm", "search_word_trgm"]
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)", [names])
        definitions = dict(cursor.fetchall())
    assert "USING gin (document)" in definitions["search_row_document"]
    assert "USING gin (name_text gin_trgm_ops)" in definitions["search_row_name_trgm"]  # autocomplete
    assert "USING gin (word gin_trgm_ops)" in definitions["search_word_trgm"]  # typo candidates


def test_the_vocabulary_follows_the_rows_and_the_rebuild_prunes_it(catalog):
    """Every word of a written row is known; name, category and seller words are marked as candidates;
    a description word is known but never proposed; the rebuild drops words no row has any more."""
    product = ProductFactory(name="Wedang Uwuh Istimewa", description="Rempah pilihan dari Lodoyo.")
    words = dict(SearchWord.objects.values_list("word", "in_names"))
    assert words["wedang"] is True and words["istimewa"] is True and words["lodoyo"] is False
    # Seen in a description first, then in a name: it becomes a candidate.
    ProductFactory(name="Sirup Lodoyo")
    assert SearchWord.objects.get(word="lodoyo").in_names is True
    Product.objects.filter(pk=product.pk).update(name="Kopi Biasa", description="Biasa saja.")
    generation = rows_generation()
    product_rows_rebuild()
    assert rows_generation() == generation + 1
    assert not SearchWord.objects.filter(word__in=["wedang", "istimewa", "uwuh"]).exists()
    assert SearchWord.objects.filter(word="lodoyo", in_names=True).exists()  # still in "Sirup Lodoyo"


def test_every_row_write_bumps_the_generation(catalog):
    before = rows_generation()
    product = ProductFactory(name="Gethuk Lindri")  # the factory writes its row as the services do
    assert rows_generation() == before + 1
    product_rows_sync(product_ids=[product.pk])
    assert rows_generation() == before + 2


def test_facet_counts_come_from_sql_over_every_match_not_only_the_page(catalog):
    srengat, garum = (catalog.keripik_tempe.origin_desa.parent_id, catalog.kopi_garum.origin_desa.parent_id)
    with CaptureQueriesContext(connection) as queries:
        hits, total, facets, _spelling = database.run(
            parse(""), Filters(kecamatan=[srengat, garum], category=["kopi"]), "relevance", 1, 1
        )
    assert [hit.name for hit in hits] == ["Biji Kopi Sangrai Garum"] and total == 1
    # Srengat (chosen, no kopi) is added back with 0 by the service, as for the engine.
    wlingi = catalog.kopi_wlingi.origin_desa.parent_id
    assert {v: n for v, n, _s in facets["kecamatan"]} == {wlingi: 1, garum: 1}
    assert {v: n for v, n, _s in facets["category"]} == {"keripik": 2, "kopi": 1, "kerajinan": 1}
    counted = [q["sql"] for q in queries.captured_queries if "GROUP BY" in q["sql"]]
    assert len(counted) == 1 and counted[0].count("UNION ALL") >= 6  # total, five facets and the page


def _queries_for(query, filters=None):
    with CaptureQueriesContext(connection) as queries:
        database.run(parse(query), filters or Filters(), "relevance", 1, 20)
    return len(queries.captured_queries)


def test_the_number_of_queries_per_search_is_small_and_does_not_grow_with_the_catalogue(catalog):
    seller = catalog.businesses["garum"]
    small = (_queries_for("kopi"), _queries_for("", Filters(category=["kopi"], price=["25000-50000"])))
    for i in range(40):
        ProductFactory(name=f"Kopi Tubruk {i}", business=seller, category=catalog.categories["kopi"])
    large = (_queries_for("kopi"), _queries_for("", Filters(category=["kopi"], price=["25000-50000"])))
    assert small == large
    # The statement, the page's products with their certificates and photos (+ the category tree when a
    # category is chosen).
    assert large[0] <= 4 and large[1] <= 5
    # A misspelt word adds its look-up (on SQLite also the vocabulary's check) and the corrected statement.
    assert _queries_for("kopu") <= large[0] + 4


def test_the_seller_facet_brings_back_only_the_sellers_shown_most_products_first(catalog):
    """Thousands of sellers stay in the database: the statement returns the FACET_SIZE shown, ranked as
    Elasticsearch ranks terms (most products, then the value)."""
    from search.types import FACET_SIZE

    expected = []
    for i in range(FACET_SIZE["seller"] + 2):
        seller = BusinessFactory(name=f"Toko Lodoyo {i:02d}")
        for _ in range(1 + i % 3):
            ProductFactory(name="Sambel Tumpang Lodoyo", business=seller, category=catalog.categories["gula"])
        expected.append((seller.slug, 1 + i % 3))
    expected.sort(key=lambda item: (-item[1], item[0]))
    with CaptureQueriesContext(connection) as queries:
        _hits, total, facets, _spelling = database.run(parse("tumpang"), Filters(), "relevance", 1, 5)
    assert total == sum(count for _slug, count in expected)
    assert [(value, count) for value, count, _chosen in facets["seller"]] == expected[: FACET_SIZE["seller"]]
    [statement] = [q["sql"] for q in queries.captured_queries if "UNION ALL" in q["sql"]]
    assert "ROW_NUMBER() OVER (ORDER BY g.n DESC, t.slug)" in statement
