"""Reading a search from URL parameters, with clear messages instead of errors.

The page uses Indonesian parameter names (`/cari/?q=kopi&kecamatan=35.05.17&urutan=termurah`), the API English
ones; both land in the same `SearchParams`. Nothing a user types can make a search fail: unknown facet values
are dropped with a notice, impossible prices are ignored with a notice, a page out of range is clamped.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from adimarko.core.models import Business, Certification
from adimarko.core.pagination import OLD_PAGE_PARAMETERS, PAGE_PARAMETER
from search.types import MAX_PAGE, MAX_PRICE, PRICE_RANGES, SORTS, Filters
from shop.models import Category

# internal name → (page parameter, API parameter)
PARAMETERS = {
    "q": ("q", "q"),
    "kecamatan": ("kecamatan", "kecamatan"),
    "category": ("kategori", "category"),
    "certification": ("sertifikasi", "certification"),
    "seller": ("penjual", "seller"),
    "price": ("harga", "price"),
    "desa": ("desa", "desa"),
    "price_min": ("harga_min", "price_min"),
    "price_max": ("harga_max", "price_max"),
    "in_stock": ("tersedia", "in_stock"),
    "sort": ("urutan", "sort"),
    "page": (PAGE_PARAMETER, "page"),  # the site's one page parameter; `hal` (older links) is still read
}
PAGE_SORTS = {
    "relevan": "relevance",
    "termurah": "price_asc",
    "termahal": "price_desc",
    "terbaru": "newest",
    "rating": "rating",
}
MAX_VALUES_PER_FACET = 30


@dataclass
class SearchParams:
    query: str = ""
    filters: Filters = field(default_factory=Filters)
    sort: str = "relevance"
    page: int = 1
    warnings: list[str] = field(default_factory=list)


def _getlist(params, name) -> list[str]:
    if hasattr(params, "getlist"):
        values = params.getlist(name)
    else:
        values = params.get(name, [])
        values = values if isinstance(values, list | tuple) else [values]
    return [str(value).strip() for value in values if value is not None and str(value).strip()]


def _first(params, name) -> str:
    values = _getlist(params, name)
    return values[0] if values else ""


def _price(raw: str, label: str, warnings: list[str]) -> int | None:
    if not raw:
        return None
    digits = raw.replace(".", "").replace(",", "").replace("Rp", "").replace("rp", "").strip()
    if not digits.isdigit() or len(digits) > 15:
        warnings.append(_("%(label)s must be a whole number of rupiah; it was ignored.") % {"label": label})
        return None
    value = int(digits)
    if value > MAX_PRICE:
        warnings.append(_("%(label)s is beyond any price on Adi Marko; it was ignored.") % {"label": label})
        return None
    return value


def parse_params(params, *, api: bool = False) -> SearchParams:
    """Read a QueryDict (or a dict of lists) into SearchParams; unknown facet values are checked later."""
    names = {key: pair[1 if api else 0] for key, pair in PARAMETERS.items()}
    warnings: list[str] = []
    filters = Filters()
    for facet in ("kecamatan", "category", "certification", "seller", "price", "desa"):
        values = list(dict.fromkeys(_getlist(params, names[facet])))
        setattr(filters, facet, [value[:100] for value in values[:MAX_VALUES_PER_FACET]])
    filters.price_min = _price(_first(params, names["price_min"]), _("Minimum price"), warnings)
    filters.price_max = _price(_first(params, names["price_max"]), _("Maximum price"), warnings)
    if (
        filters.price_min is not None
        and filters.price_max is not None
        and filters.price_min > filters.price_max
    ):
        filters.price_min, filters.price_max = filters.price_max, filters.price_min
        warnings.append(_("The minimum price was above the maximum; we swapped them."))
    filters.in_stock = _first(params, names["in_stock"]).lower() in {"1", "true", "ya", "on"}

    raw_sort = _first(params, names["sort"])
    sort = raw_sort if api else PAGE_SORTS.get(raw_sort, raw_sort)
    if sort and sort not in SORTS:
        warnings.append(_("Unknown sort order; showing the most relevant first."))
    sort = sort if sort in SORTS else "relevance"

    raw_page = _first(params, names["page"])
    if not api and not raw_page:
        raw_page = next((value for name in OLD_PAGE_PARAMETERS if (value := _first(params, name))), "")
    page = int(raw_page[:9]) if raw_page.isdigit() else 1
    page = min(max(page, 1), MAX_PAGE)
    return SearchParams(
        query=_first(params, names["q"]), filters=filters, sort=sort, page=page, warnings=warnings
    )


def clean_filters(filters: Filters) -> list[str]:
    """Drop values that name nothing (a kecamatan code that does not exist...), saying so."""
    from search.selectors import region_names

    names = region_names()
    known = {
        # Regions are fixed data, cached by region_names(): no query.
        "kecamatan": lambda values: [(v,) for v in values if v in names and v.count(".") == 2],
        "desa": lambda values: [(v,) for v in values if v in names and v.count(".") == 3],
        "category": lambda values: Category.objects.filter(slug__in=values).values_list("slug"),
        "seller": lambda values: Business.objects.filter(slug__in=values).values_list("slug"),
        "certification": lambda values: [(v,) for v in values if v in Certification.Kind.values],
        "price": lambda values: [(key,) for key, _low, _high in PRICE_RANGES if key in values],
    }
    warnings = []
    for facet, lookup in known.items():
        values = filters.selected(facet)
        if not values:
            continue
        found = {row[0] for row in lookup(values)}
        unknown = [value for value in values if value not in found]
        if unknown:
            setattr(filters, facet, [value for value in values if value in found])
            warnings.append(
                _("Unknown filter value ignored: %(values)s.") % {"values": ", ".join(unknown[:5])}
            )
    return warnings
