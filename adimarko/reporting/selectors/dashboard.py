"""The staff dashboard: the funnel, the sales comparison and the kecamatan ranking of one filter."""

from dataclasses import dataclass

from adimarko.reporting.selectors.figures import bar_percent
from adimarko.reporting.selectors.filters import ImpactFilter
from adimarko.reporting.selectors.funnel import FunnelRow, FunnelTotal, funnel_data, funnel_total
from adimarko.reporting.selectors.kecamatan import KecamatanRow, kecamatan_rows
from adimarko.reporting.selectors.sales import CountedSales, SalesComparison, YearSales


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
    funnel = funnel_data(filters)
    sales = CountedSales(filters)
    return ImpactDashboard(
        filters=filters,
        funnel=funnel.rows,
        total=funnel_total(funnel.rows),
        sales=sales.comparison(),
        kecamatan=kecamatan_rows(funnel, sales),
    )
