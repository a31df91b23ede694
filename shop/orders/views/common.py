from adimarko.core.permissions import require

__all__ = ["require"]
