"""`{% responsive_image image "product-card" sizes="…" alt=… %}`: an image in one of the named rendition
sets of adimarko.core.renditions, with the markup of Wagtail's `{% picture %}` (WebP sources and a JPEG
fallback when the set has both, else an <img> with a width srcset, or a plain <img> for a single spec).

Unlike Wagtail's tags it never makes a rendition while a page renders: a missing one is shown as the original
file and queued (see adimarko.core.renditions). And it writes the markup itself: Wagtail's Picture builds it
through flatatt/format_html and the storage's urljoin for every URL, which was a third of a listing's CPU.
`{% rendition_url image "share" %}` gives one rendition's URL.
"""

from functools import lru_cache
from html import escape as html_escape

from django import template
from django.utils.safestring import mark_safe
from wagtail.images.models import get_rendition_storage

from adimarko.core.renditions import RENDITION_SETS, rendition_for, renditions_for

register = template.Library()

# The order of <source> elements and of fallback choice, as Wagtail's Picture.source_format_order.
FORMATS = (("avif", "image/avif"), ("webp", "image/webp"), ("jpeg", "image/jpeg"), ("png", "image/png"),
           ("gif", "image/gif"))  # fmt: skip


@lru_cache(maxsize=16384)
def _storage_url(storage_id: int, base_url: str, name: str) -> str:
    return get_rendition_storage().url(name)


def _storage_key() -> tuple[int, str]:
    storage = get_rendition_storage()
    return id(storage), getattr(storage, "base_url", None) or ""


def _file_url(storage_key: tuple[int, str], rendition) -> str:
    file = rendition.__dict__.get("file")
    return _storage_url(*storage_key, file if isinstance(file, str) else rendition.file.name)


def rendition_file_url(rendition) -> str:
    """The URL of a rendition's file (rendition file names never change, so each is worked out once)."""
    return _file_url(_storage_key(), rendition)


def _attributes(attrs: dict) -> str:
    """Like django.forms.utils.flatatt: sorted key="value" pairs, then sorted boolean attributes. Values are
    escaped as django.utils.html.escape does (html.escape of the text), without its lazy-string wrapper."""
    pairs, flags = [], []
    for key, value in attrs.items():
        if value is True:
            flags.append(key)
        elif value is not None and value is not False:
            pairs.append((key, value))
    return "".join(f' {key}="{html_escape(str(value))}"' for key, value in sorted(pairs)) + "".join(
        f" {key}" for key in sorted(flags)
    )


def _srcset(urls: dict, renditions: list) -> str:
    if len(renditions) == 1:
        return urls[id(renditions[0])]
    return ", ".join(f"{urls[id(r)]} {r.width}w" for r in renditions)


def _img(urls: dict, renditions: list, attrs: dict) -> str:
    first = renditions[0]
    tag_attrs = {"src": urls[id(first)], "width": first.width, "height": first.height}
    if "alt" not in attrs:
        tag_attrs["alt"] = first.alt
    tag_attrs.update(attrs)
    if len(renditions) > 1:
        tag_attrs["srcset"] = _srcset(urls, renditions)
    else:
        tag_attrs.pop("sizes", None)  # `sizes` without `srcset` is invalid HTML
    return f"<img{_attributes(tag_attrs)}>"


def picture_html(renditions: dict, attrs: dict) -> str:
    """The markup of Wagtail's Picture for these renditions ({spec: rendition}, in order)."""
    storage_key = _storage_key()  # once per picture: the storage is behind lazy objects
    urls = {id(rendition): _file_url(storage_key, rendition) for rendition in renditions.values()}
    by_format: dict[str, list] = {}
    for spec, rendition in renditions.items():
        for name, _mime in FORMATS:
            if f"format-{name}" in spec:
                by_format.setdefault(name, []).append(rendition)
    if len(by_format) < 2:
        return mark_safe(f"<picture>{_img(urls, list(renditions.values()), attrs)}</picture>")  # noqa: S308
    fallback = next(name for name, _mime in reversed(FORMATS) if name in by_format)
    sizes = attrs.get("sizes")
    sources = "".join(
        f"<source{_attributes({'srcset': _srcset(urls, by_format[name]), 'sizes': sizes, 'type': mime})}>"
        for name, mime in FORMATS
        if name != fallback and name in by_format
    )
    return mark_safe(f"<picture>{sources}{_img(urls, by_format[fallback], attrs)}</picture>")  # noqa: S308


@register.simple_tag
def responsive_image(image, set_name: str, **attrs):
    if not image:
        return ""
    return picture_html(renditions_for(image, RENDITION_SETS[set_name]), attrs)


@register.simple_tag
def rendition_url(image, spec: str) -> str:
    return rendition_file_url(rendition_for(image, spec)) if image else ""
