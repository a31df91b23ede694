"""Data for the tests of the impact staff pages, built through the real services: applications submitted and
screened, decisions, cohorts, graduation, alumni storefronts, carts paid by QRIS.

Only one thing is written after the services: the payment time of a sale (`sale(..., paid_on=...)`), since
the payment service stamps `timezone.now()` and the figures are dated by payment.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from adimarko.core.models import Business, Region
from incubation.audition.models.rounds import WIB
from incubation.audition.services import applications as application_services
from incubation.audition.services.decisions import decision_batch_apply
from incubation.audition.services.rounds import round_create
from incubation.cohorts.services import cohort_create
from incubation.graduation.services import alumni_storefront_open, enrollment_graduate
from incubation.models import Application, Cohort, Enrollment, RoundPage
from shop.models import Product
from shop.orders import services as order_services
from shop.orders.models import Order, QrisAccount, SellerOrder
from shop.services import storefront_decide
from tests.factories import BusinessFactory, staff_user
from tests.incubation.factories import CRITERIA, _criterion, complete_draft, home_page, round_page
from tests.orders.factories import (
    ADDRESS_ELSEWHERE,
    CategoryFactory,
    ProductFactory,
    address_in_regency,
    buyer,
    place_order,
    qris_account,
)

# Kecamatan by name (their codes come from the region table).
WLINGI = "Wlingi"
SRENGAT = "Srengat"
KANIGORO = "Kanigoro"


def kecamatan_code(name: str) -> str:
    return Region.objects.kecamatan().get(name=name).code


def desa_in(kecamatan: str) -> Region:
    return Region.objects.desa().filter(parent__name=kecamatan).order_by("code").first()


def business(*, kecamatan: str = WLINGI, name: str | None = None) -> Business:
    fields = {"desa": desa_in(kecamatan)}
    if name:
        fields["name"] = name
    return BusinessFactory(**fields)


def audition(year: int, *, quota: int = 20, documents: bool = True, title: str = "") -> RoundPage:
    """The round of `year`: open in February, closing on 31 March. Without `documents` it asks for no upload,
    so that many applications are quick to build."""
    title = title or f"Audisi Adi Marko {year}"
    opens_at, closes_on = datetime(year, 2, 1, 8, 0, tzinfo=WIB), date(year, 3, 31)
    if documents:
        return round_page(title=title, opens_at=opens_at, closes_on=closes_on, quota=quota)
    return round_create(
        parent=home_page(),
        title=title,
        opens_at=opens_at,
        closes_on=closes_on,
        criteria=[_criterion(c) for c in CRITERIA],
        documents=[],
        quota=quota,
    )


def apply(*, round: RoundPage, business: Business, category: str = "snack") -> Application:
    """A complete application of `business`'s owner, submitted before the deadline (status submitted)."""
    user = business.members.order_by("pk").first()
    application = complete_draft(round=round, user=user, business=business)
    when = round.opens_at + timedelta(hours=2)
    application_services.application_update(application=application, by=user, now=when, category=category)
    return application_services.application_submit(application=application, by=user, now=when, notify=False)


def draft(*, round: RoundPage, business: Business) -> Application:
    user = business.members.order_by("pk").first()
    return complete_draft(round=round, user=user, business=business)


def screen(application: Application, *, staff, eligible: bool = True) -> Application:
    return application_services.application_screen(
        application=application, eligible=eligible, by=staff, reason="" if eligible else "documents"
    )


def decide(round: RoundPage, applications: list[Application], *, outcome: str, staff) -> None:
    decision_batch_apply(
        round=round,
        applications=applications,
        outcome=outcome,
        reason="top_score" if outcome == "accepted" else "quota",
        message="Terima kasih, {business}.",
        by=staff,
        notify=False,
    )


def cohort(round: RoundPage, *, staff) -> Cohort:
    """The round's cohort (enrolls every accepted applicant), starting in June of the round's year."""
    year = round.closes_on.year
    return cohort_create(
        round=round,
        name=f"Angkatan {year}",
        starts_on=date(year, 6, 1),
        ends_on=date(year, 11, 30),
        by=staff,
        trainers=[],
    )


def graduate(cohort: Cohort, business: Business, *, staff, storefront: bool = True) -> Enrollment:
    """Graduate the business (manually, with a reason, when the cohort's rules are not met) and open its
    alumni storefront, which marks it Alumni Adi Marko of the cohort's year."""
    enrollment = Enrollment.objects.get(cohort=cohort, business=business)
    enrollment_graduate(enrollment=enrollment, by=staff, note="Lulus: semua materi diikuti di kelas.")
    if storefront:
        alumni_storefront_open(enrollment=enrollment, by=staff)
    return enrollment


def product(business: Business, *, price: int, sector: str = "snack", **fields) -> Product:
    category = CategoryFactory(name=f"Uji {sector}", slug=f"uji-{sector}", sector=sector)
    return ProductFactory(business=business, price=price, category=category, stock=500, **fields)


def sale(*, buyer_user, items, paid_on: date | datetime, in_regency: bool = True, staff=None) -> Order:
    """A checkout of `items` ([(product, quantity)]) paid by QRIS, dated `paid_on` (a day: at 10:00 WIB)."""
    if not QrisAccount.objects.exists():
        qris_account()
    address = address_in_regency() if in_regency else dict(ADDRESS_ELSEWHERE)
    order = place_order(user=buyer_user, items=items, address=address)
    order_services.qris_payment_confirm(order=order, by=staff or staff_user())
    at_ten = datetime.combine(paid_on, time(10, 0), tzinfo=WIB) if type(paid_on) is date else None
    paid_at = at_ten or paid_on
    Order.objects.filter(pk=order.pk).update(paid_at=paid_at)
    SellerOrder.objects.filter(order=order).update(paid_at=paid_at)
    return order


@dataclass
class Scenario:
    """Two audition rounds, an outside seller and five sales; the expected figures are in the tests."""

    staff: object
    rounds: dict[int, RoundPage] = field(default_factory=dict)
    cohorts: dict[int, Cohort] = field(default_factory=dict)
    businesses: dict[str, Business] = field(default_factory=dict)
    products: dict[str, Product] = field(default_factory=dict)
    buyers: list = field(default_factory=list)


def scenario() -> Scenario:
    """
    Round 2025 (closes 31 March 2025), cohort "Angkatan 2025":
      A  Wlingi   snack   accepted, graduated, alumni 2025, storefront approved, sells
      B  Srengat  coffee  accepted, graduated, alumni 2025, storefront waiting, no sale
      C  Srengat  coffee  accepted, still participating
      D  Kanigoro craft   rejected (passed screening)
      E  Wlingi   snack   not eligible
      F  Wlingi   (draft, never submitted: not counted)
    Round 2026 (closes 31 March 2026), cohort "Angkatan 2026":
      G  Wlingi   food    accepted, graduated, alumni 2026, sells
      H  Kanigoro snack   waiting list
    S  Kanigoro: a seller that never joined the programme (craft products).

    Sales (goods value; shipping is not revenue):
      1. buyer 1: A × 2 @ 20.000 = 40.000            paid 10 Aug 2025, in the regency
      2. buyer 1: A × 1 @ 20.000 + S × 1 @ 30.000    paid 1 Feb 2026  (two seller orders)
      3. buyer 2: G × 1 @ 50.000                     paid 15 Sep 2026, outside the regency
      4. buyer 2: S × 2 @ 30.000 = 60.000            paid 1 Oct 2026
    """
    staff = staff_user()
    data = Scenario(staff=staff)
    names = {
        "A": ("Keripik Tempe Bu Sri", WLINGI),
        "B": ("Kopi Robusta Pak Dwi", SRENGAT),
        "C": ("Kopi Lereng Kelud", SRENGAT),
        "D": ("Anyaman Bambu Kanigoro", KANIGORO),
        "E": ("Keripik Pisang Wlingi", WLINGI),
        "F": ("Sambal Pecel Draf", WLINGI),
        "G": ("Sambal Pecel Mbak Yuni", WLINGI),
        "H": ("Kerupuk Rambak Kanigoro", KANIGORO),
        "S": ("Batik Tulis Kanigoro", KANIGORO),
    }
    for key, (name, kecamatan) in names.items():
        data.businesses[key] = business(kecamatan=kecamatan, name=name)
    b = data.businesses

    r2025 = data.rounds[2025] = audition(2025)
    apps = {
        "A": apply(round=r2025, business=b["A"], category="snack"),
        "B": apply(round=r2025, business=b["B"], category="coffee"),
        "C": apply(round=r2025, business=b["C"], category="coffee"),
        "D": apply(round=r2025, business=b["D"], category="craft"),
        "E": apply(round=r2025, business=b["E"], category="snack"),
    }
    draft(round=r2025, business=b["F"])
    for key in "ABCD":
        screen(apps[key], staff=staff)
    screen(apps["E"], staff=staff, eligible=False)
    decide(r2025, [apps["A"], apps["B"], apps["C"]], outcome="accepted", staff=staff)
    decide(r2025, [apps["D"]], outcome="rejected", staff=staff)
    c2025 = data.cohorts[2025] = cohort(r2025, staff=staff)
    graduate(c2025, b["A"], staff=staff)
    graduate(c2025, b["B"], staff=staff)
    storefront_decide(storefront=b["A"].storefront, by=staff, approve=True, notify=False)

    r2026 = data.rounds[2026] = audition(2026)
    apps_g = apply(round=r2026, business=b["G"], category="food")
    apps_h = apply(round=r2026, business=b["H"], category="snack")
    screen(apps_g, staff=staff)
    screen(apps_h, staff=staff)
    decide(r2026, [apps_g], outcome="accepted", staff=staff)
    decide(r2026, [apps_h], outcome="waitlisted", staff=staff)
    c2026 = data.cohorts[2026] = cohort(r2026, staff=staff)
    graduate(c2026, b["G"], staff=staff)

    p = data.products
    p["A"] = product(b["A"], price=20000, sector="snack", name="Keripik Tempe Original 250 g")
    p["G"] = product(b["G"], price=50000, sector="food", name="Sambal Pecel Pedas 500 g")
    p["S"] = product(b["S"], price=30000, sector="craft", name="Batik Tulis Motif Kendi")
    first, second = buyer(), buyer()
    data.buyers = [first, second]
    sale(buyer_user=first, items=[(p["A"], 2)], paid_on=date(2025, 8, 10), staff=staff)
    sale(buyer_user=first, items=[(p["A"], 1), (p["S"], 1)], paid_on=date(2026, 2, 1), staff=staff)
    sale(buyer_user=second, items=[(p["G"], 1)], paid_on=date(2026, 9, 15), in_regency=False, staff=staff)
    sale(buyer_user=second, items=[(p["S"], 2)], paid_on=date(2026, 10, 1), staff=staff)
    return data


def small_round(year: int, *, staff, kecamatan: str = WLINGI) -> tuple[RoundPage, Business]:
    """A round with one accepted applicant who graduated, opened a storefront and sold once in the round's
    year (for query-count comparisons)."""
    round = audition(year)
    applicant = business(kecamatan=kecamatan)
    application = apply(round=round, business=applicant)
    screen(application, staff=staff)
    decide(round, [application], outcome="accepted", staff=staff)
    graduate(cohort(round, staff=staff), applicant, staff=staff)
    sold = product(applicant, price=15000)
    sale(buyer_user=buyer(), items=[(sold, 1)], paid_on=date(year, 9, 1), staff=staff)
    return round, applicant
