"""The search interface's vocabulary, shared by both backends, the page, the API and the regional pages."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from search.query import ParsedQuery

PAGE_SIZE = 20
MAX_PAGE = 100  # deeper pages are not useful to a buyer and cost the engine
MAX_PRICE = 1_000_000_000  # Rp 1 milyar: nothing on this marketplace costs more

# Facets a buyer can pick several values of (multi-select): counts for one facet ignore its own selection.
FACETS = {
    "kecamatan": _("Kecamatan"),
    "category": _("Category"),
    "certification": _("Certification"),
    "seller": _("Seller"),
    "price": _("Price"),
    "desa": _("Village"),
}
FACET_SIZE = {"kecamatan": 25, "category": 30, "certification": 4, "seller": 15, "desa": 30}

# (key, lowest price included, highest price excluded) in rupiah.
PRICE_RANGES = (
    ("0-25000", None, 25_000),
    ("25000-50000", 25_000, 50_000),
    ("50000-100000", 50_000, 100_000),
    ("100000-250000", 100_000, 250_000),
    ("250000-", 250_000, None),
)

SORTS = {
    "relevance": _("Most relevant"),
    "price_asc": _("Lowest price"),
    "price_desc": _("Highest price"),
    "newest": _("Newest"),
    "rating": _("Best rated"),
}


def price_range_label(key: str) -> str:
    from adimarko.core.money import format_rupiah

    for range_key, low, high in PRICE_RANGES:
        if range_key == key:
            if low is None:
                return _("under %(high)s") % {"high": format_rupiah(high)}
            if high is None:
                return _("%(low)s and more") % {"low": format_rupiah(low)}
            return f"{format_rupiah(low)} – {format_rupiah(high)}"
    return key


@dataclass(frozen=True)
class Scope:
    """A fixed pre-filter (a regional page): applied to results AND facet counts, never shown as a choice."""

    kecamatan: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    text: str = ""  # a commodity: its products must match this text

    def __bool__(self):
        return bool(self.kecamatan or self.category or self.text)


@dataclass
class Filters:
    kecamatan: list[str] = field(default_factory=list)
    category: list[str] = field(default_factory=list)
    certification: list[str] = field(default_factory=list)
    seller: list[str] = field(default_factory=list)
    price: list[str] = field(default_factory=list)  # PRICE_RANGES keys
    desa: list[str] = field(default_factory=list)
    price_min: int | None = None
    price_max: int | None = None
    in_stock: bool = False

    def selected(self, facet: str) -> list[str]:
        return getattr(self, facet)

    def facet_items(self):
        return [(name, self.selected(name)) for name in FACETS if self.selected(name)]

    def __bool__(self):
        return bool(
            self.facet_items() or self.price_min is not None or self.price_max is not None or self.in_stock
        )


def wants_villages(filters: Filters, scope: Scope | None) -> bool:
    """The village facet is for regional pages (producing villages) or when a village is chosen."""
    return bool(scope) or bool(filters.desa)


class RawFacets(dict):
    """A backend's facet buckets, {name: [(value, count, selected)]}, and `matched`: how many products the
    words and base filters matched before any facet filter (None when the backend does not say)."""

    matched: int | None = None


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]


@dataclass
class Hit:
    id: int
    slug: str
    name: str
    price: int
    seller: str
    seller_name: str
    kecamatan: str
    kecamatan_name: str
    desa_name: str
    category: str
    certifications: list[str]
    rating: float
    rating_count: int
    sales_count: int
    in_stock: bool
    curated: bool
    alumni: bool
    alumni_year: int | None
    pack_label: str = ""  # the pack size ("250 g"), shown beside the name
    score: float | None = None
    highlights: dict[str, str] = field(default_factory=dict)  # field → HTML with <mark>, escaped
    product: object = None  # the Product, when the backend read it (the database backend)
    photo: object = None  # its first photo (shop.selectors.CardPhoto), attached by service.attach_photos


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    facets: dict[str, Facet]
    suggestions: list[str]  # "did you mean" queries
    query: ParsedQuery
    page: int
    page_size: int
    backend: str  # "elasticsearch" or "database"
    notices: list[str] = field(default_factory=list)
    recovery: str = ""  # "", "or" (some words dropped) or "fuzzy" (spelling relaxed)
    suggested_categories: list[tuple[str, str]] = field(default_factory=list)  # (slug, name)

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, max(1, -(-self.total // self.page_size)))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1
