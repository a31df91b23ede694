"""The one search interface: `search_products(query, filters, sort, page)` and `autocomplete(prefix)`.

Elasticsearch answers when it is configured and reachable; otherwise the database does, and the result says so
in `notices`. After an engine failure the engine is not asked again for ELASTICSEARCH_RETRY_AFTER seconds,
so a dead or slow node costs one timeout, not one per request.
"""

import difflib
import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import translation
from django.utils.translation import gettext as _

from adimarko.core.renditions import specs_of
from search.backends import database
from search.backends import elasticsearch as engine
from search.connection import search_engine_configured
from search.params import clean_filters
from search.query import MAX_QUERY_LENGTH, parse
from search.selectors import (
    category_labels,
    certification_labels,
    region_names,
    seller_labels,
)
from search.types import (
    FACETS,
    PAGE_SIZE,
    SORTS,
    Facet,
    FacetValue,
    Filters,
    Scope,
    SearchResult,
    price_range_label,
)
from shop.selectors import first_photos

logger = logging.getLogger(__name__)

BACKENDS = {"elasticsearch": engine, "database": database}
ZERO_RESULT_STEPS = (  # (recovery name, relax to OR, fuzziness) tried in order when nothing matches
    ("fuzzy", False, 2),
    ("or", True, "AUTO"),
)


class _EngineState:
    """Process-wide memory of the last engine failure (a minimal circuit breaker)."""

    def __init__(self):
        self._lock = threading.Lock()
        self.failed_at: float | None = None
        self.last_error = ""

    def available(self) -> bool:
        with self._lock:
            if self.failed_at is None:
                return True
            return time.monotonic() - self.failed_at >= settings.ELASTICSEARCH_RETRY_AFTER

    def failed(self, error: str) -> None:
        with self._lock:
            self.failed_at, self.last_error = time.monotonic(), error

    def succeeded(self) -> None:
        with self._lock:
            self.failed_at, self.last_error = None, ""


ENGINE = _EngineState()


def active_backend() -> str:
    return "elasticsearch" if search_engine_configured() and ENGINE.available() else "database"


def _labels(name: str, values) -> dict[str, str]:
    if name in {"kecamatan", "desa"}:
        return region_names()
    if name == "category":
        return category_labels(values)
    if name == "seller":
        return seller_labels(values)
    if name == "certification":
        return certification_labels()
    return {value: price_range_label(value) for value in values}


def _facets(raw: dict, filters: Filters) -> dict[str, Facet]:
    facets = {}
    for name, label in FACETS.items():
        rows = list(raw.get(name, []))
        chosen = filters.selected(name)
        present = {value for value, _count, _selected in rows}
        rows += [(value, 0, True) for value in chosen if value not in present]  # keep choices visible
        labels = _labels(name, [value for value, _c, _s in rows])
        values = [
            FacetValue(
                value=str(value), label=labels.get(value, str(value)), count=count, selected=value in chosen
            )
            for value, count, _selected in rows
            if count or value in chosen
        ]
        facets[name] = Facet(name=name, label=str(label), values=values)
    return facets


def suggested_categories(parsed, limit=4) -> list[tuple[str, str]]:
    """Categories near the words typed (in either language), else the biggest ones: somewhere to go after
    zero results. (slug, name in the active language) pairs."""
    from shop.models import Category, Product

    def ranking():
        return list(
            Category.objects.filter(products__in=Product.objects.public())
            .annotate(n=Count("products"))
            .order_by("-n", "name")
            .values_list("slug", "name", "name_en", "n")
        )

    # Counting every product per category is the slow part at 100k products: cached for five minutes,
    # and keyed by the newest product so a fresh catalogue is counted again.
    newest = Product.objects.aggregate(newest=Max("pk"))["newest"]
    categories = cache.get_or_set(f"search:category-ranking:v2:{newest}", ranking, 300)
    english = (translation.get_language() or "").startswith("en")
    shown = [(slug, (name_en if english and name_en else name)) for slug, name, name_en, _n in categories]
    by_word = []
    names = {}
    for (_slug, name, name_en, _n), pair in zip(categories, shown, strict=True):
        for written in filter(None, (name, name_en)):
            names.setdefault(written.lower(), pair)
    for word in parsed.words if parsed else []:
        for match in difflib.get_close_matches(word, list(names), n=2, cutoff=0.6):
            by_word.append(names[match])
        by_word += [pair for lowered, pair in names.items() if word in lowered]
    ranked = list(dict.fromkeys(by_word + shown))
    return ranked[:limit]


def _run(backend_name, parsed, filters, sort, page, page_size, scope, **options):
    return BACKENDS[backend_name].run(parsed, filters, sort, page, page_size, scope=scope, **options)


def _recovery_steps(chosen, parsed, raw_facets) -> list:
    """Which of ZERO_RESULT_STEPS can help. When the words matched products (the engine counts them before
    facet filters; else any facet count above zero says so, as facets ignore their own selection) and only
    the filters left nothing, looking for misspellings would bring unrelated products ("kopi" → "topi") and a
    single concept cannot be relaxed. The database corrects typos on every search already."""
    matched = getattr(raw_facets, "matched", None)
    if matched is None:
        matched = sum(count for rows in raw_facets.values() for _value, count, _selected in rows)
    words_matched = matched > 0
    steps = []
    for step, relax, fuzziness in ZERO_RESULT_STEPS:
        if step == "fuzzy" and (chosen == "database" or words_matched):
            continue
        if step == "or" and words_matched and len(parsed.concepts) < 2:
            continue
        steps.append((step, relax, fuzziness))
    return steps


def _recover(chosen, parsed, filters, sort, page, page_size, scope, raw_facets):
    """After zero results: the first useful recovery step that finds something, as (step, result) or
    ("", None). The engine tries every step in one round trip."""
    steps = _recovery_steps(chosen, parsed, raw_facets)
    if not steps:
        return "", None
    try:
        if chosen == "elasticsearch":
            return engine.run_first_found(parsed, filters, sort, page, page_size, steps=steps, scope=scope)
        for step, relax, fuzziness in steps:
            found = _run(
                chosen, parsed, filters, sort, page, page_size, scope, relax=relax, fuzziness=fuzziness
            )
            if found[1]:
                return step, found
    except engine.EngineUnavailable:
        pass  # the first answer stands: zero results, with suggested categories
    return "", None


def search_products(
    query: str = "",
    filters: Filters | None = None,
    sort: str = "relevance",
    page: int = 1,
    *,
    page_size: int = PAGE_SIZE,
    scope: Scope | None = None,
    backend: str | None = None,
    recover: bool = True,
) -> SearchResult:
    """Search public products. `backend` forces one ("elasticsearch" or "database"); default: the best."""
    filters = Filters() if filters is None else filters
    parsed = parse(query)
    notices = clean_filters(filters)
    if parsed.truncated:
        notices.append(
            _("Your search was long; we used its first %(n)d characters.") % {"n": MAX_QUERY_LENGTH}
        )
    sort = sort if sort in SORTS else "relevance"
    page = max(1, int(page))
    chosen = backend or active_backend()
    unavailable = _("The search engine is not available right now; these results come from our database.")
    if not backend and chosen == "database" and search_engine_configured():
        notices.append(unavailable)  # configured, but it failed moments ago
    if chosen == "elasticsearch":
        try:
            hits, total, raw_facets, spelling = _run(chosen, parsed, filters, sort, page, page_size, scope)
            ENGINE.succeeded()
        except engine.EngineUnavailable as exc:
            if backend:  # forced: the caller wants to know
                raise
            ENGINE.failed(str(exc))
            chosen = "database"
            notices.append(unavailable)
    if chosen == "database":
        hits, total, raw_facets, spelling = _run(chosen, parsed, filters, sort, page, page_size, scope)

    recovery, categories = "", []
    if total == 0 and parsed and recover:
        recovery, found = _recover(chosen, parsed, filters, sort, page, page_size, scope, raw_facets)
        if found:
            hits, total, raw_facets, _spelling = found
        if total == 0:
            categories = suggested_categories(parsed)
    return SearchResult(
        hits=hits,
        total=total,
        facets=_facets(raw_facets, filters),
        suggestions=[s for s in spelling if s != parsed.text.lower()],
        query=parsed,
        page=page,
        page_size=page_size,
        backend=chosen,
        notices=notices,
        recovery=recovery,
        suggested_categories=categories,
    )


def autocomplete(prefix: str, limit: int = 8, *, backend: str | None = None) -> tuple[list[dict], str]:
    """Product names starting with (a word starting with) `prefix`: (suggestions, backend used)."""
    prefix = " ".join((prefix or "").split())[:50]
    if len(prefix) < 2:
        return [], backend or active_backend()
    chosen = backend or active_backend()
    if chosen == "elasticsearch":
        try:
            out = engine.autocomplete(prefix, limit)
            ENGINE.succeeded()
            return out, chosen
        except engine.EngineUnavailable as exc:
            if backend:
                raise
            ENGINE.failed(str(exc))
    return database.autocomplete(prefix, limit), "database"


# The rendition that `search/includes/hit.html` shows, loaded with the products (no query per photo).
HIT_PHOTO_SPECS = specs_of("search-hit")


def attach_photos(hits) -> None:
    """Give each hit its first photo for rendering (`search/includes/hit.html`), read as plain values in two
    queries for the whole page (shop.selectors.first_photos): the hit itself holds the rest."""
    photos = first_photos([hit.id for hit in hits], photo_specs=HIT_PHOTO_SPECS) if hits else {}
    for hit in hits:
        hit.photo = photos.get(hit.id)
