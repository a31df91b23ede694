"""Keeping the product index and the database backend's search rows in step with the database (the truth).

Marketplace services notify the seam `shop.seams.products_changed` for every product whose public view changed
(created, edited, approved, archived, stock or rating changed); SearchConfig.ready subscribes
`schedule_product_sync` to it, and incubation (a floor above search) calls it directly. After the transaction
commits, the products' search rows (search/rows.py, read by the database backend) are rewritten at once, and
a django-tasks task indexes the products that are public and deletes the others from the Elasticsearch index
(only when an engine is configured). Nothing is lost if a step fails: `adimarko search-reindex` rebuilds both,
and `adimarko search-drift --fix` brings the index back in step.
"""

import logging
from collections.abc import Iterable

from django.db import DatabaseError, transaction

from search.rows import product_rows_sync

logger = logging.getLogger(__name__)


def refresh_search_rows(product_ids: list[int]) -> None:
    """The rows of these products, rewritten now (called on commit; a failure is logged, not raised: the
    write it follows has committed, and the rebuild command repairs the rows)."""
    try:
        product_rows_sync(product_ids=product_ids)
    except DatabaseError:
        logger.exception("search rows: could not refresh products %s", product_ids[:20])


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
