"""Sellers and the import state what they have on hand; units held for orders stay held (docs/stock.md).

The story of issue 14: 10 in stock, a buyer reserves 3, the seller saves a form (or a file) made before the
reservation. The seller's figure is on hand, so 7 stay on sale and 3 stay held: never 13 sellable from 10.
"""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext

from shop import services
from shop.models import Product
from shop.orders import services as orders
from shop.orders.models import Order, SellerOrder
from tests.factories import BusinessFactory, staff_user
from tests.orders.factories import buyer, place_order, qris_account
from tests.shop.factories import approved_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def kopi():
    """An approved product with 10 on hand, nothing held; QRIS is set up so buyers can order it."""
    qris_account()
    return approved_product(business=BusinessFactory(), on_hand=10, price=45000)


@pytest.fixture
def seller_client(client, kopi):
    client.force_login(kopi.business.memberships.get().user)
    return client


def _counts(product: Product) -> tuple[int, int, int]:
    """(available, held, on hand) as stored now."""
    product.refresh_from_db()
    return product.stock, product.allocated, product.on_hand


def _open_edit_form(client, product: Product) -> dict:
    """GET the edit page and return what its form would post back unchanged (the figures of that moment)."""
    response = client.get(reverse("seller_product_edit", args=[product.pk]))
    assert response.status_code == 200
    data = {}
    for name, value in response.context["form"].initial.items():
        if name == "certifications":
            data[name] = [cert.pk for cert in value]
        else:
            data[name] = "" if value is None else value
    return data


def _ship(order: Order, product: Product) -> SellerOrder:
    part = order.seller_orders.get(business=product.business)
    return orders.seller_order_advance(
        seller_order=part, status=SellerOrder.Status.SHIPPED, courier="jne", tracking_number="JNE-0012345678"
    )


def _paid_order(product: Product, quantity: int) -> Order:
    order = place_order(user=buyer(), items=[(product, quantity)])
    return orders.qris_payment_confirm(order=order, by=staff_user())


# --- The 10-unit story ---------------------------------------------------------------------------------
def test_a_stale_form_saving_a_price_cannot_undo_a_reservation(seller_client, kopi):
    # Given the seller opened the edit page with 10 on hand
    form = _open_edit_form(seller_client, kopi)
    assert (form["stock"], form["stock_seen"]) == (10, 10)
    # and a buyer then reserved 3
    order = place_order(user=buyer(), items=[(kopi, 3)])
    assert _counts(kopi) == (7, 3, 10)

    # When the seller saves a price change with the form opened before
    response = seller_client.post(
        reverse("seller_product_edit", args=[kopi.pk]), {**form, "price": 47000, "save": "1"}
    )

    # Then the price changed, 7 stay on sale and the buyer's 3 stay held
    assert response.status_code == 302
    assert _counts(kopi) == (7, 3, 10)
    assert kopi.price == 47000
    # When the order is paid: 3 sold, and sold plus available is the 10 the seller had
    orders.order_mark_paid(order=order)
    kopi.refresh_from_db()
    assert (kopi.sales_count, kopi.stock, kopi.allocated) == (3, 7, 3)
    assert kopi.sales_count + kopi.stock <= 10
    # When the seller ships: the 3 leave the shelf
    _ship(order, kopi)
    assert _counts(kopi) == (7, 0, 7)


def test_a_stale_spreadsheet_cannot_undo_a_reservation(seller_client, kopi):
    business = kopi.business
    # Given the seller exported the catalogue with 10 on hand
    exported = seller_client.get(reverse("seller_product_export"), {"usaha": business.slug})
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig")), delimiter=";"))
    assert [(row["sku"], row["stock"]) for row in rows] == [(kopi.sku, "10")]
    # and a buyer then reserved 3
    order = place_order(user=buyer(), items=[(kopi, 3)])
    # When the seller uploads the old file with a new price
    rows[0]["price_idr"] = "47000"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    response = seller_client.post(
        f"{reverse('seller_product_import')}?usaha={business.slug}",
        {"file": SimpleUploadedFile("produk.csv", buffer.getvalue().encode(), "text/csv")},
    )
    # Then the price changed and the buyer's 3 stay held
    assert response.status_code == 302
    assert _counts(kopi) == (7, 3, 10)
    assert kopi.price == 47000
    # and a new export still says what the seller has: 10
    again = seller_client.get(reverse("seller_product_export"), {"usaha": business.slug})
    again_rows = csv.DictReader(io.StringIO(again.content.decode("utf-8-sig")), delimiter=";")
    assert next(again_rows)["stock"] == "10"
    # When the order is paid and shipped: 3 sold, 7 left on the shelf
    orders.order_mark_paid(order=order)
    kopi.refresh_from_db()
    assert kopi.sales_count + kopi.stock == 10
    _ship(order, kopi)
    assert _counts(kopi) == (7, 0, 7)


# --- Stale forms ---------------------------------------------------------------------------------------
def test_a_stale_form_that_did_not_touch_the_stock_keeps_the_stock_as_it_is_now(seller_client, kopi):
    # Given the seller opened the form at 10 on hand, then a paid parcel of 3 left the shelf
    form = _open_edit_form(seller_client, kopi)
    _ship(_paid_order(kopi, 3), kopi)
    assert _counts(kopi) == (7, 0, 7)
    # When the seller saves a price change without touching the stock field
    response = seller_client.post(reverse("seller_product_edit", args=[kopi.pk]), {**form, "price": 46000})
    # Then the price is saved and the shipped units do not come back
    assert response.status_code == 302
    assert _counts(kopi) == (7, 0, 7)
    assert kopi.price == 46000


def test_a_stale_form_that_changed_the_stock_asks_the_seller_to_check_then_saves(seller_client, kopi):
    # Given the seller opened the form at 10 on hand; then a parcel of 3 shipped and a buyer reserved 2
    form = _open_edit_form(seller_client, kopi)
    _ship(_paid_order(kopi, 3), kopi)
    place_order(user=buyer(), items=[(kopi, 2)])
    assert _counts(kopi) == (5, 2, 7)
    url = reverse("seller_product_edit", args=[kopi.pk])

    # When the seller types 15 on the old form
    response = seller_client.post(url, {**form, "stock": 15, "price": 46000})

    # Then nothing is saved, the error names the figures of now, and the form shows them
    assert response.status_code == 400
    assert _counts(kopi) == (5, 2, 7)
    assert kopi.price == 45000
    expected = gettext(
        "Stock changed while you were editing: you now have %(current)s on hand "
        "(%(held)s held for orders). Check the figure and save again."
    ) % {"current": 7, "held": 2}
    shown = response.context["form"]
    assert shown.errors["stock"] == [expected]
    assert (shown["stock"].value(), shown["stock_seen"].value()) == (7, 7)
    assert shown["price"].value() == "46000"  # what the seller typed elsewhere is kept
    html = response.content.decode()
    assert 'name="stock_seen" value="7"' in html
    assert gettext("%(available)s available, %(held)s held for orders.") % {"available": 5, "held": 2} in html

    # When the seller checks the figure, sets 15 and saves again
    response = seller_client.post(url, {**form, "stock": 15, "stock_seen": 7, "price": 46000})

    # Then it goes through: 15 on hand, the 2 reserved still held
    assert response.status_code == 302
    assert _counts(kopi) == (13, 2, 15)
    assert kopi.price == 46000


# --- On hand below what is held ------------------------------------------------------------------------
def test_the_form_refuses_less_on_hand_than_is_held_and_saves_nothing(seller_client, kopi):
    form = _open_edit_form(seller_client, kopi)
    place_order(user=buyer(), items=[(kopi, 3)])
    response = seller_client.post(
        reverse("seller_product_edit", args=[kopi.pk]), {**form, "stock": 2, "price": 47000}
    )
    assert response.status_code == 400
    expected = gettext(
        "%(held)s units are held for orders that are not shipped yet; the stock cannot be below %(held)s."
    ) % {"held": 3}
    assert response.context["form"].errors["stock"] == [expected]
    assert _counts(kopi) == (7, 3, 10)
    assert kopi.price == 45000


def test_the_services_refuse_less_on_hand_than_is_held(kopi):
    place_order(user=buyer(), items=[(kopi, 3)])
    with pytest.raises(ValidationError) as error:
        services.product_stock_set(product=kopi, on_hand=2)
    assert list(error.value.message_dict) == ["stock"]
    assert _counts(kopi) == (7, 3, 10)
    # Exactly what is held is allowed: nothing left on sale
    services.product_stock_set(product=kopi, on_hand=3)
    assert _counts(kopi) == (0, 3, 3)


def test_the_import_refuses_a_row_below_what_is_held_and_imports_nothing(kopi):
    from shop.importing import COLUMNS, ImportRejected, import_products

    place_order(user=buyer(), items=[(kopi, 3)])
    header = ",".join(COLUMNS)
    rows = [
        f",{kopi.sku},{kopi.name},Kopi,kopi,47000,2,250,Wlingi,Beru,,",
        ",GULA-500,Gula Semut 500 g,Gula semut,gula,32000,12,520,Wlingi,Beru,,",
    ]
    with pytest.raises(ImportRejected) as error:
        import_products(
            file=io.BytesIO("\n".join([header, *rows]).encode()),
            filename="produk.csv",
            by=None,
            business=kopi.business,
        )
    expected = gettext(
        "%(held)s units are held for orders that are not shipped yet; the stock cannot be below %(held)s."
    ) % {"held": 3}
    assert [(p.row, p.column, p.message) for p in error.value.problems] == [(2, "stock", expected)]
    assert _counts(kopi) == (7, 3, 10)
    assert kopi.price == 45000
    assert not Product.objects.filter(sku="GULA-500").exists()


# --- Refunds -------------------------------------------------------------------------------------------
def test_a_refund_before_shipping_puts_the_units_back_on_sale(kopi):
    order = _paid_order(kopi, 3)
    assert _counts(kopi) == (7, 3, 10)
    orders.order_refund(order=order, seller_order=order.seller_orders.get())
    assert _counts(kopi) == (10, 0, 10)
    kopi.refresh_from_db()
    assert kopi.sales_count == 0


def test_a_refund_after_shipping_leaves_the_stock_alone(kopi):
    order = _paid_order(kopi, 3)
    _ship(order, kopi)
    assert _counts(kopi) == (7, 0, 7)
    orders.order_refund(order=order, seller_order=order.seller_orders.get())
    # The parcel left the shelf: the seller records it again when it comes back.
    assert _counts(kopi) == (7, 0, 7)
    kopi.refresh_from_db()
    assert kopi.sales_count == 0


def test_the_dashboard_shows_on_hand_with_what_is_held(seller_client, kopi):
    place_order(user=buyer(), items=[(kopi, 3)])
    response = seller_client.get(reverse("seller_dashboard"), {"usaha": kopi.business.slug})
    html = response.content.decode()
    assert f'<td data-label="{gettext("Stock on hand")}">10<br>' in html
    assert gettext("%(available)s available, %(held)s held for orders.") % {"available": 7, "held": 3} in html
