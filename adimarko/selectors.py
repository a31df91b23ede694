"""Reads of the shared domain."""

from adimarko.models import Business, Region


def desa_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Desa grouped by kecamatan, for a <select> with <optgroup>s."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for desa in Region.objects.desa().select_related("parent").order_by("parent__name", "name"):
        groups.setdefault(desa.parent.name, []).append((desa.code, desa.name))
    return list(groups.items())


def business_list_for_user(*, user):
    return Business.objects.for_member(user).with_region().order_by("name")


def business_detail_queryset():
    return Business.objects.with_region().prefetch_related("certifications")


def business_members(*, business: Business):
    return business.memberships.select_related("user").order_by("role", "user__email")
