"""Keeping the product index in step with the database, which is the source of truth.

Marketplace services call `schedule_product_sync` for every product whose public view changed (created,
edited, approved, archived, stock or rating changed). The Elasticsearch side is built in the search issue;
with no search engine configured there is nothing to keep in step.
"""

from collections.abc import Iterable

from search.connection import search_engine_configured


def schedule_product_sync(*, product_ids: Iterable[int]) -> None:
    """Re-index (or remove) these products after the current transaction commits."""
    if not search_engine_configured():
        return
