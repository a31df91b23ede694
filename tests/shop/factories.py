"""Catalogue test data, built through the catalogue services."""

import io
import itertools

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from shop import services
from shop.models import Category, Product
from tests.factories import BusinessFactory, desa, image_bytes, staff_user

_skus = itertools.count(1)


def category(slug: str = "kopi") -> Category:
    """Categories come from the data migration (shop/migrations/0003_category_tree.py)."""
    return Category.objects.get(slug=slug)


def product(*, business=None, submit=True, **fields) -> Product:
    n = next(_skus)
    values = {
        "sku": f"SKU-{n:04d}",
        "name": f"Kopi Robusta Wlingi {n}",
        "description": "Kopi robusta petik merah dari lereng Kelud.",
        "category": category(),
        "price": 45000,
        "on_hand": 20,
        "weight_grams": 250,
        "origin_desa": desa(),
    }
    values.update(fields)
    return services.product_create(business=business or BusinessFactory(), by=None, submit=submit, **values)


def approved_product(*, business=None, **fields) -> Product:
    item = product(business=business, **fields)
    return services.product_approve(product=item, by=staff_user())


def upload(content: bytes | None = None, name: str = "foto.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(
        name, content if content is not None else image_bytes("JPEG", (64, 48)), content_type
    )


def jpeg_with_exif(size=(60, 40), orientation: int = 6) -> bytes:
    """A JPEG whose EXIF says: rotate 90° clockwise (orientation 6), taken at a GPS position, by a camera."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "KameraMerek"  # Make
    exif[0x8825] = {1: "S", 2: (8.0, 5.0, 0.0), 3: "E", 4: (112.0, 10.0, 0.0)}  # GPS IFD
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def product_form_data(**overrides) -> dict:
    """A valid seller product form (POST data), with overrides."""
    return {
        "name": "Keripik Tempe Sagu",
        "sku": "KT-200",
        "description": "Keripik tempe tipis dengan bumbu rempah.",
        "category": category("keripik").pk,
        "price": "15000",
        "stock": "40",
        "weight_grams": "210",
        "pack_label": "200 g",
        "pack_group": "keripik-tempe",
        "origin_desa": "35.05.17.1001",
    } | overrides
