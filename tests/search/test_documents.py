"""Product documents: the rebuild reads plain rows (search.documents.documents_in) and must produce exactly
the documents that a product instance gives (document_for, used by the incremental sync)."""

import json
import threading

import pytest

from search.documents import documents_for, documents_in
from search.reindex import _pipelined
from search.selectors import indexable_products
from tests.search.conftest import curate
from tests.search.factories import ProductFactory, desa_in

pytestmark = pytest.mark.django_db


def test_rows_give_the_same_documents_as_instances(catalog):
    curate(catalog.madu)
    ProductFactory(name="Tanpa Terbit", published_at=None, origin_desa=desa_in("Bakung"))
    from_instances = dict(documents_for(indexable_products()))
    from_rows = dict(documents_in(indexable_products(), chunk_size=3))  # chunk edges fall mid-catalogue

    assert list(from_rows) == list(from_instances)
    assert len(from_rows) == 9
    for pk, source in from_instances.items():
        # Same keys in the same order, same values, same JSON bytes (and so the same fingerprint).
        assert json.dumps(from_rows[pk]) == json.dumps(source)
    kopi = from_rows[catalog.kopi_wlingi.pk]
    assert kopi["certifications"] == ["halal", "pirt"]
    assert kopi["category_path"] == ["minuman", "kopi"]
    assert kopi["kecamatan_name"] == "Wlingi" and kopi["kecamatan"].startswith("35.05.")
    assert kopi["rating"] == 4.8 and kopi["curated"] is False and kopi["alumni"] is False
    assert from_rows[catalog.gula_kelapa.pk]["certifications"] == ["halal"]  # its PIRT has expired
    assert from_rows[catalog.keripik_tempe.pk]["alumni_year"] == 2024
    assert from_rows[catalog.keripik_pisang.pk]["rating"] == 0.0
    assert from_rows[catalog.batik.pk]["in_stock"] is False
    assert from_rows[catalog.madu.pk]["curated"] is True
    assert from_rows[catalog.madu.pk]["suggest"]["weight"] == 20 + 1000 + 1


def test_rows_read_a_fixed_number_of_queries_per_chunk(catalog, django_assert_num_queries):
    # Categories, curated ids, the products; then one certification query per chunk of 3 (8 products).
    with django_assert_num_queries(3 + 3):
        documents = list(documents_in(indexable_products(), chunk_size=3))
    assert len(documents) == 8


def test_pipelined_senders_deliver_every_action_once():
    delivered, lock = [], threading.Lock()

    def send(actions):
        for action in actions:
            with lock:
                delivered.append(action)

    _pipelined(iter(range(1000)), send, chunk_size=7, senders=3)
    assert sorted(delivered) == list(range(1000))


def test_pipelined_hands_a_sender_failure_to_the_caller():
    def send(actions):
        for action in actions:
            if action == 500:
                raise RuntimeError("node refused")

    with pytest.raises(RuntimeError, match="node refused"):
        _pipelined(iter(range(100_000)), send, chunk_size=10, senders=2)
