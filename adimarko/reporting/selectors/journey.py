"""One business across the journeys: applications, enrollments, certificates, storefront and sales."""

from dataclasses import dataclass

from adimarko.core.models import Business
from adimarko.reporting.selectors.figures import SalesFigures
from adimarko.reporting.selectors.filters import ImpactFilter
from adimarko.reporting.selectors.sales import CountedSales
from incubation.models import Application, Certificate, Enrollment
from shop.models import Storefront


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
    sales = CountedSales(ImpactFilter(), business=business)
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
