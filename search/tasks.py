"""Background work of the search app (django-tasks)."""

import logging

from django.db import DatabaseError
from django_tasks import task

from search.connection import search_engine_configured
from search.reindex import sync_products_now
from search.rows import product_rows_sync

logger = logging.getLogger(__name__)


@task()
def sync_products(product_ids: list[int]) -> dict[str, int]:
    """Index the public products among `product_ids`; delete the others from the index. Idempotent."""
    return sync_products_now(product_ids=product_ids)


def refresh_search_rows(product_ids: list[int]) -> None:
    """The rows of these products, rewritten now (a failure is logged, not raised: the write it follows has
    committed, and the rebuild command repairs the rows)."""
    try:
        product_rows_sync(product_ids=product_ids)
    except DatabaseError:
        logger.exception("search rows: could not refresh products %s", product_ids[:20])


@task()
def product_search_sync(product_ids: list[int]) -> dict[str, int]:
    """After products changed: rewrite their database search rows and, when an engine is configured, index
    (or remove) them there too. Queued on commit (`search.indexing.schedule_product_sync`), so a checkout or a
    seller's edit does not wait for it; idempotent, so a retried or repeated task is harmless."""
    refresh_search_rows(product_ids)
    if not search_engine_configured():
        return {"indexed": 0, "deleted": 0}
    return sync_products_now(product_ids=product_ids)
