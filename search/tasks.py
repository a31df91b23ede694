"""Background work of the search app (django-tasks)."""

from django_tasks import task

from search.reindex import sync_products_now


@task()
def sync_products(product_ids: list[int]) -> dict[str, int]:
    """Index the public products among `product_ids`; delete the others from the index. Idempotent."""
    return sync_products_now(product_ids=product_ids)
