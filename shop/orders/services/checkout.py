"""Checkout: one order per payment, one seller order per seller, stock reserved while the buyer pays."""

import math
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from adimarko.models import Region
from adimarko.validators import normalize_mobile_phone
from search.indexing import schedule_product_sync
from shop.stock import stock_reserve
from shop.orders.models import Cart, Order, OrderLine, QrisAccount, SellerOrder, ShippingRate
from shop.orders.notifications import notify_order
from shop.payments import qris as qris_gateway
from shop.payments import stripe as stripe_gateway

MIN_STRIPE_SESSION = timedelta(minutes=30)


def shipping_cost(*, weight_grams: int, in_regency: bool, rates: list[ShippingRate] | None = None) -> int:
    """Price of one parcel from the staff-edited weight table; heavier than the last band pays it per band."""
    if rates is None:
        rates = list(ShippingRate.objects.order_by("max_weight_grams"))
    if not rates:
        raise ValidationError(_("Shipping is not configured yet. Please contact Disperindag staff."))
    for rate in rates:
        if weight_grams <= rate.max_weight_grams:
            return rate.price_in_regency if in_regency else rate.price_elsewhere
    last = rates[-1]
    parcels = math.ceil(weight_grams / last.max_weight_grams)
    return parcels * (last.price_in_regency if in_regency else last.price_elsewhere)


@dataclass
class SellerQuote:
    business: object
    items: list = field(default_factory=list)
    subtotal: int = 0
    weight_grams: int = 0
    shipping: int = 0

    @property
    def total(self) -> int:
        return self.subtotal + self.shipping


def checkout_quote(*, items, in_regency: bool) -> list[SellerQuote]:
    """Cart items (with .product and .quantity) grouped by seller with subtotal, weight and shipping."""
    groups: dict[int, SellerQuote] = {}
    for item in items:
        product = item.product
        quote = groups.setdefault(product.business_id, SellerQuote(business=product.business))
        quote.items.append(item)
        quote.subtotal += product.price * item.quantity
        quote.weight_grams += product.weight_grams * item.quantity
    rates = list(ShippingRate.objects.order_by("max_weight_grams"))
    for quote in groups.values():
        quote.shipping = shipping_cost(weight_grams=quote.weight_grams, in_regency=in_regency, rates=rates)
    return sorted(groups.values(), key=lambda quote: quote.business.name)


def _address_errors(address: dict) -> dict[str, str]:
    errors = {}
    if not (address.get("recipient_name") or "").strip():
        errors["recipient_name"] = _("Enter the recipient's name.")
    if not normalize_mobile_phone(address.get("phone") or ""):
        errors["phone"] = _("Enter an Indonesian mobile number, e.g. 0812 3456 7890.")
    if len((address.get("street") or "").strip()) < 5:
        errors["street"] = _("Enter the street, house number and RT/RW.")
    if address.get("in_regency"):
        desa = address.get("desa")
        if not isinstance(desa, Region) or desa.level != Region.Level.DESA:
            errors["desa"] = _("Choose the desa/kelurahan in Kabupaten Blitar.")
    else:
        if not (address.get("city") or "").strip():
            errors["city"] = _("Enter the city or regency.")
        if not (address.get("province") or "").strip():
            errors["province"] = _("Enter the province.")
        postal = (address.get("postal_code") or "").strip()
        if not (postal.isdigit() and len(postal) == 5):
            errors["postal_code"] = _("Enter the 5-digit postal code.")
    return errors


def _reference() -> str:
    return f"AM{timezone.localdate():%y%m%d}-{secrets.token_hex(3).upper()}"


@transaction.atomic
def order_start(*, cart: Cart, buyer, address: dict, payment_method: str) -> Order:
    """Turn the cart into an order and reserve its stock until the payment deadline.

    `address` keys: recipient_name, phone, in_regency, desa (Region), street, city, province, postal_code.
    Raises ValidationError (field errors for the address; "quantity" when stock ran out).
    """
    errors = _address_errors(address)
    if errors:
        raise ValidationError(errors)
    if payment_method not in Order.PaymentMethod.values:
        raise ValidationError({"payment_method": _("Choose a payment method.")})
    items = list(cart.items.select_related("product__business").order_by("product_id"))
    if not items:
        raise ValidationError(_("Your cart is empty."))
    for item in items:
        if not item.product.is_public:
            raise ValidationError(
                {"quantity": _("%(name)s is no longer on sale.") % {"name": item.product.name}}
            )
    in_regency = bool(address.get("in_regency"))
    quotes = checkout_quote(items=items, in_regency=in_regency)
    short = stock_reserve({item.product_id: item.quantity for item in items})
    if short:
        names = ", ".join(item.product.name for item in items if item.product_id in short)
        raise ValidationError(
            {
                "quantity": _("Not enough stock left for: %(names)s. Please lower the quantity.")
                % {"names": names}
            }
        )
    subtotal = sum(quote.subtotal for quote in quotes)
    shipping = sum(quote.shipping for quote in quotes)
    order = Order(
        reference=_reference(),
        buyer=buyer,
        email=buyer.email,
        payment_method=payment_method,
        recipient_name=address["recipient_name"].strip(),
        phone=normalize_mobile_phone(address["phone"]),
        in_regency=in_regency,
        desa=address.get("desa") if in_regency else None,
        street=address["street"].strip(),
        city="Kabupaten Blitar" if in_regency else address["city"].strip(),
        province="Jawa Timur" if in_regency else address["province"].strip(),
        postal_code=(address.get("desa").postal_code if in_regency else address["postal_code"].strip()),
        subtotal=subtotal,
        shipping_total=shipping,
        total=subtotal + shipping,
        reserved_until=timezone.now() + timedelta(minutes=settings.ORDER_RESERVATION_MINUTES),
    )
    if payment_method == Order.PaymentMethod.QRIS:
        account = QrisAccount.objects.filter(is_active=True).first()
        if account is None:
            raise ValidationError({"payment_method": _("QRIS payment is not available at the moment.")})
        try:
            order.qris_payload = qris_gateway.dynamic_payload(
                static_payload=account.payload, amount_idr=order.total
            )
        except qris_gateway.QrisError as exc:
            raise ValidationError(
                {"payment_method": _("QRIS payment is not available at the moment.")}
            ) from exc
    # The buyer and desa are rows we just read; the reference's uniqueness and the check constraints are
    # enforced by the database itself — skipping their lookups keeps checkout at a handful of queries.
    order.full_clean(exclude=["buyer", "desa"], validate_unique=False, validate_constraints=False)
    order.save()
    commission_percent = settings.ORDER_COMMISSION_PERCENT
    seller_orders, lines = [], []
    for quote in quotes:
        seller_order = SellerOrder(
            order=order,
            business=quote.business,
            subtotal=quote.subtotal,
            shipping=quote.shipping,
            weight_grams=quote.weight_grams,
            # Commission on the goods only: shipping passes through to the seller who pays the courier.
            commission=quote.subtotal * commission_percent // 100,
        )
        seller_order.full_clean(exclude=["order", "business"], validate_unique=False)
        seller_orders.append(seller_order)
    SellerOrder.objects.bulk_create(seller_orders)
    for seller_order, quote in zip(seller_orders, quotes, strict=True):
        for item in quote.items:
            product = item.product
            lines.append(
                OrderLine(
                    seller_order=seller_order,
                    product=product,
                    product_name=product.name,
                    sku=product.sku,
                    unit_price=product.price,
                    quantity=item.quantity,
                    weight_grams=product.weight_grams,
                )
            )
    OrderLine.objects.bulk_create(lines)
    cart.items.all().delete()
    schedule_product_sync(product_ids=[item.product_id for item in items])
    notify_order(order=order, event="placed")
    return order


def _stripe_lines(order: Order) -> list[stripe_gateway.CheckoutLine]:
    result = []
    for seller_order in order.seller_orders.select_related("business").prefetch_related("lines"):
        for line in seller_order.lines.all():
            result.append(
                stripe_gateway.CheckoutLine(
                    name=f"{line.product_name} ({seller_order.business.name})",
                    unit_price_idr=line.unit_price,
                    quantity=line.quantity,
                )
            )
        result.append(
            stripe_gateway.CheckoutLine(
                name=_("Shipping from %(seller)s") % {"seller": seller_order.business.name},
                unit_price_idr=seller_order.shipping,
                quantity=1,
            )
        )
    return [line for line in result if line.unit_price_idr > 0]


def payment_card_start(*, order: Order, success_url: str, cancel_url: str) -> str:
    """Open a Stripe Checkout Session for a pending order and return the URL to send the buyer to.

    Called outside the order's transaction (a network call must not hold row locks). If Stripe refuses, the
    reservation is released at once and the error is raised again.
    """
    from shop.orders.services.payments import order_release

    if order.status != Order.Status.PENDING_PAYMENT or order.payment_method != Order.PaymentMethod.CARD:
        raise ValidationError(_("This order is not waiting for a card payment."))
    remaining = order.reserved_until - timezone.now()
    expires_at = int(order.reserved_until.timestamp()) if remaining >= MIN_STRIPE_SESSION else None
    try:
        session = stripe_gateway.checkout_session_create(
            reference=order.reference,
            lines=_stripe_lines(order),
            success_url=success_url,
            cancel_url=cancel_url,
            customer_email=order.email,
            expires_at=expires_at,
        )
    except stripe_gateway.PaymentGatewayError:
        order_release(order=order, reason="gateway_error")
        raise
    Order.objects.filter(pk=order.pk).update(stripe_session_id=session.id)
    order.stripe_session_id = session.id
    return session.url
