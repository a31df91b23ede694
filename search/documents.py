"""The product index: its mapping, its Indonesian analysis, and how a product becomes a document.

Readers and writers use the alias `<prefix>-products`; each build is a concrete index
`<prefix>-products-<stamp>`
(see search/reindex.py). While a rebuild runs, the new index also carries `<prefix>-products-building`, so
updates made meanwhile reach both.
"""

import hashlib
from collections.abc import Iterable, Iterator
from itertools import islice

from django.conf import settings
from django.db.models import Q
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


# The columns a document needs, read as plain values with the joins done in SQL: a full rebuild spent most of
# its Python time making model instances (five per product) and prefetching certifications.
ROW_COLUMNS = (
    "pk", "name", "description", "slug", "sku", "pack_label", "category_id", "category__slug", "price",
    "rating_average", "rating_count", "sales_count", "stock", "published_at", "created_at", "updated_at",
    "business__slug", "business__name", "business__alumni_year", "origin_desa__code", "origin_desa__name",
    "origin_desa__parent__code", "origin_desa__parent__name",
)  # fmt: skip


def _row_of(product) -> tuple:
    """A product instance (read with `indexable_products()`) as the tuple of ROW_COLUMNS."""
    business, desa = product.business, product.origin_desa
    kecamatan = desa.parent
    return (
        product.pk, product.name, product.description, product.slug, product.sku, product.pack_label,
        product.category_id, product.category.slug, product.price, product.rating_average,
        product.rating_count, product.sales_count, product.stock, product.published_at, product.created_at,
        product.updated_at, business.slug, business.name, business.alumni_year, desa.code, desa.name,
        kecamatan.code if kecamatan else None, kecamatan.name if kecamatan else None,
    )  # fmt: skip


def document_for(product, *, category_path: list, curated: bool, today=None) -> dict:
    today = today or timezone.localdate()
    certifications = sorted({cert.kind for cert in product.certifications.all() if cert.is_valid_on(today)})
    return _source(
        _row_of(product), category_path=category_path, certifications=certifications, curated=curated
    )


def _source(row: tuple, *, category_path: list, certifications: list[str], curated: bool) -> dict:
    """The document of one product row (ROW_COLUMNS); `certifications`: the kinds valid today, sorted."""
    (
        _pk, name, description, slug, sku, pack_label, _category_id, category, price, rating_average,
        rating_count, sales_count, stock, published_at, created_at, updated_at, seller, seller_name,
        alumni_year, desa, desa_name, kecamatan, kecamatan_name,
    ) = row  # fmt: skip
    has_kecamatan = kecamatan is not None
    source = {
        "name": name,
        "description": description,
        "slug": slug,
        "sku": sku,
        "pack_label": pack_label,
        "category": category,
        "category_path": [node.slug for node in category_path],
        "category_names": [node.name for node in category_path],
        "seller": seller,
        "seller_name": seller_name,
        "kecamatan": kecamatan if has_kecamatan else "",
        "kecamatan_name": kecamatan_name if has_kecamatan else "",
        "desa": desa,
        "desa_name": desa_name,
        "certifications": certifications,
        "price": int(price),
        "rating": float(rating_average or 0),
        "rating_count": rating_count,
        "sales_count": sales_count,
        "curated": curated,
        "alumni": alumni_year is not None,
        "alumni_year": alumni_year,
        "in_stock": stock > 0,
        "stock": stock,
        "published_at": published_at.isoformat() if published_at else None,
        "created_at": created_at.isoformat() if created_at else None,
        "updated_at": updated_at.isoformat() if updated_at else None,
    }
    source["spell"] = " ".join([name, *source["category_names"], source["kecamatan_name"], desa_name])
    source["fingerprint"] = fingerprint(source)
    source["suggest"] = {
        "input": _suffixes(name),
        # Best sellers and curated products come first among completions.
        "weight": min(sales_count, 1_000_000) + (1000 if curated else 0) + 1,
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


def _valid_certification_kinds(first_pk: int, last_pk: int, today) -> dict[int, set[str]]:
    """Product id → the kinds of its certifications valid on `today`, for the ids in [first_pk, last_pk]."""
    from shop.models import Product

    links = Product.certifications.through.objects.filter(
        Q(certification__expires_on__isnull=True) | Q(certification__expires_on__gte=today),
        product_id__gte=first_pk,
        product_id__lte=last_pk,
    ).values_list("product_id", "certification__kind")
    kinds: dict[int, set[str]] = {}
    for product_id, kind in links:
        kinds.setdefault(product_id, set()).add(kind)
    return kinds


def documents_in(products, *, chunk_size: int = 1000, today=None) -> Iterator[tuple[int, dict]]:
    """(id, source) for every product of the queryset `products` (from `indexable_products()`), streamed.

    The same documents as `documents_for`, read as plain rows (ROW_COLUMNS) with one query for the products
    and one per chunk for their valid certifications: no model instances, no per-product queries.
    """
    from search.selectors import curated_product_ids
    from shop.models import Category

    paths = category_paths(Category.objects.all())
    curated = curated_product_ids()
    today = today or timezone.localdate()
    rows = products.prefetch_related(None).values_list(*ROW_COLUMNS).iterator(chunk_size=chunk_size)
    while chunk := list(islice(rows, chunk_size)):
        ids = [row[0] for row in chunk]
        kinds = _valid_certification_kinds(min(ids), max(ids), today)
        for row in chunk:
            pk = row[0]
            yield (
                pk,
                _source(
                    row,
                    category_path=paths[row[6]],
                    certifications=sorted(kinds.get(pk, ())),
                    curated=pk in curated,
                ),
            )
