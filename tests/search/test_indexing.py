"""Keeping the index in step with the database: after-commit sync, rebuild with alias swap, drift check."""

import threading

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from search import service
from search.backends import elasticsearch as engine
from search.documents import alias_name, building_alias_name
from search.indexing import schedule_product_sync
from search.query import parse
from search.reindex import drift, rebuild_index
from search.types import Filters
from shop.models import Product
from tests.search.factories import ProductFactory

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


def es_names(query=""):
    return [hit.name for hit in service.search_products(query, backend="elasticsearch").hits]


def test_sync_runs_after_commit_and_archived_products_disappear(
    es_index, catalog, django_capture_on_commit_callbacks
):
    rebuild_index()
    new = ProductFactory(name="Sambal Pecel Kanigoro", business=catalog.businesses["bakung"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        schedule_product_sync(product_ids=[new.pk])
    es_index.indices.refresh(index=alias_name())
    assert es_names("sambal pecel") == []  # nothing happens before the commit
    assert len(callbacks) == 1
    callbacks[0]()  # the commit: the task runs (immediate backend in tests)
    es_index.indices.refresh(index=alias_name())
    assert es_names("sambal pecel") == ["Sambal Pecel Kanigoro"]

    # The seller archives the product: the same hook removes it from the index.
    with django_capture_on_commit_callbacks(execute=True):
        Product.objects.filter(pk=new.pk).update(archived_at=timezone.now())
        schedule_product_sync(product_ids=[new.pk])
    es_index.indices.refresh(index=alias_name())
    assert es_names("sambal pecel") == []
    assert not es_index.exists(index=alias_name(), id=new.pk)


def test_a_rolled_back_change_is_never_indexed(es_index, catalog, django_capture_on_commit_callbacks):
    rebuild_index()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                product = ProductFactory(name="Dodol Nanas Ponggok")
                schedule_product_sync(product_ids=[product.pk])
                raise RuntimeError("the service failed after scheduling")
        except RuntimeError:
            pass
    assert callbacks == []
    es_index.indices.refresh(index=alias_name())
    assert es_names("dodol") == []


def test_sync_creates_the_index_when_there_is_none(es_index, catalog):
    from search.reindex import sync_products_now

    stats = sync_products_now(product_ids=[catalog.madu.pk, catalog.jamu.pk, 999_999])
    assert stats == {"indexed": 2, "deleted": 1}
    es_index.indices.refresh(index=alias_name())
    assert sorted(es_names()) == ["Madu Randu Murni", "Minuman Jamu Kunyit Asam"]


def test_rebuild_swaps_the_alias_while_queries_run(es_index, catalog):
    first = rebuild_index()
    assert first["indexed"] == 8 and first["replaced"] == []
    # Another 300 products, so the rebuild takes a while.
    for i in range(300):
        ProductFactory(name=f"Keripik Singkong Varian {i}", business=catalog.businesses["srengat"])
    es_index.indices.refresh(index=alias_name())
    errors, totals, stop = [], [], threading.Event()

    def query():
        # The engine request itself (facet labels come from the database, which is not under test here).
        while not stop.is_set():
            try:
                _hits, total, _facets, _spelling = engine.run(parse("kopi"), Filters(), "relevance", 1, 20)
                totals.append(total)
            except Exception as exc:  # any failed query is a lost query
                errors.append(repr(exc))

    threads = [threading.Thread(target=query) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        second = rebuild_index(chunk_size=50)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert errors == []
    assert len(totals) > 10
    assert set(totals) == {4}  # every query saw a complete index, old or new
    assert second["indexed"] == 308
    assert second["replaced"] == [first["index"]]
    assert list(es_index.indices.get_alias(name=alias_name())) == [second["index"]]
    assert not es_index.indices.exists(index=first["index"])
    assert not es_index.indices.exists_alias(name=building_alias_name())


def test_updates_during_a_rebuild_reach_the_new_index(es_index, catalog):
    """A product synced while the new index is being built lands in both indices."""
    from search.documents import create_index, new_index_name
    from search.reindex import sync_products_now

    rebuild_index()
    building = new_index_name()
    create_index(es_index, building, aliases=[building_alias_name()])
    sync_products_now(product_ids=[catalog.gula_kelapa.pk])
    assert es_index.exists(index=building, id=catalog.gula_kelapa.pk)


def test_drift_check_finds_and_fixes_differences(es_index, catalog):
    rebuild_index()
    Product.objects.filter(pk=catalog.madu.pk).update(price=99_000)  # changed without the hook
    Product.objects.filter(pk=catalog.batik.pk).update(archived_at=timezone.now())
    missing = ProductFactory(name="Emping Melinjo Nglegok")
    es_index.delete(index=alias_name(), id=catalog.jamu.pk, refresh=True)
    report = drift()
    assert report == {
        "missing": sorted([catalog.jamu.pk, missing.pk]),
        "extra": [catalog.batik.pk],
        "stale": [catalog.madu.pk],
    }
    drift(fix=True)
    assert drift() == {"missing": [], "extra": [], "stale": []}


def test_reindex_and_drift_commands(es_index, catalog, capsys):
    call_command("search_reindex")
    out = capsys.readouterr().out
    assert "8/8" in out and alias_name() in out
    call_command("search_drift")
    assert "0 missing, 0 extra, 0 stale" in capsys.readouterr().out
    Product.objects.filter(pk=catalog.madu.pk).update(price=1)
    with pytest.raises(SystemExit) as exit_info:
        call_command("search_drift")
    assert exit_info.value.code == 1
    assert "0 missing, 0 extra, 1 stale" in capsys.readouterr().out
    call_command("search_drift", "--fix")
    assert "fixed" in capsys.readouterr().out
    call_command("search_drift")


def test_rebuild_with_two_senders_indexes_every_product_once(es_index, catalog):
    for i in range(40):
        ProductFactory(name=f"Sambal Pecel Varian {i}", business=catalog.businesses["bakung"])
    seen = []
    stats = rebuild_index(chunk_size=7, senders=2, progress=lambda done, total: seen.append((done, total)))
    public = set(Product.objects.public().values_list("pk", flat=True))
    assert stats["indexed"] == len(public) == 48
    es_index.indices.refresh(index=alias_name())
    indexed = {
        int(hit["_id"])
        for hit in es_index.search(index=alias_name(), size=100, _source=False)["hits"]["hits"]
    }
    assert indexed == public
    # The senders share one count: the progress never goes back and ends on the total.
    assert [done for done, _total in seen] == sorted(done for done, _total in seen)
    assert seen[-1] == (48, 48) and seen[0] == (7, 48)
