"""`{% product_picture image "card" sizes="…" alt=… %}`: a product photo in one of the catalogue's rendition
sets ("thumbnail", "card", "detail" = adimarko.core.renditions' product-* sets), as a <picture> with WebP
sources and a JPEG fallback. The selectors prefetch exactly these renditions, so rendering does no SQL, and
no rendition is ever made while a page renders (adimarko.core.templatetags.renditions)."""

from django import template

from adimarko.core.templatetags.renditions import responsive_image

register = template.Library()


@register.simple_tag
def product_picture(image, size: str, **attrs):
    return responsive_image(image, f"product-{size}", **attrs)
