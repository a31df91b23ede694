"""Image renditions: the one list of rendition specs the site shows, made ahead of time, never in a page view.

Every image a public page shows goes through a named rendition set below: templates ask for a set by name
(`{% responsive_image image "product-card" … %}`, adimarko.core.templatetags.renditions), selectors prefetch
exactly its specs, and `renditions_generate` makes them when a photo is uploaded, imported or seeded (the
services queue `generate_renditions` on commit; `adimarko manage renditions_backfill` makes the missing ones
for images that existed before).

Serving never decodes or resizes an image. `renditions_for` finds the renditions among the prefetched ones
(else in one query); when one is missing (a deploy before the backfill ran, an image uploaded in the Wagtail
admin and not yet processed), the page shows the original file in the rendition's place, at the rendition's
size (computed from the image's stored width and height, no decoding), and the missing renditions are queued
once (`generate_renditions`, deduplicated through the cache for ten minutes). The next view has them.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from types import SimpleNamespace

from django.core.cache import cache as default_cache
from django.db import transaction
from django.db.models import Prefetch
from django.db.models.fields.files import ImageFieldFile
from django_tasks import task
from wagtail.images import get_image_model
from wagtail.images.models import Filter, SourceImageIOError

RENDITION_SETS: dict[str, tuple[str, ...]] = {
    # Product photos (shop): the seller's and buyers' views of a product.
    "product-thumbnail": ("fill-96x96|format-webp", "fill-96x96|format-jpeg"),
    "product-card": (
        "fill-320x320|format-webp",
        "fill-640x640|format-webp",
        "fill-320x320|format-jpeg",
        "fill-640x640|format-jpeg",
    ),
    "product-detail": (
        "max-640x640|format-webp",
        "max-1200x1200|format-webp",
        "max-640x640|format-jpeg",
        "max-1200x1200|format-jpeg",
    ),
    "search-hit": ("fill-160x160|format-webp",),
    # Images of the public site's pages (cms): hero, page and news images, cards, share image, logo.
    "hero": ("fill-480x320", "fill-960x640"),
    "page-image": ("width-480", "width-800", "width-1200"),
    "card": ("fill-480x270|format-webp",),
    "share": ("fill-1200x630",),
    "logo": ("max-512x512",),
}
PRODUCT_PHOTO_SETS = ("product-thumbnail", "product-card", "product-detail", "search-hit")
SITE_IMAGE_SETS = ("hero", "page-image", "card", "share", "logo")
# The product's image in its JSON-LD (large JPEG, already loaded with the product page's photos).
PRODUCT_SHARE_SPEC = "max-1200x1200|format-jpeg"
QUEUED_SECONDS = 600


def specs_of(*set_names: str) -> tuple[str, ...]:
    return tuple(spec for name in set_names for spec in RENDITION_SETS[name])


def renditions_prefetch(lookup: str, specs: Iterable[str]) -> Prefetch:
    """Prefetch the renditions of these specs along `lookup` ("image__renditions", "renditions") into the
    images' `prefetched_renditions`, where `renditions_for` (and Wagtail) look first."""
    rendition_model = get_image_model().get_rendition_model()
    queryset = rendition_model.objects.filter(filter_spec__in=tuple(specs))
    return Prefetch(lookup, queryset=queryset, to_attr="prefetched_renditions")


@cache
def _filter(spec: str) -> Filter:
    """Filters parsed once per process (parsing the specs on every render was most of a listing's cost)."""
    return Filter(spec=spec)


def _prefetched(image) -> list | None:
    if "renditions" in getattr(image, "_prefetched_objects_cache", {}):
        return list(image.renditions.all())
    return getattr(image, "prefetched_renditions", None)


def _existing(image, specs: tuple[str, ...]) -> dict[str, object]:
    """The renditions of `image` for these specs that exist: from the prefetched ones when the selector
    prefetched them (no query), else from the database (one query). Never Wagtail's rendition cache: writing
    renditions into it on every view (as `get_rendition` does) cost more than the query."""
    keys = {spec: _filter(spec).get_cache_key(image) for spec in specs}
    found = {}

    def take(rows):
        for rendition in rows:
            if keys.get(rendition.filter_spec) == rendition.focal_point_key:
                rendition.image = image  # keeps a contextual alt text set on this instance
                found[rendition.filter_spec] = rendition

    prefetched = _prefetched(image)
    # Prefetched renditions are taken as complete (as Wagtail does): a missing one costs no query per image.
    take(image.renditions.filter(filter_spec__in=specs) if prefetched is None else prefetched)
    return found


def _stand_in(image, spec: str):
    """The original file in place of a missing rendition, at the size the rendition will have."""
    width, height = _filter(spec).get_transform(image).size
    rendition_model = image.get_rendition_model()
    rendition = rendition_model(image=image, filter_spec=spec, focal_point_key="", width=width, height=height)
    # Set past the ImageField's descriptor, which would open the file to read its dimensions.
    rendition.__dict__["file"] = ImageFieldFile(
        rendition, rendition_model._meta.get_field("file"), image.file.name
    )
    return rendition


def renditions_for(image, specs: Iterable[str]) -> dict[str, object]:
    """{spec: rendition} for a page to show, without decoding or resizing anything.

    If any spec is missing, the result is the original file alone (keyed by the first spec, so a <picture>
    does not announce the original as WebP) and the missing specs are queued for generation."""
    specs = tuple(specs)
    found = _existing(image, specs)
    if len(found) == len(specs):
        return {spec: found[spec] for spec in specs}
    missing = tuple(spec for spec in specs if spec not in found)
    _queue(image, missing)
    return {specs[0]: _stand_in(image, specs[0])}


def rendition_for(image, spec: str):
    return renditions_for(image, (spec,))[spec]


# --- Renditions read as plain values (a listing's many cards) -------------------------------------------
# The image fields a picture and its stand-in need (`image__` + these, in a values() query of the photos).
IMAGE_VALUES = (
    "id", "collection_id", "file", "width", "height", "focal_point_x", "focal_point_y", "focal_point_width",
    "focal_point_height",
)  # fmt: skip
_FOCAL_FIELDS = ("focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height")


@dataclass(frozen=True)
class StoredRendition:
    """A rendition as `picture_html` needs it (file name, size), read with values(): no model instance."""

    file: str
    width: int
    height: int


@lru_cache(maxsize=4096)
def _focal_point_key(spec: str, focal_point: tuple) -> str:
    """`Filter.get_cache_key` of an image with this focal point (the only image fields it varies on)."""
    return _filter(spec).get_cache_key(SimpleNamespace(**dict(zip(_FOCAL_FIELDS, focal_point, strict=True))))


def stored_renditions(images: dict[int, dict], specs: Iterable[str]) -> dict[int, dict[str, object]]:
    """{image id: {spec: rendition}} for images read as values ({id: {IMAGE_VALUES field: value}}), in one
    query, the same choice as `renditions_for` makes for image instances: all specs when they all exist for
    the image's current focal point, else the original file alone in the first spec's place (and the missing
    ones queued)."""
    specs = tuple(specs)
    if not images:
        return {}
    rendition_model = get_image_model().get_rendition_model()
    rows = rendition_model.objects.filter(image_id__in=list(images), filter_spec__in=specs).values_list(
        "image_id", "filter_spec", "focal_point_key", "file", "width", "height"
    )
    found: dict[int, dict[str, StoredRendition]] = {image_id: {} for image_id in images}
    for image_id, spec, key, file, width, height in rows:
        focal_point = tuple(images[image_id][field] for field in _FOCAL_FIELDS)
        if key == _focal_point_key(spec, focal_point):
            found[image_id][spec] = StoredRendition(file=file, width=width, height=height)
    result = {}
    for image_id, renditions in found.items():
        if len(renditions) == len(specs):
            result[image_id] = {spec: renditions[spec] for spec in specs}
        else:  # rare (before the backfill ran): an unsaved instance stands in, as `renditions_for` shows it
            image = get_image_model()(**images[image_id])
            _queue(image, tuple(spec for spec in specs if spec not in renditions))
            result[image_id] = {specs[0]: _stand_in(image, specs[0])}
    return result


def _queue(image, specs: tuple[str, ...]) -> None:
    digest = hashlib.sha1("|".join(sorted(specs)).encode()).hexdigest()[:12]
    if default_cache.add(f"renditions-queued:{image.pk}:{digest}", True, QUEUED_SECONDS):
        image_id = image.pk
        transaction.on_commit(lambda: generate_renditions.enqueue(image_id=image_id, specs=list(specs)))


def renditions_generate(*, image, specs: Iterable[str]) -> int:
    """Make the renditions of `image` for these specs that do not exist yet; returns how many were made.
    A source file that cannot be read is skipped (0), so one broken upload does not stop a backfill."""
    specs = tuple(specs)
    found = _existing(image, specs)
    missing = [_filter(spec) for spec in specs if spec not in found]
    if not missing:
        return 0
    try:
        made = image.create_renditions(*missing)
    except SourceImageIOError:
        return 0
    return len(made)


@task()
def generate_renditions(*, image_id: int, specs: list[str]) -> int:
    """Make the missing renditions of one image (idempotent: existing ones are kept). Returns how many."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:  # deleted since it was queued
        return 0
    return renditions_generate(image=image, specs=specs)


def renditions_schedule(*, image, specs: Iterable[str]) -> None:
    """Queue the generation of `image`'s renditions once the current transaction commits."""
    image_id, specs = image.pk, list(specs)
    transaction.on_commit(lambda: generate_renditions.enqueue(image_id=image_id, specs=specs))
