"""Browsing: listings (category, kecamatan, sorting, pagination), product page, storefront."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from adimarko.core.services import certification_add
from shop import services
from shop.views.public import PAGE_SIZE
from tests.factories import BusinessFactory, desa, staff_user
from tests.shop.factories import approved_product, category, product, upload

pytestmark = pytest.mark.django_db

SRENGAT_DESA = "35.05.03.2001"


def _names(response):
    return [p.name for p in response.context["products"]]


def test_listing_cards_name_the_pack_size(client):
    small = approved_product(name="Kopi Luwak Liar", pack_label="100 g", price=150_000)
    approved_product(name="Kopi Luwak Liar", pack_label="200 g", price=280_000, business=small.business)
    approved_product(name="Gula Semut")  # no pack size: nothing after the name
    html = client.get(reverse("product_list")).content.decode()
    assert 'Kopi Luwak Liar <span class="product-card__pack">100 g</span></h3>' in html
    assert 'Kopi Luwak Liar <span class="product-card__pack">200 g</span></h3>' in html
    assert '<h3 class="product-card__name">Gula Semut</h3>' in html


def test_listing_shows_only_public_products(client):
    public = approved_product(name="Kopi Publik")
    product(name="Kopi Menunggu")
    archived = approved_product(name="Kopi Arsip")
    services.product_archive(product=archived, by=None)
    response = client.get(reverse("product_list"))
    assert _names(response) == [public.name]
    assert "1 produk" in response.content.decode()


def test_category_listing_includes_subcategories(client):
    kopi = approved_product(name="Kopi Robusta", category=category("kopi"))
    approved_product(name="Gula Semut", category=category("gula"))
    assert _names(client.get(reverse("product_category", args=["kopi"]))) == [kopi.name]
    assert _names(client.get(reverse("product_category", args=["minuman"]))) == [kopi.name]
    assert client.get(reverse("product_category", args=["tidak-ada"])).status_code == 404


def test_kecamatan_listing_by_origin(client):
    wlingi = approved_product(name="Kopi Wlingi")
    srengat = approved_product(name="Keripik Srengat", origin_desa=desa(SRENGAT_DESA))
    assert desa(SRENGAT_DESA).parent.name == "Srengat"
    assert _names(client.get(reverse("product_kecamatan", args=["srengat"]))) == [srengat.name]
    assert _names(client.get(reverse("product_list"), {"kecamatan": "wlingi"})) == [wlingi.name]
    assert client.get(reverse("product_kecamatan", args=["atlantis"])).status_code == 404


def test_sorting_by_price(client):
    for price in (30000, 10000, 20000):
        approved_product(price=price)
    low = client.get(reverse("product_list"), {"urut": "harga-terendah"})
    high = client.get(reverse("product_list"), {"urut": "harga-tertinggi"})
    assert [p.price for p in low.context["products"]] == [10000, 20000, 30000]
    assert [p.price for p in high.context["products"]] == [30000, 20000, 10000]
    assert client.get(reverse("product_list"), {"urut": "aneh"}).status_code == 200


def test_pagination(client):
    business = BusinessFactory()
    for n in range(PAGE_SIZE + 2):
        approved_product(business=business, name=f"Keripik {n:02d}", category=category("keripik"))
    first = client.get(reverse("product_list"), {"urut": "nama"})
    second = client.get(reverse("product_list"), {"urut": "nama", "halaman": 2})
    assert len(first.context["products"]) == PAGE_SIZE
    assert _names(second) == ["Keripik 24", "Keripik 25"]
    assert "urut=nama&amp;halaman=2" in first.content.decode()
    assert client.get(reverse("product_list"), {"halaman": "999"}).status_code == 200


def test_empty_listing_has_a_message(client):
    html = client.get(reverse("product_category", args=["batik"])).content.decode()
    assert "Belum ada produk yang cocok" in html


def test_product_page_shows_valid_certificates_pack_sizes_related_and_seller(client):
    business = BusinessFactory(name="Kopi Sirah Kencong")
    business.alumni_year = 2025
    business.save(update_fields=["alumni_year"])
    halal = certification_add(
        business=business, kind="halal", number="ID3511", expires_on=date.today() + timedelta(days=30)
    )
    expired = certification_add(
        business=business, kind="pirt", number="PIRT-LAMA", expires_on=date.today() - timedelta(days=1)
    )
    small = approved_product(
        business=business,
        name="Kopi Robusta",
        pack_group="kopi-robusta",
        pack_label="250 g",
        certifications=[halal, expired],
    )
    big = approved_product(
        business=business, name="Kopi Robusta", pack_group="kopi-robusta", pack_label="1 kg", price=160000
    )
    related = approved_product(name="Kopi Arabika Gandusari")
    unrelated = approved_product(name="Gula Semut", category=category("gula"))
    services.storefront_decide(
        storefront=services.storefront_open(business=business, by=None), by=staff_user(), approve=True
    )
    response = client.get(reverse("product_detail", args=[small.slug]))
    html = response.content.decode()
    assert "Halal (BPJPH)" in html
    assert "PIRT-LAMA" not in html and ">PIRT" not in html
    assert f'href="/produk/{big.slug}/"' in html and '1 kg · <span class="money">Rp 160.000</span>' in html
    assert [p.pk for p in response.context["related"]] == [related.pk]
    assert unrelated.name not in html
    assert "Alumni Adi Marko 2025" in html
    assert "https://wa.me/62" in html
    assert f'href="/toko/{business.slug}/"' in html
    assert "Rp 45.000" in html and "Stok tersedia: 20 barang" in html
    assert "Beru, Kecamatan Wlingi" in html


def test_out_of_stock_state(client):
    item = approved_product(on_hand=0)
    assert "Stok habis" in client.get(reverse("product_detail", args=[item.slug])).content.decode()


def test_storefront_is_public_only_after_curation(client):
    business = BusinessFactory(name="Madu Klanceng Doko", description="Madu klanceng kaya propolis.")
    item = approved_product(business=business)
    storefront = services.storefront_open(business=business, by=None)
    assert client.get(reverse("storefront_detail", args=[business.slug])).status_code == 404
    client.force_login(business.memberships.get().user)
    preview = client.get(reverse("storefront_detail", args=[business.slug]))
    assert preview.status_code == 200 and "Pratinjau" in preview.content.decode()
    client.logout()
    services.storefront_decide(storefront=storefront, by=staff_user(), approve=True)
    html = client.get(reverse("storefront_detail", args=[business.slug])).content.decode()
    assert "Madu klanceng kaya propolis." in html
    assert item.name in html
    assert "Kecamatan Wlingi" in html


def test_english_listing(client):
    approved_product(name="Kopi Robusta")
    html = client.get("/en/produk/kategori/kopi/").content.decode()
    assert "<h1>Coffee</h1>" in html


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_counts_do_not_grow_with_the_number_of_products(client, monkeypatch):
    from shop.views import public

    business = BusinessFactory()
    for n in range(3):
        item = product(business=business, name=f"Kopi {n}", pack_group="kopi", pack_label=f"{n + 1} kg")
        services.product_photo_add(product=item, by=None, file=upload(), alt_text=f"Kopi {n}")
        services.product_approve(product=item, by=staff_user())
    monkeypatch.setattr(public, "PAGE_SIZE", 2)
    client.get(reverse("product_list"))  # renditions are made on first view, then read with the photos
    client.get(reverse("product_detail", args=[item.slug]))
    small_listing = _queries(client, reverse("product_list"))
    small_page = _queries(client, reverse("product_detail", args=[item.slug]))
    for n in range(3, 12):
        extra = product(business=business, name=f"Kopi {n}", pack_group="kopi", pack_label=f"{n + 1} kg")
        services.product_photo_add(product=extra, by=None, file=upload(), alt_text=f"Kopi {n}")
        services.product_approve(product=extra, by=staff_user())
    monkeypatch.setattr(public, "PAGE_SIZE", 10)
    client.get(reverse("product_list"))  # renditions of the new photos are made once
    client.get(reverse("product_detail", args=[item.slug]))
    assert _queries(client, reverse("product_list")) == small_listing
    assert _queries(client, reverse("product_detail", args=[item.slug])) == small_page
    assert small_listing <= 10 and small_page <= 12
