"""The programme's impact for staff: the funnel per audition round, marketplace figures of alumni against
other sellers, the kecamatan ranking, the businesses behind a figure and one business's journey. The
smart-city tables build on them in `adimarko/reporting/report.py`, the home page's public figures in
`adimarko/reporting/public.py`.

A business is the one identity that runs through the journeys (application → enrollment → certificate →
storefront → seller orders), so every figure is a set of businesses or an aggregate of their sales, and the
businesses behind a funnel figure can always be listed (`funnel_businesses`).

Definitions are in `adimarko/reporting/definitions.py` and docs/reporting.md. The queries are a
fixed number whatever the amount of data: grouped aggregates in the database, small roll-ups in Python.

One module per concept: `filters` (what staff narrow to), `figures` (percent, averages, a group's sales),
`funnel`, `sales` (the counted sales and the alumni comparison), `kecamatan` (the ranking), `dashboard`
(all of them for one filter) and `journey` (one business). The names below are the package's public face.
"""

from adimarko.reporting.selectors.dashboard import ImpactDashboard, impact_dashboard
from adimarko.reporting.selectors.figures import SalesFigures
from adimarko.reporting.selectors.filters import ImpactFilter
from adimarko.reporting.selectors.funnel import (
    FUNNEL_STAGES,
    FunnelRow,
    FunnelTotal,
    funnel_businesses,
    funnel_total,
    round_funnel,
)
from adimarko.reporting.selectors.journey import BusinessJourney, business_journey
from adimarko.reporting.selectors.kecamatan import KecamatanRow, kecamatan_ranking
from adimarko.reporting.selectors.sales import SalesComparison, YearSales, sales_comparison

__all__ = [
    "FUNNEL_STAGES",
    "BusinessJourney",
    "FunnelRow",
    "FunnelTotal",
    "ImpactDashboard",
    "ImpactFilter",
    "KecamatanRow",
    "SalesComparison",
    "SalesFigures",
    "YearSales",
    "business_journey",
    "funnel_businesses",
    "funnel_total",
    "impact_dashboard",
    "kecamatan_ranking",
    "round_funnel",
    "sales_comparison",
]
