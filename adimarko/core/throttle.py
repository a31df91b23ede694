"""Login lockout (django-axes) and rate limits (django-ratelimit) for the public forms.

One client address for both: axes resolves it with django-ipware from the AXES_IPWARE_* settings (the proxy
header in production), and django-ratelimit asks `client_ip` for it. See docs/security/throttling.md.
"""

import ipaddress

from axes.helpers import get_client_ip_address, get_cool_off
from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage


def client_ip(request) -> str:
    """The client's address as the login lockout sees it; the socket's address if that is not an address."""
    address = get_client_ip_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return request.META.get("REMOTE_ADDR") or "0.0.0.0"


def login_username(request, credentials: dict | None) -> str | None:
    """The account a login attempt is for: emails log in case-insensitively, so they are counted so too."""
    field = settings.AXES_USERNAME_FORM_FIELD
    value = credentials.get(field) if credentials else request.POST.get(field)
    return value.strip().lower() if isinstance(value, str) else value


def cooloff_minutes(request=None) -> int:
    cool_off = get_cool_off(request)
    return max(1, -(-int(cool_off.total_seconds()) // 60)) if cool_off else 0


def lockout_response(request, original_response=None, credentials=None) -> TemplateResponse:
    """AXES_LOCKOUT_CALLABLE: a normal page with status 429 saying how long to wait and what to do."""
    context = {"minutes": cooloff_minutes(request), "admin": request.path.startswith("/admin/")}
    return TemplateResponse(request, "account/locked_out.html", context, status=429).render()


def _wait_minutes(request, *, group: str, limits: list[tuple[str, str]]) -> int:
    """Count this request under every (key, rate); 0 if it is allowed, else the minutes until the longest
    passed limit resets. Every counter is incremented, so a refused request still counts against the address
    and the email alike."""
    waits = [0]
    for value, rate in limits:
        usage = get_usage(request, group=group, key=_key(value), rate=rate, increment=True)
        if usage and usage["should_limit"]:
            waits.append(max(1, -(-usage["time_left"] // 60)))
    return max(waits)


def _key(value: str):
    return lambda group, request: value


def password_reset_wait(request, *, email: str) -> int:
    """Minutes before another reset email may be asked for (0: now); counts this request."""
    return _wait_minutes(
        request,
        group="adimarko.password_reset",
        limits=[
            (f"ip:{client_ip(request)}", settings.PASSWORD_RESET_RATE_PER_IP),
            (f"email:{email.strip().lower()}", settings.PASSWORD_RESET_RATE_PER_EMAIL),
        ],
    )


def contact_message_wait(request, *, email: str) -> int:
    """Minutes before another contact message may be sent (0: now); counts this request."""
    return _wait_minutes(
        request,
        group="cms.contact",
        limits=[
            (f"ip:{client_ip(request)}", settings.CONTACT_FORM_RATE_PER_IP),
            (f"email:{email.strip().lower()}", settings.CONTACT_FORM_RATE_PER_EMAIL),
        ],
    )


def too_many_requests_message(minutes: int) -> str:
    return ngettext(
        "Too many requests from this address or for this email address. For your security, please wait "
        "%(minutes)s minute and try again. If it is urgent, contact the Adi Marko staff by telephone or "
        "WhatsApp.",
        "Too many requests from this address or for this email address. For your security, please wait "
        "%(minutes)s minutes and try again. If it is urgent, contact the Adi Marko staff by telephone or "
        "WhatsApp.",
        minutes,
    ) % {"minutes": minutes}
