"""What every view does around a write service: show its refusal on the form, or as a message.

A service raises `ValidationError` when it refuses (see docs on services). A view that has a form puts the
errors on the form with `add_service_errors`; a view that only posts a button calls the service through
`call_service`, which shows the refusal or the success as a message, and redirects itself.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.http import url_has_allowed_host_and_scheme


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: errors naming one of the form's fields on that field,
    every other error (another field, or none) above the form. Error codes are kept."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def call_service(
    request, service: Callable, /, *, success: str | Callable[[Any], str] = "", **arguments
) -> bool:
    """Call `service(**arguments)`. When it refuses, show its messages as one error message and return False;
    otherwise show `success` (when given; a function of the service's result when the message names what was
    done) and return True. The view redirects afterwards, as it chooses."""
    try:
        result = service(**arguments)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    message = success(result) if callable(success) else success
    if message:
        messages.success(request, message)
    return True


def safe_next(request, value: str | None) -> str:
    """`value` when it is a path on this site (a `next` from a query or a form), else "": never another host,
    never a scheme such as `javascript:`, never a protocol-relative `//host`."""
    value = (value or "").strip()
    if value.startswith("/") and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return ""


def confirmed(request) -> bool:
    """Whether the person pressed the confirm button of a confirmation step
    (`includes/confirm_action.html` posts `confirm=yes`); anything else shows the step."""
    return request.method == "POST" and request.POST.get("confirm") == "yes"
