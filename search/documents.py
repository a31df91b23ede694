"""The product index: its mapping, its Indonesian analysis, and how a product becomes a document.

Readers and writers use the alias `<prefix>-products`; each build is a concrete index
`<prefix>-products-<stamp>`
(see search/reindex.py). While a rebuild runs, the new index also carries `<prefix>-products-building`, so
updates made meanwhile reach both.
"""

import hashlib
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.utils import timezone
from elasticsearch import Elasticsearch
from elasticsearch_dsl import Boolean, Completion, Date, Document, Float, Integer, Keyword, Long, Text

from search.analysis import hunspell_available, indonesian_analyzer, indonesian_plain

TEXT = "indonesian_text"  # standard, lowercase, stop _indonesian_, hunspell id_ID when present
PLAIN = "indonesian_plain"  # standard, lowercase: exact words, suggestions, highlighting


def _text(**kwargs):
    return Text(analyzer=TEXT, fields={"plain": Text(analyzer=PLAIN)}, **kwargs)


class ProductDocument(Document):
    """One public product. Field names are the contract of both backends (search/backends/)."""

    name = _text()
    description = Text(analyzer=TEXT)  # one analysis only: the longest field dominates indexing time
    slug = Keyword()
    sku = Keyword()
    pack_label = Keyword(index=False)  # the pack size shown beside the name ("250 g"); not searched
    category = Keyword(eager_global_ordinals=True)  # leaf slug
    category_path = Keyword()  # every slug from the root to the leaf
    category_names = _text()
    seller = Keyword(eager_global_ordinals=True)  # business slug
    seller_name = Text(analyzer=PLAIN)
    kecamatan = Keyword(eager_global_ordinals=True)  # Kemendagri code 35.05.xx
    kecamatan_name = Text(analyzer=PLAIN)
    desa = Keyword(eager_global_ordinals=True)  # 35.05.xx.yyyy
    desa_name = Text(analyzer=PLAIN)
    certifications = Keyword(eager_global_ordinals=True)  # kinds valid today: halal, pirt, bpom_md, bpom_ml
    price = Long()  # whole rupiah
    rating = Float()
    rating_count = Integer()
    sales_count = Integer()
    curated = Boolean()
    alumni = Boolean()
    alumni_year = Integer()
    in_stock = Boolean()
    stock = Integer()
    published_at = Date()
    created_at = Date()
    updated_at = Date()
    suggest = Completion(analyzer=PLAIN)
    spell = Text(analyzer=PLAIN)  # words known to the catalogue, for "did you mean"
    fingerprint = Keyword(index=False)


def alias_name() -> str:
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-products"


def building_alias_name() -> str:
    return f"{alias_name()}-building"


def new_index_name() -> str:
    return f"{alias_name()}-{timezone.now():%Y%m%d%H%M%S%f}"


def index_body(client: Elasticsearch, *, building: bool = False) -> dict:
    """Settings and mappings; hunspell only when the node has the id_ID dictionary."""
    text = indonesian_analyzer(with_hunspell=hunspell_available(client)).get_analysis_definition()
    plain = indonesian_plain.get_analysis_definition()
    analysis = {
        "analyzer": {**text["analyzer"], **plain["analyzer"]},
        "filter": text.get("filter", {}),
    }
    index_settings = {
        "number_of_shards": 1,
        "number_of_replicas": 0,
        "analysis": analysis,
        # Bulk loading a new build: no refreshes until it is complete.
        "refresh_interval": "-1" if building else "1s",
        # A build can always be redone from the database: no fsync per bulk request.
        "translog": {"durability": "async" if building else "request"},
    }
    return {"settings": index_settings, "mappings": ProductDocument._doc_type.mapping.to_dict()}


def create_index(client: Elasticsearch, name: str, *, aliases: Iterable[str] = (), building=False) -> None:
    body = index_body(client, building=building)
    client.indices.create(
        index=name,
        settings=body["settings"],
        mappings=body["mappings"],
        aliases={alias: {} for alias in aliases},
    )


def ensure_index(client: Elasticsearch) -> None:
    """Create a first (empty) index behind the alias if there is none yet."""
    if not client.indices.exists_alias(name=alias_name()):
        create_index(client, new_index_name(), aliases=[alias_name()])


# ---------------------------------------------------------------------------- product → document


def _suffixes(name: str) -> list[str]:
    """ "Keripik Tempe Sagu" → itself, "Tempe Sagu", "Sagu": autocomplete matches any word's start."""
    parts = name.split()
    return [" ".join(parts[i:]) for i in range(len(parts)) if len(parts[i]) > 1]


def category_paths(categories) -> dict[int, list]:
    """Category id → [root, ..., leaf] from one read of the (small) tree."""
    by_id = {category.pk: category for category in categories}
    paths: dict[int, list] = {}
    for category in by_id.values():
        path, node, seen = [], category, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            path.insert(0, node)
            node = by_id.get(node.parent_id)
        paths[category.pk] = path
    return paths


def document_for(product, *, category_path: list, curated: bool, today=None) -> dict:
    today = today or timezone.localdate()
    business = product.business
    desa = product.origin_desa
    kecamatan = desa.parent
    certifications = sorted({cert.kind for cert in product.certifications.all() if cert.is_valid_on(today)})
    source = {
        "name": product.name,
        "description": product.description,
        "slug": product.slug,
        "sku": product.sku,
        "pack_label": product.pack_label,
        "category": product.category.slug,
        "category_path": [node.slug for node in category_path],
        "category_names": [node.name for node in category_path],
        "seller": business.slug,
        "seller_name": business.name,
        "kecamatan": kecamatan.code if kecamatan else "",
        "kecamatan_name": kecamatan.name if kecamatan else "",
        "desa": desa.code,
        "desa_name": desa.name,
        "certifications": certifications,
        "price": int(product.price),
        "rating": float(product.rating_average or 0),
        "rating_count": product.rating_count,
        "sales_count": product.sales_count,
        "curated": curated,
        "alumni": business.alumni_year is not None,
        "alumni_year": business.alumni_year,
        "in_stock": product.stock > 0,
        "stock": product.stock,
        "published_at": product.published_at.isoformat() if product.published_at else None,
        "created_at": product.created_at.isoformat() if product.created_at else None,
        "updated_at": product.updated_at.isoformat() if product.updated_at else None,
    }
    source["spell"] = " ".join(
        [product.name, *source["category_names"], source["kecamatan_name"], source["desa_name"]]
    )
    source["fingerprint"] = fingerprint(source)
    source["suggest"] = {
        "input": _suffixes(product.name),
        # Best sellers and curated products come first among completions.
        "weight": min(product.sales_count, 1_000_000) + (1000 if curated else 0) + 1,
    }
    return source


def fingerprint(source: dict) -> str:
    """A digest of what the document says, for the drift check."""
    payload = sorted((k, v) for k, v in source.items() if k not in {"fingerprint", "suggest", "spell"})
    return hashlib.blake2b(repr(payload).encode(), digest_size=8).hexdigest()


def documents_for(products: Iterable, *, today=None) -> Iterator[tuple[int, dict]]:
    """(id, source) for products read with `search.selectors.indexable_products()`."""
    from search.selectors import curated_product_ids
    from shop.models import Category

    paths = category_paths(Category.objects.all())
    curated = curated_product_ids()
    today = today or timezone.localdate()
    for product in products:
        yield (
            product.pk,
            document_for(
                product, category_path=paths[product.category_id], curated=product.pk in curated, today=today
            ),
        )
