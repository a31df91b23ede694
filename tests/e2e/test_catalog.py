"""Browser journey: a seller lists a product with a photo, staff approve it, a buyer finds it."""

import re

import pytest
from django.conf import settings
from django.core.files.storage import default_storage

from shop.models import Product
from tests.e2e.axe import assert_no_serious_axe_violations
from tests.e2e.session import open_menu
from tests.factories import PASSWORD, BusinessFactory, UserFactory, image_bytes, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _login(browser, live_server, email):
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("Alamat email").fill(email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r".*/akun/profil/$"))
    return context, page


def test_seller_lists_a_product_staff_approve_buyer_finds_it(live_server, browser, tmp_path):
    seller = UserFactory(email="bambang@contoh.test")
    business = BusinessFactory(owner=seller, name="Kopi Sirah Kencong")
    staff_user(email="sri@contoh.test")
    photo = tmp_path / "kopi.jpg"
    photo.write_bytes(image_bytes("JPEG", (800, 600), color=(92, 58, 33)))

    # The seller adds a product and its photo, and sends it to curation.
    context, page = _login(browser, live_server, "bambang@contoh.test")
    open_menu(page)  # the role links are in the header's account menu
    page.get_by_role("link", name="Dasbor penjual").click()
    page.get_by_role("link", name="Tambah produk").click()
    page.get_by_label("Nama produk").fill("Kopi Robusta Petik Merah")
    page.get_by_label("SKU").fill("KOPI-250")
    page.get_by_label("Deskripsi").fill("Robusta lereng Kelud, sangrai sedang.")
    page.get_by_label("Kategori").select_option(label="Kopi")
    page.get_by_label("Harga (Rp)").fill("45000")
    page.get_by_label("Stok").fill("25")
    page.get_by_label("Berat kirim (gram)").fill("260")
    page.get_by_label("Ukuran kemasan").fill("250 g")
    page.get_by_label("Desa/kelurahan asal").select_option(value="35.05.17.1001")
    page.get_by_role("button", name="Simpan dan ajukan ke kurasi").click()
    page.wait_for_url(re.compile(r".*/penjual/produk/\d+/$"))
    assert page.locator(".status").inner_text() == "menunggu kurasi"
    page.locator("input[type=file][name=image]").set_input_files(str(photo))
    page.get_by_label("Keterangan foto").fill("Kemasan kopi robusta 250 g")
    page.get_by_role("button", name="Unggah foto").click()
    assert page.get_by_text("Foto telah ditambahkan.").is_visible()
    context.close()
    product = Product.objects.get(business=business, sku="KOPI-250")
    assert product.status == Product.Status.PENDING and product.photos.count() == 1

    # Before approval a buyer cannot see it.
    buyer_context = browser.new_context(locale="id-ID")
    buyer = buyer_context.new_page()
    buyer.goto(live_server.url + "/produk/kategori/kopi/")
    assert buyer.get_by_text("Kopi Robusta Petik Merah").count() == 0

    # Staff approve it from the curation queue.
    context, page = _login(browser, live_server, "sri@contoh.test")
    page.goto(live_server.url + "/staf/kurasi/")
    page.get_by_role("link", name=re.compile("Kopi Robusta Petik Merah")).click()
    page.get_by_role("button", name="Setujui").click()
    assert page.get_by_text("Kopi Robusta Petik Merah disetujui dan tampil untuk umum.").is_visible()
    context.close()

    # A buyer finds it on the category listing and opens the product page.
    buyer.goto(live_server.url + "/produk/kategori/kopi/")
    card = buyer.locator(".product-card", has_text="Kopi Robusta Petik Merah")
    assert "Rp 45.000" in card.inner_text()
    card.get_by_role("link").click()
    buyer.wait_for_url(live_server.url + f"/produk/{product.slug}/")
    assert buyer.locator("h1").inner_text() == "Kopi Robusta Petik Merah 250 g"
    assert buyer.locator(".product__price").inner_text() == "Rp 45.000"
    assert_no_serious_axe_violations(buyer)  # the product page
    gallery_image = buyer.get_by_role("img", name="Kemasan kopi robusta 250 g")
    # Chromium picks the WebP source of the <picture>; the rendition is a real WebP file in storage (the test
    # server does not serve media, so the bytes are read from storage).
    chosen = gallery_image.evaluate("img => img.currentSrc")
    assert chosen.endswith(".webp")
    with default_storage.open(chosen.split(settings.MEDIA_URL, 1)[1]) as rendition:
        head = rendition.read(12)
    assert head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    assert (
        buyer.get_by_role("link", name="Chat lewat WhatsApp")
        .get_attribute("href")
        .startswith("https://wa.me/62")
    )
    buyer_context.close()
