"""QRIS from the phone that shows the code (issue 17, point 2): the code as a PNG to save, the merchant's
name, the buyer's "I have paid" (once, with an optional private photo), staff's queue with those orders
first, and the buyer's email when staff confirm. Confirmation steps for cancelling and
confirming (point 4)."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext
from PIL import Image

from adimarko.core.storage import private_files
from shop.orders import services
from shop.orders.models import Order, PaymentClaim
from shop.orders.services.claims import CLAIM_HOLD
from tests.factories import staff_user
from tests.orders.factories import ProductFactory, buyer, place_order, qris_account, seller

pytestmark = pytest.mark.django_db


@pytest.fixture
def qris_order():
    """A pending QRIS order: 1 × Rp 25.000 + Rp 10.000 shipping = Rp 35.000, from a seller with an owner."""
    qris_account()
    business, _owner = seller(name="Madu Hutan Kademangan")
    product = ProductFactory(business=business, price=25000, stock=4)
    return place_order(user=buyer(), items=[(product, 1)])


def _png(size=(40, 40)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format="PNG")
    return SimpleUploadedFile("bukti transfer.png", buffer.getvalue(), content_type="image/png")


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- Paying from the phone that shows the code -------------------------------------------------------------
def test_the_qris_code_downloads_as_a_png_named_after_the_order(client, qris_order):
    client.force_login(qris_order.buyer)
    response = client.get(reverse("orders:order_qris_image", args=[qris_order.reference]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == f'attachment; filename="qris-{qris_order.reference}.png"'
    with Image.open(io.BytesIO(response.content)) as image:
        assert image.format == "PNG" and image.size[0] == image.size[1] >= 330  # scale 10, quiet zone
    page = client.get(reverse("orders:order_detail", args=[qris_order.reference])).content.decode()
    assert (
        f'href="/pesanan/{qris_order.reference}/qris.png" download="qris-{qris_order.reference}.png"' in page
    )


def test_the_qris_image_is_for_the_buyer_and_staff_and_only_while_waiting(client, qris_order):
    url = reverse("orders:order_qris_image", args=[qris_order.reference])
    client.force_login(buyer())
    assert client.get(url).status_code == 404  # another buyer may not know the order exists
    client.force_login(staff_user())
    assert client.get(url).status_code == 200
    services.qris_payment_confirm(order=qris_order, by=staff_user())
    client.force_login(qris_order.buyer)
    assert client.get(url).status_code == 404  # paid: nothing left to scan


def test_the_qris_page_names_the_merchant_the_app_will_show(client, qris_order):
    client.force_login(qris_order.buyer)
    page = client.get(reverse("orders:order_detail", args=[qris_order.reference])).content.decode()
    assert '<strong data-testid="qris-merchant">ADI MARKO DISPERINDAG</strong>' in page  # tag 59 of the code


# --- "I have paid" ------------------------------------------------------------------------------------------
def test_i_have_paid_twice_makes_one_claim_and_keeps_the_items_reserved(client, qris_order):
    client.force_login(qris_order.buyer)
    url = reverse("orders:order_payment_claim", args=[qris_order.reference])
    before = timezone.now()
    first = client.post(url, follow=True)
    second = client.post(url, follow=True)
    claim = PaymentClaim.objects.get(order=qris_order)
    assert PaymentClaim.objects.count() == 1 and not claim.proof
    assert _messages(first) == [
        gettext(
            "Thank you! Disperindag staff will check your payment and confirm it; you will get an email. "
            "Your items stay reserved meanwhile."
        )
    ]
    assert _messages(second) == [gettext("We already know you paid; staff will confirm it soon.")]
    qris_order.refresh_from_db()
    assert qris_order.status == Order.Status.PENDING_PAYMENT
    assert qris_order.reserved_until >= before + CLAIM_HOLD
    assert 'data-testid="claim-recorded"' in second.content.decode()


def test_a_claim_with_a_photo_is_stored_privately_and_shown_to_the_buyer_and_staff_only(client, qris_order):
    client.force_login(qris_order.buyer)
    client.post(reverse("orders:order_payment_claim", args=[qris_order.reference]), {"proof": _png()})
    claim = PaymentClaim.objects.get(order=qris_order)
    assert claim.proof.name.startswith("orders/payment-proofs/") and claim.proof.name.endswith(".png")
    assert "bukti" not in claim.proof.name  # a random name, never the phone's
    assert claim.proof.storage is private_files and private_files.exists(claim.proof.name)
    with pytest.raises(NotImplementedError):
        claim.proof.url  # noqa: B018 (no public address)

    url = reverse("orders:order_payment_proof", args=[qris_order.reference])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert (
        response["X-Content-Type-Options"] == "nosniff" and response["Cache-Control"] == "private, no-store"
    )
    client.force_login(staff_user())
    assert client.get(url).status_code == 200
    seller_owner = qris_order.seller_orders.get().business.members.get()
    for outsider in (seller_owner, buyer()):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_a_photo_can_be_added_to_a_claim_made_without_one(client, qris_order):
    client.force_login(qris_order.buyer)
    url = reverse("orders:order_payment_claim", args=[qris_order.reference])
    client.post(url)
    client.post(url, {"proof": _png()})
    assert PaymentClaim.objects.count() == 1 and PaymentClaim.objects.get().proof.name.endswith(".png")


@pytest.mark.parametrize(
    "upload, error",
    [
        (
            SimpleUploadedFile(
                "bukti.png", b"<html><script>alert(1)</script></html>", content_type="image/png"
            ),
            "The file is not a valid image. Upload a JPEG, PNG or WebP image.",
        ),
        ("too many pixels", "The image is too large (%(width)s × %(height)s pixels)."),
    ],
)
def test_a_photo_that_is_not_a_safe_image_is_refused_and_no_claim_is_made(
    client, qris_order, settings, upload, error
):
    if upload == "too many pixels":
        settings.IMAGE_UPLOAD_MAX_PIXELS = 1000
        upload, error = _png(size=(50, 50)), gettext(error) % {"width": 50, "height": 50}
    else:
        error = gettext(error)
    client.force_login(qris_order.buyer)
    response = client.post(
        reverse("orders:order_payment_claim", args=[qris_order.reference]), {"proof": upload}, follow=True
    )
    assert _messages(response) == [error]
    assert not PaymentClaim.objects.exists()


def test_a_claim_on_a_confirmed_or_cancelled_order_is_refused_politely(client, qris_order):
    services.qris_payment_confirm(order=qris_order, by=staff_user())
    client.force_login(qris_order.buyer)
    response = client.post(reverse("orders:order_payment_claim", args=[qris_order.reference]), follow=True)
    assert _messages(response) == [gettext("The payment of this order is already confirmed. Thank you!")]

    cancelled = place_order(user=qris_order.buyer, items=[(ProductFactory(), 1)])
    services.order_cancel(order=cancelled, reason="test")
    with pytest.raises(ValidationError) as refused:
        services.payment_claim_create(order=cancelled)
    assert refused.value.code == "not_pending"
    assert not PaymentClaim.objects.exists()


def test_only_the_buyer_can_say_they_paid(client, qris_order):
    for someone in (buyer(), staff_user()):
        client.force_login(someone)
        client.post(reverse("orders:order_payment_claim", args=[qris_order.reference]))
    assert not PaymentClaim.objects.exists()


# --- Staff's queue and confirmation -------------------------------------------------------------------------
def test_the_staff_queue_lists_orders_whose_buyer_says_paid_first(client, qris_order):
    product = qris_order.seller_orders.get().lines.get().product
    quiet = qris_order  # the oldest, nobody said anything
    later_claim = place_order(user=buyer(), items=[(product, 1)])
    early_claim = place_order(user=buyer(), items=[(product, 1)])
    services.payment_claim_create(order=early_claim)
    services.payment_claim_create(order=later_claim, proof=_png())
    PaymentClaim.objects.filter(order=later_claim).update(claimed_at=timezone.now() + timedelta(minutes=5))

    client.force_login(staff_user())
    page = client.get(reverse("orders:staff_order_list")).content.decode()
    queue = page[page.index('data-testid="qris-queue"') : page.index("</section>", page.index("qris-queue"))]
    positions = [queue.index(order.reference) for order in (early_claim, later_claim, quiet)]
    assert positions == sorted(positions)
    assert queue.count('data-testid="buyer-says-paid"') == 2
    assert reverse("orders:order_payment_proof", args=[later_claim.reference]) in queue
    assert reverse("orders:order_payment_proof", args=[early_claim.reference]) not in queue  # no photo


def test_staff_confirm_after_a_confirmation_step_and_the_buyer_is_emailed_on_commit(
    client, qris_order, django_capture_on_commit_callbacks
):
    services.payment_claim_create(order=qris_order, proof=_png())
    client.force_login(staff_user())
    url = reverse("orders:staff_qris_confirm", args=[qris_order.reference])

    step = client.get(url)
    content = step.content.decode()
    assert step.status_code == 200 and 'name="confirm" value="yes"' in content
    assert (
        "Rp 35.000" in content
        and reverse("orders:order_payment_proof", args=[qris_order.reference]) in content
    )
    client.post(url)  # the old one-click form: asks again, changes nothing
    qris_order.refresh_from_db()
    assert qris_order.status == Order.Status.PENDING_PAYMENT

    with django_capture_on_commit_callbacks() as callbacks:
        client.post(url, {"confirm": "yes"})
    qris_order.refresh_from_db()
    assert qris_order.status == Order.Status.PAID
    assert not [m for m in mail.outbox if m.to == [qris_order.email]]  # nothing before the commit
    for callback in callbacks:
        callback()
    [email] = [m for m in mail.outbox if m.to == [qris_order.email]]
    assert email.subject == gettext("Order %(reference)s: your QRIS payment is confirmed") % {
        "reference": qris_order.reference
    }
    assert (
        gettext(
            "Disperindag staff confirmed your QRIS payment of %(amount)s. The sellers will now prepare your "
            "order."
        )
        % {"amount": "Rp 35.000"}
        in email.body
    )


def test_the_buyer_cancels_only_after_a_confirmation_step(client, qris_order):
    client.force_login(qris_order.buyer)
    url = reverse("orders:order_cancel", args=[qris_order.reference])
    detail = client.get(reverse("orders:order_detail", args=[qris_order.reference])).content.decode()
    assert f'href="{url}" data-testid="cancel-order"' in detail  # a link to the step, not a one-click form

    step = client.get(url)
    content = step.content.decode()
    assert step.status_code == 200
    assert escape(gettext("Yes, cancel the order")) in content and 'name="confirm" value="yes"' in content
    assert f'href="{reverse("orders:order_detail", args=[qris_order.reference])}"' in content  # "No, keep"
    client.post(url)
    qris_order.refresh_from_db()
    assert qris_order.status == Order.Status.PENDING_PAYMENT

    client.post(url, {"confirm": "yes"})
    qris_order.refresh_from_db()
    assert qris_order.status == Order.Status.CANCELLED
