"""The engine's client speaks JSON through orjson (search/connection.py), with the same bodies as before."""

import json
from datetime import date
from decimal import Decimal

from elasticsearch.serializer import JsonSerializer

from search.connection import OrjsonNdjsonSerializer, OrjsonSerializer, get_client


def test_the_client_serialises_with_orjson(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # never contacted
    serializers = get_client().transport.serializers
    for mimetype in ("application/json", "application/vnd.elasticsearch+json"):
        assert type(serializers.get_serializer(mimetype)) is OrjsonSerializer
    for mimetype in ("application/x-ndjson", "application/vnd.elasticsearch+x-ndjson"):
        assert type(serializers.get_serializer(mimetype)) is OrjsonNdjsonSerializer


def test_bodies_are_the_bytes_the_standard_library_wrote():
    document = {
        "name": "Kopi Bubuk Robusta — Wlingi é",
        "certifications": ["halal", "pirt"],
        "price": 35_000,
        "rating": 4.8,
        "alumni_year": None,
        "in_stock": True,
        "published_at": "2026-12-07T10:00:00+07:00",
        "suggest": {"input": ["Kopi Bubuk", "Bubuk"], "weight": 41},
    }
    standard = JsonSerializer()
    assert OrjsonSerializer().dumps(document) == standard.dumps(document)
    assert OrjsonSerializer().loads(standard.dumps(document)) == document
    # What orjson refuses or does not know goes the old way: Decimal and dates, integer keys, huge integers.
    odd = {"a": Decimal("4.50"), "d": date(2026, 1, 2), 1: 2, "big": 2**70}
    assert OrjsonSerializer().dumps(odd) == standard.dumps(odd)
    lines = [{"index": {"_id": 7}}, document]
    assert OrjsonNdjsonSerializer().dumps(lines) == b"".join(
        json.dumps(line, ensure_ascii=False, separators=(",", ":")).encode() + b"\n" for line in lines
    )
