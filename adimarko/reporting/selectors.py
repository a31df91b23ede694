"""The programme's impact for staff: the funnel per audition round, marketplace figures of alumni against
other sellers, the kecamatan ranking, the businesses behind a figure and one business's journey. The
smart-city tables build on them in `report.py`, the home page's public figures in `public.py`.

A business is the one identity that runs through the journeys (application → enrollment → certificate →
storefront → seller orders), so every figure is a set of businesses or an aggregate of their sales, and the
businesses behind a funnel figure can always be listed (`funnel_businesses`).

Definitions are in `adimarko/reporting/definitions.py` and the README ("Programme impact"). The queries are a
fixed number whatever the amount of data: grouped aggregates in the database, small roll-ups in Python.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property

from django.db import connection
from django.db.models import BooleanField, Case, Count, F, Max, Min, Q, Sum, Value, When
from django.db.models.functions import ExtractYear
from django.utils import timezone

from adimarko.core.models import Business, Region
from adimarko.reporting.definitions import FUNNEL_STAGE_DEFINITIONS
from incubation.models import (
    PASSED_SCREENING,
    Application,
    Certificate,
    Cohort,
    Enrollment,
    RoundPage,
    SalesChannel,
    Status,
)
from shop.models import Storefront
from shop.orders.models import OrderLine, SellerOrder

FUNNEL_STAGES = ("applicants", "eligible", "accepted", "graduated", "active_sellers")
ONLINE_CHANNELS = (SalesChannel.SOCIAL, SalesChannel.MARKETPLACE, SalesChannel.BOTH)
MARKETPLACE_CHANNELS = (SalesChannel.MARKETPLACE, SalesChannel.BOTH)


def floor_percent(part: int, whole: int) -> int | None:
    return None if not whole else part * 100 // whole


def bar_percent(value: int, top: int) -> int:
    """Width of a chart bar: a share of the largest value, at least 1 % when the value is not zero."""
    if not top or not value:
        return 0
    return max(1, value * 100 // top)


def round_half_up(amount: int, count: int) -> int:
    return 0 if not count else (2 * amount + count) // (2 * count)


# --- Filters ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ImpactFilter:
    round: RoundPage | None = None
    cohort: Cohort | None = None
    sector: str = ""
    start: date | None = None  # inclusive, WIB
    end: date | None = None  # inclusive, WIB

    @property
    def round_id(self) -> int | None:
        """A cohort means its round."""
        if self.cohort is not None:
            return self.cohort.round_id
        return self.round.pk if self.round is not None else None

    def paid_in_period(self, prefix: str = "") -> Q:
        """Payment time inside the period (whole WIB days)."""
        q = Q()
        if self.start:
            q &= Q(**{f"{prefix}paid_at__gte": _day_start(self.start)})
        if self.end:
            q &= Q(**{f"{prefix}paid_at__lt": _day_start(self.end + timedelta(days=1))})
        return q

    def in_period(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


# --- Figures ---------------------------------------------------------------------------------------------
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
        return floor_percent(self.repeat_buyers, self.buyers) or 0


@dataclass(frozen=True)
class Stage:
    name: str
    label: str
    count: int
    percent: int | None  # of the applicants


@dataclass
class FunnelRow:
    round_id: int | None
    title: str
    year: int | None
    business_ids: dict[str, frozenset[int]]

    def count(self, stage: str) -> int:
        return len(self.business_ids[stage])

    @property
    def applicants(self) -> int:
        return self.count("applicants")

    @property
    def eligible(self) -> int:
        return self.count("eligible")

    @property
    def accepted(self) -> int:
        return self.count("accepted")

    @property
    def graduated(self) -> int:
        return self.count("graduated")

    @property
    def active_sellers(self) -> int:
        return self.count("active_sellers")

    @property
    def stages(self) -> list[Stage]:
        """Each stage with its count and share of the applicants, for charts and tables."""
        return [
            Stage(
                name=stage,
                label=str(FUNNEL_STAGE_DEFINITIONS[stage][0]),
                count=self.count(stage),
                percent=floor_percent(self.count(stage), self.applicants),
            )
            for stage in FUNNEL_STAGES
        ]


@dataclass
class FunnelTotal:
    """The sum of the rounds' funnels: a business that applied twice counts twice."""

    rows: list[FunnelRow]
    round_id = None
    year = None
    title = ""

    def count(self, stage: str) -> int:
        return sum(row.count(stage) for row in self.rows)

    def businesses(self, stage: str) -> int:
        """Distinct businesses at the stage in any round (a business counts once)."""
        return len(frozenset().union(*(row.business_ids[stage] for row in self.rows)))

    unique_applicants = property(lambda self: self.businesses("applicants"))
    unique_graduated = property(lambda self: self.businesses("graduated"))
    unique_active_sellers = property(lambda self: self.businesses("active_sellers"))

    applicants = property(lambda self: self.count("applicants"))
    eligible = property(lambda self: self.count("eligible"))
    accepted = property(lambda self: self.count("accepted"))
    graduated = property(lambda self: self.count("graduated"))
    active_sellers = property(lambda self: self.count("active_sellers"))
    stages = FunnelRow.stages


@dataclass
class YearSales:
    year: int
    alumni: SalesFigures
    others: SalesFigures


@dataclass
class SalesComparison:
    alumni: SalesFigures
    others: SalesFigures
    overall: SalesFigures
    by_year: list[YearSales]

    @property
    def alumni_revenue_percent(self) -> int | None:
        return floor_percent(self.alumni.revenue, self.overall.revenue)


@dataclass
class KecamatanRow:
    code: str
    name: str
    applicants: int = 0
    graduated: int = 0
    active_sellers: int = 0
    alumni: SalesFigures = field(default_factory=SalesFigures)
    others: SalesFigures = field(default_factory=SalesFigures)

    @property
    def revenue(self) -> int:
        return self.alumni.revenue + self.others.revenue

    @property
    def orders(self) -> int:
        return self.alumni.orders + self.others.orders


# --- The funnel ------------------------------------------------------------------------------------------
def _rounds(filters: ImpactFilter) -> list[RoundPage]:
    rounds = RoundPage.objects.order_by("-closes_on", "-pk")
    if filters.round_id is not None:
        rounds = rounds.filter(pk=filters.round_id)
    if filters.start:
        rounds = rounds.filter(closes_on__gte=filters.start)
    if filters.end:
        rounds = rounds.filter(closes_on__lte=filters.end)
    return list(rounds.only("pk", "title", "closes_on"))


@dataclass
class _FunnelData:
    rows: list[FunnelRow]
    applications: list[tuple]  # (round_id, business_id, status, sales_channel, has_smartphone, kecamatan)
    kecamatan_of: dict[int, str]


def _funnel_data(filters: ImpactFilter) -> _FunnelData:
    rounds = _rounds(filters)
    applications = Application.objects.submitted().filter(round__in=rounds)
    if filters.sector:
        applications = applications.filter(category=filters.sector)
    applications = list(
        applications.order_by().values_list(
            "round_id",
            "business_id",
            "status",
            "sales_channel",
            "has_smartphone",
            "business__desa__parent_id",
        )
    )
    graduated = set(
        Enrollment.objects.filter(cohort__round__in=rounds, status=Enrollment.Status.GRADUATED)
        .order_by()
        .values_list("cohort__round_id", "business_id")
    )
    # Active: sold as alumni (a sale before graduating is not the programme's outcome), in any sector.
    sellers = set(
        SellerOrder.objects.counted()
        .filter(filters.paid_in_period(), business__alumni_year__lte=ExtractYear("paid_at"))
        .order_by()
        .values_list("business_id", flat=True)
        .distinct()
    )
    stages: dict[int, dict[str, set[int]]] = {r.pk: {stage: set() for stage in FUNNEL_STAGES} for r in rounds}
    for round_id, business_id, status, *_ in applications:
        sets = stages[round_id]
        sets["applicants"].add(business_id)
        if status in PASSED_SCREENING:
            sets["eligible"].add(business_id)
            if status == Status.ACCEPTED:
                sets["accepted"].add(business_id)
                if (round_id, business_id) in graduated:
                    sets["graduated"].add(business_id)
                    if business_id in sellers:
                        sets["active_sellers"].add(business_id)
    rows = [
        FunnelRow(
            round_id=r.pk,
            title=r.title,
            year=r.closes_on.year,
            business_ids={stage: frozenset(ids) for stage, ids in stages[r.pk].items()},
        )
        for r in rounds
    ]
    return _FunnelData(rows=rows, applications=applications, kecamatan_of={a[1]: a[5] for a in applications})


def round_funnel(*, filters: ImpactFilter) -> list[FunnelRow]:
    """Per audition round (newest first): applicants → eligible → accepted → graduated → active sellers."""
    return _funnel_data(filters).rows


def funnel_total(rows: list[FunnelRow]) -> FunnelTotal:
    return FunnelTotal(rows=list(rows))


def funnel_businesses(*, filters: ImpactFilter, stage: str, round_id: int | None = None, kecamatan: str = ""):
    """The businesses behind a funnel figure (of one round, or of every round in the filter)."""
    if stage not in FUNNEL_STAGES:
        raise ValueError(f"unknown funnel stage {stage!r}")
    ids: set[int] = set()
    for row in round_funnel(filters=filters):
        if round_id is None or row.round_id == round_id:
            ids |= row.business_ids[stage]
    businesses = Business.objects.filter(pk__in=ids).with_region().order_by("name", "pk")
    if kecamatan:
        businesses = businesses.filter(desa__parent_id=kecamatan)
    return businesses


# --- Marketplace figures ---------------------------------------------------------------------------------
class _Sales:
    """The counted sales of a filter and the grouped figures every page needs.

    `summary` reads them in one query: the counted sales (seller orders, or the lines of a sector) as a common
    table, then orders and revenue per (year, kecamatan, alumni, in regency) and buyers per roll-up, each a
    small GROUP BY in the database. The common table is Django's own SQL for the queryset, so the query runs
    on PostgreSQL and SQLite alike.

    A buyer is a repeat buyer of a roll-up when its checkouts there are not all one: the smallest and the
    largest checkout id differ (a single checkout split between two sellers is not a repeat). That needs no
    DISTINCT, which keeps the query cheap.
    """

    # Roll-ups of buyers the pages need: () is all sales.
    ROLLUPS = ((), ("alumni",), ("alumni", "sale_year"), ("alumni", "kecamatan"))

    def __init__(self, filters: ImpactFilter, *, business: Business | None = None):
        self.filters = filters
        if filters.sector:
            # Only the lines of that sector count; a seller order with several of them is one order.
            prefix = "seller_order__"
            sales = OrderLine.objects.filter(
                seller_order__in=SellerOrder.objects.counted(), product__category__sector=filters.sector
            ).annotate(seller_order_ref=F("seller_order_id"), value=F("unit_price") * F("quantity"))
            self._orders = Count("seller_order_id", distinct=True)
            self._revenue = Sum(F("unit_price") * F("quantity"))
        else:
            # A seller order's subtotal is the goods value of its lines (price × quantity, shipping apart).
            prefix = ""
            sales = SellerOrder.objects.counted().annotate(seller_order_ref=F("pk"), value=F("subtotal"))
            self._orders = Count("pk")
            self._revenue = Sum("subtotal")
        self._prefix = prefix
        year = ExtractYear(f"{prefix}paid_at")
        alumni_year = f"{prefix}business__alumni_year"
        sales = sales.filter(filters.paid_in_period(prefix))
        if business is not None:
            sales = sales.filter(**{f"{prefix}business": business})
        sales = sales.annotate(
            sale_year=year,
            alumni=Case(
                When(Q(**{f"{alumni_year}__isnull": False, f"{alumni_year}__lte": year}), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            seller=F(f"{prefix}business_id"),
            checkout=F(f"{prefix}order_id"),
            kecamatan=F(f"{prefix}business__desa__parent_id"),
            buyer=F(f"{prefix}order__buyer_id"),
            in_regency=F(f"{prefix}order__in_regency"),
        ).order_by()
        if filters.round_id is not None:
            # The alumni group narrows to the round's graduates; other alumni are left out of both groups.
            graduates = Enrollment.objects.filter(
                cohort__round_id=filters.round_id, status=Enrollment.Status.GRADUATED
            ).values("business_id")
            sales = sales.exclude(Q(alumni=True) & ~Q(seller__in=graduates))
        self.sales = sales

    @cached_property
    def summary(self) -> tuple[list[dict], dict[tuple[str, ...], dict[tuple, tuple[int, int]]]]:
        """(cells, buyers): cells are orders and revenue per (year, kecamatan, alumni, in regency); buyers
        maps each of `ROLLUPS` to {key: (buyers, repeat buyers)}."""
        base = self.sales.values_list(
            "sale_year", "kecamatan", "alumni", "in_regency", "buyer", "checkout", "seller_order_ref", "value"
        )
        sql, params = base.query.sql_with_params()
        orders = "COUNT(DISTINCT seller_order_ref)" if self.filters.sector else "COUNT(*)"
        parts = [
            f"SELECT 0, sale_year, kecamatan, alumni, in_regency, {orders}, SUM(value) FROM sales "
            "GROUP BY sale_year, kecamatan, alumni, in_regency"
        ]
        for number, dimensions in enumerate(self.ROLLUPS, start=1):
            columns = ", ".join(dimensions)
            selected = [d if d in dimensions else "NULL" for d in ("sale_year", "kecamatan", "alumni")]
            parts.append(
                f"SELECT {number}, {', '.join(selected)}, NULL, COUNT(*), "
                "SUM(CASE WHEN first_checkout <> last_checkout THEN 1 ELSE 0 END) FROM ("
                f"SELECT {columns + ', ' if columns else ''}buyer, MIN(checkout) AS first_checkout, "
                f"MAX(checkout) AS last_checkout FROM sales GROUP BY {columns + ', ' if columns else ''}buyer"
                f") AS per_buyer{' GROUP BY ' + columns if columns else ''}"
            )
        query = f"WITH sales AS ({sql}) " + " UNION ALL ".join(parts)
        cells: list[dict] = []
        buyers: dict[tuple[str, ...], dict[tuple, tuple[int, int]]] = {d: {} for d in self.ROLLUPS}
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            for number, year, kecamatan, alumni, in_regency, count, total in cursor.fetchall():
                year = int(year) if year is not None else None
                alumni = bool(alumni) if alumni is not None else None
                if number == 0:
                    cells.append(
                        {
                            "sale_year": year,
                            "kecamatan": kecamatan,
                            "alumni": alumni,
                            "in_regency": bool(in_regency),
                            "orders": count,
                            "revenue": int(total or 0),
                        }
                    )
                    continue
                dimensions = self.ROLLUPS[number - 1]
                values = {"sale_year": year, "kecamatan": kecamatan, "alumni": alumni}
                if count:  # a roll-up of no sales at all still answers one row of zeros
                    buyers[dimensions][tuple(values[d] for d in dimensions)] = (count, int(total or 0))
        return cells, buyers

    @property
    def cells(self) -> list[dict]:
        return self.summary[0]

    def buyers(self, *dimensions: str) -> dict[tuple, tuple[int, int]]:
        """(buyers, repeat buyers) per combination of the dimensions (sale_year, kecamatan, alumni)."""
        if dimensions in self.ROLLUPS:
            return self.summary[1][dimensions]
        rows = self.sales.values(*dimensions, "buyer").annotate(first=Min("checkout"), last=Max("checkout"))
        result: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
        for row in rows:
            counts = result[tuple(row[d] for d in dimensions)]
            counts[0] += 1
            if row["first"] != row["last"]:
                counts[1] += 1
        return {key: (buyers, repeat) for key, (buyers, repeat) in result.items()}

    def totals(self, **conditions) -> dict:
        """Orders, revenue and distinct sellers of the sales matching the conditions, in one query."""
        return self.sales.filter(**conditions).aggregate(
            orders=self._orders, revenue=self._revenue, sellers=Count("seller", distinct=True)
        )

    @cached_property
    def years(self) -> list[int]:
        return sorted({cell["sale_year"] for cell in self.cells})

    def figures(self, predicate, buyers: tuple[int, int] = (0, 0)) -> SalesFigures:
        selected = [cell for cell in self.cells if predicate(cell)]
        return SalesFigures(
            orders=sum(cell["orders"] for cell in selected),
            revenue=sum(cell["revenue"] for cell in selected),
            buyers=buyers[0],
            repeat_buyers=buyers[1],
        )

    def comparison(self) -> SalesComparison:
        by_group = self.buyers("alumni")
        by_group_year = self.buyers("alumni", "sale_year")
        overall = self.buyers().get((), (0, 0))
        return SalesComparison(
            alumni=self.figures(lambda c: c["alumni"], by_group.get((True,), (0, 0))),
            others=self.figures(lambda c: not c["alumni"], by_group.get((False,), (0, 0))),
            overall=self.figures(lambda c: True, overall),
            by_year=[
                YearSales(
                    year=year,
                    alumni=self.figures(
                        lambda c, y=year: c["alumni"] and c["sale_year"] == y,
                        by_group_year.get((True, year), (0, 0)),
                    ),
                    others=self.figures(
                        lambda c, y=year: not c["alumni"] and c["sale_year"] == y,
                        by_group_year.get((False, year), (0, 0)),
                    ),
                )
                for year in self.years
            ],
        )


def sales_comparison(*, filters: ImpactFilter) -> SalesComparison:
    """Orders, revenue, average order, buyers and repeat buyers of alumni against other sellers."""
    return _Sales(filters).comparison()


def _kecamatan_ranking(funnel: _FunnelData, sales: _Sales) -> list[KecamatanRow]:
    rows = {
        code: KecamatanRow(code=code, name=name)
        for code, name in Region.objects.kecamatan().values_list("code", "name")
    }
    for funnel_row in funnel.rows:
        for stage, attribute in (
            ("applicants", "applicants"),
            ("graduated", "graduated"),
            ("active_sellers", "active_sellers"),
        ):
            for business_id in funnel_row.business_ids[stage]:
                row = rows.get(funnel.kecamatan_of.get(business_id))
                if row is not None:
                    setattr(row, attribute, getattr(row, attribute) + 1)
    buyers = sales.buyers("alumni", "kecamatan")
    for code, row in rows.items():
        row.alumni = sales.figures(
            lambda c, k=code: c["alumni"] and c["kecamatan"] == k, buyers.get((True, code), (0, 0))
        )
        row.others = sales.figures(
            lambda c, k=code: not c["alumni"] and c["kecamatan"] == k, buyers.get((False, code), (0, 0))
        )
    return sorted(rows.values(), key=lambda r: (-r.revenue, -r.graduated, r.name))


def kecamatan_ranking(*, filters: ImpactFilter) -> list[KecamatanRow]:
    """All 22 kecamatan, the best selling first: applicants, graduates, active sellers and sales of each."""
    return _kecamatan_ranking(_funnel_data(filters), _Sales(filters))


# --- The staff dashboard ---------------------------------------------------------------------------------
@dataclass
class ImpactDashboard:
    filters: ImpactFilter
    funnel: list[FunnelRow]
    total: FunnelTotal
    sales: SalesComparison
    kecamatan: list[KecamatanRow]

    @property
    def year_bars(self) -> list[tuple[YearSales, int, int]]:
        """(year, alumni bar %, others bar %) against the best year of either group, for the chart."""
        top = max((max(y.alumni.revenue, y.others.revenue) for y in self.sales.by_year), default=0)
        return [
            (y, bar_percent(y.alumni.revenue, top), bar_percent(y.others.revenue, top))
            for y in self.sales.by_year
        ]

    @property
    def kecamatan_bars(self) -> list[tuple[int, KecamatanRow, int]]:
        """(rank, kecamatan, revenue bar %) against the best kecamatan."""
        top = max((row.revenue for row in self.kecamatan), default=0)
        return [
            (rank, row, bar_percent(row.revenue, top)) for rank, row in enumerate(self.kecamatan, start=1)
        ]


def impact_dashboard(*, filters: ImpactFilter) -> ImpactDashboard:
    funnel = _funnel_data(filters)
    sales = _Sales(filters)
    return ImpactDashboard(
        filters=filters,
        funnel=funnel.rows,
        total=funnel_total(funnel.rows),
        sales=sales.comparison(),
        kecamatan=_kecamatan_ranking(funnel, sales),
    )


# --- One business across the journeys -------------------------------------------------------------------
@dataclass
class BusinessJourney:
    business: Business
    applications: list[Application]
    enrollments: list[Enrollment]
    certificates: list[Certificate]
    storefront: Storefront | None
    sales_by_year: list[tuple[int, bool, SalesFigures]]  # (year, alumni at the time, figures)


def business_journey(*, business: Business) -> BusinessJourney:
    """Everything the programme knows of one business, in journey order."""
    applications = list(
        Application.objects.filter(business=business).select_related("round").order_by("round__closes_on")
    )
    enrollments = list(
        Enrollment.objects.filter(business=business).select_related("cohort").order_by("cohort__starts_on")
    )
    certificates = list(Certificate.objects.filter(enrollment__business=business).order_by("issued_at"))
    storefront = Storefront.objects.filter(business=business).first()
    sales = _Sales(ImpactFilter(), business=business)
    buyers = sales.buyers("sale_year")
    sales_by_year = [
        (
            year,
            business.alumni_year is not None and business.alumni_year <= year,
            sales.figures(lambda c, y=year: c["sale_year"] == y, buyers.get((year,), (0, 0))),
        )
        for year in sales.years
    ]
    return BusinessJourney(
        business=business,
        applications=applications,
        enrollments=enrollments,
        certificates=certificates,
        storefront=storefront,
        sales_by_year=sales_by_year,
    )
