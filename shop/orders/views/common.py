from django.core.exceptions import ValidationError

from adimarko.core.permissions import require

__all__ = ["errors_into_form", "require"]


def errors_into_form(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: field errors on their fields, the rest on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
