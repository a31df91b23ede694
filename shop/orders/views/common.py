from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404


def require(decision, *, hide: bool = False):
    """Refuse with 403 and the reason, or with 404 when the person may not know the object exists."""
    allowed, reason = decision
    if not allowed:
        if hide:
            raise Http404(reason)
        raise PermissionDenied(reason)


def errors_into_form(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: field errors on their fields, the rest on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
