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
from search.listing import listing_context

logger = logging.getLogger(__name__)


def _is_htmx_fragment(request) -> bool:
    return bool(request.headers.get("HX-Request")) and not request.headers.get("HX-History-Restore-Request")


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
