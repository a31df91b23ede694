"""Browser journeys of the marketplace checkout: Debian's Chromium through Playwright against a live server,
with stripe-mock answering the Stripe API. stripe-mock sends no webhooks and its hosted Checkout page does not
exist, so the test checks the Checkout Session was created, then posts the signed event as Stripe would."""

import json
import re
import urllib.request

import pytest
from django.urls import reverse

from shop.orders.models import Order, SellerOrder
from tests.factories import PASSWORD, staff_user
from tests.orders.factories import (
    ProductFactory,
    buyer,
    qris_account,
    seller,
    session_object,
    stripe_event,
    stripe_signature,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.stripe,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _login(page, base_url, email):
    page.goto(base_url + reverse("account_login"))
    page.get_by_label("Alamat email").fill(email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r".*/akun/profil/$"))


def _add_to_cart(page, base_url, product, quantity):
    page.goto(base_url + reverse("product_detail", args=[product.slug]))
    page.get_by_label("Jumlah").fill(str(quantity))
    page.get_by_role("button", name="Tambah ke keranjang").click()
    page.wait_for_url(re.compile(r".*/keranjang/$"))


def _fill_address(page):
    page.get_by_label("Nama penerima").fill("Rina Kusuma")
    page.get_by_label("Nomor HP").fill("0812 3456 7890")
    page.get_by_label("Di Kabupaten Blitar").check()
    page.get_by_label("Desa/kelurahan (Kabupaten Blitar)").select_option("35.05.17.1001")
    page.get_by_label("Alamat jalan").fill("Jl. Kenanga No. 7 RT 02/RW 03")


def _post_signed_webhook(base_url, payload: bytes) -> dict:
    request = urllib.request.Request(
        base_url + "/webhooks/stripe/",
        data=payload,
        headers={"Content-Type": "application/json", "Stripe-Signature": stripe_signature(payload)},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_buyer_pays_two_sellers_by_card_both_see_their_part_one_ships(live_server, browser, page):
    business_a, owner_a = seller(name="Kopi Sirah Kencong Wlingi")
    business_b, owner_b = seller(name="Gula Kelapa Bu Sumi")
    kopi = ProductFactory(business=business_a, name="Kopi Robusta Bubuk 250 g", price=45000, stock=10)
    gula = ProductFactory(business=business_b, name="Gula Semut 500 g", price=18000, stock=6)
    the_buyer = buyer(email="rina@contoh.test")
    base = live_server.url

    _login(page, base, the_buyer.email)
    _add_to_cart(page, base, kopi, 2)
    _add_to_cart(page, base, gula, 1)
    assert page.get_by_role("heading", name="Kopi Sirah Kencong Wlingi").is_visible()
    assert page.get_by_role("heading", name="Gula Kelapa Bu Sumi").is_visible()
    assert page.get_by_test_id("cart-total").inner_text() == "Rp 108.000"
    page.get_by_role("link", name="Checkout").click()
    _fill_address(page)
    page.get_by_label("Kartu (Stripe)").check()
    # The hosted Checkout page lives at Stripe; stripe-mock only answers the API, so the browser stops there.
    page.route(
        "https://checkout.stripe.com/**", lambda route: route.fulfill(status=200, body="Stripe Checkout")
    )
    page.get_by_role("button", name="Bayar sekarang").click()
    page.wait_for_url(re.compile(r"^https://checkout\.stripe\.com/"))

    order = Order.objects.get(buyer=the_buyer)
    assert order.stripe_session_id.startswith("cs_")
    assert order.status == Order.Status.PENDING_PAYMENT
    # 2 × 45.000 + 18.000 of goods, Rp 10.000 shipping from each seller inside the regency.
    assert order.total == 128000
    kopi.refresh_from_db()
    assert kopi.stock == 8  # reserved while the buyer pays

    outcome = _post_signed_webhook(
        base, stripe_event("checkout.session.completed", session_object(order), event_id="evt_e2e_paid")
    )
    assert outcome["outcome"] == "paid"
    order.refresh_from_db()
    assert order.status == Order.Status.PAID

    seller_a_page = browser.new_context(locale="id-ID").new_page()
    _login(seller_a_page, base, owner_a.email)
    seller_a_page.goto(base + reverse("orders:seller_order_list"))
    seller_a_page.get_by_role("link", name=order.reference).click()
    assert seller_a_page.get_by_test_id("seller-order-status").inner_text() == "dibayar"
    assert "Kopi Robusta Bubuk 250 g" in seller_a_page.content()
    assert "Gula Semut 500 g" not in seller_a_page.content()
    seller_a_page.get_by_label("Kurir").select_option("jne")
    seller_a_page.get_by_label("Nomor resi").fill("JNE0123456789")
    seller_a_page.get_by_role("button", name="Tandai dikirim").click()
    seller_a_page.wait_for_url(re.compile(r".*/penjual/pesanan/\d+/$"))
    assert seller_a_page.get_by_test_id("seller-order-status").inner_text() == "dikirim"

    seller_b_page = browser.new_context(locale="id-ID").new_page()
    _login(seller_b_page, base, owner_b.email)
    seller_b_page.goto(base + reverse("orders:seller_order_list"))
    seller_b_page.get_by_role("link", name=order.reference).click()
    assert seller_b_page.get_by_test_id("seller-order-status").inner_text() == "dibayar"
    assert "Kopi Robusta Bubuk 250 g" not in seller_b_page.content()
    part_a = SellerOrder.objects.get(order=order, business=business_a)
    response = seller_b_page.goto(base + reverse("orders:seller_order_detail", args=[part_a.pk]))
    assert response.status == 404

    page.goto(base + reverse("orders:order_detail", args=[order.reference]))
    parts = page.get_by_test_id("seller-order")
    kopi_part = parts.filter(has_text="Kopi Sirah Kencong Wlingi")
    assert "dikirim" in kopi_part.inner_text() and "JNE0123456789" in kopi_part.inner_text()
    assert "dibayar" in parts.filter(has_text="Gula Kelapa Bu Sumi").inner_text()


def _fits_the_phone(page) -> None:
    """Nothing on the page is wider than the 390 px window (no sideways scrolling)."""
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width == [390, 390], f"{page.url} is {width[0]} px wide"


def test_buyer_pays_with_qris_and_staff_confirm(live_server, browser, page):
    """On a 390 px phone (the `page` fixture's viewport): the total follows the delivery area, the QRIS page
    names the merchant and offers the code as a PNG, the buyer says they paid, staff confirm after a
    confirmation step."""
    qris_account()
    business, _owner = seller(name="Madu Hutan Kademangan")
    madu = ProductFactory(business=business, name="Madu Randu 250 ml", price=55000, stock=3)
    the_buyer = buyer(email="andi@contoh.test")
    staff = staff_user(email="staf@contoh.test")
    base = live_server.url

    _login(page, base, the_buyer.email)
    _add_to_cart(page, base, madu, 1)
    page.get_by_role("link", name="Checkout").click()
    inside, elsewhere = page.get_by_test_id("total-in-regency"), page.get_by_test_id("total-elsewhere")
    assert inside.is_visible() and not elsewhere.is_visible()
    page.get_by_label("Di luar Kabupaten Blitar").check()
    assert elsewhere.is_visible() and not inside.is_visible()
    assert elsewhere.inner_text() == "Total, dikirim ke luar Kabupaten Blitar: Rp 75.000"
    _fill_address(page)  # back inside the regency
    assert inside.is_visible() and not elsewhere.is_visible()
    assert inside.inner_text() == "Total, dikirim di dalam Kabupaten Blitar: Rp 65.000"
    _fits_the_phone(page)
    page.get_by_label("QRIS").check()
    page.get_by_role("button", name="Bayar sekarang").click()
    page.wait_for_url(re.compile(r".*/pesanan/AM[0-9]{6}-[0-9A-F]{6}/$"))
    assert page.get_by_test_id("order-status").inner_text() == "menunggu pembayaran"
    assert page.get_by_test_id("qris-code").locator("svg").is_visible()
    assert page.get_by_test_id("qris-merchant").inner_text() == "ADI MARKO DISPERINDAG"
    assert "Rp 65.000" in page.content()
    order = Order.objects.get(buyer=the_buyer)
    assert "54" + "05" + "65000" in order.qris_payload
    _fits_the_phone(page)
    code = page.get_by_test_id("qris-code").locator("svg").bounding_box()
    assert code["x"] >= 0 and code["x"] + code["width"] <= 390
    with page.expect_download() as saved:
        page.get_by_role("link", name="Simpan gambar QR").click()
    assert saved.value.suggested_filename == f"qris-{order.reference}.png"
    button = page.get_by_role("button", name="Saya sudah bayar").bounding_box()
    assert button["height"] >= 44 and button["width"] >= 300  # a whole-width touch target
    page.get_by_role("button", name="Saya sudah bayar").click()
    assert page.get_by_test_id("claim-recorded").is_visible()

    staff_page = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844}).new_page()
    _login(staff_page, base, staff.email)
    staff_page.goto(base + reverse("orders:staff_order_list"))
    queue = staff_page.get_by_test_id("qris-queue")
    assert queue.get_by_test_id("buyer-says-paid").is_visible()
    queue.get_by_role("link", name=f"Konfirmasi pembayaran QRIS {order.reference}").click()
    _fits_the_phone(staff_page)
    staff_page.get_by_role("button", name="Ya, uangnya sudah masuk: konfirmasi").click()
    assert f"Pembayaran pesanan {order.reference} dikonfirmasi." in staff_page.content()

    page.reload()
    assert page.get_by_test_id("order-status").inner_text() == "dibayar"
    madu.refresh_from_db()
    assert (madu.stock, madu.sales_count) == (2, 1)
