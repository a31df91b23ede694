"""Who sees and changes what, tested for every role against every kind of order object."""

import pytest
from django.urls import reverse

from adimarko.core.roles import Role
from shop.orders import services
from shop.orders.models import Order, SellerOrder
from tests.factories import UserFactory, staff_user
from tests.orders.factories import ProductFactory, buyer, place_order, qris_account, seller

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "buyer", "other_buyer", "seller_a", "seller_b", "jury", "trainer", "staff")


@pytest.fixture
def world():
    qris_account()
    business_a, owner_a = seller(name="Kopi Sirah Kencong A")
    business_b, owner_b = seller(name="Gula Kelapa B")
    product_a = ProductFactory(business=business_a, stock=10)
    product_b = ProductFactory(business=business_b, stock=10)
    the_buyer, other_buyer = buyer(), buyer()
    order = place_order(user=the_buyer, items=[(product_a, 1)])
    services.qris_payment_confirm(order=order, by=staff_user())
    other_order = place_order(user=other_buyer, items=[(product_b, 1)])
    services.qris_payment_confirm(order=other_order, by=staff_user())
    users = {
        "anonymous": None,
        "buyer": the_buyer,
        "other_buyer": other_buyer,
        "seller_a": owner_a,
        "seller_b": owner_b,
        "jury": UserFactory(roles=(Role.JURY,)),
        "trainer": UserFactory(roles=(Role.TRAINER,)),
        "staff": staff_user(),
    }
    return {
        "users": users,
        "order": order,
        "part_a": order.seller_orders.get(),
        "business_a": business_a,
        "other_order": other_order,
    }


def _client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client


def _expect(role, allowed):
    if role == "anonymous":
        return 302
    return 200 if role in allowed else 404


@pytest.mark.parametrize("role", ROLES)
def test_buyer_order_page(client, world, role):
    response = _client_for(client, world["users"][role]).get(
        reverse("orders:order_detail", args=[world["order"].reference])
    )
    assert response.status_code == _expect(role, {"buyer", "staff"})
    if response.status_code == 200:
        assert world["order"].reference in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_seller_order_page(client, world, role):
    response = _client_for(client, world["users"][role]).get(
        reverse("orders:seller_order_detail", args=[world["part_a"].pk])
    )
    assert response.status_code == _expect(role, {"seller_a", "staff"})


@pytest.mark.parametrize("role", ROLES)
def test_changing_a_seller_order(client, world, role):
    part = world["part_a"]
    response = _client_for(client, world["users"][role]).post(
        reverse("orders:seller_order_advance", args=[part.pk]), {"status": "processing"}
    )
    part.refresh_from_db()
    if role in ("seller_a", "staff"):
        assert response.status_code == 302 and part.status == SellerOrder.Status.PROCESSING
    else:
        assert response.status_code == (302 if role == "anonymous" else 404)
        assert part.status == SellerOrder.Status.PAID


@pytest.mark.parametrize("role", ROLES)
def test_seller_ledger(client, world, role):
    response = _client_for(client, world["users"][role]).get(
        reverse("orders:seller_ledger") + f"?usaha={world['business_a'].slug}"
    )
    assert response.status_code == _expect(role, {"seller_a", "staff"})
    if response.status_code == 200:
        assert "Rp 33.750" in response.content.decode()  # 25.000 + 10.000 shipping − 5 % of 25.000


@pytest.mark.parametrize("role", ROLES)
def test_seller_order_list_shows_only_own_parts(client, world, role):
    response = _client_for(client, world["users"][role]).get(reverse("orders:seller_order_list"))
    if role == "anonymous":
        assert response.status_code == 302
        return
    content = response.content.decode()
    assert (world["order"].reference in content) == (role == "seller_a")
    assert (world["other_order"].reference in content) == (role == "seller_b")


@pytest.mark.parametrize("role", ROLES)
def test_buyer_order_list_shows_only_own_orders(client, world, role):
    response = _client_for(client, world["users"][role]).get(reverse("orders:order_list"))
    if role == "anonymous":
        assert response.status_code == 302
        return
    content = response.content.decode()
    assert (world["order"].reference in content) == (role == "buyer")


@pytest.mark.parametrize("role", ROLES)
def test_staff_payment_pages(client, world, role):
    c = _client_for(client, world["users"][role])
    listing = c.get(reverse("orders:staff_order_list"))
    payouts = c.get(reverse("orders:staff_payouts"))
    expected = 302 if role == "anonymous" else (200 if role == "staff" else 403)
    assert (listing.status_code, payouts.status_code) == (expected, expected)


@pytest.mark.parametrize("role", ROLES)
def test_confirming_a_qris_payment_and_refunding(client, world, role):
    pending = place_order(
        user=world["users"]["other_buyer"], items=[(world["part_a"].lines.get().product, 1)]
    )
    c = _client_for(client, world["users"][role])
    c.post(reverse("orders:staff_qris_confirm", args=[pending.reference]), {"confirm": "yes"})
    c.post(reverse("orders:staff_refund", args=[world["order"].reference]))
    pending.refresh_from_db()
    world["order"].refresh_from_db()
    if role == "staff":
        assert pending.status == Order.Status.PAID
        assert world["order"].status == Order.Status.REFUNDED
    else:
        assert pending.status == Order.Status.PENDING_PAYMENT
        assert world["order"].status == Order.Status.PAID


@pytest.mark.parametrize("role", ["buyer", "other_buyer", "seller_a", "seller_b", "staff"])
def test_only_the_buyer_confirms_receipt(client, world, role):
    part = world["part_a"]
    services.seller_order_advance(
        seller_order=part, status="shipped", courier="jne", tracking_number="JNE12345678"
    )
    services.seller_order_advance(seller_order=part, status="delivered")
    c = _client_for(client, world["users"][role])
    c.post(reverse("orders:order_complete", args=[world["order"].reference, part.pk]))
    part.refresh_from_db()
    assert (part.status == SellerOrder.Status.COMPLETED) == (role == "buyer")


def test_seller_form_errors_are_shown_not_500(client, world):
    part = world["part_a"]
    client.force_login(world["users"]["seller_a"])
    url = reverse("orders:seller_order_advance", args=[part.pk])
    response = client.post(url, {"status": "delivered"}, follow=True)
    assert response.status_code == 200
    assert "tidak dapat menjadi" in response.content.decode()
    response = client.post(url, {"status": "shipped", "courier": "", "tracking_number": ""})
    assert response.status_code == 400
    assert set(response.context["ship_form"].errors) == {"courier", "tracking_number"}
    assert response.content.decode().count('class="error" id="id_') == 2
    response = client.post(url, {"status": "shipped", "courier": "jne", "tracking_number": "??"})
    assert response.status_code == 400
    assert "Isi nomor resi dari kurir." in response.content.decode()
    part.refresh_from_db()
    assert part.status == SellerOrder.Status.PAID


def test_add_to_cart_never_redirects_off_site(client, world):
    product = world["part_a"].lines.get().product
    response = client.post(
        reverse("orders:cart_add", args=[product.pk]), {"quantity": 999, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("orders:cart")


@pytest.mark.parametrize("role", ["buyer", "other_buyer", "seller_a", "staff"])
def test_only_the_buyer_cancels_an_unpaid_order_and_the_stock_comes_back(client, world, role):
    product = world["part_a"].lines.get().product
    pending = place_order(user=world["users"]["buyer"], items=[(product, 2)])
    product.refresh_from_db()
    before = product.stock
    c = _client_for(client, world["users"][role])
    c.post(reverse("orders:order_cancel", args=[pending.reference]), {"confirm": "yes"})
    pending.refresh_from_db()
    product.refresh_from_db()
    if role == "buyer":
        assert pending.status == Order.Status.CANCELLED and product.stock == before + 2
    else:
        assert pending.status == Order.Status.PENDING_PAYMENT and product.stock == before
