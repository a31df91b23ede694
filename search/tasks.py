"""Background work of the search app (django-tasks)."""

from django_tasks import task

from search.connection import search_engine_configured
from search.indexing import refresh_search_rows
from search.reindex import sync_products_now


@task()
def sync_products(product_ids: list[int]) -> dict[str, int]:
    """Index the public products among `product_ids`; delete the others from the index. Idempotent."""
    return sync_products_now(product_ids=product_ids)


@task()
def product_search_sync(product_ids: list[int]) -> dict[str, int]:
    """After products changed: rewrite their database search rows and, when an engine is configured, index
    (or remove) them there too. Queued on commit (`search.indexing.schedule_product_sync`), so a checkout or a
    seller's edit does not wait for it; idempotent, so a retried or repeated task is harmless."""
    refresh_search_rows(product_ids)
    if not search_engine_configured():
        return {"indexed": 0, "deleted": 0}
    return sync_products_now(product_ids=product_ids)
