import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from adimarko.core.models import Region
from shop.models import Product
from shop.orders import services
from shop.orders.models import Cart, Order, SellerBankAccount, SellerOrder, ShippingRate
from shop.orders.services.checkout import checkout_summary
from tests.factories import PASSWORD
from tests.orders.factories import (
    ADDRESS_ELSEWHERE,
    CHECKOUT_FORM,
    ProductFactory,
    address_in_regency,
    buyer,
    checkout_page_fields,
    place_order,
    qris_account,
    seller,
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
    qris_account()  # QRIS is offered only when the platform has an account
    user = buyer()
    product = ProductFactory(stock=5)
    services.cart_item_add(cart=services.cart_for_user(user=user), product=product, quantity=2)
    client.force_login(user)
    page = checkout_page_fields(client.get(reverse("orders:checkout")).content.decode())
    response = client.post(
        reverse("orders:checkout"),
        {
            "recipient_name": "Rina",
            "phone": "0812 3456 7890",
            "in_regency": "1",
            "desa": "",
            "street": "Jl. Kenanga 7",
            "payment_method": "qris",
            **page,
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
    page = checkout_page_fields(client.get(reverse("orders:checkout")).content.decode())
    response = client.post(
        reverse("orders:checkout"),
        {
            "recipient_name": "Rina",
            "phone": "0812 3456 7890",
            "in_regency": "1",
            "desa": desa.code,
            "street": "Jl. Kenanga 7",
            "payment_method": "qris",
            **page,
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
    page = checkout_page_fields(client.get(reverse("orders:checkout")).content.decode())
    response = client.post(
        reverse("orders:checkout"),
        {
            "recipient_name": "Rina",
            "phone": "0812 3456 7890",
            "in_regency": "1",
            "desa": desa.code,
            "street": "Jl. Kenanga 7",
            "payment_method": "qris",
            **page,
        },
        follow=True,
    )
    order = Order.objects.get()
    assert response.redirect_chain[-1][0].endswith(f"/pesanan/{order.reference}/")
    assert "<svg" in response.content.decode()
    assert "540540000" in order.qris_payload  # tag 54, length 05, Rp 40.000 (30.000 + 10.000 shipping)


# --- Checkout exactly once ------------------------------------------------------------------------------
def test_a_submit_without_the_pages_token_and_summary_places_nothing_and_shows_the_page_again(client):
    qris_account()
    user = buyer()
    product = ProductFactory(stock=5, price=30000)
    services.cart_item_add(cart=services.cart_for_user(user=user), product=product, quantity=2)
    client.force_login(user)
    response = client.post(reverse("orders:checkout"), CHECKOUT_FORM)
    assert response.status_code == 200
    content = response.content.decode()
    assert escape(gettext("This page is out of date. Check your order and press Pay now again.")) in content
    assert not Order.objects.exists()
    product.refresh_from_db()
    assert (product.stock, product.allocated) == (5, 0)
    # The page shown again carries a token and a summary: pressing Pay now on it places the order.
    again = client.post(reverse("orders:checkout"), {**CHECKOUT_FORM, **checkout_page_fields(content)})
    order = Order.objects.get()
    assert again.status_code == 302 and again["Location"].endswith(f"/pesanan/{order.reference}/")
    product.refresh_from_db()
    assert (product.stock, product.allocated) == (3, 2)


def test_the_same_checkout_form_submitted_twice_makes_one_order_and_lands_on_it(client):
    qris_account()
    user = buyer()
    product = ProductFactory(stock=5, price=30000)
    services.cart_item_add(cart=services.cart_for_user(user=user), product=product, quantity=2)
    client.force_login(user)
    page = checkout_page_fields(client.get(reverse("orders:checkout")).content.decode())
    assert len(page["checkout_token"]) == 32 and page["summary"]

    first = client.post(reverse("orders:checkout"), {**CHECKOUT_FORM, **page})
    # The cart is empty now; the same form again lands on the order instead of "your cart is empty".
    second = client.post(reverse("orders:checkout"), {**CHECKOUT_FORM, **page})

    order = Order.objects.get()
    assert order.checkout_token == page["checkout_token"]
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"http://testserver/pesanan/{order.reference}/"
    product.refresh_from_db()
    assert (product.stock, product.allocated) == (3, 2)
    # A fresh page is a fresh form: a new token.
    services.cart_item_add(cart=Cart.objects.get(user=user), product=product, quantity=1)
    again = checkout_page_fields(client.get(reverse("orders:checkout")).content.decode())
    assert again["checkout_token"] != page["checkout_token"]


def test_a_price_change_since_the_summary_reserves_nothing_until_the_buyer_confirms_the_new_total(client):
    qris_account()
    user = buyer()
    product = ProductFactory(stock=5, price=30000, name="Madu Randu 250 ml")
    services.cart_item_add(cart=services.cart_for_user(user=user), product=product, quantity=2)
    client.force_login(user)
    page = checkout_page_fields(client.get(reverse("orders:checkout")).content.decode())
    Product.objects.filter(pk=product.pk).update(price=35000)

    refused = client.post(reverse("orders:checkout"), {**CHECKOUT_FORM, **page})

    content = refused.content.decode()
    assert refused.status_code == 200
    message = gettext(
        "Prices changed since you opened this page: %(changes)s. Check the new total and press Pay now again."
    ) % {"changes": "Madu Randu 250 ml Rp 30.000 → Rp 35.000"}
    assert escape(message) in content
    assert "Rp 80.000" in content  # the new total: 2 × 35.000 + 10.000 shipping
    product.refresh_from_db()
    assert (product.stock, product.allocated) == (5, 0) and not Order.objects.exists()
    assert Cart.objects.get(user=user).items.get().quantity == 2

    again = checkout_page_fields(content)
    assert again["checkout_token"] == page["checkout_token"]  # still the same form: still one order
    accepted = client.post(reverse("orders:checkout"), {**CHECKOUT_FORM, **again})

    order = Order.objects.get()
    assert accepted["Location"].endswith(f"/pesanan/{order.reference}/")
    assert (order.subtotal, order.total) == (70000, 80000)


def test_a_cart_changed_in_another_tab_is_refused_with_its_own_message():
    qris_account()
    user = buyer()
    product = ProductFactory(stock=5)
    cart = services.cart_for_user(user=user)
    services.cart_item_add(cart=cart, product=product, quantity=1)
    seen = checkout_summary(items=cart.items.select_related("product"))
    services.cart_item_add(cart=cart, product=product, quantity=1)
    with pytest.raises(ValidationError) as error:
        services.order_start(
            cart=cart, buyer=user, address=address_in_regency(), payment_method="qris", summary_seen=seen
        )
    assert error.value.code == "cart_changed"
    product.refresh_from_db()
    assert product.stock == 5 and not Order.objects.exists()


# --- The seller's bank account ---------------------------------------------------------------------------
def test_bank_account_takes_the_number_as_typed_and_stores_digits_only(client):
    business, owner = seller(name="Kopi Sirah Kencong")
    client.force_login(owner)
    url = f"{reverse('orders:seller_ledger')}?usaha={business.slug}"
    form = {"bank_name": "BRI", "account_holder": "Siti Aminah"}

    refused = client.post(url, {**form, "account_number": "12AB"})
    assert refused.status_code == 200
    assert escape(gettext("Use digits only; spaces, dots and dashes between them are fine.")) in (
        refused.content.decode()
    )
    short = client.post(url, {**form, "account_number": "12-34"})
    assert escape(gettext("Enter 6 to 20 digits; this number has %(count)s.") % {"count": 4}) in (
        short.content.decode()
    )
    assert not SellerBankAccount.objects.exists()

    saved = client.post(url, {**form, "account_number": "123 456.789-0"})
    assert saved.status_code == 302
    assert SellerBankAccount.objects.get(business=business).account_number == "1234567890"


def test_a_token_order_made_by_another_request_at_the_last_moment_is_returned_and_nothing_is_reserved(
    monkeypatch,
):
    """The unique (buyer, checkout token) constraint is the last guard: when the token's order only shows up
    at the insert (another request made it after this one looked), the checkout is rolled back (its stock
    reservation and cart emptying included) and the buyer lands on that order."""
    from shop.orders.services import checkout

    qris_account()
    user = buyer()
    product = ProductFactory(stock=10, price=45000)
    cart = services.cart_for_user(user=user)
    services.cart_item_add(cart=cart, product=product, quantity=2)
    first = services.order_start(
        cart=cart, buyer=user, address=address_in_regency(), payment_method="qris", checkout_token="tok-1"
    )
    services.cart_item_add(cart=cart, product=product, quantity=3)
    real = checkout._order_for_token
    looks = []

    def not_yet_visible(**kwargs):
        looks.append(kwargs["checkout_token"])
        return None if len(looks) == 1 else real(**kwargs)

    monkeypatch.setattr(checkout, "_order_for_token", not_yet_visible)
    again = services.order_start(
        cart=cart, buyer=user, address=address_in_regency(), payment_method="qris", checkout_token="tok-1"
    )
    assert again == first and looks == ["tok-1", "tok-1"]
    product.refresh_from_db()
    assert (product.stock, product.allocated) == (8, 2)  # only the first order's two units are held
    assert cart.items.get().quantity == 3 and Order.objects.count() == 1


def test_checkout_makes_a_fixed_number_of_queries(django_assert_num_queries):
    """order_start's statements for two sellers (no savepoint of its own: one transaction): lock the cart,
    look for the token's order, the cart items with products and sellers, shipping rates, the stock update
    (one for both products on PostgreSQL), the QRIS account, the order, its seller orders, its lines,
    emptying the cart. Inside the test's transaction its atomic block adds a savepoint and its release."""
    from django.db import connection

    qris_account()
    user = buyer()
    cart = services.cart_for_user(user=user)
    for _n in range(2):
        services.cart_item_add(cart=cart, product=ProductFactory(stock=5), quantity=1)
    address = address_in_regency()
    with django_assert_num_queries(12 if connection.vendor == "postgresql" else 13):
        order = services.order_start(
            cart=cart, buyer=user, address=address, payment_method="qris", checkout_token="tok"
        )
    assert order.seller_orders.count() == 2 and order.checkout_token == "tok"


def test_checkout_queues_one_task_for_search_and_the_placed_email(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    """After the commit a QRIS checkout queues one task (it was two: the search sync and the email), which
    announces the products to search (shop.seams.products_changed) and then delivers the buyer's email,
    rendered at checkout. A card checkout queues the same task without an email."""
    from django_tasks_db.models import DBTaskResult

    from shop.orders.notifications import checkout_followups_run
    from shop.seams import products_changed

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    qris_account()
    user = buyer(email="rina@contoh.test")
    first, second = ProductFactory(stock=5), ProductFactory(stock=5)
    cart = services.cart_for_user(user=user)
    services.cart_item_add(cart=cart, product=second, quantity=1)
    services.cart_item_add(cart=cart, product=first, quantity=2)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        order = services.order_start(
            cart=cart, buyer=user, address=address_in_regency(), payment_method="qris"
        )
    assert len(callbacks) == 1 and mailoutbox == []
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "shop.orders.notifications.checkout_followups_run"
    kwargs = queued.args_kwargs["kwargs"]
    assert kwargs["product_ids"] == sorted([first.pk, second.pk])
    assert kwargs["email"]["to"] == ["rina@contoh.test"] and order.reference in kwargs["email"]["subject"]

    announced = []

    def listen(*, product_ids):
        announced.append(list(product_ids))

    products_changed.subscribe(listen)
    try:
        assert checkout_followups_run.call(**kwargs) == 1
    finally:
        products_changed.unsubscribe(listen)
    assert announced == [sorted([first.pk, second.pk])]
    assert [message.to for message in mailoutbox] == [["rina@contoh.test"]]
    assert mailoutbox[0].subject == f"Pesanan {order.reference} diterima: menunggu pembayaran"
    assert "Total: Rp" in mailoutbox[0].body

    services.cart_item_add(cart=cart, product=first, quantity=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.order_start(cart=cart, buyer=user, address=address_in_regency(), payment_method="card")
    card = DBTaskResult.objects.exclude(pk=queued.pk).get()
    assert card.args_kwargs["kwargs"] == {"product_ids": [first.pk], "email": None}
