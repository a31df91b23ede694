"""The search page (/cari/), its autocomplete, and the health endpoint (/health/)."""

import logging

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from search import service
from search.connection import get_client, search_engine_configured
from search.documents import alias_name
from search.params import PAGE_SORTS, PARAMETERS, parse_params
from search.types import SORTS, Scope

logger = logging.getLogger(__name__)

PAGE_SORT_NAMES = {internal: page for page, internal in PAGE_SORTS.items()}


def _is_htmx_fragment(request) -> bool:
    return bool(request.headers.get("HX-Request")) and not request.headers.get("HX-History-Restore-Request")


def listing_context(request, *, scope: Scope | None = None, action: str = "") -> dict:
    """Everything the listing include needs, from the request's parameters."""
    params = parse_params(request.GET)
    result = service.search_products(params.query, params.filters, params.sort, params.page, scope=scope)
    service.attach_products(result.hits)
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
        "facet_param": {name: pair[0] for name, pair in PARAMETERS.items()},
        "sorts": [(PAGE_SORT_NAMES[key], label, key == params.sort) for key, label in SORTS.items()],
        "listing_action": action or request.path,
        "state_query": state.urlencode(),
        "producing_villages": _villages(result),
        "scope": scope,
    }


def _scoped(name: str, scope: Scope | None) -> bool:
    return bool(scope) and name == "kecamatan" and bool(scope.kecamatan)


def _villages(result):
    from search.selectors import region_names

    desa = result.facets.get("desa")
    if not desa:
        return []
    names = region_names()
    return [
        {"code": value.value, "name": value.label, "kecamatan": names.get(value.value.rsplit(".", 1)[0], ""),
         "count": value.count}
        for value in desa.values
    ]  # fmt: skip


@require_GET
def search_page(request):
    context = listing_context(request, action=reverse("search"))
    template = "search/includes/listing.html" if _is_htmx_fragment(request) else "search/search_page.html"
    return render(request, template, context)


@require_GET
def autocomplete_view(request):
    suggestions, _backend = service.autocomplete(request.GET.get("q", ""), limit=8)
    return render(request, "search/includes/autocomplete.html", {"suggestions": suggestions})


@never_cache
def health(request):
    """JSON status for monitoring: 200 while the site can serve (database up), 503 otherwise."""
    report = {"status": "ok", "database": "ok", "search": _search_health()}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # the database being down is exactly what this endpoint must report
        logger.exception("health: database check failed")
        report["database"] = "unavailable"
        report["status"] = "unavailable"
        return JsonResponse(report, status=503)
    if report["search"]["status"] not in {"ok", "not_configured"}:
        report["status"] = "degraded"
    return JsonResponse(report)


def _search_health() -> dict:
    if not search_engine_configured():
        return {"backend": "database", "status": "not_configured"}
    try:
        client = get_client()
        health = client.options(request_timeout=2).cluster.health()
        count = (
            client.count(index=alias_name())["count"] if client.indices.exists_alias(name=alias_name()) else 0
        )
        answering = service.ENGINE.available()
        return {
            "backend": "elasticsearch" if answering else "database",
            "status": "ok" if answering else "recovering",
            "cluster": health["status"],
            "index": alias_name(),
            "documents": count,
        }
    except Exception as exc:  # any failure means: searches are answered by the database
        service.ENGINE.failed(str(exc))
        return {"backend": "database", "status": "unavailable", "error": exc.__class__.__name__}
