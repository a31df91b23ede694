"""Issue 15 items 10 and 6: numbers people type have bounds and Western digits only; text has no control
characters; an order total above what a payment method takes is a clear price message."""

import importlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext

from adimarko.core.formfields import NoControlCharactersValidator, WholeNumberField, strip_control_characters
from incubation.cohorts.forms import CohortForm
from shop.models import PRICE_MAX, STOCK_MAX, WEIGHT_MAX_GRAMS, Product
from shop.orders import services as orders
from shop.orders.forms import BankAccountForm, CheckoutForm, ReviewForm
from shop.orders.models import Cart, Order
from tests.factories import BusinessFactory
from tests.orders.factories import CHECKOUT_FORM, ProductFactory, buyer, checkout_page_fields, qris_account
from tests.shop.factories import product as make_product
from tests.shop.factories import product_form_data

pytestmark = pytest.mark.django_db

CART_LINE_TOO_MANY = gettext("At most %(limit_value)s units of one product per order.") % {"limit_value": 999}
INVALID = gettext("Type a whole number using only the digits 0-9, without dots or commas, e.g. 45000.")


_form = product_form_data


@pytest.fixture
def seller_client(client):
    business = BusinessFactory()
    client.force_login(business.memberships.get().user)
    client.url = f"{reverse('seller_product_create')}?usaha={business.slug}"
    return client


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("price", "9223372036854775807", "The price can be at most Rp 1.000.000.000."),
        ("price", str(10**19), "The price can be at most Rp 1.000.000.000."),
        ("price", str(PRICE_MAX + 1), "The price can be at most Rp 1.000.000.000."),
        ("price", "-5", "The price must be at least Rp 1 (whole rupiah)."),
        ("price", "45.000", None),  # Django's IntegerField read this as Rp 45
        ("price", "٣٠٠٠", None),  # Arabic-Indic digits
        ("price", "３０００", None),  # full-width digits
        ("price", "9" * 5000, None),  # beyond Python's int() digit limit
        ("stock", "4300000000", "The stock can be at most 1.000.000 units."),
        ("stock", "٣", None),
        (
            "weight_grams",
            str(WEIGHT_MAX_GRAMS + 1),
            "The shipping weight can be at most 100.000 grams (100 kg).",
        ),
        ("weight_grams", "２５０", None),
    ],
)
def test_product_form_refuses_numbers_out_of_bounds_or_not_in_western_digits(
    seller_client, field, value, message
):
    response = seller_client.post(seller_client.url, _form(**{field: value}))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [gettext(message) if message else INVALID]
    assert not Product.objects.exists()


def test_product_form_takes_the_limits_themselves(seller_client):
    limits = {"price": str(PRICE_MAX), "stock": str(STOCK_MAX), "weight_grams": str(WEIGHT_MAX_GRAMS)}
    response = seller_client.post(seller_client.url, _form(**limits))
    assert response.status_code == 302
    item = Product.objects.get()
    assert (item.price, item.on_hand, item.weight_grams) == (PRICE_MAX, STOCK_MAX, WEIGHT_MAX_GRAMS)


def test_product_form_strips_control_characters_from_text(seller_client):
    response = seller_client.post(
        seller_client.url,
        _form(
            name="Keripik\x0bTempe\x00 Sagu\x1b",
            sku="KT\x07-200",
            description="Baris satu\x0bBaris dua\r\nBaris\x01 tiga",
            pack_label="200\tg",
        ),
    )
    assert response.status_code == 302
    item = Product.objects.get()
    assert (item.name, item.sku, item.pack_label) == ("Keripik Tempe Sagu", "KT-200", "200 g")
    assert item.description == "Baris satu\nBaris dua\r\nBaris tiga"


def test_services_refuse_what_the_forms_would_have_cleaned():
    """The model validators guard the other ways in (import, shell): nothing out of bounds is stored."""
    for fields in (
        {"name": "Kopi\x0bRobusta"},
        {"description": "Kopi\x00"},
        {"price": 10**19},
        {"price": PRICE_MAX + 1},
        {"on_hand": STOCK_MAX + 1},
        {"weight_grams": WEIGHT_MAX_GRAMS + 1},
    ):
        with pytest.raises(ValidationError) as error:
            make_product(**fields)
        field = {"on_hand": "stock"}.get(next(iter(fields)), next(iter(fields)))
        assert field in error.value.message_dict, fields
    assert not Product.objects.exists()


def test_whole_number_field_and_text_helpers():
    field = WholeNumberField(max_value=10)
    assert field.clean(" 7 ") == 7
    for bad in ("٧", "7.0", "7,0", "1e3", "0x7", "٣"):
        with pytest.raises(ValidationError):
            field.clean(bad)
    assert strip_control_characters("a\x0bb\tc\x00") == "a b c"
    assert strip_control_characters("a\x0bb\tc\x00", multiline=True) == "a\nb\tc"
    NoControlCharactersValidator(multiline=True)("a\r\nb\tc")
    with pytest.raises(ValidationError):
        NoControlCharactersValidator()("a\tb")


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("1000000000000000000000", CART_LINE_TOO_MANY),
        ("1000", CART_LINE_TOO_MANY),
        ("٣", INVALID),
        ("３", INVALID),
    ],
)
def test_cart_quantity_is_bounded_and_in_western_digits(client, quantity, message):
    product = ProductFactory(stock=5000)
    response = client.post(reverse("orders:cart_add", args=[product.pk]), {"quantity": quantity}, follow=True)
    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [message]
    assert not Cart.objects.filter(items__isnull=False).exists()


def test_cart_service_caps_a_line_at_999_units():
    product = ProductFactory(stock=5000)
    cart = orders.cart_for_user(user=buyer())
    orders.cart_item_add(cart=cart, product=product, quantity=999)
    with pytest.raises(ValidationError) as error:
        orders.cart_item_add(cart=cart, product=product, quantity=1)
    expected = gettext("At most %(limit)s units of one product per order.") % {"limit": 999}
    assert error.value.message_dict == {"quantity": [expected]}


def _checkout(client, *, price: int, quantity: int, method: str):
    qris_account()
    user = buyer()
    product = ProductFactory(stock=1000, price=price)
    orders.cart_item_add(cart=orders.cart_for_user(user=user), product=product, quantity=quantity)
    client.force_login(user)
    page = checkout_page_fields(client.get(reverse("orders:checkout")).content.decode())
    return client.post(
        reverse("orders:checkout"), {**CHECKOUT_FORM, "payment_method": method, **page}
    ), product


@pytest.mark.parametrize(
    ("price", "quantity", "method", "total", "limit", "label"),
    [
        # Rp 15.000.000 + Rp 10.000 shipping: above QRIS's Rp 10.000.000 per transaction.
        (5_000_000, 3, "qris", "Rp 15.010.000", "Rp 10.000.000", "QRIS"),
        # Eleven units at the price limit (2.750 g: Rp 22.000 shipping): above what a card takes too.
        (PRICE_MAX, 11, "qris", "Rp 11.000.022.000", "Rp 10.000.000", "QRIS"),
        (PRICE_MAX, 11, "card", "Rp 11.000.022.000", "Rp 9.999.999.999", str(Order.PaymentMethod.CARD.label)),
    ],
)
def test_order_total_above_the_payment_limit_is_a_price_message(
    client, price, quantity, method, total, limit, label
):
    response, product = _checkout(client, price=price, quantity=quantity, method=method)
    assert response.status_code == 200
    html = response.content.decode()
    expected = gettext(
        "The order total of %(total)s is more than %(method)s can take (at most %(limit)s). "
        "Lower the quantities or split the purchase into several orders."
    ) % {"total": total, "method": gettext(label), "limit": limit}
    assert response.context["form"].errors["payment_method"] == [expected]
    assert gettext("QRIS payment is not available at the moment.") not in html
    product.refresh_from_db()
    assert (product.stock, product.allocated) == (1000, 0) and not Order.objects.exists()


def test_order_just_under_the_qris_limit_goes_through(client):
    # Rp 9.990.000 + Rp 10.000 shipping = Rp 10.000.000 exactly.
    response, _product = _checkout(client, price=3_330_000, quantity=3, method="qris")
    order = Order.objects.get()
    assert response.status_code == 302 and order.total == 10_000_000


def test_checkout_postal_code_takes_western_digits_only():
    form_data = {**CHECKOUT_FORM, "in_regency": "0", "city": "Surabaya", "province": "Jawa Timur"}
    form = CheckoutForm({**form_data, "postal_code": "٦٦١٧١"})
    assert not form.is_valid()
    assert form.errors["postal_code"] == [gettext("Enter the 5-digit postal code.")]


@pytest.mark.parametrize(
    ("field", "value"),
    [("at_risk_after_days", "٣"), ("at_risk_after_days", "366"), ("min_attendance_percent", "101")],
)
def test_cohort_rules_are_bounded_western_numbers(field, value):
    data = {
        "name": "Angkatan 2026",
        "starts_on": "2026-01-05",
        "ends_on": "2026-06-30",
        "min_attendance_percent": "75",
        "at_risk_after_days": "14",
        field: value,
    }
    form = CohortForm(data)
    assert not form.is_valid()
    assert field in form.errors


def test_order_forms_strip_control_characters():
    bank = BankAccountForm(
        {"bank_name": "BRI\x0b", "account_number": "123 456 789", "account_holder": "Bu\x00 Sumi"}
    )
    assert bank.is_valid(), bank.errors
    assert (bank.cleaned_data["bank_name"], bank.cleaned_data["account_holder"]) == ("BRI", "Bu Sumi")
    review = ReviewForm({"rating": "5", "text": "Enak\x0bsekali\x07"})
    assert review.is_valid() and review.cleaned_data["text"] == "Enak\nsekali"


def test_migration_strips_control_characters_from_existing_products():
    """Rows stored before the validators (import, old forms) are cleaned by shop/0006, so editing them later
    is not refused for characters nobody can see; a cleaned SKU that would collide is left for staff."""
    from django.apps import apps

    migration = importlib.import_module("shop.migrations.0006_input_bounds")
    first, second = make_product(sku="KT-1"), make_product(sku="KT-2")
    make_product(business=second.business, sku="KT-3")
    Product.objects.filter(pk=first.pk).update(name="Kopi\x0bRobusta\x1b", description="a\x0bb\r\nc\x07")
    Product.objects.filter(pk=second.pk).update(sku="KT-\x073", pack_label="250\tg")
    migration.strip_control_characters_from_products(apps, None)
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.name, first.description) == ("Kopi Robusta", "a\nb\r\nc")
    assert (second.sku, second.pack_label) == ("KT-\x073", "250 g")


# --- Audition, jury, shipping table, query ids (the numbers outside the shop's forms) ----------------------


@pytest.fixture
def application_client(client):
    from incubation.models import Application
    from tests.incubation.factories import applicant, open_now_round

    round = open_now_round()
    user, business = applicant(first_name="Siti")
    client.force_login(user)
    client.post(reverse("audition_application_start", args=[round.pk]), {"business": business.pk})
    client.application = Application.objects.get(round=round, business=business)
    return client


@pytest.mark.parametrize(
    ("step", "field", "value"),
    [
        ("produk", "price", "-5"),  # was saved and shown as "Harga -Rp 5"
        ("produk", "price", "0"),
        ("produk", "price", str(10**19)),
        ("produk", "price", "٣٠٠٠"),
        ("produk", "price", "15.000"),
        ("usaha", "employees", "٣"),
        ("usaha", "employees", "40000"),  # above the column's limit: was a database error on PostgreSQL
    ],
)
def test_application_steps_refuse_numbers_out_of_bounds_or_not_in_western_digits(
    application_client, step, field, value
):
    application = application_client.application
    data = {"product_name": "Keripik", "category": "snack"} if step == "produk" else {"owner_name": "Siti"}
    response = application_client.post(
        reverse("audition_application_step", args=[application.pk, step]), {**data, field: value, "save": "1"}
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    application.refresh_from_db()
    assert getattr(application, field) is None


def test_application_step_takes_the_price_limit_itself(application_client):
    application = application_client.application
    application_client.post(
        reverse("audition_application_step", args=[application.pk, "produk"]),
        {"product_name": "Keripik", "category": "snack", "price": str(PRICE_MAX), "save": "1"},
    )
    application.refresh_from_db()
    assert application.price == PRICE_MAX


@pytest.mark.parametrize("value", ["٣", "３", "6", "0"])
def test_jury_scores_take_western_digits_from_1_to_5(value):
    from incubation.audition.forms import ScoreForm
    from tests.incubation.factories import round_page

    criteria = list(round_page().criteria.all())
    data = {f"score_{criterion.pk}": "3" for criterion in criteria}
    form = ScoreForm({**data, f"score_{criteria[0].pk}": value}, criteria=criteria)
    assert not form.is_valid()
    assert f"score_{criteria[0].pk}" in form.errors
    assert ScoreForm(data, criteria=criteria).is_valid()


def test_shipping_rates_are_bounded():
    from shop.orders.models import SHIPPING_PRICE_MAX, ShippingRate

    rate = ShippingRate(max_weight_grams=10**7, price_in_regency=SHIPPING_PRICE_MAX + 1, price_elsewhere=-1)
    with pytest.raises(ValidationError) as exc:
        rate.full_clean()
    assert set(exc.value.message_dict) == {"max_weight_grams", "price_in_regency", "price_elsewhere"}


def test_checkout_service_takes_a_western_digit_postal_code_only():
    from shop.orders.services.checkout import _address_errors

    address = {"name": "Bu Sumi", "phone": "081234567890", "street": "Jl. Merdeka 1 RT 2 RW 3"}
    address |= {"in_regency": False, "city": "Surabaya", "province": "Jawa Timur"}
    assert _address_errors({**address, "postal_code": "٦٦١٧١"})["postal_code"]
    assert "postal_code" not in _address_errors({**address, "postal_code": "66171"})


@pytest.mark.parametrize("cohort", ["99999999999999999999999", "٣", "-1"])
def test_assignment_queue_ignores_ids_out_of_range(client, cohort):
    from tests.incubation.cohort_factories import trainer

    client.force_login(trainer())
    response = client.get(reverse("assignment_queue"), {"cohort": cohort})
    assert response.status_code == 200
