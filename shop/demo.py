"""Demo catalogue: storefronts and products of the 33 demo businesses, built through the catalogue services.

Deterministic and idempotent: a product is found again by (business, SKU); photos are drawn with Pillow.
Most products are approved; a few wait for curation, were rejected or are drafts, so every screen has data.
"""

import io
import re
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont

from adimarko.core.datafiles import read_json
from adimarko.core.models import Business, User
from shop import services
from shop.models import Category, Product, Storefront

# The catalogue's themes (products with their packs) and, in order, the keyword in a business name that picks
# its theme: the first matching one wins (demo businesses: adimarko/core/demo.py).
CATALOGUE = read_json("shop", "demo_catalogue.json")
THEMES: dict[str, list[dict]] = CATALOGUE["themes"]
THEME_KEYWORDS: list[list[str]] = CATALOGUE["theme_keywords"]

COLOURS = {
    "kopi": (92, 58, 33),
    "gula": (166, 104, 41),
    "keripik": (214, 160, 45),
    "kerupuk": (226, 190, 120),
    "sambal": (170, 40, 30),
    "madu": (222, 150, 20),
    "manisan": (196, 90, 60),
    "jamu": (200, 160, 30),
    "anyaman": (150, 120, 70),
    "kerajinan-kayu": (110, 75, 45),
    "gerabah": (160, 80, 50),
    "batik": (60, 50, 90),
    "tenun": (120, 40, 70),
}
REJECTION_REASON = (
    "Foto kemasan kurang jelas dan deskripsi belum menyebut komposisi. Perbaiki lalu ajukan lagi."
)


def _theme(business: Business) -> str:
    name = business.name.lower()
    return next(theme for keyword, theme in THEME_KEYWORDS if keyword in name)


def _sku(name: str, label: str) -> str:
    initials = "".join(word[:3] for word in re.findall(r"[A-Za-z]+", name)).upper()[:15]
    size = re.sub(r"[^0-9A-Za-z]", "", label).upper()[:8]
    return f"{initials}-{size}"


def _photo(name: str, label: str, category_slug: str) -> SimpleUploadedFile:
    colour = COLOURS.get(category_slug, (11, 110, 79))
    image = Image.new("RGB", (640, 640), tuple(min(255, c + 120) for c in colour))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((150, 110, 490, 560), radius=36, fill=colour, outline=(255, 255, 255), width=6)
    draw.rectangle((150, 110, 490, 170), fill=tuple(max(0, c - 40) for c in colour))
    font = ImageFont.load_default(size=30)
    small = ImageFont.load_default(size=24)
    words, lines = name.split(), [""]
    for word in words:
        if len(lines[-1]) + len(word) > 14:
            lines.append("")
        lines[-1] = f"{lines[-1]} {word}".strip()
    for i, line in enumerate(lines[:4]):
        draw.text((320, 250 + i * 40), line, fill="white", font=font, anchor="mm")
    draw.text((320, 470), label, fill="white", font=small, anchor="mm")
    draw.text((320, 600), "Produk Blitar", fill=colour, font=small, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return SimpleUploadedFile(f"{_sku(name, label).lower()}.jpg", buffer.getvalue(), "image/jpeg")


def build_catalog(businesses: list[Business], progress: Callable[[str], None] = lambda _msg: None) -> dict:
    curator = User.objects.get(email="staf@adimarko.test")
    categories = {category.slug: category for category in Category.objects.all()}
    counter = 0
    for index, business in enumerate(businesses, start=1):
        storefront = services.storefront_open(business=business, by=curator)
        if storefront.status == Storefront.Status.PENDING and index != len(businesses):
            services.storefront_decide(storefront=storefront, by=curator, approve=True, notify=False)
        certifications = list(business.certifications.all())
        for item in THEMES[_theme(business)]:
            name, category_slug, description, packs = (
                item["name"],
                item["category"],
                item["description"],
                item["packs"],
            )
            group = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") if len(packs) > 1 else ""
            for pack in packs:
                label, grams, price = pack["label"], pack["grams"], pack["price"]
                counter += 1
                sku = _sku(name, label)
                if Product.objects.filter(business=business, sku=sku).exists():
                    continue
                crafts = category_slug in ("anyaman", "kerajinan-kayu", "gerabah", "batik", "tenun")
                product = services.product_create(
                    business=business,
                    by=business.memberships.first().user,
                    sku=sku,
                    name=name,
                    description=f"{description} Dibuat di {business.desa}.",
                    category=categories[category_slug],
                    price=price,
                    on_hand=(counter * 7) % 60,
                    weight_grams=grams,
                    origin_desa=business.desa,
                    certifications=[] if crafts else certifications,
                    pack_group=group,
                    pack_label=label,
                    submit=counter % 29 != 7,
                )
                services.product_photo_add(
                    product=product,
                    by=None,
                    file=_photo(name, label, category_slug),
                    alt_text=f"Kemasan {name} {label}",
                )
                if product.status != Product.Status.PENDING:
                    continue
                if counter % 23 == 5:
                    services.product_reject(
                        product=product, by=curator, reason=REJECTION_REASON, notify=False
                    )
                elif counter % 17 != 3:
                    services.product_approve(product=product, by=curator, notify=False)
        progress(f"catalogue {index}/{len(businesses)} {business.name}")
    products = Product.objects.filter(business__in=businesses)
    return {
        "storefronts": Storefront.objects.filter(business__in=businesses).count(),
        "products": products.count(),
        "products_public": products.public().count(),
    }
