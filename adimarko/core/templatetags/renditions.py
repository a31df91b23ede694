"""`{% responsive_image image "product-card" sizes="…" alt=… %}`: an image in one of the named rendition
sets of adimarko.core.renditions, rendered as Wagtail's `{% picture %}` would (WebP sources and a JPEG
fallback when the set has both, else an <img> with a width srcset, or a plain <img> for a single spec).

Unlike Wagtail's tags it never makes a rendition while a page renders: a missing one is shown as the original
file and queued (see adimarko.core.renditions). `{% rendition_url image "share" %}` gives one rendition's URL.
"""

from django import template
from wagtail.images.models import Picture

from adimarko.core.renditions import RENDITION_SETS, rendition_for, renditions_for

register = template.Library()


@register.simple_tag
def responsive_image(image, set_name: str, **attrs):
    if not image:
        return ""
    return Picture(renditions_for(image, RENDITION_SETS[set_name]), attrs)


@register.simple_tag
def rendition_url(image, spec: str) -> str:
    return rendition_for(image, spec).url if image else ""
