from django.core.exceptions import PermissionDenied


def require(decision) -> None:
    """Raise PermissionDenied with the permission function's reason when it refuses."""
    allowed, reason = decision
    if not allowed:
        raise PermissionDenied(reason)
