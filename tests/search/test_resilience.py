"""Elasticsearch down or slow: the search page and the API answer from the database; /health/ says so.

The failures are real network failures: a closed local port (connection refused) and a local TCP server that
accepts connections and never answers (a hung node). The shared test node is never stopped.
"""

import json
import socket
import threading
import time

import pytest
from django.urls import reverse

from search import service
from search.reindex import rebuild_index

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens once the socket is closed


@pytest.fixture
def dead_engine(settings, catalog):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port()}"
    settings.ELASTICSEARCH_TIMEOUT = 1.0
    return settings.ELASTICSEARCH_URL


@pytest.fixture
def hung_engine(settings, catalog):
    """A server that accepts TCP connections and never sends a byte."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted, stop = [], threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{server.getsockname()[1]}"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    yield accepted
    stop.set()
    thread.join()
    for conn in accepted:
        conn.close()
    server.close()


def test_unreachable_engine_falls_back_to_the_database(dead_engine):
    result = service.search_products("kopu")
    assert result.backend == "database"
    assert [hit.name for hit in result.hits][:2] == ["Kopi Bubuk Robusta Wlingi", "Biji Kopi Sangrai Garum"]
    assert any("database" in notice or "basis data" in notice for notice in result.notices)
    # The next request does not wait for the dead node again.
    started = time.monotonic()
    assert service.search_products("madu").backend == "database"
    assert time.monotonic() - started < 0.5


def test_hung_engine_times_out_and_falls_back(hung_engine):
    started = time.monotonic()
    result = service.search_products("gula")
    assert result.backend == "database"
    assert [hit.name for hit in result.hits][0] == "Gula Kelapa Cetak"
    assert time.monotonic() - started < 3  # one timeout (0.5 s, one retry at most), not a hang
    assert hung_engine  # the request really reached the hung server


def test_search_page_and_api_answer_without_the_engine(client, dead_engine):
    page = client.get(reverse("search"), {"q": "keripik"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "<mark>Keripik</mark> Tempe Sagu" in html
    assert "basis data" in html  # the notice, in Indonesian
    api = client.get("/api/v1/search", {"q": "keripik"})
    assert api.status_code == 200
    body = api.json()
    assert body["backend"] == "database" and body["total"] == 2 and body["notices"]
    suggestions = client.get("/api/v1/autocomplete", {"q": "kop"}).json()
    assert suggestions["backend"] == "database"
    assert [s["name"] for s in suggestions["suggestions"]][0] == "Kopi Bubuk Robusta Wlingi"


def test_hung_engine_page_still_answers(client, hung_engine):
    response = client.get(reverse("search"), {"q": "madu", "kecamatan": "35.05.17"})
    assert response.status_code == 200
    assert "<mark>Madu</mark> Randu Murni" in response.content.decode()


def test_health_reports_search_status(client, settings, catalog):
    settings.ELASTICSEARCH_URL = ""
    body = client.get("/health/").json()
    assert body == {
        "status": "ok",
        "database": "ok",
        "search": {"backend": "database", "status": "not_configured"},
    }
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port()}"
    settings.ELASTICSEARCH_TIMEOUT = 1.0
    response = client.get("/health/")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "degraded"
    assert body["search"]["backend"] == "database" and body["search"]["status"] == "unavailable"


@pytest.mark.elasticsearch
def test_health_with_a_live_engine(client, es_index, catalog):
    rebuild_index()
    body = client.get("/health/").json()
    assert body["status"] == "ok"
    assert body["search"]["backend"] == "elasticsearch"
    assert body["search"]["documents"] == 8
    assert body["search"]["cluster"] in {"green", "yellow"}


@pytest.mark.elasticsearch
def test_engine_stopping_mid_test(client, es_index, catalog, settings):
    """The engine answers, then becomes unreachable between two requests: the second still answers."""
    rebuild_index()
    first = client.get("/api/v1/search", {"q": "kopi"}).json()
    assert first["backend"] == "elasticsearch" and first["total"] == 4
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port()}"  # the node "stops"
    settings.ELASTICSEARCH_TIMEOUT = 1.0
    second = client.get("/api/v1/search", {"q": "kopi"})
    assert second.status_code == 200
    assert second.json()["backend"] == "database"
    assert second.json()["total"] == 4
