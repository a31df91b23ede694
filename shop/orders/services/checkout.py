"""Checkout: one order per payment, one seller order per seller, stock reserved while the buyer pays.

Checkout happens exactly once per form: the form carries a random token and the order keeps it, so a double
click, a reload or five submits at once all land on one order with one reservation and one Checkout Session.
The form also carries a signed summary of what the buyer saw (product, price, quantity): if the cart or a
price changed since, nothing is reserved and the buyer confirms the new total first.
"""

import logging
import math
import re
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from adimarko.core.models import Region
from adimarko.core.money import format_rupiah
from adimarko.core.validators import normalize_mobile_phone
from shop.orders.models import Cart, CartItem, Order, OrderLine, QrisAccount, SellerOrder, ShippingRate
from shop.orders.notifications import checkout_followups, notify_order
from shop.orders.services.refunds import order_lock, order_quantities
from shop.payments import qris as qris_gateway
from shop.payments import stripe as stripe_gateway
from shop.seams import products_changed
from shop.stock import stock_release, stock_reserve

logger = logging.getLogger(__name__)

MIN_STRIPE_SESSION = timedelta(minutes=30)
# The largest total (whole rupiah) each payment method takes: QRIS per Bank Indonesia's per-transaction limit;
# Stripe takes at most twelve digits of IDR minor units (Rp 9.999.999.999). A larger order is a price problem
# the buyer can fix (fewer units, another method, several orders), not a technical fault.
PAYMENT_MAX_TOTAL = {Order.PaymentMethod.QRIS: 10_000_000, Order.PaymentMethod.CARD: 9_999_999_999}
SUMMARY_SALT = "shop.orders.checkout.summary"

# What a checkout page showed: {product_id: (unit price, quantity)}.
Summary = dict[int, tuple[int, int]]


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


def checkout_token_new() -> str:
    """A fresh token for one rendering of the checkout form."""
    return secrets.token_urlsafe(24)


def checkout_summary(*, items) -> Summary:
    return {item.product_id: (item.product.price, item.quantity) for item in items}


def checkout_summary_sign(*, items) -> str:
    """The summary a checkout page shows, signed so the page can hand it back with the submit."""
    return signing.dumps(sorted(checkout_summary(items=items).items()), salt=SUMMARY_SALT, compress=True)


def checkout_summary_read(value: str) -> Summary | None:
    """The summary a page showed; None when the form carried none (no check), {} when it was tampered with
    (the cart then counts as changed)."""
    if not value:
        return None
    try:
        rows = signing.loads(value, salt=SUMMARY_SALT)
        return {int(product_id): (int(price), int(quantity)) for product_id, (price, quantity) in rows}
    except (signing.BadSignature, TypeError, ValueError):
        return {}


def _summary_errors(*, items, seen: Summary) -> ValidationError | None:
    """Why the buyer must look again before paying: the cart's contents or a price changed since the page."""
    now = checkout_summary(items=items)
    if now == seen:
        return None
    same_cart = {pid: quantity for pid, (_price, quantity) in now.items()} == {
        pid: quantity for pid, (_price, quantity) in seen.items()
    }
    if not same_cart:
        return ValidationError(
            _("Your cart changed since you opened this page. Check the new total and press Pay now again."),
            code="cart_changed",
        )
    changes = ", ".join(
        f"{item.product.name} {format_rupiah(seen[item.product_id][0])} → {format_rupiah(item.product.price)}"
        for item in items
        if seen[item.product_id][0] != item.product.price
    )
    return ValidationError(
        _(
            "Prices changed since you opened this page: %(changes)s. Check the new total and press Pay now "
            "again."
        )
        % {"changes": changes},
        code="prices_changed",
    )


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
        if not re.fullmatch(r"[0-9]{5}", postal):
            errors["postal_code"] = _("Enter the 5-digit postal code.")
    return errors


def _reference() -> str:
    return f"AM{timezone.localdate():%y%m%d}-{secrets.token_hex(3).upper()}"


def _order_for_token(*, buyer, checkout_token: str) -> Order | None:
    if not checkout_token:
        return None
    return Order.objects.filter(buyer=buyer, checkout_token=checkout_token).first()


def order_start(
    *,
    cart: Cart,
    buyer,
    address: dict,
    payment_method: str,
    checkout_token: str = "",
    summary_seen: Summary | None = None,
) -> Order:
    """Turn the cart into an order and reserve its stock until the payment deadline.

    `address` keys: recipient_name, phone, in_regency, desa (Region), street, city, province, postal_code.
    `checkout_token`: the form's token; a later call with the same token returns the order the first one
    made (even once the cart is empty). `summary_seen`: what the page showed (`checkout_summary_read`); if
    the cart or a price differs, nothing is reserved. Raises ValidationError (field errors for the address;
    "quantity" when stock ran out; codes "prices_changed"/"cart_changed" when the buyer must look again).
    """
    try:
        return _order_start(
            cart=cart,
            buyer=buyer,
            address=address,
            payment_method=payment_method,
            checkout_token=checkout_token,
            summary_seen=summary_seen,
        )
    except IntegrityError:
        # Another request made this token's order after all (the unique constraint is the last guard): the
        # transaction was rolled back, so the stock this one reserved is back, and the buyer lands on that
        # order. One transaction, no savepoint (two statements fewer per checkout); called inside an outer
        # transaction, `_order_start`'s atomic block is a savepoint and this works the same.
        existing = _order_for_token(buyer=buyer, checkout_token=checkout_token)
        if existing is None:
            raise
        return existing


@transaction.atomic
def _order_start(*, cart, buyer, address, payment_method, checkout_token, summary_seen) -> Order:
    # One checkout at a time per cart: concurrent submits of the same form queue here, and the later ones
    # find the order the first one made.
    Cart.objects.select_for_update().filter(pk=cart.pk).values_list("pk").first()
    existing = _order_for_token(buyer=buyer, checkout_token=checkout_token)
    if existing is not None:
        return existing
    errors = _address_errors(address)
    if errors:
        raise ValidationError(errors)
    if payment_method not in Order.PaymentMethod.values:
        raise ValidationError({"payment_method": _("Choose a payment method.")})
    items = list(cart.items.select_related("product__business").order_by("product_id"))
    if not items:
        raise ValidationError(_("Your cart is empty."), code="cart_empty")
    for item in items:
        if not item.product.is_public:
            raise ValidationError(
                {"quantity": _("%(name)s is no longer on sale.") % {"name": item.product.name}}
            )
    if summary_seen is not None:
        changed = _summary_errors(items=items, seen=summary_seen)
        if changed is not None:
            raise changed
    return _order_create(
        cart=cart,
        buyer=buyer,
        address=address,
        payment_method=payment_method,
        checkout_token=checkout_token,
        items=items,
    )


def _check_payment_limit(*, payment_method: str, total: int) -> None:
    limit = PAYMENT_MAX_TOTAL[payment_method]
    if total > limit:
        raise ValidationError(
            {
                "payment_method": _(
                    "The order total of %(total)s is more than %(method)s can take (at most %(limit)s). "
                    "Lower the quantities or split the purchase into several orders."
                )
                % {
                    "total": format_rupiah(total),
                    "method": Order.PaymentMethod(payment_method).label,
                    "limit": format_rupiah(limit),
                }
            },
            code="total_above_payment_limit",
        )


def _order_create(*, cart, buyer, address, payment_method, checkout_token, items) -> Order:
    in_regency = bool(address.get("in_regency"))
    quotes = checkout_quote(items=items, in_regency=in_regency)
    _check_payment_limit(payment_method=payment_method, total=sum(q.total for q in quotes))
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
        checkout_token=checkout_token,
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
        # Its check constraints hold by construction (nothing refunded yet) and the database enforces them;
        # validating them here would cost a query per constraint and seller.
        seller_order.full_clean(
            exclude=["order", "business"], validate_unique=False, validate_constraints=False
        )
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
    # The stock change for search and the buyer's email in one task queued on commit. A card order is
    # announced once its Checkout Session opened (`payment_card_start`): if Stripe cannot open one, the
    # checkout is undone and the buyer never hears of that order.
    checkout_followups(
        order=order,
        product_ids=[item.product_id for item in items],
        placed_email=payment_method == Order.PaymentMethod.QRIS,
    )
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
    """The URL of the order's Stripe Checkout Session, opened on the first call and reused afterwards, so an
    order has at most one session however many submits or "continue to payment" clicks reach here at once.

    If Stripe refuses or cannot be reached, PaymentGatewayError is raised and nothing changes: the checkout
    view then undoes the checkout (`card_checkout_undo`), a "continue to payment" click leaves the order
    waiting (its reservation runs out as usual).
    """
    with transaction.atomic():
        # The order's row lock is held across the one call to Stripe: a second submit of the same
        # order waits here and then reuses the stored session instead of opening another. Only requests
        # for this one order wait (for at most STRIPE_TIMEOUT); Stripe's idempotency key
        # `checkout-{reference}` guards real Stripe as well, but a stateless server (stripe-mock) or a
        # key older than Stripe's 24 hours would not.
        order = Order.objects.select_for_update().get(pk=order.pk)
        if not (order.is_pending and order.payment_method == Order.PaymentMethod.CARD):
            raise ValidationError(_("This order is not waiting for a card payment."))
        if order.stripe_session_id and order.stripe_session_url:
            return order.stripe_session_url
        remaining = order.reserved_until - timezone.now()
        expires_at = int(order.reserved_until.timestamp()) if remaining >= MIN_STRIPE_SESSION else None
        session = stripe_gateway.checkout_session_create(
            reference=order.reference,
            lines=_stripe_lines(order),
            success_url=success_url,
            cancel_url=cancel_url,
            customer_email=order.email,
            expires_at=expires_at,
        )
        order.stripe_session_id, order.stripe_session_url = session.id, session.url
        order.save(update_fields=["stripe_session_id", "stripe_session_url"])
        notify_order(order=order, event="placed")
        return session.url


@transaction.atomic
def card_checkout_undo(*, order: Order) -> bool:
    """Stripe could not open the Checkout Session of a card order just placed (refused, unreachable, timed
    out): undo the checkout as if it had not happened. The held stock goes back on sale, the order's lines go
    back into the buyer's cart (added to anything put there since), and the order row is deleted: the buyer
    never saw it (no payment page, no email), so a cancelled order in their list would only confuse them.

    Only an order still waiting, paid by card and without a session is undone (a second submit of the same
    form may have opened the session meanwhile); returns whether this call undid it. A session Stripe made
    without answering us (a timeout) cannot be paid: nobody has its address, and it expires with the
    reservation.
    """
    found = Order.objects.filter(pk=order.pk).only("pk").first()
    if found is None:
        return False
    order = order_lock(found)
    if not (order.is_pending and order.payment_method == Order.PaymentMethod.CARD) or order.stripe_session_id:
        return False
    quantities = order_quantities(order)
    stock_release(quantities)
    cart, _created = Cart.objects.get_or_create(user=order.buyer)
    for product_id in sorted(quantities):
        item = CartItem.objects.select_for_update().filter(cart=cart, product_id=product_id).first()
        if item is None:
            CartItem.objects.create(cart=cart, product_id=product_id, quantity=quantities[product_id])
        else:
            item.quantity += quantities[product_id]
            item.save(update_fields=["quantity"])
    logger.warning("order %s: Stripe could not open its checkout session; checkout undone", order.reference)
    order.delete()
    products_changed.notify(product_ids=list(quantities))
    return True
