"""Preparing uploaded product photos before anything is stored.

The upload is judged by its content (adimarko.core.validators.inspect_image: JPEG, PNG or WebP, size limit,
decompression-bomb guard). Then the EXIF orientation is applied to the pixels and the image is saved again
from its pixels only, so no EXIF (GPS position, camera serial), XMP or text chunk reaches storage.
Renditions (thumbnail, card, detail, search hit; WebP with a JPEG fallback) are Wagtail's, made by a task
queued when the photo is stored (adimarko.core.renditions), never while a page is served.
"""

import io
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from adimarko.core.renditions import specs_of
from adimarko.core.validators import inspect_image

# The rendition specs of product photos, from the one list (adimarko.core.renditions), so selectors prefetch
# exactly what the templates show and what the upload pre-generates.
THUMBNAIL_SPECS = specs_of("product-thumbnail")
CARD_SPECS = specs_of("product-card")
DETAIL_SPECS = specs_of("product-detail")

_SAVE_AS = {
    "JPEG": ("JPEG", "jpg", {"quality": 90, "optimize": True}),
    "PNG": ("PNG", "png", {}),
    "WEBP": ("WEBP", "webp", {"quality": 90}),
}


@dataclass(frozen=True)
class PreparedPhoto:
    file: ContentFile
    width: int
    height: int
    mime_type: str


def _pixels_only(file):
    """The image upright, made afresh from its pixels alone: no EXIF, XMP, comments or text chunks."""
    with Image.open(file) as original:
        image_format = original.format
        upright = ImageOps.exif_transpose(original)
        if upright is original:
            upright = original.copy()
        mode = upright.mode
        if image_format == "JPEG" and mode not in ("RGB", "L", "CMYK"):
            mode = "RGB"
        elif mode not in ("RGB", "RGBA", "L", "LA"):
            mode = "RGBA" if "A" in upright.getbands() else "RGB"
        clean = Image.new(mode, upright.size)
        clean.paste(upright.convert(mode))
    return clean, image_format


def photo_prepare(file) -> PreparedPhoto:
    """Check an upload and return a clean copy: upright, without any metadata. Raises ValidationError."""
    mime_type = inspect_image(file)  # decodes the whole image: a truncated file is refused there
    file.seek(0)
    try:
        clean, image_format = _pixels_only(file)
    except (OSError, ValueError) as exc:  # whatever Pillow cannot redo is a bad upload, never a 500
        raise ValidationError(
            _("The file is not a valid image. Upload a JPEG, PNG or WebP image."), code="invalid_image"
        ) from exc
    pil_format, extension, options = _SAVE_AS[image_format]
    buffer = io.BytesIO()
    clean.save(buffer, format=pil_format, **options)
    name = f"produk-{secrets.token_hex(8)}.{extension}"
    return PreparedPhoto(
        file=ContentFile(buffer.getvalue(), name=name),
        width=clean.width,
        height=clean.height,
        mime_type=mime_type,
    )
