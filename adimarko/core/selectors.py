"""Reads of the shared domain."""

from django.core.exceptions import ObjectDoesNotExist

from adimarko.core.models import Business, Region


def desa_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Desa grouped by kecamatan, for a <select> with <optgroup>s."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for desa in Region.objects.desa().select_related("parent").order_by("parent__name", "name"):
        groups.setdefault(desa.parent.name, []).append((desa.code, desa.name))
    return list(groups.items())


def business_list_for_user(*, user):
    return Business.objects.for_member(user).with_region().order_by("name")


def business_detail_queryset():
    return Business.objects.with_region().select_related("storefront").prefetch_related("certifications")


def _storefront_approved() -> str:
    """The storefront status that makes a business public. Storefronts belong to shop, a floor above: the
    ground floor imports no feature, so it reaches the model through the reverse relation shop declares on
    Business (`related_name="storefront"`) instead of an import (docs/architecture.md, "Seams")."""
    return Business._meta.get_field("storefront").related_model.Status.APPROVED


def businesses_public():
    """Businesses the public may see (profile, story, WhatsApp): those whose storefront curation approved.
    Applicants and businesses waiting for (or refused by) curation stay private to their members and staff."""
    return Business.objects.filter(storefront__status=_storefront_approved())


def business_is_public(*, business: Business) -> bool:
    """The same rule as `businesses_public` for one business (uses a select_related storefront if loaded)."""
    try:
        storefront = business.storefront
    except ObjectDoesNotExist:
        return False
    return storefront.status == _storefront_approved()


def business_members(*, business: Business):
    return business.memberships.select_related("user").order_by("role", "user__email")
