from django import template

from adimarko.money import format_rupiah

register = template.Library()


@register.filter(name="rupiah")
def rupiah(amount):
    """{{ product.price|rupiah }} → Rp 25.000"""
    try:
        return format_rupiah(int(amount))
    except (TypeError, ValueError):
        return ""
