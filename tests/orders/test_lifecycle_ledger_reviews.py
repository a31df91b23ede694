import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from adimarko.core.qr import qr_svg
from shop.orders import services
from shop.orders.ledger import ledger_check
from shop.orders.models import LedgerEntry, Order, QrisAccount, SellerOrder
from shop.payments import qris as qris_gateway
from tests.factories import staff_user
from tests.orders.factories import ProductFactory, buyer, place_order, qris_account, static_qris_payload

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_order():
    qris_account()
    kopi, gula = ProductFactory(price=40000, stock=10), ProductFactory(price=20000, stock=10)
    order = place_order(user=buyer(), items=[(kopi, 1), (gula, 3)])
    services.qris_payment_confirm(order=order, by=staff_user())
    order.refresh_from_db()
    return order, kopi, gula


def test_static_qris_is_validated_and_crc_checked():
    good = static_qris_payload()
    assert QrisAccount(name="ok", payload=good).full_clean() is None
    damaged = good[:-4] + "0000"
    with pytest.raises(ValidationError) as error:
        QrisAccount(name="x", payload=damaged).full_clean()
    assert error.value.message_dict["payload"] == [
        "Kode QRIS ini rusak: checksum (CRC) tidak cocok dengan isinya."
    ]
    dynamic = qris_gateway.dynamic_payload(static_payload=good, amount_idr=50000)
    with pytest.raises(ValidationError) as error:
        QrisAccount(name="x", payload=dynamic).full_clean()
    assert "statis" in error.value.message_dict["payload"][0]
    with pytest.raises(ValidationError):
        QrisAccount(name="x", payload="bukan qris").full_clean()


def test_dynamic_qris_carries_the_exact_order_total(paid_order):
    import lokal

    order, *_ = paid_order
    info = lokal.parse_qris(order.qris_payload)
    assert info.valid and info.type == "dynamic"
    # Rp 100.000 of goods + Rp 10.000 shipping from each of the two sellers.
    assert info.amount == str(order.total) == "120000"
    assert info.merchant_name == "ADI MARKO DISPERINDAG"
    assert qr_svg(order.qris_payload).startswith("<svg")


def test_qris_confirmation_pays_the_order_and_credits_each_seller_minus_commission(paid_order):
    order, kopi, gula = paid_order
    assert order.status == Order.Status.PAID and order.payment_confirmed_by is not None
    credits = dict(LedgerEntry.objects.filter(kind="sale").values_list("business_id", "amount"))
    kopi_part = order.seller_orders.get(business=kopi.business)
    # Rp 40.000 of goods + Rp 10.000 shipping, 5 % commission on the goods.
    assert (kopi_part.subtotal, kopi_part.shipping, kopi_part.commission) == (40000, 10000, 2000)
    assert credits[kopi.business_id] == 48000
    assert credits[gula.business_id] == 60000 + 10000 - 3000
    with pytest.raises(ValidationError):
        services.qris_payment_confirm(order=order, by=staff_user())
    assert LedgerEntry.objects.count() == 2


def test_fulfilment_steps_in_order_with_courier_and_tracking(paid_order, django_capture_on_commit_callbacks):
    from django.core import mail

    order, kopi, _gula = paid_order
    part = order.seller_orders.get(business=kopi.business)
    with pytest.raises(ValidationError) as error:
        services.seller_order_advance(seller_order=part, status="delivered")
    assert "tidak dapat menjadi" in error.value.messages[0]
    with pytest.raises(ValidationError) as error:
        services.seller_order_advance(
            seller_order=part, status="shipped", courier="gojek", tracking_number="x"
        )
    assert set(error.value.message_dict) == {"courier", "tracking_number"}
    services.seller_order_advance(seller_order=part, status="processing")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        part = services.seller_order_advance(
            seller_order=part, status="shipped", courier="jne", tracking_number="jne-0123456789"
        )
    assert (part.status, part.courier, part.tracking_number) == ("shipped", "jne", "JNE-0123456789")
    assert any(
        m.subject == f"Pesanan {order.reference} sudah dikirim" and m.to == [order.email] for m in mail.outbox
    )
    services.seller_order_advance(seller_order=part, status="delivered")
    part = services.order_complete(seller_order=part)
    assert part.status == SellerOrder.Status.COMPLETED and part.completed_at is not None


def test_reviews_once_per_product_after_delivery_keep_the_rating_up_to_date(paid_order):
    order, kopi, _gula = paid_order
    part = order.seller_orders.get(business=kopi.business)
    line = part.lines.get()
    with pytest.raises(ValidationError):
        services.review_create(buyer=order.buyer, order_line=line, rating=5)
    services.seller_order_advance(
        seller_order=part, status="shipped", courier="pos", tracking_number="P2701234567"
    )
    services.seller_order_advance(seller_order=part, status="delivered")
    with pytest.raises(ValidationError):
        services.review_create(buyer=buyer(), order_line=line, rating=5)
    with pytest.raises(ValidationError):
        services.review_create(buyer=order.buyer, order_line=line, rating=6)
    services.review_create(buyer=order.buyer, order_line=line, rating=4, text="Aromanya mantap.")
    with pytest.raises(ValidationError) as error:
        services.review_create(buyer=order.buyer, order_line=line, rating=2)
    assert "Anda sudah mengulas produk ini." in error.value.messages
    # A second buyer of the same product.
    other = buyer()
    second = place_order(user=other, items=[(kopi, 1)])
    services.qris_payment_confirm(order=second, by=staff_user())
    second_part = second.seller_orders.get()
    services.seller_order_advance(
        seller_order=second_part, status="shipped", courier="jnt", tracking_number="JT99887766"
    )
    services.seller_order_advance(seller_order=second_part, status="delivered")
    services.review_create(buyer=other, order_line=second_part.lines.get(), rating=5)
    kopi.refresh_from_db()
    assert (str(kopi.rating_average), kopi.rating_count) == ("4.50", 2)


def test_payout_batch_csv_and_ledger_check(client, paid_order):
    order, kopi, gula = paid_order
    services.bank_account_save(
        business=kopi.business, bank_name="BRI", account_number="0123 0100 1234 567", account_holder="Siti"
    )
    staff = staff_user()
    batch = services.payout_batch_create(by=staff)
    assert batch.total == 48000  # only the seller with a bank account is paid
    assert services.payout_batch_create(by=staff) is None  # nothing left to pay
    client.force_login(staff)
    response = client.get(reverse("orders:staff_payout_csv", args=[batch.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["bank", "account_number", "account_holder", "amount_idr", "seller", "reference"]
    assert rows[1][:4] == ["BRI", "012301001234567", "Siti", "48000"]
    client.post(reverse("orders:staff_payout_paid", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.paid_at is not None
    # Refund after payout: the seller's balance goes negative, and the books still balance.
    services.order_refund(order=order, seller_order=order.seller_orders.get(business=kopi.business))
    balances = dict(
        LedgerEntry.objects.values_list("business_id").annotate(
            total=__import__("django").db.models.Sum("amount")
        )
    )
    assert balances[kopi.business_id] == -48000
    out = io.StringIO()
    call_command("ledger_check", stdout=out)
    assert "The ledger balances." in out.getvalue()


@pytest.mark.ledger_unbalanced
def test_ledger_check_finds_a_missing_credit_and_a_wrong_amount(paid_order):
    order, kopi, gula = paid_order
    assert ledger_check().ok
    LedgerEntry.objects.filter(business=kopi.business).delete()
    LedgerEntry.objects.filter(business=gula.business).update(amount=1)
    report = ledger_check()
    assert len(report.problems) == 2
    assert any("never credited" in problem for problem in report.problems)
    with pytest.raises(CommandError):
        call_command("ledger_check", stdout=io.StringIO(), stderr=io.StringIO())


def test_buyer_reviews_from_the_order_page(client, paid_order):
    order, kopi, gula = paid_order
    for part in order.seller_orders.all():
        services.seller_order_advance(
            seller_order=part, status="shipped", courier="jne", tracking_number="JNE5550001"
        )
        services.seller_order_advance(seller_order=part, status="delivered")
    client.force_login(order.buyer)
    page = client.get(reverse("orders:order_detail", args=[order.reference])).content.decode()
    kopi_line = order.seller_orders.get(business=kopi.business).lines.get()
    gula_line = order.seller_orders.get(business=gula.business).lines.get()
    # One form per product, with unique field ids.
    assert f'id="id_line{kopi_line.pk}-text"' in page and f'id="id_line{gula_line.pk}-text"' in page
    url = reverse("orders:order_review", args=[order.reference, kopi_line.pk])
    client.post(url, {f"line{kopi_line.pk}-rating": "5", f"line{kopi_line.pk}-text": "Harum sekali."})
    kopi.refresh_from_db()
    assert (kopi.rating_count, str(kopi.rating_average)) == (1, "5.00")
    response = client.post(url, {f"line{kopi_line.pk}-rating": "9"}, follow=True)
    assert response.status_code == 200
    kopi.refresh_from_db()
    assert kopi.rating_count == 1
    page = client.get(reverse("orders:order_detail", args=[order.reference])).content.decode()
    assert f'id="id_line{kopi_line.pk}-text"' not in page  # reviewed once: no second form
