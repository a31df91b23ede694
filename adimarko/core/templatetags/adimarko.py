from django import template
from django.utils.html import format_html

from adimarko.core.money import format_rupiah

register = template.Library()


@register.filter(name="rupiah", needs_autoescape=True)
def rupiah(amount, autoescape=True):
    """{{ product.price|rupiah }} → ``<span class="money">Rp 25.000</span>`` in HTML, where the class
    (site.css: ``white-space: nowrap``) keeps the amount on one line, so a narrow phone never breaks
    "Rp 472.000" in two; plain ``Rp 25.000`` where autoescaping is off (text emails). CSV exports use
    ``format_rupiah`` or the bare integer, never this filter."""
    try:
        text = format_rupiah(int(amount))
    except (TypeError, ValueError):
        return ""
    if not autoescape:
        return text
    return format_html('<span class="money">{}</span>', text)


@register.filter(name="bar_width")
def bar_width(percent):
    """{{ 42|bar_width }} → "w-42": the class that sets a bar's width in site.css, since the
    Content-Security-Policy allows no inline style attribute. None or nonsense → "w-0"; clamped to 0..100."""
    try:
        value = round(float(percent))
    except (TypeError, ValueError, OverflowError):
        value = 0
    return f"w-{min(100, max(0, value))}"
