"""The kecamatan ranking: all 22 kecamatan with their applicants, graduates, active sellers and sales."""

from dataclasses import dataclass, field

from adimarko.core.models import Region
from adimarko.reporting.selectors.figures import SalesFigures
from adimarko.reporting.selectors.filters import ImpactFilter
from adimarko.reporting.selectors.funnel import FunnelData, funnel_data
from adimarko.reporting.selectors.sales import CountedSales


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


def kecamatan_rows(funnel: FunnelData, sales: CountedSales) -> list[KecamatanRow]:
    """The ranking from a funnel and sales already read (the dashboard and the report read them once)."""
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
    return kecamatan_rows(funnel_data(filters), CountedSales(filters))
