"""Reads for search: what is indexable, the curated set, and labels for facet values."""

from functools import cache

from django.db.models import Prefetch

from adimarko.core.models import Business, Certification, Region
from shop.models import Category, Product


def indexable_products():
    """Public products with everything a document needs, in one query plus one prefetch per chunk."""
    return (
        Product.objects.public()
        .select_related("business", "category", "origin_desa__parent")
        .prefetch_related(Prefetch("certifications", queryset=Certification.objects.order_by()))
        .order_by("pk")
    )


def curated_product_ids(product_ids=None) -> set[int]:
    from search.picks import CuratedProduct

    picks = CuratedProduct.objects.all()
    if product_ids is not None:
        picks = picks.filter(product_id__in=list(product_ids))
    return set(picks.values_list("product_id", flat=True))


@cache
def curated_picks():
    """The curator's picks, newest first, with what the staff list shows."""
    from search.picks import CuratedProduct

    return CuratedProduct.objects.select_related(
        "product__business", "product__category", "picked_by"
    ).order_by("-created_at", "-pk")


def curated_pick_for(product) -> "object | None":
    from search.picks import CuratedProduct

    return CuratedProduct.objects.filter(product=product).first()


REGION_NAMES_SECONDS = 3600


def region_names() -> dict[str, str]:
    """Kemendagri code → name for all kecamatan and desa (fixed data loaded by a migration), kept an hour in
    the cache: a search asks for them up to three times (filters, kecamatan and village facets)."""
    from django.core.cache import cache

    def read():
        return dict(Region.objects.values_list("code", "name"))

    return cache.get_or_set("search:region-names:v1", read, REGION_NAMES_SECONDS)


def category_labels(slugs) -> dict[str, str]:
    """slug → the category's name in the active language (English falls back to Indonesian)."""
    return {
        category.slug: category.display_name
        for category in Category.objects.filter(slug__in=list(slugs)).only("slug", "name", "name_en")
    }


def seller_labels(slugs) -> dict[str, str]:
    return dict(Business.objects.filter(slug__in=list(slugs)).values_list("slug", "name"))


def certification_labels() -> dict[str, str]:
    return {str(value): str(label) for value, label in Certification.Kind.choices}
