"""Issue 17: product categories carry English names (`Category.name_en`, filled for the whole tree by
shop/migrations/0003) and English pages show them: listing, product page with its breadcrumbs and JSON-LD, the
seller's product form and dashboard, the curation queue."""

import json
import re

import pytest
from django.test import Client

from shop.models import Category
from tests.factories import staff_user
from tests.shop.factories import approved_product, product

pytestmark = pytest.mark.django_db


def _jsonld_product(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    return next(data for data in map(json.loads, blocks) if data.get("@type") == "Product")


def test_every_category_of_the_tree_has_an_english_name():
    assert list(Category.objects.filter(name_en="").values_list("slug", flat=True)) == []
    assert dict(Category.objects.filter(slug__in=["kopi", "minuman"]).values_list("slug", "name_en")) == {
        "kopi": "Coffee",
        "minuman": "Drinks",
    }


def test_the_listing_and_product_page_name_the_category_in_english(client):
    item = approved_product()  # category Kopi (Minuman › Kopi)
    listing = client.get("/en/produk/kategori/kopi/").content.decode()
    assert "<h1>Coffee</h1>" in listing
    page = client.get(f"/en/produk/{item.slug}/").content.decode()
    assert '<a href="/en/produk/kategori/minuman/">Drinks</a>' in page
    assert '<a href="/en/produk/kategori/kopi/">Coffee</a>' in page
    # JSON-LD of the English page: before, "Kopi"
    assert _jsonld_product(page)["category"] == "Coffee"
    indonesian = client.get(f"/produk/{item.slug}/").content.decode()
    assert '<a href="/produk/kategori/kopi/">Kopi</a>' in indonesian
    assert _jsonld_product(indonesian)["category"] == "Kopi"


def test_the_seller_and_curator_pages_name_categories_in_english():
    item = product()  # waiting for curation
    seller = Client()
    seller.force_login(item.business.members.get())
    form = seller.get(f"/en/penjual/produk/baru/?usaha={item.business.slug}")
    html = form.content.decode()
    assert re.search(r'<optgroup label="Drinks">\s*<option value="\d+"[^>]*>Coffee</option>', html)
    dashboard = seller.get(f"/en/penjual/?usaha={item.business.slug}")
    assert f"{item.sku} · Coffee" in dashboard.content.decode()
    curator = Client()
    curator.force_login(staff_user())
    assert '<span class="small">Coffee</span>' in curator.get("/en/staf/kurasi/").content.decode()
    assert f"{item.sku} · Kopi" in seller.get(f"/penjual/?usaha={item.business.slug}").content.decode()
