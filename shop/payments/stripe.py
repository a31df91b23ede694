"""The only module that talks to Stripe.

The platform is the merchant of record and charges buyers through Stripe Checkout Sessions. Amounts are
whole rupiah everywhere else; `to_minor_unit` and `from_minor_unit` are the only conversions to and from
Stripe's minor unit (IDR is a two-decimal currency in Stripe: Rp 25.000 is amount=2500000). Stripe errors
become `PaymentGatewayError`.
"""

from dataclasses import dataclass

import stripe
from django.conf import settings

CURRENCY = "idr"


class PaymentGatewayError(Exception):
    """Stripe refused or could not be reached; the message is safe to log, not to show to buyers."""


class PaymentsNotConfigured(PaymentGatewayError):
    pass


def to_minor_unit(amount_idr: int) -> int:
    """Whole rupiah → Stripe's IDR minor unit (×100)."""
    if not isinstance(amount_idr, int) or isinstance(amount_idr, bool):
        raise TypeError("Rupiah amounts are whole integers.")
    return amount_idr * 100


def from_minor_unit(amount_minor: int) -> int:
    """Stripe's IDR minor unit → whole rupiah; refuses fractions of a rupiah rather than rounding them."""
    rupiah, cents = divmod(amount_minor, 100)
    if cents:
        raise ValueError(f"{amount_minor} is not a whole rupiah amount.")
    return rupiah


@dataclass(frozen=True)
class CheckoutLine:
    name: str
    unit_price_idr: int
    quantity: int


@dataclass(frozen=True)
class CheckoutSession:
    id: str
    url: str
    amount_total_idr: int | None


def get_client() -> stripe.StripeClient:
    if not settings.STRIPE_SECRET_KEY:
        raise PaymentsNotConfigured("STRIPE_SECRET_KEY is not set.")
    base_addresses = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses=base_addresses,
        max_network_retries=2,
        http_client=stripe.RequestsClient(timeout=settings.STRIPE_TIMEOUT),  # requests comes with Wagtail
    )


def checkout_session_create(
    *,
    reference: str,
    lines: list[CheckoutLine],
    success_url: str,
    cancel_url: str,
    customer_email: str = "",
    expires_at: int | None = None,
) -> CheckoutSession:
    """Create a hosted Checkout Session for one order. `reference` (our order id) keys idempotency.

    `expires_at` (a Unix time 30 minutes to 24 hours ahead) makes Stripe close the session when our stock
    reservation ends, so a buyer cannot pay for stock that went back on sale.
    """
    params = {
        "mode": "payment",
        "client_reference_id": reference,
        "success_url": success_url,
        "cancel_url": cancel_url,
        "metadata": {"order_reference": reference},
        "line_items": [
            {
                "quantity": line.quantity,
                "price_data": {
                    "currency": CURRENCY,
                    "unit_amount": to_minor_unit(line.unit_price_idr),
                    "product_data": {"name": line.name},
                },
            }
            for line in lines
        ],
    }
    if customer_email:
        params["customer_email"] = customer_email
    if expires_at is not None:
        params["expires_at"] = expires_at
    try:
        session = get_client().v1.checkout.sessions.create(
            params=params, options={"idempotency_key": f"checkout-{reference}"}
        )
    except stripe.StripeError as exc:
        raise PaymentGatewayError(f"Stripe refused the checkout session: {exc.user_message or exc}") from exc
    total = session.amount_total
    return CheckoutSession(
        id=session.id,
        url=session.url or "",
        amount_total_idr=None if total is None else from_minor_unit(total),
    )


def refund_create(*, payment_intent: str, amount_idr: int, reference: str) -> str:
    """Refund part or all of a payment; `reference` (our seller-order or order id) keys idempotency."""
    try:
        refund = get_client().v1.refunds.create(
            params={
                "payment_intent": payment_intent,
                "amount": to_minor_unit(amount_idr),
                "metadata": {"reference": reference},
            },
            options={"idempotency_key": f"refund-{reference}"},
        )
    except stripe.StripeError as exc:
        raise PaymentGatewayError(f"Stripe refused the refund: {exc.user_message or exc}") from exc
    return refund.id


class WebhookSignatureError(PaymentGatewayError):
    pass


def webhook_event_construct(*, payload: bytes, signature: str) -> dict:
    """Verify Stripe's `Stripe-Signature` header against STRIPE_WEBHOOK_SECRET and parse the event."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise PaymentsNotConfigured("STRIPE_WEBHOOK_SECRET is not set.")
    try:
        event = stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
    except (ValueError, stripe.SignatureVerificationError) as exc:
        raise WebhookSignatureError(str(exc)) from exc
    return event.to_dict()
