"""Names and types of stored uploads, taken from the file's content, never from the name the uploader typed.

An upload is first checked by adimarko.core.validators (type by content, size, pixels); its stored name is
then a random token plus the extension of that content (`.pdf`, `.jpg`, `.png`, `.webp`), so a valid PNG
called `x.html` is stored as `<hex>.png` and served as `image/png`. Anything unrecognised gets `.bin`.
"""

import secrets
from dataclasses import dataclass

from PIL import Image

EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "application/pdf": "pdf"}
PILLOW_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
PDF_TRAILER_WINDOW = 1024  # PDF readers look for `%%EOF` within the last 1024 bytes.


def _read_ends(file, size: int) -> tuple[bytes, bytes]:
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        head = file.read(size)
        file.seek(0, 2)
        end = file.tell()
        file.seek(max(0, end - size))
        tail = file.read(size)
    finally:
        file.seek(position)
    return head, tail


def is_pdf(file) -> bool:
    """Starts with the `%PDF-` header and has the `%%EOF` trailer near its end."""
    head, tail = _read_ends(file, PDF_TRAILER_WINDOW)
    return head.startswith(b"%PDF-") and b"%%EOF" in tail


def content_type_of(file) -> str | None:
    """The MIME type recognised from the bytes (PDF, JPEG, PNG, WebP), or None for anything else."""
    if is_pdf(file):
        return "application/pdf"
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            return PILLOW_TYPES.get(image.format)
    except Exception:  # Pillow raises many kinds of errors for what is not an image.
        return None
    finally:
        file.seek(position)


def extension_of(file) -> str:
    return EXTENSIONS.get(content_type_of(file) or "", "bin")


def stored_name(instance, field_name: str) -> str:
    """For upload_to functions: a random name with the extension of the content being saved in the field."""
    content = getattr(getattr(instance, field_name), "_file", None)
    extension = extension_of(content) if content is not None else "bin"
    return f"{secrets.token_hex(10)}.{extension}"


def renamed_by_content(name: str, file) -> str:
    """`name` with a fresh random base name and the extension of `file`'s content (for moving old uploads)."""
    directory = name.rsplit("/", 1)[0] + "/" if "/" in name else ""
    return f"{directory}{secrets.token_hex(10)}.{extension_of(file)}"


@dataclass(frozen=True)
class UploadKind:
    """One model's file field, as `manage.py secure_uploads` keeps it: public (renamed to its content's
    extension) or private (moved into STORAGES["private"]); `keep_name` for files whose URL contains it."""

    model: type
    field: str
    private: bool
    keep_name: bool = False

    @property
    def label(self) -> str:
        return f"{self.model._meta.label}.{self.field}"


_upload_kinds: list[UploadKind] = []


def upload_kind_register(model: type, field: str, *, private: bool, keep_name: bool = False) -> None:
    """Called by each app's AppConfig.ready() for its own file fields, so that the ground floor's
    `secure_uploads` command covers the features' uploads without importing them (docs/architecture.md)."""
    kind = UploadKind(model, field, private=private, keep_name=keep_name)
    if kind not in _upload_kinds:
        _upload_kinds.append(kind)


def upload_kinds() -> list[UploadKind]:
    """Every registered file field, in registration order (INSTALLED_APPS order)."""
    return list(_upload_kinds)
