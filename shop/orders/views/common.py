from adimarko.core.permissions import require

__all__ = ["confirmed", "require"]


def confirmed(request) -> bool:
    """Whether the person pressed the confirm button of a confirmation step
    (adimarko/core/templates/includes/confirm_action.html posts `confirm=yes`)."""
    return request.method == "POST" and request.POST.get("confirm") == "yes"
