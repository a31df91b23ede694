"""Validators for Indonesian identifiers and for uploaded files.

Uploads are judged by their content, never by their name: an image must open in Pillow as JPEG, PNG or WebP,
stay under the size limit and under the pixel limit (decompression-bomb guard) and decode completely before
anything is stored. Stored names and served types come from the same content (adimarko.core.uploads).
"""

import re
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from lokal import parse_phone
from PIL import Image

from adimarko.core.uploads import is_pdf

NIB_RE = re.compile(r"^\d{13}$")
ALLOWED_IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def validate_nib(value: str) -> None:
    if not NIB_RE.match(value or ""):
        raise ValidationError(_("NIB must be exactly 13 digits."), code="invalid_nib")


def normalize_mobile_phone(value: str) -> str | None:
    """Return the E.164 form (+628…) of an Indonesian mobile number, or None if it is not one."""
    info = parse_phone(value or "")
    if not info.valid or info.type != "mobile":
        return None
    return info.e164


def validate_mobile_phone(value: str) -> None:
    if normalize_mobile_phone(value) is None:
        raise ValidationError(
            _("Enter an Indonesian mobile number, e.g. 0812 3456 7890 or +62 812 3456 7890."),
            code="invalid_phone",
        )


def whatsapp_url(phone: str) -> str:
    info = parse_phone(phone or "")
    return f"https://wa.me/{info.whatsapp}" if info.valid and info.whatsapp else ""


def _check_size(file, limit: int) -> None:
    if file.size is not None and file.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s). The maximum is %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )


def inspect_image(file) -> str:
    """Check an uploaded image by content and return its MIME type; raise ValidationError otherwise."""
    _check_size(file, settings.IMAGE_UPLOAD_MAX_BYTES)
    max_pixels = settings.IMAGE_UPLOAD_MAX_PIXELS
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                image_format = image.format
                width, height = image.size
                if width * height > max_pixels:
                    raise ValidationError(
                        _("The image is too large (%(width)s × %(height)s pixels)."),
                        code="image_too_many_pixels",
                        params={"width": width, "height": height},
                    )
                if image_format not in ALLOWED_IMAGE_FORMATS:
                    raise ValidationError(_("Upload a JPEG, PNG or WebP image."), code="invalid_image_format")
                image.verify()
            # verify() checks structure without decoding; a truncated JPEG passes it, so decode fully too
            # (verify() leaves the image unusable: open it again).
            file.seek(0)
            with Image.open(file) as image:
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(_("The image is too large to process."), code="image_bomb") from exc
    except Exception as exc:  # Pillow raises many kinds of errors for broken files.
        raise ValidationError(
            _("The file is not a valid image. Upload a JPEG, PNG or WebP image."), code="invalid_image"
        ) from exc
    finally:
        file.seek(position)
    return ALLOWED_IMAGE_FORMATS[image_format]


def _already_stored(file) -> bool:
    """A FieldFile that is already in storage was checked when it was uploaded; only new uploads are."""
    return getattr(file, "_committed", False) and bool(getattr(file, "name", ""))


@deconstructible
class ImageUploadValidator:
    def __call__(self, file):
        if not _already_stored(file):
            inspect_image(file)

    def __eq__(self, other):
        return isinstance(other, ImageUploadValidator)


validate_image_upload = ImageUploadValidator()


def inspect_document(file, *, invalid_message=None) -> str:
    """A PDF (`%PDF-` header and `%%EOF` trailer) or an image passing `inspect_image`; returns the MIME type.

    Size, pixel-count and bomb refusals keep their own message; anything else that is neither a PDF nor an
    allowed image is refused with `invalid_message`."""
    _check_size(file, settings.DOCUMENT_UPLOAD_MAX_BYTES)
    if is_pdf(file):
        return "application/pdf"
    try:
        return inspect_image(file)
    except ValidationError as exc:
        if exc.code in ("file_too_large", "image_too_many_pixels", "image_bomb"):
            raise
        raise ValidationError(
            invalid_message or _("Upload a PDF or a JPEG, PNG or WebP image."), code="invalid_document"
        ) from exc


@deconstructible
class CertificateDocumentValidator:
    """A certificate scan: a PDF (see `inspect_document`) or an image that passes `inspect_image`."""

    def __call__(self, file):
        if not _already_stored(file):
            inspect_document(
                file, invalid_message=_("Upload the certificate as a PDF or a JPEG, PNG or WebP image.")
            )

    def __eq__(self, other):
        return isinstance(other, CertificateDocumentValidator)


validate_certificate_document = CertificateDocumentValidator()
