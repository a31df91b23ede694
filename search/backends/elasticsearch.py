"""Product search on Elasticsearch: FacetedSearch with multi-select facets, fuzziness, boosts, highlights.

Every failure of the engine (refused, timed out, 5xx, missing index, even a 400) becomes `EngineUnavailable`,
which search.service turns into an answer from the database: a buyer never sees an engine error.
"""

import logging

from django.conf import settings
from elasticsearch import ApiError, TransportError
from elasticsearch_dsl import FacetedSearch, Q, Search
from elasticsearch_dsl.faceted_search import RangeFacet, TermsFacet
from elasticsearch_dsl.query import MatchAll, Range, Terms

from search.connection import get_client
from search.documents import ProductDocument, alias_name
from search.highlight import highlight, snippet, terms_for
from search.query import ParsedQuery
from search.types import FACET_SIZE, PRICE_RANGES, Filters, Hit, RawFacets, Scope, wants_villages

logger = logging.getLogger(__name__)

NAME = "elasticsearch"
MATCHED = "_matched"  # the aggregation counting what the words matched, before facet filters
UNCHOSEN = "_filter_unchosen"  # the aggregation holding the counts of every facet with nothing chosen
CAPABILITIES = frozenset({"stemming", "fuzzy", "highlight", "did_you_mean", "autocomplete_fuzzy"})

SEARCH_FIELDS = [
    "name^4",
    "name.plain^3",
    "category_names^2",
    "category_names.plain^2",
    "description",
    "seller_name",
    "kecamatan_name",
    "desa_name",
]
SORTS = {
    "relevance": ["_score", {"sales_count": "desc"}],
    "price_asc": [{"price": "asc"}, {"sales_count": "desc"}],
    "price_desc": [{"price": "desc"}, {"sales_count": "desc"}],
    "newest": [{"published_at": {"order": "desc", "missing": "_last"}}, {"_score": "desc"}],
    "rating": [{"rating": "desc"}, {"rating_count": "desc"}, {"sales_count": "desc"}],
}
HIT_FIELDS = [
    "name", "description", "slug", "price", "seller", "seller_name", "kecamatan", "kecamatan_name",
    "desa_name", "category", "certifications", "rating", "rating_count", "sales_count", "in_stock",
    "curated", "alumni", "alumni_year", "pack_label",
]  # fmt: skip


class EngineUnavailable(Exception):
    """Elasticsearch could not answer; the caller falls back to the database."""


class CategoryFacet(TermsFacet):
    """Counts per leaf category; choosing a category also finds products of its sub-categories."""

    def add_filter(self, filter_values):
        if filter_values:
            return Terms(category_path=list(filter_values))
        return None


class PriceFacet(RangeFacet):
    """Price ranges; chosen ranges that touch are asked as one range (25-50k and 50-100k: 25-100k): the same
    products, and one range check per document instead of one per chosen range (the facet filters are
    evaluated for every document the words matched, once per other facet's count)."""

    def add_filter(self, filter_values):
        if not filter_values:
            return None
        bounds = sorted(
            (self._ranges[value] for value in filter_values),
            key=lambda bound: (bound[0] is not None, bound[0] or 0),
        )
        merged = [list(bounds[0])]
        for low, high in bounds[1:]:
            last = merged[-1]
            if last[1] is None or (low is not None and low <= last[1]):  # touches or overlaps
                last[1] = None if last[1] is None or high is None else max(last[1], high)
            else:
                merged.append([low, high])
        clauses = []
        for low, high in merged:
            limits = {key: limit for key, limit in (("gte", low), ("lt", high)) if limit is not None}
            clauses.append(Range(self._params["field"], limits, _expand__to_dot=False))
        found = clauses[0]
        for clause in clauses[1:]:
            found |= clause
        return found


# Typos are looked for in the short fields only: fuzzy terms over every description word cost too much.
FUZZY_FIELDS = ["name.plain", "category_names.plain", "kecamatan_name", "desa_name"]


def concept_query(concept, *, fuzziness, fields=SEARCH_FIELDS, fuzzy_fields=FUZZY_FIELDS):
    alternatives = []
    for position, alternative in enumerate(concept.alternatives):
        boost = 1.0 if position == 0 else 0.8
        if " " in alternative:
            alternatives.append(
                Q("multi_match", query=alternative, type="phrase", slop=1, fields=fields, boost=boost)
            )
            continue
        # zero_terms_query: a stop word the engine drops must not sink the query.
        alternatives.append(
            Q("multi_match", query=alternative, fields=fields, zero_terms_query="all", boost=boost)
        )
        if fuzziness and fuzzy_fields:
            alternatives.append(
                Q(
                    "multi_match",
                    query=alternative,
                    fields=fuzzy_fields,
                    fuzziness=fuzziness,
                    prefix_length=1 if fuzziness == "AUTO" else 0,
                    max_expansions=10,
                    boost=boost * 0.6,  # an exact word beats a near miss
                )
            )
    return Q("bool", should=alternatives, minimum_should_match=1)


def text_query(parsed: ParsedQuery, *, relax: bool = False, fuzziness="AUTO"):
    if not parsed:
        return Q("match_all")
    concepts = [concept_query(concept, fuzziness=fuzziness) for concept in parsed.concepts]
    if relax:
        return Q("bool", should=concepts, minimum_should_match=1)
    return Q("bool", must=concepts)


def boosted(query):
    """Curated, alumni, in-stock and well-rated products rank higher among equally good matches."""
    return Q(
        "function_score",
        query=query,
        functions=[
            {"weight": 1},
            {"filter": {"term": {"in_stock": True}}, "weight": 2},
            {"filter": {"term": {"curated": True}}, "weight": 2},
            {"filter": {"term": {"alumni": True}}, "weight": 1},
            {"field_value_factor": {"field": "rating", "factor": 0.2, "missing": 0}},
        ],
        score_mode="sum",
        boost_mode="multiply",
    )


def scope_and_base_filters(filters: Filters, scope: Scope | None):
    clauses = []
    if scope:
        if scope.kecamatan:
            clauses.append(Q("terms", kecamatan=list(scope.kecamatan)))
        if scope.category:
            clauses.append(Q("terms", category_path=list(scope.category)))
    price = {}
    if filters.price_min is not None:
        price["gte"] = filters.price_min
    if filters.price_max is not None:
        price["lte"] = filters.price_max
    if price:
        clauses.append(Q("range", price=price))
    if filters.in_stock:
        clauses.append(Q("term", in_stock=True))
    return clauses


class ProductSearch(FacetedSearch):
    doc_types = [ProductDocument]
    facets = {
        "kecamatan": TermsFacet(field="kecamatan", size=FACET_SIZE["kecamatan"]),
        "category": CategoryFacet(field="category", size=FACET_SIZE["category"]),
        "certification": TermsFacet(field="certifications", size=FACET_SIZE["certification"]),
        "seller": TermsFacet(field="seller", size=FACET_SIZE["seller"]),
        "price": PriceFacet(field="price", ranges=[(key, (low, high)) for key, low, high in PRICE_RANGES]),
        "desa": TermsFacet(field="desa", size=FACET_SIZE["desa"]),
    }

    def __init__(
        self, parsed, filters, sort, *, scope=None, relax=False, fuzziness="AUTO", did_you_mean=True
    ):
        self.index = alias_name()
        self.using = get_client()
        self.parsed, self.base_filters, self.scope = parsed, filters, scope
        self.relax, self.fuzziness, self.did_you_mean = relax, fuzziness, did_you_mean
        selected = {name: values for name, values in filters.facet_items()}
        if not wants_villages(filters, scope):
            self.facets = {name: facet for name, facet in self.facets.items() if name != "desa"}
        super().__init__(query=parsed.text, filters=selected, sort=SORTS[sort])

    def search(self):
        s = super().search().source(HIT_FIELDS).extra(track_total_hits=True)
        for clause in scope_and_base_filters(self.base_filters, self.scope):
            s = s.filter(clause)
        if self.scope and self.scope.text:
            s = s.filter(text_query(_parse(self.scope.text), relax=True))
        if self.parsed and self.did_you_mean:
            s = s.suggest(
                "spelling",
                self.parsed.text,
                term={"field": "spell", "suggest_mode": "missing", "min_word_length": 3, "size": 1},
            )
        return s

    def facet_bucket(self, name: str) -> str:
        """The filter aggregation holding facet `name`'s counts (see `aggregate`)."""
        return f"_filter_{name}" if name in self._filters else UNCHOSEN

    def aggregate(self, search):
        # Each facet counts under every chosen facet's filter but its own (multi-select). A facet with no
        # value chosen therefore counts under all the chosen filters: those facets share one filter
        # aggregation, so the engine evaluates that filter once per matched document instead of once each.
        if any(name not in self._filters for name in self.facets):
            chosen = MatchAll()
            for query in self._filters.values():
                chosen &= query
            unchosen = search.aggs.bucket(UNCHOSEN, "filter", filter=chosen)
        for name, facet in self.facets.items():
            if name not in self._filters:
                unchosen.bucket(name, facet.get_aggregation())
                continue
            others = MatchAll()
            for field, query in self._filters.items():
                if field != name:
                    others &= query
            search.aggs.bucket(f"_filter_{name}", "filter", filter=others).bucket(
                name, facet.get_aggregation()
            )
        # Aggregations see the query (words, base filters) but not the selected facets (a post filter): this
        # counts what the words matched, which tells zero-result recovery whether the words or the filters
        # left nothing.
        search.aggs.bucket(MATCHED, "filter", filter=MatchAll())

    def query(self, search, query):
        return search.query(boosted(text_query(self.parsed, relax=self.relax, fuzziness=self.fuzziness)))

    # No engine highlighting (see search/highlight.py): FacetedSearch adds it only when `fields` is set.


def _parse(text):
    from search.query import parse

    return parse(text)


def _hit(hit, terms) -> Hit:
    source = hit["_source"]
    highlights = {}
    if terms:
        if name := highlight(source.get("name", ""), terms):
            highlights["name"] = name
        if description := snippet(source.get("description", ""), terms):
            highlights["description"] = description
    return Hit(
        id=int(hit["_id"]),
        slug=source.get("slug", ""),
        name=source.get("name", ""),
        price=int(source.get("price", 0)),
        seller=source.get("seller", ""),
        seller_name=source.get("seller_name", ""),
        kecamatan=source.get("kecamatan", ""),
        kecamatan_name=source.get("kecamatan_name", ""),
        desa_name=source.get("desa_name", ""),
        category=source.get("category", ""),
        certifications=list(source.get("certifications") or []),
        rating=float(source.get("rating") or 0),
        rating_count=int(source.get("rating_count") or 0),
        sales_count=int(source.get("sales_count") or 0),
        in_stock=bool(source.get("in_stock")),
        curated=bool(source.get("curated")),
        alumni=bool(source.get("alumni")),
        alumni_year=source.get("alumni_year"),
        pack_label=source.get("pack_label") or "",
        score=hit.get("_score"),
        highlights=highlights,
    )


def _spelling(suggest: dict) -> list[str]:
    corrected, changed = [], False
    for entry in suggest.get("spelling", []):
        if entry["options"]:
            corrected.append(entry["options"][0]["text"])
            changed = True
        else:
            corrected.append(entry["text"])
    return [" ".join(corrected)] if changed else []


def _page(parsed, filters, sort, page, page_size, **options) -> ProductSearch:
    start = (page - 1) * page_size
    return ProductSearch(parsed, filters, sort, **options)[start : start + page_size]


def _read(search: ProductSearch, response: dict, parsed, filters):
    """The engine's JSON answer as (hits, total, raw facets {name: [(value, count, selected)]}, spelling)."""
    chosen = dict(filters.facet_items())
    aggregations = response.get("aggregations", {})
    facets = RawFacets(
        (
            name,
            [
                (bucket["key"], bucket["doc_count"], bucket["key"] in chosen.get(name, ()))
                for bucket in aggregations[search.facet_bucket(name)][name]["buckets"]
            ],
        )
        for name in search.facets
    )
    facets.matched = aggregations.get(MATCHED, {}).get("doc_count")
    spelling = _spelling(response.get("suggest", {}))
    terms = terms_for(parsed.concepts, [word for text in spelling for word in text.split()])
    hits = [_hit(hit, terms) for hit in response["hits"]["hits"]]
    return hits, response["hits"]["total"]["value"], facets, spelling


def _request_cache() -> bool:
    return settings.ELASTICSEARCH_REQUEST_CACHE


def run(parsed, filters, sort, page, page_size, *, scope=None, relax=False, fuzziness="AUTO"):
    """One request to the engine: (hits, total, raw facets {name: [(value, count, selected)]}, spelling)."""
    search = _page(parsed, filters, sort, page, page_size, scope=scope, relax=relax, fuzziness=fuzziness)
    try:
        # The request is FacetedSearch's; the answer is read as plain JSON (wrapping every hit and bucket
        # in DSL objects cost more Python time than the engine spent searching).
        # request_cache: the node keeps the whole answer (hits too, which it does not by default) until the
        # index next changes, so a repeated search (a popular query, a facet clicked back) costs no search.
        response = get_client().search(
            index=alias_name(), body=search._s.to_dict(), request_cache=_request_cache()
        )
    except (TransportError, ApiError) as exc:
        logger.warning("Elasticsearch search failed: %s", exc.__class__.__name__)
        raise EngineUnavailable(str(exc)) from exc
    return _read(search, response, parsed, filters)


def run_first_found(parsed, filters, sort, page, page_size, *, steps, scope=None):
    """Zero-result recovery in one round trip: every relaxed search of `steps` ((name, relax, fuzziness), in
    order of preference) goes in one multi-search, which the node runs concurrently. Returns (step name,
    result as `run` gives it) for the first step that found something, or ("", None)."""
    searches = [
        _page(parsed, filters, sort, page, page_size, scope=scope, relax=relax, fuzziness=fuzziness,
              did_you_mean=False)
        for _name, relax, fuzziness in steps
    ]  # fmt: skip
    body = [
        part for search in searches for part in ({"request_cache": _request_cache()}, search._s.to_dict())
    ]
    try:
        answers = get_client().msearch(index=alias_name(), searches=body)["responses"]
    except (TransportError, ApiError) as exc:
        logger.warning("Elasticsearch multi-search failed: %s", exc.__class__.__name__)
        raise EngineUnavailable(str(exc)) from exc
    for (name, _relax, _fuzziness), search, answer in zip(steps, searches, answers, strict=True):
        if "error" in answer:
            logger.warning("Elasticsearch recovery search %s failed: %s", name, answer["error"].get("type"))
            raise EngineUnavailable(str(answer["error"]))
        if answer["hits"]["total"]["value"]:
            return name, _read(search, answer, parsed, filters)
    return "", None


def autocomplete(prefix: str, limit: int) -> list[dict]:
    fuzzy = {"fuzziness": 1, "prefix_length": 1} if len(prefix) >= 4 else {"fuzziness": 0}
    search = (
        Search(using=get_client(), index=alias_name())
        .source(["name", "slug"])
        .extra(size=0)
        .suggest("names", prefix, completion={"field": "suggest", "size": limit, "skip_duplicates": True,
                                              "fuzzy": fuzzy})
    )  # fmt: skip
    try:
        response = search.execute()
    except (TransportError, ApiError) as exc:
        logger.warning("Elasticsearch autocomplete failed: %s", exc.__class__.__name__)
        raise EngineUnavailable(str(exc)) from exc
    seen, out = set(), []
    for option in response.suggest.names[0].options:
        source = option._source
        if source.slug not in seen:
            seen.add(source.slug)
            out.append({"name": source.name, "slug": source.slug, "id": int(option._id)})
    return out
