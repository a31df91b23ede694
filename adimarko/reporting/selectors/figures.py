"""The arithmetic every impact figure shares (whole percents to the nearest, chart bars, averages rounded half
up) and the sales figures of a group of sellers."""

from dataclasses import dataclass

from adimarko.core.numbers import round_percent


def bar_percent(value: int, top: int) -> int:
    """Width of a chart bar: a share of the largest value, at least 1 % when the value is not zero."""
    if not top or not value:
        return 0
    return max(1, value * 100 // top)


def round_half_up(amount: int, count: int) -> int:
    return 0 if not count else (2 * amount + count) // (2 * count)


@dataclass
class SalesFigures:
    orders: int = 0
    revenue: int = 0
    buyers: int = 0
    repeat_buyers: int = 0

    @property
    def average_order(self) -> int:
        return round_half_up(self.revenue, self.orders)

    @property
    def repeat_buyer_percent(self) -> int:
        return round_percent(self.repeat_buyers, self.buyers) or 0
