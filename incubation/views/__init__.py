from adimarko.permissions import require

__all__ = ["require"]
