"""Elasticsearch: an index with the Indonesian analysis chain, a few products, and searches against it."""

import uuid

import pytest
from elasticsearch_dsl import Document, Index, Keyword, Long, Text

from search.analysis import hunspell_available, indonesian_analyzer, indonesian_plain
from search.connection import get_client, search_engine_configured
from tests import realservices

pytestmark = pytest.mark.elasticsearch


@pytest.fixture
def es(settings):
    # Through the project's own client module, pointed at the test node by the test settings.
    assert realservices.elasticsearch_url() == settings.ELASTICSEARCH_URL
    assert search_engine_configured()
    settings.ELASTICSEARCH_TIMEOUT = 30.0
    return get_client()


@pytest.fixture
def product_index(es):
    with_hunspell = hunspell_available(es)
    name = f"adimarko-test-products-{uuid.uuid4().hex[:8]}"
    index = Index(name, using=es)
    index.settings(number_of_shards=1, number_of_replicas=0)
    text_analyzer = indonesian_analyzer(with_hunspell=with_hunspell)

    @index.document
    class ProductDoc(Document):
        name = Text(analyzer=text_analyzer, fields={"plain": Text(analyzer=indonesian_plain)})
        description = Text(analyzer=text_analyzer)
        kecamatan = Keyword()
        price = Long()

    index.create()
    yield es, name, ProductDoc, with_hunspell
    es.indices.delete(index=name)


def test_node_has_the_indonesian_hunspell_dictionary(es):
    # scripts/services.sh installs Debian's hunspell-id under config/hunspell/id_ID/.
    assert hunspell_available(es)


def test_indonesian_chain_drops_stop_words_and_stems(product_index):
    es, name, _doc, with_hunspell = product_index
    tokens = [
        t["token"]
        for t in es.indices.analyze(
            index=name, analyzer="indonesian_text", text="Minuman kopi dan gula yang manis"
        )["tokens"]
    ]
    assert "dan" not in tokens and "yang" not in tokens
    assert "kopi" in tokens and "gula" in tokens
    if with_hunspell:
        assert "minum" in tokens


def test_index_and_search_products(product_index):
    es, name, ProductDoc, _with_hunspell = product_index
    products = [
        ("Kopi Bubuk Robusta Wlingi", "Kopi bubuk sangrai dari lereng Kelud", "Wlingi", 25000),
        ("Gula Kelapa Cetak", "Gula merah dari nira kelapa Bakung", "Bakung", 18000),
        ("Keripik Tempe", "Camilan renyah khas Srengat", "Srengat", 15000),
    ]
    for i, (title, text, kecamatan, price) in enumerate(products, start=1):
        ProductDoc(meta={"id": i}, name=title, description=text, kecamatan=kecamatan, price=price).save(
            using=es
        )
    es.indices.refresh(index=name)

    result = (
        ProductDoc.search(using=es, index=name)
        .query("multi_match", query="kopi", fields=["name^2", "description"])
        .execute()
    )
    assert [hit.name for hit in result] == ["Kopi Bubuk Robusta Wlingi"]

    cheap = (
        ProductDoc.search(using=es, index=name).filter("range", price={"lte": 20000}).sort("price").execute()
    )
    assert [hit.price for hit in cheap] == [15000, 18000]

    fuzzy = (
        ProductDoc.search(using=es, index=name)
        .query("match", name={"query": "kopu", "fuzziness": "AUTO"})
        .execute()
    )
    assert [hit.kecamatan for hit in fuzzy] == ["Wlingi"]
