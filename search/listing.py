"""The product listing under the search page and the regional pages: the request's parameters in, the
listing include's context out (results, facets, sorts, producing villages)."""

from search import service
from search.params import PAGE_SORTS, PARAMETERS, parse_params
from search.selectors import region_names
from search.types import SORTS, Filters, Scope

PAGE_SORT_NAMES = {internal: page for page, internal in PAGE_SORTS.items()}


def listing_context(request, *, scope: Scope | None = None, action: str = "") -> dict:
    """Everything the listing include needs, from the request's parameters."""
    params = parse_params(request.GET)
    result = service.search_products(params.query, params.filters, params.sort, params.page, scope=scope)
    service.attach_photos(result.hits)
    facets = [
        (facet, PARAMETERS[name][0])
        for name, facet in result.facets.items()
        if facet.values and not _scoped(name, scope)
    ]
    state = request.GET.copy()
    state.pop(PARAMETERS["page"][0], None)
    return {
        "result": result,
        "params": params,
        "facets": facets,
        "notices": [*params.warnings, *result.notices],
        "filter_count": active_filter_count(params.filters),
        "facet_param": {name: pair[0] for name, pair in PARAMETERS.items()},
        "sorts": [(PAGE_SORT_NAMES[key], label, key == params.sort) for key, label in SORTS.items()],
        "listing_action": action or request.path,
        "state_query": state.urlencode(),
        "producing_villages": _villages(result),
        "scope": scope,
    }


def active_filter_count(filters: Filters) -> int:
    """How many filters are on (each chosen facet value, each price bound, "in stock only"): the number on the
    folded filter panel's button."""
    return (
        sum(len(values) for _, values in filters.facet_items())
        + (filters.price_min is not None)
        + (filters.price_max is not None)
        + filters.in_stock
    )


def _scoped(name: str, scope: Scope | None) -> bool:
    return bool(scope) and name == "kecamatan" and bool(scope.kecamatan)


def _villages(result):
    desa = result.facets.get("desa")
    if not desa:
        return []
    names = region_names()
    return [
        {"code": value.value, "name": value.label, "kecamatan": names.get(value.value.rsplit(".", 1)[0], ""),
         "count": value.count}
        for value in desa.values
    ]  # fmt: skip
