"""Keeping the product index and the database backend's search rows in step with the database (the truth).

Marketplace services notify the seam `shop.seams.products_changed` for every product whose public view changed
(created, edited, approved, archived, stock or rating changed); SearchConfig.ready subscribes
`schedule_product_sync` to it, and incubation (a floor above search) calls it directly. After the transaction
commits, one django-tasks task (`search.tasks.product_search_sync`) rewrites the products' search rows
(search/rows.py, read by the database backend) and, when an engine is configured, indexes the products that
are public and deletes the others from the Elasticsearch index. Nothing is lost if a step fails:
`adimarko search-reindex` rebuilds both, and `adimarko search-drift --fix` brings the index back in step.
"""

from collections.abc import Iterable

from django.db import transaction


def schedule_product_sync(*, product_ids: Iterable[int]) -> None:
    """Refresh the search rows and re-index (or remove) these products after the current transaction: one
    task (`search.tasks.product_search_sync`) queued on commit. With the immediate backend (development,
    tests) it runs right then; in production the worker runs it, so the request does not pay for it."""
    ids = sorted({int(pk) for pk in product_ids})
    if not ids:
        return

    def after_commit():
        from search.tasks import product_search_sync

        product_search_sync.enqueue(product_ids=ids)

    transaction.on_commit(after_commit)
