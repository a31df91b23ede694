"""Keeping the product index in step with the database, which is the source of truth.

Marketplace services notify the seam `shop.seams.products_changed` for every product whose public view changed
(created, edited, approved, archived, stock or rating changed); SearchConfig.ready subscribes
`schedule_product_sync` to it, and incubation (a floor above search) calls it directly. After the transaction
commits, a django-tasks task indexes the products that are public and deletes the others from the index. With
no search engine configured there is nothing to keep in step. Nothing is lost if the engine is down:
`adimarko search-drift --fix` (or a rebuild) brings the index back in step.
"""

from collections.abc import Iterable

from django.db import transaction

from search.connection import search_engine_configured


def schedule_product_sync(*, product_ids: Iterable[int]) -> None:
    """Re-index (or remove) these products after the current transaction commits."""
    if not search_engine_configured():
        return
    ids = sorted({int(pk) for pk in product_ids})
    if not ids:
        return
    from search.tasks import sync_products

    transaction.on_commit(lambda: sync_products.enqueue(product_ids=ids))
