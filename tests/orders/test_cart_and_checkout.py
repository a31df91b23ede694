import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from adimarko.models import Region
from shop.models import Product
from shop.orders import services
from shop.orders.models import Cart, Order, SellerOrder, ShippingRate
from tests.factories import PASSWORD
from tests.orders.factories import (
    ADDRESS_ELSEWHERE,
    ProductFactory,
    address_in_regency,
    buyer,
    place_order,
    qris_account,
)

pytestmark = pytest.mark.django_db


def test_cart_quantity_above_stock_is_a_field_error():
    product = ProductFactory(stock=3, name="Gula Semut 500 g")
    cart = services.cart_for_user(user=buyer())
    services.cart_item_add(cart=cart, product=product, quantity=2)
    with pytest.raises(ValidationError) as error:
        services.cart_item_add(cart=cart, product=product, quantity=2)
    assert error.value.message_dict == {"quantity": ["Hanya 3 unit Gula Semut 500 g yang tersedia."]}
    assert cart.items.get().quantity == 2


def test_cart_refuses_products_not_on_sale():
    product = ProductFactory(status=Product.Status.PENDING)
    with pytest.raises(ValidationError) as error:
        services.cart_item_add(cart=services.cart_for_user(user=buyer()), product=product, quantity=1)
    assert "quantity" in error.value.message_dict


def test_add_to_cart_view_shows_the_stock_error_and_keeps_the_cart(client):
    product = ProductFactory(stock=2)
    response = client.post(reverse("orders:cart_add", args=[product.pk]), {"quantity": 5}, follow=True)
    assert "Hanya 2 unit" in response.content.decode()
    assert Cart.objects.get().items.count() == 0


def test_anonymous_cart_merges_into_the_buyer_cart_on_login(client):
    user = buyer(email="rina@contoh.test")
    first, second = ProductFactory(stock=5), ProductFactory(stock=4)
    services.cart_item_add(cart=services.cart_for_user(user=user), product=first, quantity=3)
    client.post(reverse("orders:cart_add", args=[first.pk]), {"quantity": 4})
    client.post(reverse("orders:cart_add", args=[second.pk]), {"quantity": 1})
    assert Cart.objects.filter(user__isnull=True).count() == 1
    response = client.post(reverse("account_login"), {"username": "rina@contoh.test", "password": PASSWORD})
    assert response.status_code == 302
    cart = Cart.objects.get(user=user)
    # 3 + 4 = 7 units wanted, 5 in stock: bounded by the stock.
    assert dict(cart.items.values_list("product_id", "quantity")) == {first.pk: 5, second.pk: 1}
    assert not Cart.objects.filter(user__isnull=True).exists()


def test_checkout_splits_the_order_per_seller_snapshots_prices_and_reserves_stock():
    qris_account()
    kopi = ProductFactory(price=45000, weight_grams=500, stock=10)
    gula = ProductFactory(price=18000, weight_grams=1000, stock=5)
    gula_2 = ProductFactory(business=gula.business, price=12000, weight_grams=250, stock=5)
    user = buyer()
    order = place_order(user=user, items=[(kopi, 2), (gula, 1), (gula_2, 2)])
    assert order.status == Order.Status.PENDING_PAYMENT
    parts = {part.business_id: part for part in order.seller_orders.all()}
    assert set(parts) == {kopi.business_id, gula.business_id}
    # 1000 g and 1500 g inside the regency: bands 1000 g (Rp 10.000) and 2000 g (Rp 14.000).
    assert (parts[kopi.business_id].subtotal, parts[kopi.business_id].shipping) == (90000, 10000)
    assert (parts[gula.business_id].subtotal, parts[gula.business_id].shipping) == (42000, 14000)
    assert parts[kopi.business_id].commission == 4500
    assert (order.subtotal, order.shipping_total, order.total) == (132000, 24000, 156000)
    Product.objects.filter(pk=kopi.pk).update(price=99000)
    line = parts[kopi.business_id].lines.get()
    assert (line.unit_price, line.quantity, line.product_name) == (45000, 2, kopi.name)
    kopi.refresh_from_db(), gula.refresh_from_db()
    assert (kopi.stock, gula.stock) == (8, 4)
    assert not Cart.objects.get(user=user).items.exists()
    assert order.desa.code == "35.05.17.1001" and order.postal_code


def test_shipping_elsewhere_uses_the_other_column_and_heavy_parcels_pay_per_band():
    assert services.shipping_cost(weight_grams=900, in_regency=False) == 20000
    ShippingRate.objects.filter(max_weight_grams=10000).update(price_elsewhere=100000)
    assert services.shipping_cost(weight_grams=25000, in_regency=False) == 300000


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"desa": None}, {"desa"}),
        ({"phone": "0342 801234"}, {"phone"}),
        ({"street": "", "recipient_name": " "}, {"street", "recipient_name"}),
    ],
)
def test_bad_addresses_in_the_regency_are_field_errors(changes, fields):
    product = ProductFactory(stock=5)
    with pytest.raises(ValidationError) as error:
        place_order(user=buyer(), items=[(product, 1)], address={**address_in_regency(), **changes})
    assert set(error.value.message_dict) == fields
    product.refresh_from_db()
    assert product.stock == 5 and not Order.objects.exists()


def test_bad_addresses_elsewhere_are_field_errors():
    product = ProductFactory(stock=5)
    address = {**ADDRESS_ELSEWHERE, "city": "", "province": "", "postal_code": "5528"}
    with pytest.raises(ValidationError) as error:
        place_order(user=buyer(), items=[(product, 1)], address=address)
    assert error.value.message_dict == {
        "city": ["Isi kota atau kabupaten."],
        "province": ["Isi provinsi."],
        "postal_code": ["Isi kode pos 5 digit."],
    }


def test_checkout_form_shows_field_errors_and_keeps_the_cart(client):
    user = buyer()
    product = ProductFactory(stock=5)
    services.cart_item_add(cart=services.cart_for_user(user=user), product=product, quantity=2)
    client.force_login(user)
    response = client.post(
        reverse("orders:checkout"),
        {
            "recipient_name": "Rina",
            "phone": "0812 3456 7890",
            "in_regency": "1",
            "desa": "",
            "street": "Jl. Kenanga 7",
            "payment_method": "qris",
        },
    )
    assert response.status_code == 200
    assert "Pilih desa/kelurahan di Kabupaten Blitar." in response.content.decode()
    assert Cart.objects.get(user=user).items.get().quantity == 2


def test_checkout_when_stock_ran_out_meanwhile_is_a_quantity_error(client):
    qris_account()
    user = buyer()
    product = ProductFactory(stock=5, name="Madu Randu 250 ml")
    services.cart_item_add(cart=services.cart_for_user(user=user), product=product, quantity=4)
    Product.objects.filter(pk=product.pk).update(stock=3)
    client.force_login(user)
    desa = Region.objects.get(code="35.05.17.1001")
    response = client.post(
        reverse("orders:checkout"),
        {
            "recipient_name": "Rina",
            "phone": "0812 3456 7890",
            "in_regency": "1",
            "desa": desa.code,
            "street": "Jl. Kenanga 7",
            "payment_method": "qris",
        },
    )
    assert "Stok tidak cukup untuk: Madu Randu 250 ml" in response.content.decode()
    product.refresh_from_db()
    assert product.stock == 3 and not SellerOrder.objects.exists()


def test_qris_checkout_redirects_to_the_order_with_a_dynamic_code(client):
    qris_account()
    user = buyer()
    product = ProductFactory(stock=5, price=30000)
    services.cart_item_add(cart=services.cart_for_user(user=user), product=product, quantity=1)
    client.force_login(user)
    desa = Region.objects.get(code="35.05.17.1001")
    response = client.post(
        reverse("orders:checkout"),
        {
            "recipient_name": "Rina",
            "phone": "0812 3456 7890",
            "in_regency": "1",
            "desa": desa.code,
            "street": "Jl. Kenanga 7",
            "payment_method": "qris",
        },
        follow=True,
    )
    order = Order.objects.get()
    assert response.redirect_chain[-1][0].endswith(f"/pesanan/{order.reference}/")
    assert "<svg" in response.content.decode()
    assert "540540000" in order.qris_payload  # tag 54, length 05, Rp 40.000 (30.000 + 10.000 shipping)
