from adimarko.core.permissions import require
from adimarko.core.web import confirmed

__all__ = ["confirmed", "require"]
