"""The smart-city evaluation's tables: baseline, output, outcome and impact indicators per year with a
whole-period total, plus the kecamatan table, for the exports (`adimarko/reporting/exports.py`). The
indicators and their definitions are in `adimarko/reporting/definitions.py`; the funnel and sales they are
built from are the dashboard's (`adimarko/reporting/selectors.py`)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils import timezone

from adimarko.core.models import Business
from adimarko.reporting.definitions import INDICATORS, TABLES, Indicator
from adimarko.reporting.selectors import (
    MARKETPLACE_CHANNELS,
    ONLINE_CHANNELS,
    FunnelRow,
    ImpactFilter,
    KecamatanRow,
    SalesFigures,
    YearSales,
    _funnel_data,
    _kecamatan_ranking,
    _Sales,
    floor_percent,
)
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


def impact_report(*, filters: ImpactFilter) -> ImpactReport:
    """Baseline, output, outcome and impact indicators per year, with a whole-period total, plus the kecamatan
    table. Round-based indicators fall in the year of the round; sales-based ones in the year of the sale."""
    funnel = _funnel_data(filters)
    sales = _Sales(filters)
    round_year = {row.round_id: row.year for row in funnel.rows}
    years = sorted(set(round_year.values()) | set(sales.years))
    values: dict[str, dict[int, int | None]] = {indicator.code: {} for indicator in INDICATORS}
    totals: dict[str, int | None] = {}

    # Baseline and output: per round year.
    by_year_apps: dict[int, list[tuple]] = defaultdict(list)
    for application in funnel.applications:
        by_year_apps[round_year[application[0]]].append(application)
    graduated_pairs = {(row.round_id, b) for row in funnel.rows for b in row.business_ids["graduated"]}
    sessions = dict(
        MentoringSession.objects.held_by(timezone.now())
        .filter(cohort__round_id__in=round_year)
        .order_by()
        .values("cohort__round_id")
        .annotate(n=Count("pk"))
        .values_list("cohort__round_id", "n")
    )
    certificates = (
        set(
            Certificate.objects.valid()
            .filter(enrollment__cohort__round_id__in=round_year)
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

    def baseline(apps: list[tuple]) -> dict[str, int | None]:
        n = len(apps)
        return {
            "B1": n,
            "B2": floor_percent(sum(1 for a in apps if a[3] in MARKETPLACE_CHANNELS), n),
            "B3": floor_percent(sum(1 for a in apps if a[3] in ONLINE_CHANNELS), n),
            "B4": floor_percent(sum(1 for a in apps if a[4]), n),
            "B5": len({a[5] for a in apps}),
        }

    def output(rows: list[FunnelRow]) -> dict[str, int]:
        ids = {row.round_id for row in rows}
        return {
            "O1": sum(row.eligible for row in rows),
            "O2": sum(row.accepted for row in rows),
            "O3": sum(sessions.get(i, 0) for i in ids),
            "O4": sum(row.graduated for row in rows),
            "O5": sum(1 for r, _ in certificates if r in ids),
            "C1": sum(len(row.business_ids["graduated"] & approved) for row in rows),
        }

    for year in years:
        rows = [row for row in funnel.rows if row.year == year]
        figures = {**baseline(by_year_apps[year]), **output(rows)} if rows else {}
        for code in ("B1", "B2", "B3", "B4", "B5", "O1", "O2", "O3", "O4", "O5", "C1"):
            values[code][year] = figures.get(code)
    totals.update(baseline(funnel.applications))
    totals.update(output(funnel.rows))

    # Outcome and impact: per sales year.
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
    by_year = {y.year: y for y in comparison.by_year}
    alumni_buyers = sales.buyers("alumni", "sale_year")
    for year in years:
        year_sales = by_year.get(year) or YearSales(year, SalesFigures(), SalesFigures())
        alumni_by_then = sum(n for since, n in alumni_since.items() if since <= year)
        outside = sum(
            c["orders"] for c in sales.cells if c["alumni"] and c["sale_year"] == year and not c["in_regency"]
        )
        values["C2"][year] = sellers.get(year, 0)
        # With a sector filter the active sellers are those of one sector, but alumni have no single sector.
        values["C3"][year] = None if filters.sector else floor_percent(sellers.get(year, 0), alumni_by_then)
        values["C4"][year] = new_products.get(year, 0)
        values["I1"][year] = year_sales.alumni.revenue
        values["I2"][year] = year_sales.alumni.orders
        values["I3"][year] = year_sales.alumni.average_order
        values["I4"][year] = alumni_buyers.get((True, year), (0, 0))[1]
        values["I5"][year] = floor_percent(
            year_sales.alumni.revenue, year_sales.alumni.revenue + year_sales.others.revenue
        )
        values["I6"][year] = year_sales.others.revenue
        values["I7"][year] = floor_percent(outside, year_sales.alumni.orders)
        values["I8"][year] = len(
            {c["kecamatan"] for c in sales.cells if c["alumni"] and c["sale_year"] == year}
        )
    alumni_total = comparison.alumni
    totals.update(
        {
            "C2": sales.totals(alumni=True)["sellers"],
            "C3": None,
            "C4": sum(new_products.values()),
            "I1": alumni_total.revenue,
            "I2": alumni_total.orders,
            "I3": alumni_total.average_order,
            "I4": alumni_total.repeat_buyers,
            "I5": comparison.alumni_revenue_percent,
            "I6": comparison.others.revenue,
            "I7": floor_percent(
                sum(c["orders"] for c in sales.cells if c["alumni"] and not c["in_regency"]),
                alumni_total.orders,
            ),
            "I8": len({c["kecamatan"] for c in sales.cells if c["alumni"]}),
        }
    )
    tables = [
        IndicatorTable(
            key=table.key,
            title=str(table.title),
            description=str(table.description),
            rows=[
                IndicatorRow(
                    indicator=indicator, values=values[indicator.code], total=totals.get(indicator.code)
                )
                for indicator in INDICATORS
                if indicator.table == table.key
            ],
        )
        for table in TABLES
    ]
    return ImpactReport(
        filters=filters,
        years=years,
        tables=tables,
        kecamatan=_kecamatan_ranking(funnel, sales),
        generated_at=timezone.now(),
    )
