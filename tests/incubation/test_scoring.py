"""Weighted score arithmetic with exact numbers, through the services and the staff selectors."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from incubation.audition.scoring import mean, spread, std_dev, weighted_total
from incubation.audition.selectors import round_ranking, score_summary
from incubation.audition.services.jury import review_submit
from tests.incubation.factories import assign, jury, round_page, submitted

pytestmark = pytest.mark.django_db


def test_weighted_total_is_on_a_0_to_100_scale():
    # (40×5 + 35×3 + 25×4) / (5 × 100) × 100 = 405 / 500 × 100
    assert weighted_total([(40, 5), (35, 3), (25, 4)]) == Decimal("81.00")
    assert weighted_total([(40, 1), (35, 1), (25, 1)]) == Decimal("20.00")
    assert weighted_total([(40, 5), (35, 5), (25, 5)]) == Decimal("100.00")
    # (50×3 + 30×2 + 20×5) / 500 × 100 = 310 / 5 = 62
    assert weighted_total([(50, 3), (30, 2), (20, 5)]) == Decimal("62.00")
    # 1/3 weights do not need to total 100 in the pure function: (1×4 + 2×3) / (5×3) × 100 = 66.666… → 66.67
    assert weighted_total([(1, 4), (2, 3)]) == Decimal("66.67")


def test_mean_spread_and_standard_deviation():
    totals = [Decimal("81.00"), Decimal("70.00")]
    assert mean(totals) == Decimal("75.50")
    assert spread(totals) == Decimal("11.00")
    assert std_dev(totals) == Decimal("5.50")
    assert mean([]) is None


def _scores(round, values, comments=("",) * 3):
    return {c.pk: (v, note) for c, v, note in zip(round.criteria.all(), values, comments, strict=True)}


def test_reviews_give_weighted_totals_averages_and_disagreement():
    round = round_page(disagreement_threshold=20)
    application = submitted(round=round)
    ani, budi = jury(first_name="Ani"), jury(first_name="Budi")
    review_a = review_submit(
        assignment=assign(application, ani), scores=_scores(round, [5, 3, 4]), comment="Bagus"
    )
    review_b = review_submit(assignment=assign(application, budi), scores=_scores(round, [2, 2, 3]))
    # Ani: 405/500 → 81.00; Budi: (80 + 70 + 75)/500 → 45.00
    assert review_a.weighted_total == Decimal("81.00")
    assert review_b.weighted_total == Decimal("45.00")
    summary = score_summary(application)
    assert summary.average == Decimal("63.00")
    assert summary.spread == Decimal("36.00")
    assert summary.std_dev == Decimal("18.00")
    assert summary.disagreement is True
    quality, readiness, market = round.criteria.all()
    assert summary.criterion_averages == {
        quality.pk: Decimal("3.50"),
        readiness.pk: Decimal("2.50"),
        market.pk: Decimal("3.50"),
    }


def test_ranking_orders_by_average_total():
    round = round_page()
    first, second = submitted(round=round), submitted(round=round)
    juror = jury()
    review_submit(assignment=assign(first, juror), scores=_scores(round, [3, 3, 3]))  # 60.00
    review_submit(assignment=assign(second, juror), scores=_scores(round, [4, 4, 4]))  # 80.00
    rows = round_ranking(round=round)
    assert [(r.rank, r.application.pk, r.summary.average) for r in rows] == [
        (1, second.pk, Decimal("80.00")),
        (2, first.pk, Decimal("60.00")),
    ]
    assert rows[0].summary.disagreement is False


@pytest.mark.parametrize("bad", [0, 6, -1])
def test_out_of_range_scores_are_refused_and_nothing_is_stored(bad):
    round = round_page()
    application = submitted(round=round)
    assignment = assign(application, jury())
    with pytest.raises(ValidationError) as exc:
        review_submit(assignment=assignment, scores=_scores(round, [bad, 3, 3]))
    assert "Kualitas produk: nilai harus antara 1 dan 5." in exc.value.messages
    assert not hasattr(assignment.__class__.objects.get(pk=assignment.pk), "review")


def test_a_missing_criterion_score_is_refused():
    round = round_page()
    application = submitted(round=round)
    assignment = assign(application, jury())
    first = round.criteria.first()
    with pytest.raises(ValidationError) as exc:
        review_submit(assignment=assignment, scores={first.pk: (4, "")})
    assert "Beri nilai untuk Kesiapan pemasaran." in exc.value.messages
