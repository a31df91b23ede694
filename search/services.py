"""Writes of the search app: curators' picks. Index updates are scheduled after commit."""

from django.db import transaction

from search.indexing import schedule_product_sync
from search.models import CuratedProduct


@transaction.atomic
def curated_product_add(*, product, by=None, note: str = "") -> CuratedProduct:
    """Mark a product as a curator's pick (ranked higher in search). Idempotent."""
    pick = CuratedProduct.objects.filter(product=product).first() or CuratedProduct(product=product)
    pick.note, pick.picked_by = note.strip(), pick.picked_by or by
    pick.full_clean()
    pick.save()
    schedule_product_sync(product_ids=[product.pk])
    return pick


@transaction.atomic
def curated_product_remove(*, product) -> None:
    CuratedProduct.objects.filter(product=product).delete()
    schedule_product_sync(product_ids=[product.pk])
