from django import template

from adimarko.core.money import format_rupiah

register = template.Library()


@register.filter(name="rupiah")
def rupiah(amount):
    """{{ product.price|rupiah }} → Rp 25.000"""
    try:
        return format_rupiah(int(amount))
    except (TypeError, ValueError):
        return ""


@register.filter(name="bar_width")
def bar_width(percent):
    """{{ 42|bar_width }} → "w-42": the class that sets a bar's width in site.css, since the
    Content-Security-Policy allows no inline style attribute. None or nonsense → "w-0"; clamped to 0..100."""
    try:
        value = round(float(percent))
    except (TypeError, ValueError, OverflowError):
        value = 0
    return f"w-{min(100, max(0, value))}"
