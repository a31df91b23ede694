"""Product search on the database (SQLite or PostgreSQL): the embedded default and the fallback.

Same concepts, filters, multi-select facet counts, sorts and boosts as the Elasticsearch backend, with
case-insensitive word matching instead of an analyzer. Typos are corrected against the catalogue's own
vocabulary (difflib), so "kopu" still finds kopi. What it cannot do is listed in CAPABILITIES and asserted
by the behaviour tests: no stemming (minuman ≠ minum), no fuzzy prefix completion.

It reads the live tables. Speed (p95 <= 100 ms at 10k products): words are matched once against the small
tables (categories, sellers, regions), so the product query scans only name and description (trigram-indexed
on PostgreSQL, migration search/0002); the matches are read once as narrow rows and the facets
counted in Python.

Longer than 500 lines because it is one query plan read top to bottom (typo correction → matching → scoring →
facet counts → hits), kept function for function beside search/backends/elasticsearch.py so the two backends
can be compared; only the typo correction (~80 lines) stands apart, and moving it would not change that.
"""

import difflib
import json
import re
import threading
import time
from decimal import Decimal

from django.db import connections
from django.db.models import Case, Count, Exists, F, FloatField, OuterRef, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from adimarko.core.models import Certification
from adimarko.core.renditions import specs_of
from search.highlight import highlight, snippet
from search.query import Concept, ParsedQuery, words
from search.selectors import curated_product_ids
from search.types import FACET_SIZE, PRICE_RANGES, Filters, Hit, Scope, wants_villages
from shop.models import Category, Product
from shop.selectors import photos_prefetch

NAME = "database"
CAPABILITIES = frozenset({"fuzzy", "highlight", "did_you_mean"})

TEXT_FIELDS = {  # field → weight when a concept matches there
    "name": 4.0,
    "category__name": 2.0,
    "category__parent__name": 2.0,
    "description": 1.0,
    "business__name": 1.0,
    "origin_desa__name": 1.0,
    "origin_desa__parent__name": 1.0,
}
ORDERING = {
    "relevance": ["-score", "-sales_count", "pk"],
    "price_asc": ["price", "-sales_count", "pk"],
    "price_desc": ["-price", "-sales_count", "pk"],
    "newest": [F("published_at").desc(nulls_last=True), "pk"],
    "rating": [F("rating_average").desc(nulls_last=True), "-rating_count", "-sales_count", "pk"],
}
VOCABULARY_TTL = 300  # seconds
MATCH_LIMIT = 20_000  # above this many matches, keep filtering in SQL (SQLite's parameter limit)


# ---------------------------------------------------------------------------- words and typos


class _Vocabulary:
    """Distinct words of public product names, categories and regions; rebuilt when stale."""

    def __init__(self):
        self._words: frozenset[str] = frozenset()
        self._built_at = -VOCABULARY_TTL
        self._signature = None
        self._lock = threading.Lock()

    def cached(self) -> frozenset[str]:
        return self._words

    def words(self) -> frozenset[str]:
        with self._lock:
            now = time.monotonic()
            if now - self._built_at > VOCABULARY_TTL or self._signature != self._signature_now():
                found: set[str] = set()
                rows = Product.objects.public().values_list(
                    "name", "category__name", "origin_desa__name", "origin_desa__parent__name"
                )
                for row in rows.iterator(chunk_size=2000):
                    for text in row:
                        found.update(word for word in words(text or "") if len(word) > 2)
                self._words, self._built_at = frozenset(found), now
                self._signature = self._signature_now()
            return self._words

    def _signature_now(self):
        from django.db.models import Max

        return tuple(Product.objects.public().aggregate(n=Count("pk"), latest=Max("updated_at")).values())


VOCABULARY = _Vocabulary()


def _known(word: str, vocabulary) -> bool:
    return len(word) < 3 or word in vocabulary or any(word in known for known in vocabulary)


def correct(word: str, vocabulary=None) -> str | None:
    """The closest catalogue word to a word the catalogue does not contain, or None."""
    vocabulary = VOCABULARY.words() if vocabulary is None else vocabulary
    if _known(word, vocabulary):
        return None
    matches = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
    return matches[0] if matches else None


def corrected_concepts(parsed: ParsedQuery) -> tuple[tuple[Concept, ...], list[str]]:
    """Concepts with typo corrections added as alternatives, and the corrected query (if any)."""
    out, corrected_words, changed = [], [], False
    # Words the (possibly older) vocabulary knows need no check; otherwise refresh it once for this search.
    cached = VOCABULARY.cached()
    unknown = any(not concept.is_phrase and not _known(concept.text, cached) for concept in parsed.concepts)
    vocabulary = VOCABULARY.words() if unknown else cached
    for concept in parsed.concepts:
        fix = None if concept.is_phrase else correct(concept.text, vocabulary)
        if fix:
            out.append(Concept((*concept.alternatives, fix)))
            corrected_words.append(fix)
            changed = True
        else:
            out.append(concept)
            corrected_words.append(concept.text)
    return tuple(out), ([" ".join(corrected_words)] if changed else [])


# ---------------------------------------------------------------------------- query building


PRODUCT_TEXT = ("name", "description")  # matched on the product row itself
RELATED_TEXT = {  # joined text field → (product column, model, text field of that model)
    "category__name": ("category_id", "category", "name"),
    "category__parent__name": ("category_id", "category", "parent__name"),
    "business__name": ("business_id", "business", "name"),
    "origin_desa__name": ("origin_desa_id", "region", "name"),
    "origin_desa__parent__name": ("origin_desa_id", "region", "parent__name"),
}


class _RelatedMatches:
    """Which categories, sellers and regions a search word matches, found once per search.

    Those tables are small (dozens of categories, hundreds of sellers and villages); matching them here
    turns the product query's LIKE over five joined columns into `category_id IN (…)` on the product row,
    so the only text scanned per product is its own name and description.
    """

    def __init__(self, alternatives):
        from adimarko.core.models import Business, Region

        self.alternatives = sorted(set(alternatives))
        self._rows = {}
        if not self.alternatives:
            return
        models = {
            "category": (Category, ("name", "parent__name")),
            "business": (Business, ("name",)),
            "region": (Region, ("name", "parent__name")),
        }
        for key, (model, fields) in models.items():
            wanted = Q()
            for field in fields:
                for alternative in self.alternatives:
                    wanted |= Q(**{f"{field}__icontains": alternative})
            self._rows[key] = [
                (row[0], {field: (text or "").lower() for field, text in zip(fields, row[1:], strict=True)})
                for row in model.objects.filter(wanted).values_list("pk", *fields)
            ]

    def ids(self, model_key: str, field: str, alternative: str) -> list:
        needle = alternative.lower()
        return [pk for pk, texts in self._rows.get(model_key, []) if needle in texts[field]]


_NO_MATCHES = _RelatedMatches(())


def _field_q(field: str, alternatives, related: _RelatedMatches = _NO_MATCHES) -> Q:
    """The product matches one of `alternatives` in `field` (case-insensitive substring)."""
    if field in RELATED_TEXT and related is not _NO_MATCHES:
        column, model_key, text_field = RELATED_TEXT[field]
        ids = {pk for alternative in alternatives for pk in related.ids(model_key, text_field, alternative)}
        # An empty list matches nothing (Django drops it from an OR, and a CASE skips it).
        return Q(**{f"{column}__in": sorted(ids)})
    if field in PRODUCT_TEXT and connections[Product.objects.db].vendor == "postgresql":
        # One case-insensitive regular expression per column instead of one UPPER(…) LIKE per word:
        # the trigram indexes of migration search/0003 serve it, and PostgreSQL upper-cases no text.
        return Q(**{f"{field}__iregex": "|".join(re.escape(alternative) for alternative in alternatives)})
    q = Q()
    for alternative in alternatives:
        q |= Q(**{f"{field}__icontains": alternative})
    return q


def concept_q(concept: Concept, fields=TEXT_FIELDS, related: _RelatedMatches = _NO_MATCHES) -> Q:
    q = Q()
    for field in fields:
        q |= _field_q(field, concept.alternatives, related)
    return q


def related_matches(concepts) -> _RelatedMatches:
    return _RelatedMatches(alternative for concept in concepts for alternative in concept.alternatives)


def certification_valid_q(kinds) -> Exists:
    today = timezone.localdate()
    return Exists(
        Certification.objects.filter(products=OuterRef("pk"), kind__in=list(kinds)).filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=today)
        )
    )


def _descendant_ids(slugs) -> list[int]:
    paths = _category_paths()
    wanted = set(slugs)
    return [pk for pk, path in paths.items() if wanted & {node.slug for node in path}]


def facet_q(name: str, values) -> Q:
    if name == "kecamatan":
        return Q(origin_desa__parent_id__in=values)
    if name == "desa":
        return Q(origin_desa_id__in=values)
    if name == "category":
        return Q(category_id__in=_descendant_ids(values))
    if name == "seller":
        return Q(business__slug__in=values)
    if name == "certification":
        return Q(certification_valid_q(values))
    if name == "price":
        q = Q()
        for key, low, high in PRICE_RANGES:
            if key in values:
                bounds = {}
                if low is not None:
                    bounds["price__gte"] = low
                if high is not None:
                    bounds["price__lt"] = high
                q |= Q(**bounds)
        return q
    raise ValueError(name)


def base_queryset(concepts, filters: Filters, scope: Scope | None, *, relax: bool, related=None):
    qs = Product.objects.public()
    if scope:
        if scope.kecamatan:
            qs = qs.filter(origin_desa__parent_id__in=scope.kecamatan)
        if scope.category:
            qs = qs.filter(category_id__in=_descendant_ids(scope.category))
        if scope.text:
            from search.query import parse

            scope_q = Q()
            scope_concepts = parse(scope.text).concepts
            scope_related = related_matches(scope_concepts)
            for concept in scope_concepts:
                scope_q |= concept_q(concept, related=scope_related)
            qs = qs.filter(scope_q)
    if filters.price_min is not None:
        qs = qs.filter(price__gte=filters.price_min)
    if filters.price_max is not None:
        qs = qs.filter(price__lte=filters.price_max)
    if filters.in_stock:
        qs = qs.filter(stock__gt=0)
    if concepts:
        related = related_matches(concepts) if related is None else related
        if relax:  # any concept: one pattern per column holding every concept's alternatives
            alternatives = tuple(dict.fromkeys(a for concept in concepts for a in concept.alternatives))
            concepts = (Concept(alternatives),)
        matches = [concept_q(concept, related=related) for concept in concepts]
        combined = Q()
        for match in matches:
            combined = (combined | match) if relax else (combined & match)
        qs = qs.filter(combined)
    return qs


def score_expression(concepts, related=_NO_MATCHES):
    text = Value(1.0)
    for concept in concepts:
        whens = [
            When(_any(concept, field, related), then=Value(weight))
            for field, weight in sorted(TEXT_FIELDS.items(), key=lambda item: -item[1])
        ]
        text = text + Case(*whens, default=Value(0.0), output_field=FloatField())
    from search.picks import CuratedProduct

    boost = (
        Value(1.0)
        + Case(When(stock__gt=0, then=Value(2.0)), default=Value(0.0), output_field=FloatField())
        + Case(
            When(Exists(CuratedProduct.objects.filter(product=OuterRef("pk"))), then=Value(2.0)),
            default=Value(0.0),
            output_field=FloatField(),
        )
        + Case(When(business__alumni_year__isnull=False, then=Value(1.0)), default=Value(0.0),
               output_field=FloatField())
        + Cast(Coalesce(F("rating_average"), Value(Decimal(0))), FloatField()) * Value(0.2)
    )  # fmt: skip
    return text * boost


def _any(concept: Concept, field: str, related=_NO_MATCHES) -> Q:
    return _field_q(field, concept.alternatives, related)


def ids_q(ids) -> Q:
    """`pk IN (ids)` with the ids bound as ONE parameter (a JSON array on SQLite, an array on PostgreSQL).

    A search matching thousands of products reads them by key in eight queries; binding thousands of
    parameters each time cost more than the queries themselves.
    """
    ids = [int(pk) for pk in ids]
    vendor = connections[Product.objects.db].vendor
    if vendor == "postgresql":
        literal = "{" + ",".join(map(str, ids)) + "}"  # a text literal: cheaper to send than a list
        return Q(pk__in=RawSQL("SELECT unnest(%s::bigint[])", [literal]))
    if vendor == "sqlite":
        return Q(pk__in=RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)]))
    return Q(pk__in=ids)


# ---------------------------------------------------------------------------- facets


def facet_counts(name, qs) -> list[tuple[str, int]]:
    if name == "price":
        counts = qs.aggregate(
            **{
                f"r{i}": Count("pk", filter=facet_q("price", [key]))
                for i, (key, _l, _h) in enumerate(PRICE_RANGES)
            }
        )  # fmt: skip
        return [(key, counts[f"r{i}"]) for i, (key, _l, _h) in enumerate(PRICE_RANGES)]
    if name == "certification":
        today = timezone.localdate()
        rows = (
            Certification.objects.filter(products__in=qs.values("pk"))
            .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
            .values("kind")
            .annotate(n=Count("products", distinct=True))
            .order_by("-n", "kind")
        )
        return [(row["kind"], row["n"]) for row in rows]
    # Group by the product's own foreign key (no join, few groups), then name the groups by key.
    column = FACET_COLUMNS[name]
    grouped = dict(qs.order_by().values_list(column).annotate(n=Count("pk")))
    keys = _facet_keys(name, [pk for pk in grouped if pk is not None])
    counts: dict = {}
    for pk, n in grouped.items():
        key = keys.get(pk)
        counts[key] = counts.get(key, 0) + n
    return _ranked(counts)[: FACET_SIZE[name]]


def _ranked(counts: dict) -> list:
    """Most products first, then by value (as Elasticsearch orders terms)."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0] is None, item[0] or ""))


FACET_COLUMNS = {
    "kecamatan": "origin_desa_id",
    "desa": "origin_desa_id",
    "category": "category_id",
    "seller": "business_id",
}


def _facet_keys(name: str, ids) -> dict:
    """Foreign key → the facet's value (kecamatan code, village code, category or seller slug)."""
    from adimarko.core.models import Business, Region

    if name == "desa":
        return {pk: pk for pk in ids}
    if name == "kecamatan":
        return dict(Region.objects.filter(pk__in=ids).values_list("pk", "parent_id"))
    if name == "category":
        return dict(Category.objects.filter(pk__in=ids).values_list("pk", "slug"))
    return dict(Business.objects.filter(pk__in=ids).values_list("pk", "slug"))


# ---------------------------------------------------------------------------- highlights and hits


def _hit(product, *, curated: bool, today, terms) -> Hit:
    business = product.business
    kecamatan = product.origin_desa.parent
    highlights = {}
    if terms:
        if name := highlight(product.name, terms):
            highlights["name"] = name
        if fragment := snippet(product.description, terms):
            highlights["description"] = fragment
    return Hit(
        id=product.pk,
        slug=product.slug,
        name=product.name,
        price=int(product.price),
        seller=business.slug,
        seller_name=business.name,
        kecamatan=kecamatan.code if kecamatan else "",
        kecamatan_name=kecamatan.name if kecamatan else "",
        desa_name=product.origin_desa.name,
        category=product.category.slug,
        certifications=sorted(
            {cert.kind for cert in product.certifications.all() if cert.is_valid_on(today)}
        ),
        rating=float(product.rating_average or 0),
        rating_count=product.rating_count,
        sales_count=product.sales_count,
        in_stock=product.stock > 0,
        curated=curated,
        alumni=business.alumni_year is not None,
        alumni_year=business.alumni_year,
        pack_label=product.pack_label,
        highlights=highlights,
        product=product,
    )


FACET_ORDER = ("kecamatan", "category", "certification", "seller", "price", "desa")


def narrowed(qs, selected, except_facet=None):
    for name, values in selected.items():
        if name != except_facet:
            qs = qs.filter(facet_q(name, values))
    return qs


def _count_in_memory(base, selected, names):
    """(ids of the results, facet counts) from one narrow read of the matches, or None if there are too many.

    Multi-select counts: a product counts for facet F when it passes every selected facet except F. The
    certification facet (validity depends on today) is counted in SQL over the products that qualify.
    """
    from adimarko.core.models import Business, Region

    rows = list(
        base.order_by().values_list("pk", "origin_desa_id", "category_id", "business_id", "price")[
            : MATCH_LIMIT + 1
        ]
    )
    if len(rows) > MATCH_LIMIT:
        return None
    desa_ids = {row[1] for row in rows if row[1] is not None}
    kecamatan_of = dict(Region.objects.filter(pk__in=desa_ids).values_list("pk", "parent_id")) if rows else {}
    categories = {pk: path[-1].slug for pk, path in _category_paths().items()}
    sellers = Business.objects.filter(pk__in={row[3] for row in rows})
    seller_of = dict(sellers.values_list("pk", "slug")) if rows else {}
    wanted_categories = set(_descendant_ids(selected["category"])) if "category" in selected else set()
    certified = set()
    if "certification" in selected and rows:
        certified = set(
            Product.objects.filter(ids_q([row[0] for row in rows]))
            .filter(certification_valid_q(selected["certification"]))
            .values_list("pk", flat=True)
        )

    def price_key(price):
        for key, low, high in PRICE_RANGES:
            if (low is None or price >= low) and (high is None or price < high):
                return key
        return None

    chosen = {name: set(values) for name, values in selected.items()}
    tests = {
        "kecamatan": lambda r: kecamatan_of.get(r[1]) in chosen["kecamatan"],
        "desa": lambda r: r[1] in chosen["desa"],
        "category": lambda r: r[2] in wanted_categories,
        "seller": lambda r: seller_of.get(r[3]) in chosen["seller"],
        "price": lambda r: price_key(r[4]) in chosen["price"],
        "certification": lambda r: r[0] in certified,
    }
    active = [(name, tests[name]) for name in selected]
    result_ids = []
    counters = {name: {} for name in names}
    qualifying_for_certification = []
    for row in rows:
        failed = [name for name, test in active if not test(row)]
        if len(failed) > 1:
            continue
        if not failed:
            result_ids.append(row[0])
        keys = {
            "kecamatan": kecamatan_of.get(row[1]),
            "desa": row[1],
            "category": categories.get(row[2]),
            "seller": seller_of.get(row[3]),
            "price": price_key(row[4]),
        }
        for name in names:
            if failed and failed[0] != name:
                continue
            if name == "certification":
                qualifying_for_certification.append(row[0])
                continue
            counter = counters[name]
            counter[keys[name]] = counter.get(keys[name], 0) + 1
    out = {}
    for name in names:
        if name == "certification":
            out[name] = facet_counts(name, Product.objects.filter(ids_q(qualifying_for_certification)))
        elif name == "price":
            out[name] = [(key, counters[name].get(key, 0)) for key, _low, _high in PRICE_RANGES]
        else:
            out[name] = _ranked(counters[name])[: FACET_SIZE[name]]
    return result_ids, out


def _category_paths():
    from search.documents import category_paths

    return category_paths(Category.objects.all())


def run(parsed, filters, sort, page, page_size, *, scope=None, relax=False, fuzziness="AUTO"):
    """Same contract as backends.elasticsearch.run."""
    concepts, spelling = corrected_concepts(parsed) if parsed else ((), [])
    related = related_matches(concepts)
    base = base_queryset(concepts, filters, scope, relax=relax, related=related)
    selected = dict(filters.facet_items())
    names = [n for n in FACET_ORDER if n != "desa" or wants_villages(filters, scope)]
    counted = _count_in_memory(base, selected, names)
    if counted is not None:
        # Up to MATCH_LIMIT matches: one narrow read, then filters and facet counts in Python.
        result_ids, raw_counts = counted
        total = len(result_ids)
        results = Product.objects.filter(ids_q(result_ids))
    else:
        results, raw_counts = narrowed(base, selected), {}
        total = results.count()
    ordered = results.annotate(score=score_expression(concepts, related)) if sort == "relevance" else results
    ordering = ORDERING[sort]
    start = (page - 1) * page_size
    # Rank by key alone (narrow rows to sort), then read the page's twenty products in full.
    page_ids = list(ordered.order_by(*ordering).values_list("pk", flat=True)[start : start + page_size])
    loaded = (
        Product.objects.filter(pk__in=page_ids)
        .select_related("business", "category", "origin_desa__parent")
        .prefetch_related("certifications", photos_prefetch(specs_of("search-hit")))
        .in_bulk()
    )
    page_products = [loaded[pk] for pk in page_ids if pk in loaded]
    curated = curated_product_ids(product.pk for product in page_products)
    today = timezone.localdate()
    terms = [alternative for concept in concepts for alternative in concept.alternatives]
    hits = [_hit(p, curated=p.pk in curated, today=today, terms=terms) for p in page_products]
    facets = {}
    for name in names:
        chosen = selected.get(name, [])
        if name in raw_counts:
            counts = raw_counts[name]
        else:
            counts = facet_counts(name, narrowed(base, selected, except_facet=name))
        facets[name] = [
            (value, count, value in chosen) for value, count in counts if count or value in chosen
        ]
    return hits, total, facets, spelling


def autocomplete(prefix: str, limit: int) -> list[dict]:
    prefix = prefix.strip()
    rows = (
        Product.objects.public()
        .filter(Q(name__istartswith=prefix) | Q(name__icontains=f" {prefix}"))
        .order_by("-sales_count", "name")
        .values("pk", "name", "slug")[: limit * 2]
    )
    seen, out = set(), []
    for row in rows:
        if row["name"].lower() not in seen:
            seen.add(row["name"].lower())
            out.append({"name": row["name"], "slug": row["slug"], "id": row["pk"]})
    return out[:limit]
