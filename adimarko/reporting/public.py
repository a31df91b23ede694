"""The programme's public figures for the home page: aggregates only (no business, person, buyer or
kecamatan breakdown), cached."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from adimarko.core.models import Business
from adimarko.reporting.selectors.filters import ImpactFilter
from adimarko.reporting.selectors.sales import CountedSales
from incubation.models import Application, RoundPage
from shop.models import Product

PUBLIC_FIGURES_CACHE_KEY = "impact:public-figures:v1"
PUBLIC_FIGURES_CACHE_SECONDS = 60 * 60
# A money figure is published only when at least this many sellers stand behind it, so that no single
# business's takings can be read from the home page.
PUBLIC_MIN_SELLERS = 5


@dataclass(frozen=True)
class PublicFigures:
    rounds: int
    applicants: int
    alumni: int
    kecamatan_reached: int
    active_alumni_sellers: int
    alumni_orders: int
    alumni_revenue: int | None  # None when fewer than PUBLIC_MIN_SELLERS sellers stand behind it
    products_on_sale: int

    @property
    def is_empty(self) -> bool:
        return not (self.applicants or self.alumni or self.products_on_sale)


def _public_figures() -> PublicFigures:
    since = timezone.localdate() - timedelta(days=365)
    # Orders, revenue and sellers of the alumni sales in one query (the public page needs no buyer figures).
    alumni = CountedSales(ImpactFilter(start=since)).totals(alumni=True)
    alumni_businesses = Business.objects.filter(alumni_year__isnull=False)
    submitted = Application.objects.submitted()
    return PublicFigures(
        # A round counts once an application reached staff in it (a round with drafts only does not).
        rounds=RoundPage.objects.live().filter(pk__in=submitted.values("round_id")).count(),
        applicants=submitted.values("business_id").distinct().count(),
        alumni=alumni_businesses.count(),
        kecamatan_reached=alumni_businesses.values("desa__parent_id").distinct().count(),
        active_alumni_sellers=alumni["sellers"],
        alumni_orders=alumni["orders"],
        alumni_revenue=(alumni["revenue"] or 0) if alumni["sellers"] >= PUBLIC_MIN_SELLERS else None,
        products_on_sale=Product.objects.public().count(),
    )


def public_figures() -> PublicFigures:
    """Aggregates only (no business, buyer or kecamatan breakdown), cached for an hour. Sales figures cover
    the last 12 months."""
    return cache.get_or_set(PUBLIC_FIGURES_CACHE_KEY, _public_figures, PUBLIC_FIGURES_CACHE_SECONDS)
