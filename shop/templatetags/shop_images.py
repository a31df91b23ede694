"""`{% product_picture image "card" sizes="…" alt=… %}`: a product photo in one of the catalogue's rendition
sets ("thumbnail", "card", "detail" = adimarko.core.renditions' product-* sets), as a <picture> with WebP
sources and a JPEG fallback. The selectors prefetch exactly these renditions, so rendering does no SQL, and
no rendition is ever made while a page renders (adimarko.core.templatetags.renditions)."""

from django import template

from adimarko.core.templatetags.renditions import picture_html, responsive_image
from shop.selectors import ProductCard, product_card

register = template.Library()


@register.simple_tag
def product_picture(image, size: str, **attrs):
    return responsive_image(image, f"product-{size}", **attrs)


@register.filter(name="product_card")
def product_card_filter(product):
    """`{% with card=product|product_card %}`: a listing's ProductCard as it is, a product instance as its
    card (shop.selectors.product_card)."""
    return product if isinstance(product, ProductCard) else product_card(product)


@register.simple_tag
def card_picture(photo, **attrs):
    """`{% card_picture card.photo sizes="…" %}`: a card's photo, the markup of `{% product_picture %}`."""
    return picture_html(photo.renditions, {"alt": photo.alt_text, **attrs})
