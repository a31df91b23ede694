"""Score arithmetic, kept pure so it can be checked with exact numbers.

A review's weighted total is on a 0–100 scale: sum(weight × score) / (5 × sum(weight)) × 100.
An application's total is the mean of its reviews' totals; disagreement is the spread (max − min) and the
population standard deviation of those totals.
"""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from incubation.audition.models.rounds import SCALE_MAX

TWO_PLACES = Decimal("0.01")


def _q(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def weighted_total(weighted_scores: Iterable[tuple[int, int]]) -> Decimal:
    """(weight, score) pairs → total on 0–100, two decimals."""
    pairs = list(weighted_scores)
    total_weight = sum(weight for weight, _score in pairs)
    if not total_weight:
        return Decimal("0.00")
    points = sum(weight * score for weight, score in pairs)
    return _q(Decimal(points) * 100 / (SCALE_MAX * total_weight))


def mean(values: Iterable[Decimal]) -> Decimal | None:
    values = [Decimal(v) for v in values]
    if not values:
        return None
    return _q(sum(values) / len(values))


def spread(values: Iterable[Decimal]) -> Decimal | None:
    values = [Decimal(v) for v in values]
    if not values:
        return None
    return _q(max(values) - min(values))


def std_dev(values: Iterable[Decimal]) -> Decimal | None:
    values = [Decimal(v) for v in values]
    if not values:
        return None
    average = sum(values) / len(values)
    variance = sum((v - average) ** 2 for v in values) / len(values)
    return _q(variance.sqrt())
