"""Money is whole rupiah in integers. This module formats it; Stripe's minor unit lives in shop.payments."""


def format_rupiah(amount: int | None) -> str:
    """Format whole rupiah the Indonesian way: ``Rp 25.000`` (dot as thousands separator)."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(int(amount)):,}".replace(",", ".")
