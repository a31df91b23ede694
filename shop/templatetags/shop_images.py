"""`{% product_picture image "card" sizes="…" alt=… %}`: Wagtail's <picture> (WebP sources, JPEG fallback,
srcset) for the catalogue's fixed rendition sets.

Same output as Wagtail's `{% picture %}` tag, but the Filter objects are built once per process instead of on
every render: a listing shows dozens of photos, and parsing the filter specs each time was most of its cost.
The selectors prefetch exactly these renditions (shop.photos), so rendering does no SQL.
"""

from django import template
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

from shop.photos import CARD_SPECS, DETAIL_SPECS, THUMBNAIL_SPECS

register = template.Library()

FILTERS = {
    name: tuple(Filter(spec=spec) for spec in specs)
    for name, specs in (("thumbnail", THUMBNAIL_SPECS), ("card", CARD_SPECS), ("detail", DETAIL_SPECS))
}


@register.simple_tag
def product_picture(image, size: str, **attrs):
    if not image:
        return ""
    return Picture(get_renditions_or_not_found(image, FILTERS[size]), attrs)
