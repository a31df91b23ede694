"""Product search on the database (PostgreSQL or SQLite): the embedded default and the fallback.

Same concepts, filters, multi-select facet counts, sorts and boosts as the Elasticsearch backend, over the
search rows (search/rows.py: one per public product, kept on commit like the index). Everything is done in
SQL, in one statement per search: the words are matched, the rows that can count for some facet are kept
once (a materialised CTE with one 0/1 flag per selected facet), and a UNION ALL returns the total, every
facet's GROUP BY counts (a facet ignores its own selection) and the page of hits, ranked and paged in SQL.
The page's products are then read in full (with certificates and photos). A search costs a fixed
handful of queries.

- **PostgreSQL**: full-text search on the row's weighted `tsvector` (configuration `simple`, GIN index):
  every concept is a prefix `tsquery` (`kopi:*`, phrases with `<->`, variants OR-ed), and its score is the
  best weight it matches (name A = 4, category or seller B = 2, description or place C = 1). Typos: when
  the words find fewer than FEW_RESULTS products, each word that starts no word of the vocabulary
  (search/rows.py: every word the rows hold) is compared with the vocabulary's name, category and seller
  words with pg_trgm (`%`, trigram GIN index), the nearest (difflib) is added as an alternative and the
  search runs again ("did you mean").
- **SQLite**: the same statement with `LIKE '% kopi%'` on the row's folded words (the start of any word),
  and typos corrected against the same vocabulary (difflib).
- **Result cache** (`SEARCH_DATABASE_CACHE_SECONDS`, 300 by default, 0 = off): the statement's outcome
  (total, facet counts, the page's ids, spelling) is kept under a key holding the rows' generation and
  today's date (`_cache_key`), so a repeated search costs the page's products only; the products are always
  read fresh.

No stemming and no fuzzy completion: CAPABILITIES says so and the behaviour suite marks those tests
`xfail(strict=True)` for this backend.
"""

import difflib
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.utils import timezone

from search.highlight import highlight, snippet
from search.query import Concept, ParsedQuery, words
from search.rows import TEXT_CONFIG, ProductSearchRow, SearchWord, fold, rows_generation
from search.types import FACET_SIZE, PRICE_RANGES, Filters, Hit, Scope, wants_villages
from shop.models import Category, Product

NAME = "database"
CAPABILITIES = frozenset({"fuzzy", "highlight", "did_you_mean"})

WEIGHTS = (("A", "name_text", 4.0), ("B", "group_text", 2.0), ("C", "detail_text", 1.0))
FEW_RESULTS = 3  # fewer matches than this: look for misspelt words
TRIGRAM_THRESHOLD = 0.3  # pg_trgm similarity for typo candidates (difflib then picks the word)
TYPO_CANDIDATES = 12  # vocabulary words read per misspelt word
SPELLING_CUTOFF = 0.75  # difflib ratio a correction needs
FACET_ORDER = ("kecamatan", "category", "certification", "seller", "price", "desa")
ORDERING = {
    "relevance": "m.score DESC, m.sales_count DESC, m.id",
    "price_asc": "m.price ASC, m.sales_count DESC, m.id",
    "price_desc": "m.price DESC, m.sales_count DESC, m.id",
    "newest": "m.published_at DESC NULLS LAST, m.id",
    "rating": "m.rating DESC NULLS LAST, m.rating_count DESC, m.sales_count DESC, m.id",
}


def _vendor() -> str:
    return connections[ProductSearchRow.objects.db].vendor


def _tables() -> dict[str, str]:
    from adimarko.core.models import Business, Certification
    from search.picks import CuratedProduct

    return {
        "row": ProductSearchRow._meta.db_table,
        "word": SearchWord._meta.db_table,
        "pick": CuratedProduct._meta.db_table,
        "category": Category._meta.db_table,
        "business": Business._meta.db_table,
        "certification": Certification._meta.db_table,
        "product_certification": Product.certifications.through._meta.db_table,
    }


# ---------------------------------------------------------------------------- words and typos


def _alternatives(concept: Concept) -> list[str]:
    """The concept's alternatives as folded words ("gula merah"), without empty ones."""
    found = (" ".join(words(fold(alternative))) for alternative in concept.alternatives)
    return list(dict.fromkeys(alternative for alternative in found if alternative))


def _close(word: str, candidates) -> str | None:
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=SPELLING_CUTOFF)
    return matches[0] if matches and matches[0] != word else None


def _fixes_sqlite(unknown: list[str]) -> dict[str, str]:
    fixes, vocabulary = {}, None
    for word in unknown:
        if SearchWord.objects.filter(word__startswith=word).exists():
            continue  # the catalogue has it (maybe only in a description): not a typo
        if vocabulary is None:
            named = SearchWord.objects.filter(in_names=True).values_list("word", flat=True)
            vocabulary = frozenset(word for word in named if len(word) > 2 and word.isalpha())
        if fix := _close(word, vocabulary):
            fixes[word] = fix
    return fixes


def _fixes_postgresql(unknown: list[str]) -> dict[str, str]:
    """One statement over the vocabulary (search/rows.py: a few thousand words, not every row): is each word
    the start of a known word, and only if not, which words of names, categories and sellers are nearest
    (pg_trgm's `%` on the vocabulary's trigram index; difflib then picks)."""
    table = _tables()["word"]
    sql = (
        f"SELECT w.word, k.known, CASE WHEN k.known THEN NULL ELSE ARRAY("
        f"SELECT v.word FROM {table} v WHERE v.in_names AND v.word %% w.word"
        f" AND similarity(v.word, w.word) >= %s"
        f" ORDER BY similarity(v.word, w.word) DESC, v.word LIMIT %s) END"
        f" FROM unnest(%s::text[]) AS w(word) CROSS JOIN LATERAL"
        f" (SELECT EXISTS (SELECT 1 FROM {table} v WHERE starts_with(v.word, w.word)) AS known) k"
    )
    with connections[ProductSearchRow.objects.db].cursor() as cursor:
        cursor.execute(sql, [TRIGRAM_THRESHOLD, TYPO_CANDIDATES, unknown])
        rows = cursor.fetchall()
    fixes = {}
    for word, known, candidates in rows:
        candidates = [found for found in candidates or () if len(found) > 2 and found.isalpha()]
        if not known and (fix := _close(word, candidates)):
            fixes[word] = fix
    return fixes


def corrected_concepts(concepts) -> tuple[tuple[Concept, ...], list[str]]:
    """Concepts with corrections of misspelt words added as alternatives, and the corrected query."""
    single = [concept.text for concept in concepts if not concept.is_phrase and len(concept.text) >= 3]
    single = [word for word in dict.fromkeys(single) if " " not in word and word.isalpha()]
    if not single:
        return tuple(concepts), []
    fixes = _fixes_postgresql(single) if _vendor() == "postgresql" else _fixes_sqlite(single)
    if not fixes:
        return tuple(concepts), []
    out, corrected = [], []
    for concept in concepts:
        fix = fixes.get(concept.text) if not concept.is_phrase else None
        out.append(Concept((*concept.alternatives, fix)) if fix else concept)
        corrected.append(fix or concept.text)
    return tuple(out), [" ".join(corrected)]


# ---------------------------------------------------------------------------- the statement


class _Statement:
    """SQL text and its parameters, built side by side."""

    def __init__(self, vendor: str):
        self.vendor = vendor
        self.params: list = []

    def bind(self, *values) -> str:
        self.params.extend(values)
        return ", ".join(["%s"] * len(values))

    def within(self, column: str, values) -> str:
        values = list(values)
        return f"{column} IN ({self.bind(*values)})" if values else "1 = 0"

    # -- words

    def _tsquery(self, alternatives, weight="") -> str:
        parts = [" <-> ".join(f"{word}:*{weight}" for word in alt.split()) for alt in alternatives]
        return "(" + " | ".join(f"({part})" for part in parts) + ")"

    def matches(self, concepts, *, any_concept: bool) -> str:
        """The row matches every concept (or any, when relaxed)."""
        groups = [_alternatives(concept) for concept in concepts]
        groups = [group for group in groups if group]
        if not groups:
            return "1 = 1"
        if any_concept:
            groups = [list(dict.fromkeys(alt for group in groups for alt in group))]
        if self.vendor == "postgresql":
            query = (" | " if any_concept else " & ").join(self._tsquery(group) for group in groups)
            return f"r.document @@ to_tsquery('{TEXT_CONFIG}', {self.bind(query)})"
        joiner = " OR " if any_concept else " AND "
        columns = [column for _weight, column, _score in WEIGHTS]
        return "(" + joiner.join(self._like_any(group, columns) for group in groups) + ")"

    def _like_any(self, alternatives, columns) -> str:
        tests = [f"r.{column} LIKE {self.bind(f'% {alt}%')}" for alt in alternatives for column in columns]
        return "(" + " OR ".join(tests) + ")"

    def text_score(self, concepts, *, any_concept: bool) -> str:
        """1 + for each concept the best weight it matches (name 4, category or seller 2, other text 1).

        Every row scored here matched every concept (or, relaxed, the one merged concept), so a concept
        found neither in the name nor in the category or seller was found in the other text: 1, untested."""
        groups = [group for group in (_alternatives(concept) for concept in concepts) if group]
        if any_concept and groups:
            groups = [list(dict.fromkeys(alt for group in groups for alt in group))]
        terms = ["1.0"]
        for group in groups:
            whens = []
            for weight, column, score in WEIGHTS[:2]:
                if self.vendor == "postgresql":
                    query = self._tsquery(group, weight)
                    test = f"r.document @@ to_tsquery('{TEXT_CONFIG}', {self.bind(query)})"
                else:
                    test = self._like_any(group, [column])
                whens.append(f"WHEN {test} THEN {score}")
            terms.append(f"(CASE {' '.join(whens)} ELSE {WEIGHTS[2][2]} END)")
        return "(" + " + ".join(terms) + ")"

    def flag(self, condition: str) -> str:
        """A 0/1 column PostgreSQL can estimate (a boolean) and SQLite can add up (an integer)."""
        return (
            f"({condition})" if self.vendor == "postgresql" else f"(CASE WHEN {condition} THEN 1 ELSE 0 END)"
        )

    def as_number(self, column: str) -> str:
        return f"{column}::int" if self.vendor == "postgresql" else column


def _descendant_ids(slugs) -> list[int]:
    from search.documents import category_paths

    wanted = set(slugs)
    paths = category_paths(Category.objects.all())
    return [pk for pk, path in paths.items() if wanted & {node.slug for node in path}]


def _facet_condition(st: _Statement, name: str, values, tables, today) -> str:
    if name == "kecamatan":
        return st.within("r.kecamatan", values)
    if name == "desa":
        return st.within("r.desa", values)
    if name == "category":
        return st.within("r.category_id", _descendant_ids(values))
    if name == "seller":
        sellers = f"SELECT b.id FROM {tables['business']} b WHERE {st.within('b.slug', values)}"
        return f"r.business_id IN ({sellers})"
    if name == "certification":
        return (
            f"EXISTS (SELECT 1 FROM {tables['product_certification']} pc"
            f" JOIN {tables['certification']} c ON c.id = pc.certification_id"
            f" WHERE pc.product_id = r.product_id AND {st.within('c.kind', values)}"
            f" AND (c.expires_on IS NULL OR c.expires_on >= {st.bind(today)}))"
        )
    if name == "price":
        ranges = []
        for key, low, high in PRICE_RANGES:
            if key in values:
                bounds = ([f"r.price >= {st.bind(low)}"] if low is not None else []) + (
                    [f"r.price < {st.bind(high)}"] if high is not None else []
                )
                ranges.append("(" + " AND ".join(bounds or ["1 = 1"]) + ")")
        return "(" + " OR ".join(ranges or ["1 = 0"]) + ")"
    raise ValueError(name)


def _price_bucket() -> str:
    whens = []
    for key, low, high in PRICE_RANGES:
        bounds = ([f"m.price >= {low}"] if low is not None else []) + (
            [f"m.price < {high}"] if high is not None else []
        )
        whens.append(f"WHEN {' AND '.join(bounds)} THEN '{key}'")
    return f"CASE {' '.join(whens)} END"


def _statement(concepts, filters: Filters, scope: Scope | None, *, relax, sort, names, offset, limit):
    """(sql, params): the total, every facet's counts and the page of hits, in one UNION ALL."""
    from search.query import parse

    st = _Statement(_vendor())
    tables, today = _tables(), timezone.localdate()
    selected = dict(filters.facet_items())
    score = st.text_score(concepts, any_concept=relax) if sort == "relevance" else "0.0"
    flags = [
        f"{st.flag(_facet_condition(st, name, values, tables, today))} AS f_{name}"
        for name, values in selected.items()
    ]
    where = [st.matches(concepts, any_concept=relax)] if concepts else []
    if scope:
        if scope.kecamatan:
            where.append(st.within("r.kecamatan", scope.kecamatan))
        if scope.category:
            where.append(st.within("r.category_id", _descendant_ids(scope.category)))
        if scope.text:
            where.append(st.matches(parse(scope.text).concepts, any_concept=True))
    if filters.price_min is not None:
        where.append(f"r.price >= {st.bind(filters.price_min)}")
    if filters.price_max is not None:
        where.append(f"r.price <= {st.bind(filters.price_max)}")
    if filters.in_stock:
        where.append("r.in_stock = " + st.bind(True))
    # Only the columns something reads: the CTE holds every match (up to the whole catalogue).
    wanted = ["r.desa"] if "desa" in names else []
    wanted += {"newest": ["r.published_at"], "rating": ["r.rating", "r.rating_count"]}.get(sort, [])
    columns = ", ".join(
        [
            "r.product_id AS id", "r.kecamatan", "r.category_id", "r.business_id", "r.price", "r.sales_count",
            *wanted,
            f"{score} * (r.boost + CASE WHEN p.product_id IS NULL THEN 0.0 ELSE 2.0 END) AS score",
            "CASE WHEN p.product_id IS NULL THEN 0 ELSE 1 END AS curated",
            *flags,
        ]
    )  # fmt: skip
    matched = (
        f"SELECT {columns} FROM {tables['row']} r LEFT JOIN {tables['pick']} p ON p.product_id = r.product_id"
        f" WHERE {' AND '.join(where) or '1 = 1'}"
    )
    if len(selected) > 1:  # a row failing two selections counts nowhere
        failing_at_most_one = f"{' + '.join(st.as_number(f'f_{n}') for n in selected)} >= {len(selected) - 1}"
        matched = f"SELECT * FROM ({matched}) q WHERE {failing_at_most_one}"

    def passing(except_name=None) -> str:
        return " AND ".join(f"m.f_{n}" for n in selected if n != except_name) or "1 = 1"

    branches = [f"SELECT 'total', '', COUNT(*), 0 FROM m WHERE {passing()}"]
    for name in names:
        if name in {"kecamatan", "desa"}:
            branches.append(
                f"SELECT '{name}', m.{name}, COUNT(*), 0 FROM m WHERE {passing(name)} GROUP BY m.{name}"
            )
        elif name in {"category", "seller"}:  # counted by id, then the groups named (slugs are unique)
            column, table = ("category_id", "category") if name == "category" else ("business_id", "business")
            named = (
                f"SELECT t.slug, g.n, ROW_NUMBER() OVER (ORDER BY g.n DESC, t.slug) AS place"
                f" FROM (SELECT m.{column} AS key, COUNT(*) AS n FROM m WHERE {passing(name)}"
                f" GROUP BY m.{column}) g JOIN {tables[table]} t ON t.id = g.key"
            )
            # Only the FACET_SIZE shown, in _ranked's order: thousands of sellers stay in the database.
            shown = st.bind(FACET_SIZE[name])
            branches.append(f"SELECT '{name}', s.slug, s.n, 0 FROM ({named}) s WHERE s.place <= {shown}")
        elif name == "price":
            branches.append(
                f"SELECT 'price', bucket, COUNT(*), 0 FROM (SELECT {_price_bucket()} AS bucket FROM m"
                f" WHERE {passing(name)}) buckets GROUP BY bucket"
            )
        elif name == "certification":
            branches.append(
                f"SELECT 'certification', c.kind, COUNT(DISTINCT pc.product_id), 0"
                f" FROM {tables['product_certification']} pc"
                f" JOIN {tables['certification']} c ON c.id = pc.certification_id"
                f" WHERE pc.product_id IN (SELECT m.id FROM m WHERE {passing(name)})"
                f" AND (c.expires_on IS NULL OR c.expires_on >= {st.bind(today)}) GROUP BY c.kind"
            )
    # The page: the best `limit` rows by a top-N sort; only those twenty are numbered.
    ordering = ORDERING[sort]
    numbered = ordering.replace("m.", "page.")
    branches.append(
        f"SELECT 'hit', CAST(page.id AS TEXT), ROW_NUMBER() OVER (ORDER BY {numbered}), page.curated"
        f" FROM (SELECT m.* FROM m WHERE {passing()} ORDER BY {ordering}"
        f" LIMIT {st.bind(limit)} OFFSET {st.bind(offset)}) page"
    )
    sql = f"WITH m AS MATERIALIZED ({matched}) " + " UNION ALL ".join(branches)
    return sql, st.params


def _execute(concepts, filters, scope, *, relax, sort, names, offset, limit):
    """(total, {facet: {value: count}}, [(id, curated)] in rank order)."""
    sql, params = _statement(
        concepts, filters, scope, relax=relax, sort=sort, names=names, offset=offset, limit=limit
    )
    with connections[ProductSearchRow.objects.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    total, counts, hits = 0, {name: {} for name in names}, []
    for kind, value, number, extra in rows:
        if kind == "total":
            total = number
        elif kind == "hit":
            hits.append((number, int(value), bool(extra)))
        else:
            counts[kind][value] = number
    return total, counts, [(pk, curated) for _position, pk, curated in sorted(hits)]


def _ranked(counts: dict) -> list:
    """Most products first, then by value (as Elasticsearch orders terms)."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0] is None, item[0] or ""))


# ---------------------------------------------------------------------------- hits


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


def _counted(concepts, filters, scope, *, relax, options) -> tuple:
    """(total, counts, ranked, concepts, spelling): the statement, and again with misspelt words corrected
    when the words found fewer than FEW_RESULTS products."""
    total, counts, ranked = _execute(concepts, filters, scope, relax=relax, **options)
    spelling = []
    if concepts and total < FEW_RESULTS:
        corrected, spelling = corrected_concepts(concepts)
        if spelling:
            concepts = corrected
            total, counts, ranked = _execute(concepts, filters, scope, relax=relax, **options)
    return total, counts, ranked, concepts, spelling


def _cache_key(*parts) -> str | None:
    """The result cache's key for these inputs, or None when the cache is off.

    A cached result holds what the statement computed from the rows (the total, facet counts, the page's
    ids in rank order, spelling), never the products themselves: those are read fresh for every page, so a
    name, price, photo or stock figure on a hit is always current. The key carries the rows' generation
    (search/rows.py: bumped in the transaction of every row write, and every change to a product's price,
    stock, text, curation or public state rewrites its row) and today's date (certificates expire), so a
    result is never served after the rows it came from changed; the timeout bounds what the rows do not
    hold (a category's slug)."""
    if not settings.SEARCH_DATABASE_CACHE_SECONDS:
        return None
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"search-database:{rows_generation()}:{timezone.localdate().isoformat()}:{digest}"


def run(parsed: ParsedQuery, filters, sort, page, page_size, *, scope=None, relax=False, fuzziness="AUTO"):
    """Same contract as backends.elasticsearch.run: (hits, total, facets, spelling suggestions)."""
    concepts = tuple(parsed.concepts) if parsed else ()
    names = [n for n in FACET_ORDER if n != "desa" or wants_villages(filters, scope)]
    options = dict(sort=sort, names=names, offset=(page - 1) * page_size, limit=page_size)
    key = _cache_key(concepts, filters, scope, relax, options)
    found = cache.get(key) if key else None
    if found is None:
        found = _counted(concepts, filters, scope, relax=relax, options=options)
        if key:
            cache.set(key, found, settings.SEARCH_DATABASE_CACHE_SECONDS)
    total, counts, ranked, concepts, spelling = found
    page_ids = [pk for pk, _curated in ranked]
    loaded = (
        Product.objects.filter(pk__in=page_ids)
        .select_related("business", "category", "origin_desa__parent")
        .prefetch_related("certifications")
        .in_bulk()
    )
    today = timezone.localdate()
    terms = [alternative for concept in concepts for alternative in concept.alternatives]
    hits = [
        _hit(loaded[pk], curated=curated, today=today, terms=terms) for pk, curated in ranked if pk in loaded
    ]
    selected = dict(filters.facet_items())
    facets = {}
    for name in names:
        chosen = selected.get(name, [])
        if name == "price":
            rows = [(key, counts[name].get(key, 0)) for key, _low, _high in PRICE_RANGES]
        else:
            rows = _ranked(counts[name])[: FACET_SIZE[name]]
        facets[name] = [(value, count, value in chosen) for value, count in rows if count or value in chosen]
    return hits, total, facets, spelling


def autocomplete(prefix: str, limit: int) -> list[dict]:
    """Names with a word starting with `prefix` (best sellers first); on PostgreSQL the trigram index of
    the name words answers the LIKE."""
    needle = " ".join(words(fold(prefix)))
    if not needle:
        return []
    rows = (
        ProductSearchRow.objects.filter(name_text__contains=f" {needle}")
        .order_by("-sales_count", "product__name")
        .values("product_id", "product__name", "product__slug")[: limit * 2]
    )
    seen, out = set(), []
    for row in rows:
        if row["product__name"].lower() not in seen:
            seen.add(row["product__name"].lower())
            out.append({"name": row["product__name"], "slug": row["product__slug"], "id": row["product_id"]})
    return out[:limit]
