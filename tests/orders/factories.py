"""Test fixtures for orders. Products are built with factory_boy straight on shop.Product (status approved):
a test fixture standing in for the catalogue's services, which live on another branch."""

import hashlib
import hmac
import html
import json
import re
import time

import factory
import lokal
from django.conf import settings
from django.utils.text import slugify

from adimarko.core.roles import Role
from shop.models import Category, Product
from shop.orders import services
from shop.orders.models import Order, QrisAccount
from tests.factories import BusinessFactory, UserFactory, desa


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = "Makanan Ringan"
    slug = "makanan-ringan"


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    business = factory.SubFactory(BusinessFactory)
    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    name = factory.Sequence(lambda n: f"Keripik Tempe {n} 250 g")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    category = factory.SubFactory(CategoryFactory)
    price = 25000
    stock = 20
    weight_grams = 250
    origin_desa = factory.LazyFunction(desa)
    status = Product.Status.APPROVED


def seller(**kwargs):
    """A business whose owner holds the seller role."""
    business = BusinessFactory(**kwargs)
    owner = business.members.get()
    from adimarko.core import services as shared

    shared.user_role_grant(user=owner, role=Role.SELLER)
    return business, owner


def buyer(**kwargs):
    return UserFactory(roles=(Role.BUYER,), **kwargs)


def _tlv(tag: str, value: str) -> str:
    return f"{tag}{len(value):02d}{value}"


def static_qris_payload(name: str = "ADI MARKO DISPERINDAG") -> str:
    """A well-formed static QRIS (merchant account in tag 51, CRC computed by lokal-id)."""
    account = _tlv("00", "ID.CO.QRIS.WWW") + _tlv("02", "ID1027123456789") + _tlv("03", "UMI")
    body = (
        _tlv("00", "01")
        + _tlv("01", "11")
        + _tlv("51", account)
        + _tlv("52", "5499")
        + _tlv("53", "360")
        + _tlv("58", "ID")
        + _tlv("59", name)
        + _tlv("60", "BLITAR")
        + _tlv("61", "66171")
        + "6304"
    )
    return body + lokal.qris_crc(body)


def qris_account() -> QrisAccount:
    account = QrisAccount(name="QRIS Disperindag", payload=static_qris_payload())
    account.full_clean()
    account.save()
    return account


ADDRESS_IN_REGENCY = {
    "recipient_name": "Rina Kusuma",
    "phone": "0812 3456 7890",
    "in_regency": True,
    "street": "Jl. Kenanga No. 7 RT 02/RW 03",
}

ADDRESS_ELSEWHERE = {
    "recipient_name": "Andi Wijaya",
    "phone": "081298765432",
    "in_regency": False,
    "street": "Jl. Kaliurang Km 5 No. 12",
    "city": "Kabupaten Sleman",
    "province": "DI Yogyakarta",
    "postal_code": "55281",
}


def address_in_regency() -> dict:
    return {**ADDRESS_IN_REGENCY, "desa": desa()}


def place_order(*, user, items, method=Order.PaymentMethod.QRIS, address=None) -> Order:
    """items: [(product, quantity)] → an order started through the real services."""
    cart = services.cart_for_user(user=user)
    for product, quantity in items:
        services.cart_item_add(cart=cart, product=product, quantity=quantity)
    return services.order_start(
        cart=cart, buyer=user, address=address or address_in_regency(), payment_method=method
    )


# The checkout form as a buyer fills it in (desa Kademangan, Kabupaten Blitar); post it with the page's hidden
# fields (`checkout_page_fields`): its CSRF token, checkout token and summary.
CHECKOUT_FORM = {
    "recipient_name": "Rina Kusuma",
    "phone": "0812 3456 7890",
    "in_regency": "1",
    "desa": "35.05.17.1001",
    "street": "Jl. Kenanga No. 7 RT 02/RW 03",
    "payment_method": "qris",
}


def checkout_page_fields(page: str) -> dict[str, str]:
    """The hidden fields of a rendered checkout page: {name: value}."""
    return {
        name: html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([\w-]+)" value="([^"]*)"', page)
    }


# --- Stripe webhooks, signed exactly as Stripe signs them ------------------------------------------------
def stripe_signature(payload: bytes, *, secret: str | None = None, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    secret = settings.STRIPE_WEBHOOK_SECRET if secret is None else secret
    signed = f"{timestamp}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def stripe_event(kind: str, obj: dict, *, event_id: str) -> bytes:
    return json.dumps(
        {
            "id": event_id,
            "object": "event",
            "api_version": "2025-03-31.basil",
            "created": int(time.time()),
            "type": kind,
            "livemode": False,
            "pending_webhooks": 1,
            "request": {"id": None, "idempotency_key": None},
            "data": {"object": obj},
        }
    ).encode()


def session_object(order: Order, *, status="complete", payment_status="paid", amount=None) -> dict:
    from shop.payments.stripe import to_minor_unit

    return {
        "id": order.stripe_session_id or "cs_test_123",
        "object": "checkout.session",
        "client_reference_id": order.reference,
        "metadata": {"order_reference": order.reference},
        "amount_total": to_minor_unit(order.total if amount is None else amount),
        "currency": "idr",
        "payment_intent": f"pi_{order.reference.replace('-', '')}",
        "payment_status": payment_status,
        "status": status,
    }


def post_webhook(client, payload: bytes, *, signature: str | None = None):
    return client.post(
        "/webhooks/stripe/",
        data=payload,
        content_type="application/json",
        headers={"Stripe-Signature": signature if signature is not None else stripe_signature(payload)},
    )


def charge_object(order: Order, *, refunded: int, currency: str = "idr") -> dict:
    """A `charge.refunded` object for an order's payment: `refunded` rupiah refunded so far (cumulative, as
    Stripe reports it)."""
    from shop.payments.stripe import to_minor_unit

    payment_intent = order.stripe_payment_intent or f"pi_{order.reference.replace('-', '')}"
    return {
        "id": f"ch_{order.reference.replace('-', '')}",
        "object": "charge",
        "payment_intent": payment_intent,
        "amount": to_minor_unit(order.total),
        "amount_refunded": to_minor_unit(refunded),
        "currency": currency,
        "refunded": refunded >= order.total,
    }
