import logging

from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from shop.orders import services
from shop.payments import stripe as stripe_gateway

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe's events: verified by signature, applied once, answered 200 even when we ignore or reject them.

    A signed event we cannot use (malformed, wrong currency or amount) is stored REJECTED for staff and
    answered 200: Stripe retries any other answer for up to three days, and the same bytes never get better.
    Only a bad signature (400) or missing configuration (503) is refused."""
    try:
        event = stripe_gateway.webhook_event_construct(
            payload=request.body, signature=request.headers.get("Stripe-Signature", "")
        )
    except stripe_gateway.PaymentsNotConfigured:
        return HttpResponse("webhooks are not configured", status=503)
    except stripe_gateway.WebhookSignatureError:
        logger.warning("Stripe webhook with a bad signature refused")
        return HttpResponse("bad signature", status=400)
    except stripe_gateway.WebhookMalformed as malformed:
        outcome = services.stripe_payload_reject(body=request.body, reason=str(malformed))
        return JsonResponse({"received": True, "outcome": outcome})
    outcome = services.stripe_event_handle(event=event)
    return JsonResponse({"received": True, "outcome": outcome})
