"""Writes of the search app: curators' picks. Index updates are scheduled after commit."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from search.indexing import schedule_product_sync
from search.picks import CuratedProduct


@transaction.atomic
def curated_product_add(*, product, by=None, note: str = "") -> CuratedProduct:
    """Mark a product as a curator's pick (ranked higher in search). Idempotent. Only products on sale."""
    if not product.is_public:
        raise ValidationError(_("Only products on sale can be a curator's pick."))
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
