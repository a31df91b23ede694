"""Who may do what with search-owned data. Each function returns ``(allowed, reason)``."""

from django.utils.translation import gettext as _

from adimarko.core.permissions import ALLOWED, Decision, is_staff


def can_pick_products(user) -> Decision:
    """Curator's picks (ranked higher in search) are chosen by Disperindag staff."""
    if not user.is_authenticated:
        return False, _("Log in first.")
    if is_staff(user):
        return ALLOWED
    return False, _("Curator's picks are chosen by Disperindag staff.")
