"""Every impact figure on the hand-checked data set of tests/adimarko/reporting/dataset.py.

The expected numbers come from the tables in dataset.py's docstring, worked out by hand from the
definitions in the issue 8 contract — never from the selectors. When a figure here disagrees with the code,
re-derive it by hand from the definition before touching it."""

from datetime import date

import pytest

from adimarko.core.models import Region
from adimarko.reporting.selectors import (
    FUNNEL_STAGES,
    ImpactFilter,
    SalesFigures,
    business_journey,
    funnel_businesses,
    funnel_total,
    kecamatan_ranking,
    round_funnel,
    sales_comparison,
)
from tests.adimarko.reporting.dataset import KECAMATAN

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

PERIOD_2026_H1 = {"start": date(2026, 1, 1), "end": date(2026, 6, 10)}
YEAR_2025 = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}


@pytest.fixture
def data(impact_data):
    return impact_data


def figures(sales: SalesFigures) -> tuple[int, int, int, int, int]:
    """(orders, revenue, average order, buyers, repeat buyers)"""
    return (sales.orders, sales.revenue, sales.average_order, sales.buyers, sales.repeat_buyers)


ZERO = (0, 0, 0, 0, 0)


def stages(row) -> tuple[int, int, int, int, int]:
    return tuple(getattr(row, stage) for stage in FUNNEL_STAGES)


def by_round(rows) -> dict[int | None, tuple]:
    return {row.round_id: stages(row) for row in rows}


# --- SalesFigures arithmetic -------------------------------------------------------------------------------
def test_average_order_rounds_half_up_and_is_zero_without_orders():
    assert SalesFigures(orders=2, revenue=5).average_order == 3  # 2.5 → 3 (banker's rounding gives 2)
    assert SalesFigures(orders=2, revenue=1).average_order == 1  # 0.5 → 1
    assert SalesFigures(orders=4, revenue=150002).average_order == 37501  # 37 500.5 → 37 501
    assert SalesFigures(orders=3, revenue=100000).average_order == 33333  # 33 333.3 → 33 333
    assert SalesFigures(orders=3, revenue=200000).average_order == 66667  # 66 666.7 → 66 667
    assert SalesFigures(orders=0, revenue=0).average_order == 0


def test_repeat_buyer_percent_is_rounded_to_the_nearest():
    assert SalesFigures(buyers=3, repeat_buyers=2).repeat_buyer_percent == 67  # 66.67 → 67
    assert SalesFigures(buyers=4, repeat_buyers=3).repeat_buyer_percent == 75
    assert SalesFigures(buyers=0, repeat_buyers=0).repeat_buyer_percent == 0


# --- Funnel ------------------------------------------------------------------------------------------------
def test_round_funnel_each_stage_per_round_newest_first(data):
    rows = round_funnel(filters=ImpactFilter())
    r25, r26 = data.rounds["R25"], data.rounds["R26"]
    assert [row.round_id for row in rows] == [r26.pk, r25.pk]
    assert [(row.title, row.year) for row in rows] == [
        ("Audisi Adi Marko 2026", 2026),
        ("Audisi Adi Marko 2025", 2025),
    ]
    assert by_round(rows) == {r26.pk: (5, 4, 2, 2, 2), r25.pk: (5, 4, 3, 2, 1)}


def test_round_funnel_drill_down_ids_per_stage(data):
    rows = {row.round_id: row for row in round_funnel(filters=ImpactFilter())}
    r25, r26 = rows[data.rounds["R25"].pk], rows[data.rounds["R26"].pk]
    assert r25.business_ids == {
        "applicants": frozenset(data.ids("B1", "B2", "B3", "B4", "B5")),
        "eligible": frozenset(data.ids("B1", "B2", "B3", "B4")),
        "accepted": frozenset(data.ids("B1", "B2", "B3")),
        "graduated": frozenset(data.ids("B1", "B2")),
        "active_sellers": frozenset(data.ids("B1")),
    }
    assert r26.business_ids == {
        "applicants": frozenset(data.ids("B4", "B7", "B8", "B10", "B11")),
        "eligible": frozenset(data.ids("B4", "B7", "B8", "B11")),
        "accepted": frozenset(data.ids("B4", "B7")),
        "graduated": frozenset(data.ids("B4", "B7")),
        "active_sellers": frozenset(data.ids("B4", "B7")),
    }


def test_funnel_total_sums_the_rows(data):
    total = funnel_total(round_funnel(filters=ImpactFilter()))
    assert total.round_id is None
    assert stages(total) == (10, 8, 5, 4, 3)
    # The dashboard's headline counts businesses once: B4 applied in both rounds (rejected, then accepted).
    assert (total.unique_applicants, total.unique_graduated, total.unique_active_sellers) == (9, 4, 3)


def test_funnel_total_of_a_filtered_funnel(data):
    total = funnel_total(round_funnel(filters=ImpactFilter(sector="food")))
    # R25: B4 rejected (1, 1, 0, 0, 0); R26: B4 accepted + B10 submitted (2, 1, 1, 1, 1)
    assert stages(total) == (3, 2, 1, 1, 1)


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"sector": "snack"},
        {"sector": "food"},
        PERIOD_2026_H1,
        YEAR_2025,
        {"round": "R25"},
    ],
    ids=["all", "snack", "food", "2026-h1", "2025", "round-2025"],
)
def test_funnel_is_nested_and_counts_match_ids(data, filters):
    if "round" in filters:
        filters = {**filters, "round": data.rounds[filters["round"]]}
    rows = round_funnel(filters=ImpactFilter(**filters))
    assert rows
    for row in rows:
        for stage in FUNNEL_STAGES:
            assert len(row.business_ids[stage]) == getattr(row, stage), (row.title, stage)
        for earlier, later in zip(FUNNEL_STAGES, FUNNEL_STAGES[1:], strict=False):
            assert row.business_ids[later] <= row.business_ids[earlier], (row.title, later, earlier)


def test_drafts_and_withdrawn_applications_never_count(data):
    rows = round_funnel(filters=ImpactFilter())
    counted = set().union(*(row.business_ids["applicants"] for row in rows))
    assert data.businesses["B6"].pk not in counted  # draft
    assert data.businesses["B9"].pk not in counted  # withdrawn
    assert data.businesses["B10"].pk in counted  # submitted, not yet screened: it reached staff


def test_funnel_sector_filter(data):
    r25, r26 = data.rounds["R25"].pk, data.rounds["R26"].pk

    def funnel(sector):
        rows = by_round(round_funnel(filters=ImpactFilter(sector=sector)))
        # A round without an application of the sector may be listed with zeros or left out.
        return {key: value for key, value in rows.items() if value != ZERO}

    assert funnel("coffee") == {r25: (2, 1, 1, 1, 1)}  # B1 graduate who sold coffee, B5 ineligible
    assert funnel("snack") == {
        r25: (1, 1, 1, 1, 0),
        r26: (1, 1, 0, 0, 0),
    }  # B2 no counted sale; B8 waitlisted
    assert funnel("food") == {r25: (1, 1, 0, 0, 0), r26: (2, 1, 1, 1, 1)}  # B4 rejected then accepted
    assert funnel("fashion") == {r26: (1, 1, 1, 1, 1)}  # B6's fashion application is a draft
    assert funnel("herbal") == {r26: (1, 1, 0, 0, 0)}  # B11 eligible, undecided
    assert funnel("other") == {}


def test_funnel_period_filter(data):
    r25, r26 = data.rounds["R25"].pk, data.rounds["R26"].pk
    # Only R26 closes inside; B4's only sale is at 03:00 WIB on 1 January 2026 (still 2025 in UTC);
    # B7 sold in May 2025 and September 2026, both outside the period: graduated, not active.
    assert by_round(round_funnel(filters=ImpactFilter(**PERIOD_2026_H1))) == {r26: (5, 4, 2, 2, 1)}
    rows = round_funnel(filters=ImpactFilter(**PERIOD_2026_H1))
    assert rows[0].business_ids["active_sellers"] == frozenset(data.ids("B4"))
    # Only R25 closes in 2025; B1 sold in August 2025, B2 only in a refunded order.
    assert by_round(round_funnel(filters=ImpactFilter(**YEAR_2025))) == {r25: (5, 4, 3, 2, 1)}
    # The closing day itself is inside a period ending on it.
    assert by_round(round_funnel(filters=ImpactFilter(start=date(2026, 3, 31), end=date(2026, 3, 31)))) == {
        r26: (5, 4, 2, 2, 0)
    }
    assert round_funnel(filters=ImpactFilter(start=date(2024, 1, 1), end=date(2024, 12, 31))) == []


def test_funnel_round_and_cohort_filter(data):
    r25, r26 = data.rounds["R25"], data.rounds["R26"]
    assert by_round(round_funnel(filters=ImpactFilter(round=r25))) == {r25.pk: (5, 4, 3, 2, 1)}
    assert by_round(round_funnel(filters=ImpactFilter(round=r26))) == {r26.pk: (5, 4, 2, 2, 2)}
    assert by_round(round_funnel(filters=ImpactFilter(cohort=data.cohorts["C25"]))) == {
        r25.pk: (5, 4, 3, 2, 1)
    }
    assert by_round(round_funnel(filters=ImpactFilter(cohort=data.cohorts["C26"]))) == {
        r26.pk: (5, 4, 2, 2, 2)
    }
    # Combined with a sector: R26's snack application (B8) was waitlisted.
    assert by_round(round_funnel(filters=ImpactFilter(round=r26, sector="snack"))) == {
        r26.pk: (1, 1, 0, 0, 0)
    }


# --- Sales comparison --------------------------------------------------------------------------------------
def test_sales_comparison_whole_period(data):
    sales = sales_comparison(filters=ImpactFilter())
    assert figures(sales.alumni) == (6, 480002, 80000, 4, 1)
    assert figures(sales.others) == (4, 480000, 120000, 3, 1)
    # Overall repeat buyers are counted over all counted checkouts: U1, U2 and U3 bought twice or more, but
    # U2 and U3 only once in each group.
    assert figures(sales.overall) == (10, 960002, 96000, 4, 3)


def test_sales_by_year(data):
    sales = sales_comparison(filters=ImpactFilter())
    assert [(y.year, figures(y.alumni), figures(y.others)) for y in sales.by_year] == [
        (2025, (1, 80000, 80000, 1, 0), (2, 295000, 147500, 2, 0)),
        (2026, (5, 400002, 80000, 4, 0), (2, 185000, 92500, 2, 0)),
    ]


def test_sales_period_filter_uses_wib_dates_and_inclusive_bounds(data):
    sales = sales_comparison(filters=ImpactFilter(**PERIOD_2026_H1))
    # a2, a3+a4 (1 Jan 03:00 WIB), a6 (10 Jun 14:00 WIB, the last day): 150 002 / 4 = 37 500.5 → 37 501
    assert figures(sales.alumni) == (4, 150002, 37501, 3, 0)
    assert figures(sales.others) == (1, 150000, 150000, 1, 0)
    assert figures(sales.overall) == (5, 300002, 60000, 3, 0)
    assert [y.year for y in sales.by_year] == [2026]


def test_sales_period_of_one_day(data):
    # Only C3 (two sellers, both alumni, one checkout): 25 001 + 20 000.
    sales = sales_comparison(filters=ImpactFilter(start=date(2026, 1, 1), end=date(2026, 1, 1)))
    assert figures(sales.alumni) == (2, 45001, 22501, 1, 0)  # 22 500.5 → 22 501
    assert figures(sales.others) == ZERO
    # 31 December 2025 (WIB) holds no sale at all: C3 is 2025-12-31 20:00 in UTC only.
    sales = sales_comparison(filters=ImpactFilter(start=date(2025, 12, 31), end=date(2025, 12, 31)))
    assert figures(sales.overall) == ZERO
    assert sales.by_year == []


def test_sales_sector_filter(data):
    coffee = sales_comparison(filters=ImpactFilter(sector="coffee"))
    assert figures(coffee.alumni) == (3, 160000, 53333, 2, 1)
    assert figures(coffee.others) == ZERO
    assert figures(coffee.overall) == (3, 160000, 53333, 2, 1)

    snack = sales_comparison(filters=ImpactFilter(sector="snack"))
    assert figures(snack.alumni) == (2, 50002, 25001, 2, 0)  # only the snack line of the C9 order
    assert figures(snack.others) == (1, 45000, 45000, 1, 0)
    assert figures(snack.overall) == (3, 95002, 31667, 3, 0)

    fashion = sales_comparison(filters=ImpactFilter(sector="fashion"))
    assert figures(fashion.alumni) == (1, 250000, 250000, 1, 0)
    assert figures(fashion.others) == (2, 400000, 200000, 2, 0)
    assert figures(fashion.overall) == (3, 650000, 216667, 2, 1)

    herbal = sales_comparison(filters=ImpactFilter(sector="herbal"))
    assert figures(herbal.overall) == ZERO


def test_sales_sector_filter_by_year(data):
    snack = sales_comparison(filters=ImpactFilter(sector="snack"))
    assert [(y.year, figures(y.alumni), figures(y.others)) for y in snack.by_year] == [
        (2025, ZERO, (1, 45000, 45000, 1, 0)),
        (2026, (2, 50002, 25001, 2, 0), ZERO),
    ]


def test_sales_cohort_filter_narrows_the_alumni_group(data):
    c25 = sales_comparison(filters=ImpactFilter(cohort=data.cohorts["C25"]))
    # B1 and B2 only: 210 002 / 4 = 52 500.5 → 52 501
    assert figures(c25.alumni) == (4, 210002, 52501, 3, 1)
    assert figures(c25.others) == (4, 480000, 120000, 3, 1)  # the same as without the filter

    c26 = sales_comparison(filters=ImpactFilter(cohort=data.cohorts["C26"]))
    assert figures(c26.alumni) == (2, 270000, 135000, 2, 0)
    assert figures(c26.others) == (4, 480000, 120000, 3, 1)

    # A round means its cohort.
    r25 = sales_comparison(filters=ImpactFilter(round=data.rounds["R25"]))
    assert figures(r25.alumni) == figures(c25.alumni)
    assert figures(r25.others) == figures(c25.others)


def test_sales_cohort_filter_overall_is_the_two_groups(data):
    """Reading of the contract: alumni sales of other cohorts are "left out of both groups", so the overall
    figures under a cohort filter are those of the union of the two groups."""
    c25 = sales_comparison(filters=ImpactFilter(cohort=data.cohorts["C25"]))
    assert figures(c25.overall) == (8, 690002, 86250, 4, 2)
    assert [(y.year, figures(y.alumni), figures(y.others)) for y in c25.by_year] == [
        (2025, (1, 80000, 80000, 1, 0), (2, 295000, 147500, 2, 0)),
        (2026, (3, 130002, 43334, 3, 0), (2, 185000, 92500, 2, 0)),
    ]


def test_sales_cohort_and_period_filter(data):
    sales = sales_comparison(filters=ImpactFilter(cohort=data.cohorts["C26"], **PERIOD_2026_H1))
    assert figures(sales.alumni) == (1, 20000, 20000, 1, 0)  # a4 only (a5 is in September)
    assert figures(sales.others) == (1, 150000, 150000, 1, 0)


def test_open_ended_periods(data):
    r25, r26 = data.rounds["R25"].pk, data.rounds["R26"].pk
    since_2026 = ImpactFilter(start=date(2026, 1, 1))
    # R26 only; active: B4 (a4, 1 Jan 2026 WIB) and B7 (a5, Sep 2026).
    assert by_round(round_funnel(filters=since_2026)) == {r26: (5, 4, 2, 2, 2)}
    sales = sales_comparison(filters=since_2026)
    assert figures(sales.alumni) == (5, 400002, 80000, 4, 0)
    assert figures(sales.others) == (2, 185000, 92500, 2, 0)
    until_2025 = ImpactFilter(end=date(2025, 12, 31))
    assert by_round(round_funnel(filters=until_2025)) == {r25: (5, 4, 3, 2, 1)}
    sales = sales_comparison(filters=until_2025)
    assert figures(sales.alumni) == (1, 80000, 80000, 1, 0)
    assert figures(sales.others) == (2, 295000, 147500, 2, 0)


def test_a_seller_refunded_within_a_checkout_leaves_the_other_sellers_sale_counted(data):
    """A new checkout C12 of U4 from B1 (P1x1 = 40 000) and O1 (P7x1 = 150 000), paid 2 Feb 2026; only O1's
    part is refunded (the order itself stays paid). Added to the data set:
    alumni  +1 order (B1), +40 000 → 7, 520 002, average 74 286 (7 x 74 286 = 520 002), buyers 4,
            repeat U1 (C1,C2) and now U4 (C9,C12) = 2;
    others  unchanged: 4, 480 000, 120 000, 3, 1;
    overall 11, 1 000 002, average 90 909,3 → 90 909, buyers 4, repeat U1, U2, U3, U4 = 4."""
    from shop.orders.models import SellerOrder
    from shop.orders.services import payments
    from tests.adimarko.reporting.dataset import wib
    from tests.orders.factories import place_order

    order = place_order(user=data.buyers["U4"], items=[(data.products["P1"], 1), (data.products["P7"], 1)])
    order, outcome = payments.order_mark_paid(order=order)
    assert outcome == "paid"
    SellerOrder.objects.filter(order=order).update(paid_at=wib(2026, 2, 2, 10))
    payments.order_refund(order=order, seller_order=order.seller_orders.get(business=data.businesses["O1"]))
    assert sorted(order.seller_orders.values_list("business__name", "status")) == [
        ("Kopi Sumber Wlingi", "paid"),
        ("Tenun Lestari", "refunded"),
    ]

    sales = sales_comparison(filters=ImpactFilter())
    assert figures(sales.alumni) == (7, 520002, 74286, 4, 2)
    assert figures(sales.others) == (4, 480000, 120000, 3, 1)
    assert figures(sales.overall) == (11, 1000002, 90909, 4, 4)


def sell(data, business_key: str, category_slug: str, when, price: int = 10000) -> None:
    """One more counted sale to U4: a new product of the business, one unit, paid at `when` (WIB)."""
    from shop.models import Category
    from shop.orders.models import SellerOrder
    from shop.orders.services import payments
    from tests.orders.factories import ProductFactory, place_order

    product = ProductFactory(
        business=data.businesses[business_key], category=Category.objects.get(slug=category_slug), price=price
    )
    order, outcome = payments.order_mark_paid(order=place_order(user=data.buyers["U4"], items=[(product, 1)]))
    assert outcome == "paid"
    SellerOrder.objects.filter(order=order).update(paid_at=when)


def test_a_sale_made_before_becoming_alumni_does_not_make_a_graduate_active(data):
    """Decision (the lead, after this test's first reading): active sellers are graduates with at least one
    *alumni* sale in the period; a sale made before graduating is not the programme's outcome.
    B2 (graduated in C25, alumni 2025) sells Rp 10 000 to U4 on 1 June 2024: R25's active sellers stay
    B1 = 1. The sale is an other sellers' sale (2025 > 2024): others 5 orders, 490 000, 98 000,
    buyers U1, U2, U3, U4 = 4, repeat U1 = 1; overall 11, 970 002, 88 182 (11 x 88 182 = 970 002),
    buyers 4, repeat U1, U2, U3 and now U4 (C9 + this) = 4."""
    from tests.adimarko.reporting.dataset import wib

    sell(data, "B2", "impact-keripik", wib(2024, 6, 1, 10))
    assert by_round(round_funnel(filters=ImpactFilter()))[data.rounds["R25"].pk] == (5, 4, 3, 2, 1)
    sales = sales_comparison(filters=ImpactFilter())
    assert figures(sales.alumni) == (6, 480002, 80000, 4, 1)
    assert figures(sales.others) == (5, 490000, 98000, 4, 1)
    assert figures(sales.overall) == (11, 970002, 88182, 4, 4)
    assert [(y.year, figures(y.alumni), figures(y.others)) for y in sales.by_year][0] == (
        2024,
        ZERO,
        (1, 10000, 10000, 1, 0),
    )


def test_sector_filter_active_sellers_count_any_sale(data):
    """Reading of the contract: the sector filter keeps the applications of that sector "and the stages below
    them"; a graduate of a snack application who sells anything is an active seller of the snack funnel.
    B2 (snack) sells a coffee product (Rp 10 000, 1 Feb 2026, alumni since 2025): snack R25 becomes
    1, 1, 1, 1, 1. The marketplace figures count lines by their own sector: snack unchanged; coffee alumni
    a1, a2, a6 + this = 4 orders, 170 000, 42 500, buyers U1, U4 = 2, repeat U1 (C1,C2), U4 (C9, this) = 2.
    """
    from tests.adimarko.reporting.dataset import wib

    sell(data, "B2", "impact-kopi", wib(2026, 2, 1, 10))
    snack = by_round(round_funnel(filters=ImpactFilter(sector="snack")))
    assert snack[data.rounds["R25"].pk] == (1, 1, 1, 1, 1)
    assert figures(sales_comparison(filters=ImpactFilter(sector="snack")).alumni) == (2, 50002, 25001, 2, 0)
    assert figures(sales_comparison(filters=ImpactFilter(sector="coffee")).alumni) == (4, 170000, 42500, 2, 2)


# --- Kecamatan ---------------------------------------------------------------------------------------------
def test_kecamatan_ranking_order_and_top_rows(data):
    rows = kecamatan_ranking(filters=ImpactFilter())
    assert len(rows) == 22
    assert len({row.code for row in rows}) == 22
    assert [row.code for row in rows[:4]] == [KECAMATAN[k] for k in ("K2", "K1", "K3", "K4")]
    k2, k1, k3, k4 = rows[:4]
    assert (k2.name, k1.name, k3.name, k4.name) == ("Kanigoro", "Wlingi", "Srengat", "Wonotirto")

    assert (k2.graduated, k2.active_sellers, k2.revenue) == (1, 1, 545000)
    assert figures(k2.alumni) == (1, 250000, 250000, 1, 0)
    assert figures(k2.others) == (2, 295000, 147500, 2, 0)

    assert (k1.graduated, k1.active_sellers, k1.revenue) == (2, 2, 230002)
    assert figures(k1.alumni) == (5, 230002, 46000, 3, 1)  # 46 000.4 → 46 000
    assert figures(k1.others) == ZERO

    assert (k3.applicants, k3.graduated, k3.active_sellers, k3.revenue) == (2, 0, 0, 185000)
    assert figures(k3.alumni) == ZERO
    assert figures(k3.others) == (2, 185000, 92500, 2, 0)

    # No revenue, one graduate (B2): ahead of the kecamatan with nothing although "Wonotirto" sorts last.
    assert (k4.applicants, k4.graduated, k4.active_sellers, k4.revenue) == (2, 1, 0, 0)
    assert figures(k4.alumni) == ZERO and figures(k4.others) == ZERO
    assert sum(row.revenue for row in rows) == 960002


def test_kecamatan_with_nothing_is_listed_with_zeros_by_name(data):
    rows = kecamatan_ranking(filters=ImpactFilter())
    rest = rows[4:]
    used = set(KECAMATAN.values())
    expected = sorted(Region.objects.kecamatan().exclude(code__in=used).values_list("name", flat=True))
    assert [row.name for row in rest] == expected
    bakung = next(row for row in rows if row.code == "35.05.05")
    assert (bakung.name, bakung.applicants, bakung.graduated, bakung.active_sellers, bakung.revenue) == (
        "Bakung",
        0,
        0,
        0,
        0,
    )
    assert figures(bakung.alumni) == ZERO and figures(bakung.others) == ZERO


def test_kecamatan_applicants_count_each_round(data):
    """K2: B5 (R25), B7 and B8 (R26) = 3 with either reading. K1: B1 and B4 in R25 and B4 again in R26 —
    read like the funnel total (a sum of the rounds, an application being one business in one round): 3."""
    rows = {row.code: row for row in kecamatan_ranking(filters=ImpactFilter())}
    assert rows[KECAMATAN["K2"]].applicants == 3
    assert rows[KECAMATAN["K1"]].applicants == 3


def test_kecamatan_ranking_with_a_period(data):
    rows = kecamatan_ranking(filters=ImpactFilter(**PERIOD_2026_H1))
    # K1: a2, a3, a4, a6 = 150 002; K3: o1 = 150 000; K2: nothing in the period (a5 Sep 2026, o2/o4 2025).
    assert [row.code for row in rows[:2]] == [KECAMATAN["K1"], KECAMATAN["K3"]]
    assert rows[0].revenue == 150002 and figures(rows[0].alumni) == (4, 150002, 37501, 3, 0)
    assert rows[1].revenue == 150000 and figures(rows[1].others) == (1, 150000, 150000, 1, 0)
    by_code = {row.code: row for row in rows}
    # Only R26 closes in the period: K2 has B7 graduated (not active in the period), K1 B4 (active).
    assert (by_code[KECAMATAN["K2"]].graduated, by_code[KECAMATAN["K2"]].active_sellers) == (1, 0)
    assert (by_code[KECAMATAN["K1"]].graduated, by_code[KECAMATAN["K1"]].active_sellers) == (1, 1)
    assert by_code[KECAMATAN["K2"]].revenue == 0


# --- Drill-down and journey --------------------------------------------------------------------------------
def pks(queryset) -> list[int]:
    return sorted(business.pk for business in queryset)


def test_funnel_businesses_behind_a_stage(data):
    everything = ImpactFilter()
    assert pks(funnel_businesses(filters=everything, stage="graduated")) == sorted(
        data.ids("B1", "B2", "B4", "B7")
    )
    assert pks(funnel_businesses(filters=everything, stage="active_sellers")) == sorted(
        data.ids("B1", "B4", "B7")
    )
    # B4 applied in both rounds and is listed once.
    assert pks(funnel_businesses(filters=everything, stage="applicants")) == sorted(
        data.ids("B1", "B2", "B3", "B4", "B5", "B7", "B8", "B10", "B11")
    )
    r25, r26 = data.rounds["R25"].pk, data.rounds["R26"].pk
    assert pks(funnel_businesses(filters=everything, stage="graduated", round_id=r25)) == sorted(
        data.ids("B1", "B2")
    )
    assert pks(funnel_businesses(filters=everything, stage="eligible", round_id=r26)) == sorted(
        data.ids("B4", "B7", "B8", "B11")
    )
    assert pks(funnel_businesses(filters=everything, stage="accepted", round_id=r25)) == sorted(
        data.ids("B1", "B2", "B3")
    )
    assert pks(funnel_businesses(filters=ImpactFilter(sector="snack"), stage="applicants")) == sorted(
        data.ids("B2", "B8")
    )
    assert pks(funnel_businesses(filters=ImpactFilter(**PERIOD_2026_H1), stage="active_sellers")) == sorted(
        data.ids("B4")
    )


def years(journey) -> list[tuple[int, bool, tuple]]:
    return [(year, alumni, figures(sales)) for year, alumni, sales in journey.sales_by_year]


def test_business_journey_of_a_business_that_applied_twice(data):
    b4 = data.businesses["B4"]
    journey = business_journey(business=b4)
    assert sorted((a.round_id, a.status) for a in journey.applications) == sorted(
        [(data.rounds["R25"].pk, "rejected"), (data.rounds["R26"].pk, "accepted")]
    )
    assert [(e.cohort_id, e.status) for e in journey.enrollments] == [(data.cohorts["C26"].pk, "graduated")]
    assert [(c.year, c.business_name) for c in journey.certificates] == [(2026, "Sambal Bu Tin")]
    assert journey.storefront is not None and journey.storefront.business_id == b4.pk
    # sales_by_year: (year, the sales count as alumni sales that year, figures)
    assert years(journey) == [(2026, True, (1, 20000, 20000, 1, 0))]


def test_business_journey_sales_by_year(data):
    journey = business_journey(business=data.businesses["B1"])
    assert [(a.round_id, a.status) for a in journey.applications] == [(data.rounds["R25"].pk, "accepted")]
    assert [(e.cohort_id, e.status) for e in journey.enrollments] == [(data.cohorts["C25"].pk, "graduated")]
    # 2025: a1 (C1). 2026: a2 (C2), a3 (C3), a6 (C9) = 40 000 + 25 001 + 65 001; C8 is still pending.
    # Buyers in 2026: U1, U2, U4 — each with one checkout in that year.
    assert years(journey) == [
        (2025, True, (1, 80000, 80000, 1, 0)),
        (2026, True, (3, 130002, 43334, 3, 0)),
    ]


def test_business_journey_of_a_seller_before_and_after_graduating(data):
    journey = business_journey(business=data.businesses["B7"])
    # C4 in May 2025 came before B7 became alumni (2026): an other sellers' sale; C5 in 2026 an alumni sale.
    assert years(journey) == [
        (2025, False, (1, 250000, 250000, 1, 0)),
        (2026, True, (1, 250000, 250000, 1, 0)),
    ]
    assert [(c.year, c.business_name) for c in journey.certificates] == [(2026, "Batik Tulis Kanigoro")]


def test_business_journey_of_a_non_graduate_and_of_a_refunded_seller(data):
    b3 = business_journey(business=data.businesses["B3"])
    assert [(e.cohort_id, e.status) for e in b3.enrollments] == [(data.cohorts["C25"].pk, "active")]
    assert list(b3.certificates) == []
    assert b3.storefront is None
    assert years(b3) == [(2026, False, (1, 35000, 35000, 1, 0))]
    b2 = business_journey(business=data.businesses["B2"])
    assert years(b2) == []  # only a refunded order


# --- The sector of marketplace categories ------------------------------------------------------------------
def test_category_tree_sectors_follow_the_contract():
    from shop.models import Category

    expected = {
        "kopi": "coffee",
        "gula": "coffee",
        "madu": "coffee",
        "keripik": "snack",
        "kerupuk": "snack",
        "sambal": "food",
        "manisan": "food",
        "makanan": "food",
        "jamu": "herbal",
        "minuman": "herbal",
        "anyaman": "craft",
        "kerajinan-kayu": "craft",
        "gerabah": "craft",
        "kerajinan": "craft",
        "batik": "fashion",
        "tenun": "fashion",
        "kain": "fashion",
    }
    assert dict(Category.objects.filter(slug__in=expected).values_list("slug", "sector")) == expected


def rest_by_name(rows, first: int, used_keys) -> tuple[list[str], list[str]]:
    """The names of the rows after the first `first`, and the expected ones: every other kecamatan by name."""
    used = {KECAMATAN[key] for key in used_keys}
    expected = sorted(Region.objects.kecamatan().exclude(code__in=used).values_list("name", flat=True))
    return [row.name for row in rows[first:]], expected


def test_kecamatan_ranking_with_a_sector(data):
    """Snack: applications B2 (K4, graduated, no counted sale) and B8 (K2, waitlisted); snack lines a3 and the
    snack line of a6 (K1, B1 — a coffee applicant selling a snack), o4 (K2)."""
    rows = kecamatan_ranking(filters=ImpactFilter(sector="snack"))
    assert [row.code for row in rows[:3]] == [KECAMATAN[k] for k in ("K1", "K2", "K4")]
    k1, k2, k4 = rows[:3]
    assert (k1.applicants, k1.graduated, k1.active_sellers, k1.revenue) == (0, 0, 0, 50002)
    assert figures(k1.alumni) == (2, 50002, 25001, 2, 0)
    assert figures(k1.others) == ZERO
    assert (k2.applicants, k2.graduated, k2.active_sellers, k2.revenue) == (1, 0, 0, 45000)
    assert figures(k2.alumni) == ZERO
    assert figures(k2.others) == (1, 45000, 45000, 1, 0)
    assert (k4.applicants, k4.graduated, k4.active_sellers, k4.revenue) == (1, 1, 0, 0)
    names, expected = rest_by_name(rows, 3, ("K1", "K2", "K4"))
    assert names == expected  # Srengat (K3) has no snack at all: among the zeros, by name


def test_kecamatan_ranking_with_a_cohort(data):
    """Cohort 2026 (round R26): the funnel columns count R26 only; alumni sales only of B4 and B7."""
    rows = kecamatan_ranking(filters=ImpactFilter(cohort=data.cohorts["C26"]))
    assert [row.code for row in rows[:3]] == [KECAMATAN[k] for k in ("K2", "K3", "K1")]
    k2, k3, k1 = rows[:3]
    assert (k2.applicants, k2.graduated, k2.active_sellers, k2.revenue) == (2, 1, 1, 545000)
    assert figures(k2.alumni) == (1, 250000, 250000, 1, 0)
    assert figures(k2.others) == (2, 295000, 147500, 2, 0)  # B7's pre-alumni sale stays with the others
    assert (k3.applicants, k3.graduated, k3.active_sellers, k3.revenue) == (1, 0, 0, 185000)
    assert (k1.applicants, k1.graduated, k1.active_sellers, k1.revenue) == (1, 1, 1, 20000)
    assert figures(k1.alumni) == (1, 20000, 20000, 1, 0)  # B1's alumni sales belong to cohort 2025
    by_code = {row.code: row for row in rows}
    assert by_code[KECAMATAN["K4"]].applicants == 1  # B10; B9 withdrew
    names, expected = rest_by_name(rows, 3, ("K1", "K2", "K3"))
    assert names == expected  # Wonotirto (K4): no revenue, no graduate of R26


def test_funnel_businesses_of_a_kecamatan(data):
    everything = ImpactFilter()
    k1, k3 = KECAMATAN["K1"], KECAMATAN["K3"]
    assert pks(funnel_businesses(filters=everything, stage="graduated", kecamatan=k1)) == sorted(
        data.ids("B1", "B4")
    )
    assert pks(funnel_businesses(filters=everything, stage="applicants", kecamatan=k3)) == sorted(
        data.ids("B3", "B11")
    )
    assert pks(funnel_businesses(filters=everything, stage="active_sellers", kecamatan=KECAMATAN["K4"])) == []
