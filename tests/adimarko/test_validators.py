import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from adimarko.core.validators import (
    inspect_image,
    normalize_mobile_phone,
    validate_certificate_document,
    validate_mobile_phone,
    validate_nib,
    whatsapp_url,
)
from tests.factories import image_bytes


@pytest.mark.parametrize("nib", ["1234567890123", "9120000000001"])
def test_nib_accepts_13_digits(nib):
    validate_nib(nib)


@pytest.mark.parametrize("nib", ["", "123456789012", "12345678901234", "12345678901a3", " 1234567890123"])
def test_nib_refuses_anything_else(nib):
    with pytest.raises(ValidationError) as exc:
        validate_nib(nib)
    assert exc.value.messages == ["NIB harus tepat 13 digit angka."]


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("0812 3456 7890", "+6281234567890"),
        ("+62 857-1234-5678", "+6285712345678"),
        ("6281234567890", "+6281234567890"),
    ],
)
def test_mobile_numbers_normalise_to_e164(raw, e164):
    assert normalize_mobile_phone(raw) == e164
    validate_mobile_phone(raw)


@pytest.mark.parametrize("raw", ["0342 801234", "12345", "08123", "nomor saya"])
def test_landlines_and_garbage_are_not_mobile_numbers(raw):
    assert normalize_mobile_phone(raw) is None
    with pytest.raises(ValidationError, match="nomor HP Indonesia"):
        validate_mobile_phone(raw)


def test_whatsapp_link_uses_international_digits():
    assert whatsapp_url("0812-3456-7890") == "https://wa.me/6281234567890"
    assert whatsapp_url("0342 801234") == ""


@pytest.mark.parametrize(
    ("fmt", "mime"), [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("WEBP", "image/webp")]
)
def test_images_are_recognised_by_content(fmt, mime):
    upload = SimpleUploadedFile("apa-saja.bin", image_bytes(fmt))
    assert inspect_image(upload) == mime


def test_text_renamed_png_is_refused():
    upload = SimpleUploadedFile("logo.png", b"ini bukan gambar, hanya teks", content_type="image/png")
    with pytest.raises(ValidationError) as exc:
        inspect_image(upload)
    assert exc.value.code == "invalid_image"


def test_gif_is_refused_even_though_pillow_reads_it():
    upload = SimpleUploadedFile("logo.png", image_bytes("GIF"))
    with pytest.raises(ValidationError) as exc:
        inspect_image(upload)
    assert exc.value.code == "invalid_image_format"


def test_oversized_file_is_refused_before_decoding(settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1000
    upload = SimpleUploadedFile("besar.png", image_bytes("PNG", size=(400, 400)) + b"\0" * 2000)
    with pytest.raises(ValidationError) as exc:
        inspect_image(upload)
    assert exc.value.code == "file_too_large"


def test_decompression_bomb_is_refused_from_the_header(settings):
    # A tiny PNG file that claims 20000 × 20000 pixels: refused before any pixel is decoded.
    settings.IMAGE_UPLOAD_MAX_PIXELS = 24_000_000
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, format="PNG")
    assert buffer.tell() < 200_000
    with pytest.raises(ValidationError) as exc:
        inspect_image(SimpleUploadedFile("bom.png", buffer.getvalue()))
    assert exc.value.code in {"image_too_many_pixels", "image_bomb"}


def test_certificate_accepts_pdf_and_images_only():
    validate_certificate_document(SimpleUploadedFile("halal.pdf", b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n"))
    validate_certificate_document(SimpleUploadedFile("halal.jpg", image_bytes("JPEG")))
    with pytest.raises(ValidationError, match="PDF atau gambar"):
        validate_certificate_document(SimpleUploadedFile("halal.pdf", b"<html>bukan pdf</html>"))
    with pytest.raises(ValidationError, match="PDF atau gambar"):  # the header alone is not a PDF
        validate_certificate_document(SimpleUploadedFile("halal.pdf", b"%PDF-1.7\n<script>alert(1)</script>"))
