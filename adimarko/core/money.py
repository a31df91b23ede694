"""Money is whole rupiah in integers. This module formats it; Stripe's minor unit lives in shop.payments."""

# The highest price anyone may type, for a product or an application's main product (Rp 1.000.000.000).
PRICE_MAX = 1_000_000_000


def format_rupiah(amount: int | None) -> str:
    """Format whole rupiah the Indonesian way: ``Rp 25.000`` (dot as thousands separator)."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(int(amount)):,}".replace(",", ".")
