"""The only place that builds the Elasticsearch client; off when ELASTICSEARCH_URL is unset."""

from functools import lru_cache

import orjson
from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.serializer import JsonSerializer, NdjsonSerializer


class _Orjson:
    """JSON through orjson, several times faster than the standard library: a full rebuild serialises every
    document, and every search its request and answer. orjson is stricter (integers beyond 64 bits,
    non-string keys): what it refuses goes through the standard library as before, so bodies are the same."""

    def json_dumps(self, data) -> bytes:
        try:
            return orjson.dumps(data, default=self.default)
        except orjson.JSONEncodeError:
            return super().json_dumps(data)

    def json_loads(self, data: bytes):
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            return super().json_loads(data)


class OrjsonSerializer(_Orjson, JsonSerializer):
    pass


class OrjsonNdjsonSerializer(_Orjson, NdjsonSerializer):
    pass


def search_engine_configured() -> bool:
    return bool(settings.ELASTICSEARCH_URL)


@lru_cache(maxsize=4)
def _client(url: str, timeout: float) -> Elasticsearch:
    return Elasticsearch(
        url,
        request_timeout=timeout,
        max_retries=1,
        retry_on_timeout=False,
        serializers={
            OrjsonSerializer.mimetype: OrjsonSerializer(),
            OrjsonNdjsonSerializer.mimetype: OrjsonNdjsonSerializer(),
        },
    )


def get_client() -> Elasticsearch:
    if not settings.ELASTICSEARCH_URL:
        raise RuntimeError("ELASTICSEARCH_URL is not set; search answers from the database.")
    return _client(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT)
