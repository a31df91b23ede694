"""The only module that talks to Stripe.

The platform is the merchant of record and charges buyers through Stripe Checkout Sessions. Amounts are
whole rupiah everywhere else; `to_minor_unit` and `from_minor_unit` are the only conversions to and from
Stripe's minor unit (IDR is a two-decimal currency in Stripe: Rp 25.000 is amount=2500000). Stripe errors
become `PaymentGatewayError`.
"""

import json
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
    """Stripe's IDR minor unit → whole rupiah; refuses fractions of a rupiah rather than rounding them, and
    anything that is not an integer (a webhook's JSON may carry a string, a float or a boolean)."""
    if not isinstance(amount_minor, int) or isinstance(amount_minor, bool):
        raise ValueError(f"{amount_minor!r} is not an amount in minor units.")
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


def is_configured() -> bool:
    """Whether card payments can work at all here (a secret key is set); checkout offers cards only then."""
    return bool(settings.STRIPE_SECRET_KEY)


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


def refund_create(*, payment_intent: str, amount_idr: int, idempotency_key: str) -> str:
    """Refund part or all of a payment and return Stripe's refund id. `idempotency_key` is derived from our
    `Refund` row, so a retry of the same refund (a timeout, a second click) never moves money twice."""
    try:
        refund = get_client().v1.refunds.create(
            params={
                "payment_intent": payment_intent,
                "amount": to_minor_unit(amount_idr),
                "metadata": {"adimarko_refund": idempotency_key},
            },
            options={"idempotency_key": idempotency_key},
        )
    except stripe.StripeError as exc:
        raise PaymentGatewayError(f"Stripe refused the refund: {exc.user_message or exc}") from exc
    return refund.id


SESSION_EXPIRED = "expired"
SESSION_COMPLETE = "complete"


def checkout_session_expire(*, session_id: str) -> str:
    """Close an open Checkout Session so the buyer can no longer pay it (`POST /v1/checkout/sessions/{id}/
    expire`). Returns the session's final status: "expired" (now or before) or "complete" (the buyer paid
    first: the order must not be cancelled, its payment event is on its way).

    Stripe answers an error when the session is no longer open; the session is then read back to learn
    whether it was paid or had already expired. Raises PaymentGatewayError when Stripe cannot be reached.
    """
    client = get_client()
    try:
        client.v1.checkout.sessions.expire(session_id)
        return SESSION_EXPIRED
    except stripe.InvalidRequestError as refused:
        try:
            status = client.v1.checkout.sessions.retrieve(session_id).status
        except stripe.StripeError as exc:
            raise PaymentGatewayError(f"Stripe could not read the checkout session: {exc}") from exc
        if status in (SESSION_EXPIRED, SESSION_COMPLETE):
            return status
        raise PaymentGatewayError(f"Stripe refused to expire the checkout session: {refused}") from refused
    except stripe.StripeError as exc:
        raise PaymentGatewayError(f"Stripe could not expire the checkout session: {exc}") from exc


class WebhookSignatureError(PaymentGatewayError):
    pass


class WebhookMalformed(PaymentGatewayError):
    """Signed by Stripe (the signature is good) but not an event object: kept as a rejected event."""


def webhook_event_construct(*, payload: bytes, signature: str) -> dict:
    """Verify Stripe's `Stripe-Signature` header against STRIPE_WEBHOOK_SECRET, then parse the event.

    The signature is checked first and alone: a body that is signed but is not a JSON object raises
    WebhookMalformed (stored and answered 200 by the view), never an error inside Stripe's library."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise PaymentsNotConfigured("STRIPE_WEBHOOK_SECRET is not set.")
    try:
        stripe.WebhookSignature.verify_header(
            payload, signature, settings.STRIPE_WEBHOOK_SECRET, stripe.Webhook.DEFAULT_TOLERANCE
        )
    except (ValueError, stripe.SignatureVerificationError) as exc:
        raise WebhookSignatureError(str(exc)) from exc
    try:
        event = json.loads(payload)
    except ValueError as exc:
        raise WebhookMalformed("the body is not JSON") from exc
    if not isinstance(event, dict):
        raise WebhookMalformed(f"the body is a JSON {type(event).__name__}, not an object")
    return event
