"""Photo uploads: checked by content, cleaned of metadata, stored as Wagtail images with WebP renditions."""

import io

import pytest
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model

from shop import services
from shop.models import Product, ProductPhoto
from tests.factories import image_bytes
from tests.shop.factories import approved_product, jpeg_with_exif, product, upload

pytestmark = pytest.mark.django_db


def _stored_bytes(photo: ProductPhoto) -> bytes:
    with photo.image.open_file() as handle:
        return handle.read()


def test_exif_orientation_is_applied_then_all_metadata_stripped():
    original = jpeg_with_exif(size=(60, 40), orientation=6)
    with Image.open(io.BytesIO(original)) as check:  # the upload really carries EXIF and GPS
        assert check.getexif()[0x0112] == 6
        assert check.getexif().get_ifd(0x8825)
    photo = services.product_photo_add(product=product(), by=None, file=upload(original), alt_text="Kopi")
    stored = _stored_bytes(photo)
    assert b"Exif" not in stored
    assert b"KameraMerek" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG"
        assert image.size == (40, 60)  # rotated upright
        assert len(image.getexif()) == 0
        assert "exif" not in image.info
    assert (photo.image.width, photo.image.height) == (40, 60)


def test_png_text_chunks_are_stripped():
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "rahasia-lokasi")
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "green").save(buffer, format="PNG", pnginfo=info)
    photo = services.product_photo_add(
        product=product(), by=None, file=upload(buffer.getvalue(), "foto.png", "image/png"), alt_text="Gula"
    )
    assert b"rahasia-lokasi" not in _stored_bytes(photo)


def _refused(file, expected_message):
    item = product()
    images_before = get_image_model().objects.count()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as excinfo:
        services.product_photo_add(product=item, by=None, file=file, alt_text="Foto")
    assert expected_message in " ".join(excinfo.value.message_dict["image"])
    assert ProductPhoto.objects.count() == 0
    assert get_image_model().objects.count() == images_before


def test_a_text_file_renamed_jpg_is_refused():
    _refused(upload(b"ini bukan gambar, hanya teks" * 10, "foto.jpg"), "bukan gambar yang sah")


def test_a_gif_is_refused_by_content():
    _refused(upload(image_bytes("GIF"), "foto.jpg"), "Unggah gambar JPEG, PNG atau WebP")


def test_a_decompression_bomb_is_refused():
    buffer = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(buffer, format="PNG")  # 144 megapixels in a few kilobytes
    assert len(buffer.getvalue()) < 100_000
    _refused(upload(buffer.getvalue(), "bom.png", "image/png"), "terlalu besar")


def test_an_oversized_file_is_refused(settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 50_000
    big = Image.effect_noise((400, 400), 100).convert("RGB")
    buffer = io.BytesIO()
    big.save(buffer, format="PNG")
    assert len(buffer.getvalue()) > 50_000
    _refused(upload(buffer.getvalue(), "besar.png", "image/png"), "Berkas terlalu besar")


def test_a_photo_without_description_is_described_by_the_product_name():
    item = product(name="Kopi Robusta 250 g")
    first = services.product_photo_add(product=item, by=None, file=upload(), alt_text="   ")
    second = services.product_photo_add(product=item, by=None, file=upload())
    third = services.product_photo_add(product=item, by=None, file=upload(), alt_text=" Tampak depan ")
    assert [first.alt_text, second.alt_text, third.alt_text] == [
        "Kopi Robusta 250 g",
        "Kopi Robusta 250 g, foto 2",
        "Tampak depan",
    ]
    assert first.image.title == "Kopi Robusta 250 g"


def test_a_new_photo_sends_an_approved_product_back_to_curation():
    item = approved_product()
    services.product_photo_add(product=item, by=None, file=upload(), alt_text="Kemasan baru")
    item.refresh_from_db()
    assert item.status == Product.Status.PENDING


def test_upload_through_the_dashboard_shows_the_refusal(client):
    item = product()
    client.force_login(item.business.memberships.get().user)
    response = client.post(
        reverse("seller_photo_add", args=[item.pk]),
        {"image": upload(b"%PDF-1.4 bukan foto", "foto.jpg"), "alt_text": "Foto"},
    )
    assert response.status_code == 400
    assert "Berkas ini bukan gambar yang sah" in response.content.decode()
    assert ProductPhoto.objects.count() == 0


def test_product_page_serves_webp_with_jpeg_fallback_and_srcset(client, django_capture_on_commit_callbacks):
    item = product()
    with django_capture_on_commit_callbacks(execute=True):  # the renditions are made when the photo is stored
        services.product_photo_add(
            product=item, by=None, file=upload(image_bytes("JPEG", (900, 700))), alt_text="Kopi"
        )
    services.product_approve(product=item, by=item.business.memberships.get().user)
    html = client.get(reverse("product_detail", args=[item.slug])).content.decode()
    source = html.split("<source", 1)[1].split(">", 1)[0]
    assert 'type="image/webp"' in source and ".webp 640w" in source
    assert 'alt="Kopi"' in html
    assert ".jpg" in html.split("<img", 1)[1].split(">", 1)[0]  # the <img> fallback is a JPEG
    listing = client.get(reverse("product_list")).content.decode()
    card_source = listing.split("<source", 1)[1].split(">", 1)[0]
    assert 'type="image/webp"' in card_source and ".webp 320w" in card_source
