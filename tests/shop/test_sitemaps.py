"""Issue 17: search engines find the products and storefronts: /sitemap.xml (the index) lists the
marketplace's sections, each URL in Indonesian and English with its hreflang alternates and last change."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
from django.test import Client

from shop import services
from shop.models import Product, Storefront
from shop.sitemaps import ProductSitemap
from tests.factories import BusinessFactory, staff_user
from tests.shop.factories import approved_product, product

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
HOST = "http://testserver"


def _xml(path: str) -> ET.Element:
    response = Client().get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def _urls(path: str) -> dict[str, dict]:
    """location → {lastmod, alternates: {hreflang: href}} of a sitemap section."""
    found = {}
    for url in _xml(path).findall("s:url", NS):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        found[url.findtext("s:loc", namespaces=NS)] = {
            "lastmod": url.findtext("s:lastmod", namespaces=NS),
            "alternates": alternates,
        }
    return found


def _set_updated(model, pk, when: datetime):
    model.objects.filter(pk=pk).update(updated_at=when)


def test_the_index_lists_the_pages_products_and_storefronts():
    index = _xml("/sitemap.xml")
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert [item.findtext("s:loc", namespaces=NS) for item in index.findall("s:sitemap", NS)] == [
        f"{HOST}/sitemap-pages.xml",
        f"{HOST}/sitemap-products.xml",
        f"{HOST}/sitemap-storefronts.xml",
    ]


def test_public_products_are_listed_in_both_languages_with_alternates_and_lastmod():
    public = approved_product(name="Kopi Robusta Sirah Kencong")
    pending = product(name="Keripik Tempe Menunggu")  # sent to curation, not approved
    archived = approved_product(name="Gula Semut Lama")
    services.product_archive(product=archived, by=None)
    draft = product(name="Madu Draf", submit=False)
    _set_updated(Product, public.pk, datetime(2026, 11, 3, 8, 30, tzinfo=UTC))

    urls = _urls("/sitemap-products.xml")

    indonesian, english = f"{HOST}/produk/{public.slug}/", f"{HOST}/en/produk/{public.slug}/"
    assert set(urls) == {indonesian, english}
    alternates = {"id": indonesian, "en": english, "x-default": indonesian}
    assert urls[indonesian] == {"lastmod": "2026-11-03", "alternates": alternates}
    assert urls[english] == {"lastmod": "2026-11-03", "alternates": alternates}
    body = Client().get("/sitemap-products.xml").content.decode()
    assert [item.slug for item in (pending, archived, draft) if item.slug in body] == []


def test_approved_storefronts_are_listed_and_change_with_their_products():
    staff = staff_user()
    open_business, pending_business = BusinessFactory(), BusinessFactory()
    storefront = services.storefront_open(business=open_business, by=None)
    services.storefront_decide(storefront=storefront, by=staff, approve=True, notify=False)
    services.storefront_open(business=pending_business, by=None)  # waits for curation
    item = approved_product(business=open_business)
    _set_updated(Storefront, storefront.pk, datetime(2026, 10, 1, tzinfo=UTC))
    open_business.__class__.objects.filter(pk=open_business.pk).update(
        updated_at=datetime(2026, 9, 1, tzinfo=UTC)
    )
    _set_updated(Product, item.pk, datetime(2026, 11, 20, tzinfo=UTC))

    urls = _urls("/sitemap-storefronts.xml")

    indonesian = f"{HOST}/toko/{open_business.slug}/"
    english = f"{HOST}/en/toko/{open_business.slug}/"
    assert set(urls) == {indonesian, english}
    # The page shows its products: the latest change among storefront, business and public products
    assert urls[english]["lastmod"] == "2026-11-20"
    assert urls[english]["alternates"] == {"id": indonesian, "en": english, "x-default": indonesian}
    # Archiving the product leaves the storefront's own change
    Product.objects.filter(pk=item.pk).update(archived_at=datetime(2026, 11, 21, tzinfo=UTC))
    assert _urls("/sitemap-storefronts.xml")[indonesian]["lastmod"] == "2026-10-01"


def test_editing_the_story_is_a_change_of_the_storefront():
    business = BusinessFactory()
    storefront = services.storefront_open(business=business, by=None)
    _set_updated(Storefront, storefront.pk, datetime(2026, 1, 1, tzinfo=UTC))
    storefront.refresh_from_db()
    services.storefront_update(storefront=storefront, story="Kopi dari lereng Kelud sejak 1998.")
    storefront.refresh_from_db()
    assert storefront.updated_at > datetime(2026, 1, 1, tzinfo=UTC)


def test_sections_are_paginated_and_the_index_lists_every_page(monkeypatch):
    items = [approved_product() for _ in range(3)]
    # 3 products × 2 languages = 6 URLs; at 4 URLs per file (the framework's 50,000, made small) two files
    monkeypatch.setattr(ProductSitemap, "limit", 4)
    index = _xml("/sitemap.xml")
    locations = [item.findtext("s:loc", namespaces=NS) for item in index.findall("s:sitemap", NS)]
    assert f"{HOST}/sitemap-products.xml" in locations
    assert f"{HOST}/sitemap-products.xml?p=2" in locations
    first, second = _urls("/sitemap-products.xml"), _urls("/sitemap-products.xml?p=2")
    assert (len(first), len(second)) == (4, 2)
    assert {url.rsplit("/", 2)[-2] for url in {*first, *second}} == {item.slug for item in items}
