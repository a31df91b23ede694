"""Pages and products for the public-site tests, built through Wagtail's page API and the models."""

import datetime
import itertools

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from adimarko.core.models import Region
from cms.models import ContactPage, HomePage, NewsCategory, NewsIndexPage, NewsPage
from shop.models import Category, Product, ProductPhoto
from tests.factories import BusinessFactory, image_bytes

_numbers = itertools.count(1)


def home(language: str = "id") -> HomePage:
    default = Site.objects.get(is_default_site=True).root_page
    locale = Locale.objects.get(language_code=language)
    return default.get_translation(locale).specific


def publish_child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page: Page, language: str, **fields) -> Page:
    """A published translation of `page` (its parent must be translated already)."""
    translated = page.copy_for_translation(Locale.objects.get(language_code=language)).specific
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


def news_index(parent: Page | None = None, **fields) -> NewsIndexPage:
    fields = {"title": "Berita", "slug": "berita", **fields}
    return publish_child(parent or home(), NewsIndexPage(**fields))


def news_page(index: NewsIndexPage, *, categories=(), tags=(), **fields) -> NewsPage:
    number = next(_numbers)
    fields = {
        "title": f"Kabar nomor {number}",
        "slug": f"kabar-{number}",
        "introduction": f"Ringkasan kabar nomor {number}.",
        "date": datetime.date(2026, 10, 1) + datetime.timedelta(days=number),
        "author_name": "Tim Humas",
        **fields,
    }
    page = NewsPage(**fields)
    index.add_child(instance=page)
    page.categories.set(categories)
    page.tags.set(tags)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def news_category(name: str = "Smart City", slug: str = "smart-city", language: str = "id", source=None):
    category = NewsCategory(name=name, slug=slug, locale=Locale.objects.get(language_code=language))
    if source is not None:
        category.translation_key = source.translation_key
    category.save()
    return category


def contact_page(parent: Page | None = None, **fields) -> ContactPage:
    fields = {"title": "Kontak", "slug": "kontak", "to_address": "staf@disperindag.test", **fields}
    return publish_child(parent or home(), ContactPage(**fields))


def wagtail_image(title: str = "Foto produk", size=(1600, 1200)):
    return get_image_model().objects.create(
        title=title, file=ContentFile(image_bytes(size=size), name=f"{title.replace(' ', '-')}.png")
    )


def product(*, business=None, status=Product.Status.APPROVED, photo=True, **fields) -> Product:
    number = next(_numbers)
    category, _ = Category.objects.get_or_create(slug="kopi", defaults={"name": "Kopi", "name_en": "Coffee"})
    fields = {
        "sku": f"KOPI-{number}",
        "name": f"Kopi Robusta Wlingi {number}",
        "slug": f"kopi-robusta-wlingi-{number}",
        "description": "Kopi robusta petik merah, sangrai sedang.",
        "price": 45_000,
        "stock": 12,
        "weight_grams": 250,
        "published_at": timezone.now(),
        **fields,
    }
    item = Product.objects.create(
        business=business or BusinessFactory(),
        category=category,
        origin_desa=Region.objects.filter(level=4).order_by("code").first(),
        status=status,
        **fields,
    )
    if photo:
        ProductPhoto.objects.create(product=item, image=wagtail_image(), alt_text=f"Kemasan {item.name}")
    return item
