from django.core.exceptions import PermissionDenied


def require(decision):
    allowed, reason = decision
    if not allowed:
        raise PermissionDenied(reason)
