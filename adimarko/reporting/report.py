"""The smart-city evaluation's tables: baseline, output, outcome and impact indicators per year with a
whole-period total, plus the kecamatan table, for the exports (`adimarko/reporting/exports.py`). The
indicators and their definitions are in `adimarko/reporting/definitions.py`; the funnel and sales they are
built from are the dashboard's (`adimarko/reporting/selectors/`).

The report is driven by the table of indicators: each indicator's code names one measure in `MEASURES`, a
function of a scope. The indicator's `year_of` says which scope: the audition rounds of a year (`RoundScope`,
empty years left blank) or the counted sales of a calendar year (`SalesScope`). A year's column and the
whole-period total apply the same measure to a different scope."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils import timezone

from adimarko.core.models import Business
from adimarko.core.numbers import round_percent
from adimarko.reporting.definitions import INDICATORS, TABLES, Indicator, YearOf
from adimarko.reporting.selectors.figures import SalesFigures
from adimarko.reporting.selectors.filters import ImpactFilter
from adimarko.reporting.selectors.funnel import (
    MARKETPLACE_CHANNELS,
    ONLINE_CHANNELS,
    FunnelData,
    FunnelRow,
    funnel_data,
)
from adimarko.reporting.selectors.kecamatan import KecamatanRow, kecamatan_rows
from adimarko.reporting.selectors.sales import CountedSales, YearSales
from incubation.models import Certificate, Enrollment, MentoringSession
from shop.models import Product, Storefront


@dataclass
class IndicatorRow:
    indicator: Indicator
    values: dict[int, int | None]
    total: int | None


@dataclass
class IndicatorTable:
    key: str
    title: str
    description: str
    rows: list[IndicatorRow]


@dataclass
class ImpactReport:
    filters: ImpactFilter
    years: list[int]
    tables: list[IndicatorTable]
    kecamatan: list[KecamatanRow]
    generated_at: datetime


@dataclass(frozen=True)
class RoundScope:
    """The audition rounds of one year (or of the whole period) and what the report counts of them."""

    applications: list[tuple]  # as in FunnelData.applications
    rows: list[FunnelRow]
    sessions: dict[int, int]  # mentoring sessions held, per round
    certificates: set[tuple[int, int]]  # (round, business): valid certificates of the round's graduates
    approved: set[int]  # graduates' businesses whose storefront is approved

    @property
    def round_ids(self) -> set[int]:
        return {row.round_id for row in self.rows}

    def stage(self, name: str) -> int:
        return sum(row.count(name) for row in self.rows)

    def share(self, predicate: Callable[[tuple], bool]) -> int | None:
        """Percent of the applications for which the predicate holds."""
        return round_percent(sum(1 for a in self.applications if predicate(a)), len(self.applications))


@dataclass(frozen=True)
class SalesScope:
    """The counted sales of one calendar year (or of the whole period) and the alumni behind them."""

    alumni: SalesFigures
    others: SalesFigures
    cells: list[dict]  # as in CountedSales.cells
    active_sellers: int  # alumni businesses with an alumni sale
    alumni_by_then: int | None  # businesses that were alumni by the year; None where no share is given
    new_products: int


# Fields of an application in FunnelData.applications.
CHANNEL, SMARTPHONE, KECAMATAN = 3, 4, 5

MEASURES: dict[str, Callable] = {
    # Baseline: the applications, as the applicants described themselves.
    "B1": lambda r: len(r.applications),
    "B2": lambda r: r.share(lambda a: a[CHANNEL] in MARKETPLACE_CHANNELS),
    "B3": lambda r: r.share(lambda a: a[CHANNEL] in ONLINE_CHANNELS),
    "B4": lambda r: r.share(lambda a: a[SMARTPHONE]),
    "B5": lambda r: len({a[KECAMATAN] for a in r.applications}),
    # Output
    "O1": lambda r: r.stage("eligible"),
    "O2": lambda r: r.stage("accepted"),
    "O3": lambda r: sum(r.sessions.get(round_id, 0) for round_id in r.round_ids),
    "O4": lambda r: r.stage("graduated"),
    "O5": lambda r: sum(1 for round_id, _ in r.certificates if round_id in r.round_ids),
    # Outcome
    "C1": lambda r: sum(len(row.business_ids["graduated"] & r.approved) for row in r.rows),
    "C2": lambda s: s.active_sellers,
    "C3": lambda s: None if s.alumni_by_then is None else round_percent(s.active_sellers, s.alumni_by_then),
    "C4": lambda s: s.new_products,
    # Impact
    "I1": lambda s: s.alumni.revenue,
    "I2": lambda s: s.alumni.orders,
    "I3": lambda s: s.alumni.average_order,
    "I4": lambda s: s.alumni.repeat_buyers,
    "I5": lambda s: round_percent(s.alumni.revenue, s.alumni.revenue + s.others.revenue),
    "I6": lambda s: s.others.revenue,
    "I7": lambda s: round_percent(
        sum(c["orders"] for c in s.cells if c["alumni"] and not c["in_regency"]), s.alumni.orders
    ),
    "I8": lambda s: len({c["kecamatan"] for c in s.cells if c["alumni"]}),
}


def impact_report(*, filters: ImpactFilter) -> ImpactReport:
    """Baseline, output, outcome and impact indicators per year, with a whole-period total, plus the kecamatan
    table. Round-based indicators fall in the year of the round; sales-based ones in the year of the sale."""
    funnel = funnel_data(filters)
    sales = CountedSales(filters)
    years = sorted({row.year for row in funnel.rows} | set(sales.years))
    scopes = {
        YearOf.ROUND: _round_scopes(funnel, years),
        YearOf.CALENDAR: _sales_scopes(filters, sales, years),
    }

    def row(indicator: Indicator) -> IndicatorRow:
        measure = MEASURES[indicator.code]
        by_year, whole = scopes[indicator.year_of]
        values = {year: None if by_year[year] is None else measure(by_year[year]) for year in years}
        return IndicatorRow(indicator=indicator, values=values, total=measure(whole))

    tables = [
        IndicatorTable(
            key=table.key,
            title=str(table.title),
            description=str(table.description),
            rows=[row(indicator) for indicator in INDICATORS if indicator.table == table.key],
        )
        for table in TABLES
    ]
    return ImpactReport(
        filters=filters,
        years=years,
        tables=tables,
        kecamatan=kecamatan_rows(funnel, sales),
        generated_at=timezone.now(),
    )


def _round_scopes(funnel: FunnelData, years: list[int]) -> tuple[dict[int, RoundScope | None], RoundScope]:
    """The rounds of each year (None for a year without a round) and of the whole period."""
    round_ids = [row.round_id for row in funnel.rows]
    graduated_pairs = {(row.round_id, b) for row in funnel.rows for b in row.business_ids["graduated"]}
    sessions = dict(
        MentoringSession.objects.held_by(timezone.now())
        .filter(cohort__round_id__in=round_ids)
        .order_by()
        .values("cohort__round_id")
        .annotate(n=Count("pk"))
        .values_list("cohort__round_id", "n")
    )
    certificates = (
        set(
            Certificate.objects.valid()
            .filter(enrollment__cohort__round_id__in=round_ids)
            .order_by()
            .values_list("enrollment__cohort__round_id", "enrollment__business_id")
        )
        & graduated_pairs
    )
    approved = set(
        Storefront.objects.filter(
            status=Storefront.Status.APPROVED, business_id__in={b for _, b in graduated_pairs}
        ).values_list("business_id", flat=True)
    )

    def scope(rows: list[FunnelRow], applications: list[tuple]) -> RoundScope:
        return RoundScope(
            applications=applications,
            rows=rows,
            sessions=sessions,
            certificates=certificates,
            approved=approved,
        )

    by_year: dict[int, RoundScope | None] = {}
    for year in years:
        rows = [row for row in funnel.rows if row.year == year]
        ids = {row.round_id for row in rows}
        by_year[year] = scope(rows, [a for a in funnel.applications if a[0] in ids]) if rows else None
    return by_year, scope(funnel.rows, funnel.applications)


def _sales_scopes(
    filters: ImpactFilter, sales: CountedSales, years: list[int]
) -> tuple[dict[int, SalesScope], SalesScope]:
    """The sales of each calendar year and of the whole period."""
    sellers = dict(
        sales.sales.filter(alumni=True)
        .values("sale_year")
        .annotate(n=Count("seller", distinct=True))
        .values_list("sale_year", "n")
    )
    alumni_businesses = Business.objects.filter(alumni_year__isnull=False)
    products = Product.objects.filter(
        published_at__isnull=False,
        business__alumni_year__isnull=False,
        business__alumni_year__lte=ExtractYear("published_at"),
    )
    if filters.sector:
        products = products.filter(category__sector=filters.sector)
    if filters.round_id is not None:
        graduates = Enrollment.objects.filter(
            cohort__round_id=filters.round_id, status=Enrollment.Status.GRADUATED
        ).values("business_id")
        alumni_businesses = alumni_businesses.filter(pk__in=graduates)
        products = products.filter(business_id__in=graduates)
    alumni_since = dict(
        alumni_businesses.order_by()
        .values("alumni_year")
        .annotate(n=Count("pk"))
        .values_list("alumni_year", "n")
    )
    new_products = dict(
        products.annotate(year=ExtractYear("published_at"))
        .order_by()
        .values("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n")
    )
    if filters.start or filters.end:
        new_products = {
            y: n
            for y, n in new_products.items()
            if (not filters.start or y >= filters.start.year) and (not filters.end or y <= filters.end.year)
        }
    comparison = sales.comparison()
    by_year_sales = {y.year: y for y in comparison.by_year}
    by_year: dict[int, SalesScope] = {}
    for year in years:
        year_sales = by_year_sales.get(year) or YearSales(year, SalesFigures(), SalesFigures())
        by_year[year] = SalesScope(
            alumni=year_sales.alumni,
            others=year_sales.others,
            cells=[c for c in sales.cells if c["sale_year"] == year],
            active_sellers=sellers.get(year, 0),
            # With a sector filter the active sellers are of one sector, but alumni have no single sector.
            alumni_by_then=None if filters.sector else sum(n for s, n in alumni_since.items() if s <= year),
            new_products=new_products.get(year, 0),
        )
    whole = SalesScope(
        alumni=comparison.alumni,
        others=comparison.others,
        cells=sales.cells,
        active_sellers=sales.totals(alumni=True)["sellers"],
        alumni_by_then=None,  # the whole period has no single "by then"
        new_products=sum(new_products.values()),
    )
    return by_year, whole
