"""The public figures of the home page: exact aggregates of a small programme built through the services, the
hour-long cache, the money threshold (no single business's takings on the home page) and no personal data.

Expected figures are worked out by hand from the definitions in IMPACT.md / adimarko/reporting/definitions.py.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext as _

from adimarko.core.models import Business, Region
from adimarko.core.roles import Role
from adimarko.reporting.public import (
    PUBLIC_FIGURES_CACHE_KEY,
    PUBLIC_MIN_SELLERS,
    PublicFigures,
    public_figures,
)
from incubation.audition.models.rounds import WIB
from incubation.audition.services.decisions import decision_batch_apply
from incubation.cohorts.services import cohort_create
from incubation.graduation.services import alumni_storefront_open, enrollment_graduate
from incubation.models import Enrollment, RoundPage
from shop.models import Product
from shop.orders.models import Order, SellerOrder
from shop.orders.services import order_refund, qris_payment_confirm
from tests import realservices
from tests.cms import factories as cms_factories
from tests.factories import BusinessFactory, UserFactory
from tests.incubation.factories import VALID_NIK, complete_draft, round_page, submitted
from tests.orders.factories import ADDRESS_IN_REGENCY, ProductFactory, place_order, qris_account

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The public figures live in the default cache for an hour: no test may see another test's figures."""
    cache.clear()
    yield
    cache.clear()


# --- Building a programme through the services -------------------------------------------------------------
@dataclass
class Programme:
    staff: object
    # Data that must never be public: about people (names, emails, phones, NIK, delivery addresses, orders),
    # which no impact page shows even to staff, and about businesses (name, NIB, slug, WhatsApp number),
    # which only staff see, in the lists behind the figures.
    personal: list[str] = field(default_factory=list)
    business: list[str] = field(default_factory=list)
    alumni: list[Business] = field(default_factory=list)

    def keep_secret(self, *values, kind: str = "personal") -> None:
        getattr(self, kind).extend(str(value) for value in values if value)

    @property
    def secrets(self) -> list[str]:
        return self.personal + self.business


def desas(count: int) -> list[Region]:
    """One desa in each of `count` different kecamatan."""
    kecamatan = Region.objects.kecamatan().order_by("code")[:count]
    return [Region.objects.desa().filter(parent=k).order_by("code").first() for k in kecamatan]


def person(programme: Programme, first: str, last: str, *, roles=()):
    user = UserFactory(
        first_name=first, last_name=last, email=f"{first.lower()}.{last.lower()}@rahasia.test", roles=roles
    )
    programme.keep_secret(first, last, user.get_full_name(), user.email)
    return user


def business_of(programme: Programme, owner, *, name: str, number: int, desa: Region) -> Business:
    """A business with a distinctive name, NIB and WhatsApp number (`number` < 10000)."""
    phone = f"08131111{number:04d}"
    business = BusinessFactory(
        owner=owner, name=name, nib=f"{9100000000000 + number:013d}", phone=phone, desa=desa
    )
    programme.keep_secret(business.name, business.nib, business.phone, phone, business.slug, kind="business")
    return business


def audition(programme: Programme, *, year: int, people, accept: int, title: str = "") -> RoundPage:
    """A round of `year`: every (user, business) applies and passes screening; the first `accept` are
    accepted."""
    round = round_page(
        title=title or f"Audisi Adi Marko {year}",
        opens_at=datetime(year, 2, 1, 8, 0, tzinfo=WIB),
        closes_on=date(year, 3, 31),
        quota=max(accept, 1),
    )
    applications = [
        submitted(round=round, user=user, business=business, staff=programme.staff)
        for user, business in people
    ]
    programme.keep_secret(VALID_NIK)
    if accept:
        decision_batch_apply(
            round=round,
            applications=applications[:accept],
            outcome="accepted",
            reason="top_score",
            message="Selamat, {business}!",
            by=programme.staff,
            notify=False,
        )
    return round


def graduate_everyone(programme: Programme, *, round: RoundPage, year: int) -> list[Business]:
    """The round's cohort (starting in `year`), every participant graduated with an alumni storefront: the
    businesses become "Alumni Adi Marko <year>"."""
    cohort = cohort_create(
        round=round,
        name=f"Angkatan {round.title}",
        starts_on=date(year, 6, 1),
        ends_on=date(year, 11, 30),
        by=programme.staff,
    )
    graduates = []
    for enrollment in Enrollment.objects.filter(cohort=cohort).select_related("business").order_by("pk"):
        enrollment_graduate(enrollment=enrollment, by=programme.staff, note="Lulus seluruh materi.")
        alumni_storefront_open(enrollment=enrollment, by=programme.staff)
        graduates.append(Business.objects.get(pk=enrollment.business_id))
    programme.alumni.extend(graduates)
    return graduates


def sale(
    programme: Programme, *, buyer, items, days_ago: int = 0, refund: bool = False, recipient=None
) -> Order:
    """A checkout paid by QRIS (confirmed by staff), `days_ago` days ago; optionally refunded."""
    address = {**ADDRESS_IN_REGENCY, "desa": Region.objects.get(code="35.05.17.1001"), **(recipient or {})}
    programme.keep_secret(address["recipient_name"], address["phone"], address["street"])
    order = place_order(user=buyer, items=items, address=address)
    order = qris_payment_confirm(order=order, by=programme.staff)
    if refund:
        order = order_refund(order=order, by=programme.staff)
    if days_ago:
        # The payment services stamp "now"; this sale was paid earlier.
        paid_at = timezone.now() - timedelta(days=days_ago)
        Order.objects.filter(pk=order.pk).update(paid_at=paid_at)
        SellerOrder.objects.filter(order=order).update(paid_at=paid_at)
    programme.keep_secret(order.reference)
    return order


def small_programme() -> tuple[Programme, dict]:
    """Two rounds with applicants, three alumni in two kecamatan, four products on sale and sales of every
    kind. Returns the programme and the public figures worked out by hand."""
    year = timezone.localdate().year
    programme = Programme(staff=UserFactory(roles=(Role.STAFF,)))
    qris_account()
    west, east = desas(2)

    owners = [
        person(programme, "Sumarni", "Wulandaripratiwi"),
        person(programme, "Bagus", "Setyawicaksono"),
        person(programme, "Endang", "Kusumawardhani"),
        person(programme, "Harjono", "Prawirodirdjo"),
        person(programme, "Lestari", "Ningsihrahayu"),
    ]
    kopi = business_of(programme, owners[0], name="Kopi Lereng Kelud Sejahtera", number=101, desa=west)
    gula = business_of(programme, owners[1], name="Gula Kelapa Manis Jaya", number=102, desa=east)
    sambal = business_of(programme, owners[2], name="Sambal Pecel Pedas Mantap", number=103, desa=west)
    waiting = business_of(programme, owners[3], name="Anyaman Bambu Asri", number=104, desa=east)
    later = business_of(programme, owners[4], name="Batik Tulis Kembang Sore", number=105, desa=west)

    # Round of two years ago: four applicants pass screening, three are accepted and graduate.
    first = audition(
        programme,
        year=year - 2,
        people=[(owners[0], kopi), (owners[1], gula), (owners[2], sambal), (owners[3], waiting)],
        accept=3,
    )
    graduate_everyone(programme, round=first, year=year - 2)
    # Last year's round: one more applicant.
    audition(programme, year=year - 1, people=[(owners[4], later)], accept=0)
    # This year's round has a draft only: neither the round nor the business counts.
    drafter = person(programme, "Wagiman", "Sastrodiharjo")
    draft_business = business_of(programme, drafter, name="Madu Hutan Kelud", number=106, desa=east)
    complete_draft(round=round_page(title=f"Audisi Adi Marko {year}"), user=drafter, business=draft_business)

    # A seller outside the programme.
    outsider = person(programme, "Tukiyem", "Martowiyono")
    shop = business_of(programme, outsider, name="Toko Oleh-oleh Seger Waras", number=107, desa=east)

    kopi_product = ProductFactory(business=kopi, name="Kopi Robusta Lereng Kelud", price=30_000)
    gula_product = ProductFactory(business=gula, name="Gula Kelapa Manis 500 g", price=45_000)
    sambal_product = ProductFactory(business=sambal, name="Sambal Pecel Pedas", price=10_000)
    shop_product = ProductFactory(business=shop, name="Wingko Oleh-oleh", price=20_000)
    ProductFactory(business=sambal, name="Sambal Belum Dikurasi", status=Product.Status.PENDING)

    buyers = [
        person(programme, "Wiwik", "Handayanisari", roles=(Role.BUYER,)),
        person(programme, "Dodik", "Purnomosidi", roles=(Role.BUYER,)),
    ]
    recipient = {"recipient_name": "Sulastri Penerimapaket", "phone": "081377778888"}
    # Counted alumni sales: kopi 2 × 30.000 now (with a non-alumni line in the same checkout), gula 1 × 45.000
    # 300 days ago.
    sale(programme, buyer=buyers[0], items=[(kopi_product, 2), (shop_product, 1)], recipient=recipient)
    sale(programme, buyer=buyers[1], items=[(gula_product, 1)], days_ago=300)
    # Not counted: older than 12 months, refunded, never paid.
    sale(programme, buyer=buyers[1], items=[(sambal_product, 3)], days_ago=400)
    sale(programme, buyer=buyers[0], items=[(sambal_product, 1)], refund=True)
    place_order(user=buyers[0], items=[(sambal_product, 2)])

    expected = {
        "rounds": 2,
        "applicants": 5,
        "alumni": 3,
        "kecamatan_reached": 2,
        "active_alumni_sellers": 2,
        "alumni_orders": 2,
        "alumni_revenue": None,  # two sellers: fewer than PUBLIC_MIN_SELLERS
        "products_on_sale": 4,
    }
    return programme, expected


# --- The figures -------------------------------------------------------------------------------------------
def test_public_figures_of_a_small_programme():
    _programme, expected = small_programme()

    figures = public_figures()

    assert figures == PublicFigures(**expected)
    assert not figures.is_empty


def test_public_figures_of_an_empty_site():
    figures = public_figures()

    assert figures == PublicFigures(
        rounds=0,
        applicants=0,
        alumni=0,
        kecamatan_reached=0,
        active_alumni_sellers=0,
        alumni_orders=0,
        alumni_revenue=None,
        products_on_sale=0,
    )
    assert figures.is_empty


def test_public_figures_are_cached_for_an_hour(django_assert_num_queries):
    small_programme()
    with django_assert_num_queries(6):  # a fixed number of aggregate queries, whatever the data
        first = public_figures()
    assert first.products_on_sale == 4
    assert cache.get(PUBLIC_FIGURES_CACHE_KEY) == first

    ProductFactory(name="Keripik Tempe Baru", price=12_000)
    with django_assert_num_queries(0):
        again = public_figures()
    assert again == first  # still the cached figures

    cache.clear()
    recomputed = public_figures()
    assert recomputed.products_on_sale == 5


def alumni_sellers(count: int, *, year: int) -> tuple[Programme, list[Product]]:
    """`count` alumni businesses (graduated `year`), each with one product of Rp 10.000 × (its number)."""
    programme = Programme(staff=UserFactory(roles=(Role.STAFF,)))
    qris_account()
    people = []
    for n in range(1, count + 1):
        owner = person(programme, f"Alumnus{n}", "Penjualsejati")
        business = business_of(
            programme,
            owner,
            name=f"Usaha Alumni Nomor {n}",
            number=200 + n,
            desa=desas(1)[0],
        )
        people.append((owner, business))
    round = audition(programme, year=year, people=people, accept=count)
    graduate_everyone(programme, round=round, year=year)
    products = [
        ProductFactory(business=business, name=f"Produk Alumni {n}", price=10_000 * n)
        for n, business in enumerate(programme.alumni, start=1)
    ]
    return programme, products


def test_alumni_revenue_is_published_only_when_enough_alumni_sold_in_the_last_12_months():
    assert PUBLIC_MIN_SELLERS == 5
    programme, products = alumni_sellers(5, year=timezone.localdate().year - 2)
    buyer = person(programme, "Pembeli", "Setiawanto", roles=(Role.BUYER,))
    # Four alumni sold within the last 12 months, the fifth only 400 days ago.
    for product in products[:4]:
        sale(programme, buyer=buyer, items=[(product, 1)], days_ago=30)
    sale(programme, buyer=buyer, items=[(products[4], 1)], days_ago=400)

    figures = public_figures()
    assert (figures.active_alumni_sellers, figures.alumni_orders, figures.alumni_revenue) == (4, 4, None)

    # The fifth alumnus sells today (2 × Rp 50.000): exactly PUBLIC_MIN_SELLERS sellers stand behind the sum.
    sale(programme, buyer=buyer, items=[(products[4], 2)])
    cache.clear()
    figures = public_figures()
    assert (figures.active_alumni_sellers, figures.alumni_orders) == (5, 5)
    assert figures.alumni_revenue == 10_000 + 20_000 + 30_000 + 40_000 + 2 * 50_000


# --- The home page -----------------------------------------------------------------------------------------
IMPACT_SECTION = re.compile(r'<section class="programme-figures impact-figures".*?</section>', re.S)
FIGURE = re.compile(r"<dt>(.*?)</dt><dd>(.*?)</dd>", re.S)


def impact_section(html: str) -> str:
    match = IMPACT_SECTION.search(html)
    assert match, "the home page has no live figures section"
    return match.group(0)


def test_home_page_shows_the_public_figures_without_personal_data(client):
    programme, _expected = small_programme()
    home = cms_factories.home()
    # Featured product cards name their seller by design (public catalogue); the figures must not.
    home.featured_product_count = 0
    home.save_revision().publish()

    response = client.get("/")

    assert response.status_code == 200
    assert response.context["impact_figures"] == public_figures()
    section = impact_section(response.content.decode())
    assert FIGURE.findall(section) == [
        (_("businesses applied to the audition"), "5"),
        (_("audition rounds"), "2"),
        (_("alumni businesses"), "3"),
        (_("kecamatan with alumni (of 22)"), "2"),
        (_("products on sale"), "4"),
        (_("alumni selling on the marketplace, last 12 months"), "2"),
        (_("orders from alumni, last 12 months"), "2"),
    ]  # no rupiah: only two alumni sellers
    assert "Rp" not in section
    html = response.content.decode()
    leaked = [secret for secret in programme.secrets if secret in html]
    assert leaked == []
    assert len(programme.secrets) > 40  # names, emails, phones, NIB, NIK, slugs, order references


def test_home_page_shows_alumni_revenue_in_rupiah_once_enough_sellers_sold(client):
    programme, products = alumni_sellers(5, year=timezone.localdate().year - 1)
    buyer = person(programme, "Pembeli", "Setiawanto", roles=(Role.BUYER,))
    for product in products:
        sale(programme, buyer=buyer, items=[(product, 20)])  # Rp 200.000 × (1 + … + 5) = Rp 3.000.000

    section = impact_section(client.get("/").content.decode())

    figures = dict((label, value) for label, value in FIGURE.findall(section))
    assert figures[_("alumni sales, last 12 months")] == '<span class="money">Rp 3.000.000</span>'  # one line
    assert figures[_("orders from alumni, last 12 months")] == "5"
    assert "Usaha Alumni Nomor" not in section
    # The English home page shows the same figures (rupiah is written the Indonesian way in both).
    english = [value for _label, value in FIGURE.findall(impact_section(client.get("/en/").content.decode()))]
    assert english == list(figures.values())


def test_home_page_reads_the_cached_figures(client):
    small_programme()
    sales_table = f'"{SellerOrder._meta.db_table}"'  # the impact sales are read from the seller orders

    with CaptureQueriesContext(connection) as first:
        assert client.get("/").status_code == 200
    with CaptureQueriesContext(connection) as second:
        assert client.get("/").status_code == 200

    assert any(sales_table in query["sql"] for query in first.captured_queries)
    assert not any(sales_table in query["sql"] for query in second.captured_queries)


def test_home_page_of_an_empty_site_has_no_figures_section(client):
    html = client.get("/").content.decode()

    assert "impact-figures" not in html
    assert "programme-figures" not in html  # and no editor figures either


def test_editor_figures_stay_below_the_live_ones_or_alone(client):
    home = cms_factories.home()
    home.figures = [("figure", {"value": "2018", "label": "tahun program dimulai"})]
    home.save_revision().publish()

    html = client.get("/").content.decode()
    assert "impact-figures" not in html  # nothing live yet: the editor's figures alone, as before
    assert '<h2 id="figures-title">' in html
    assert "<dt>tahun program dimulai</dt><dd>2018</dd>" in html

    ProductFactory(name="Kopi Robusta Wlingi", price=45_000)
    cache.clear()
    html = client.get("/").content.decode()
    section = impact_section(html)
    # Figures that are still zero are left out: one product on sale, no applicant, no alumni yet.
    assert FIGURE.findall(section) == [
        (_("products on sale"), "1"),
        ("tahun program dimulai", "2018"),
    ]
    # The editor's figures follow the live ones, under their own heading, in the same section.
    assert section.index(_("products on sale")) < section.index('<h3 id="figures-title">')
    assert "<dt>tahun program dimulai</dt><dd>2018</dd>" in section
    assert html.count('id="figures-title"') == 1


@pytest.mark.vnu
def test_home_page_with_every_live_figure_is_valid_html(client, tmp_path):
    programme, products = alumni_sellers(5, year=timezone.localdate().year - 1)
    buyer = person(programme, "Pembeli", "Setiawanto", roles=(Role.BUYER,))
    for product in products:
        sale(programme, buyer=buyer, items=[(product, 1)])
    home = cms_factories.home()
    home.figures = [("figure", {"value": "50+", "label": "alumni setiap tahun"})]
    home.save_revision().publish()
    page = tmp_path / "home.html"
    page.write_bytes(client.get("/").content)
    section = impact_section(page.read_text())
    assert _("alumni sales, last 12 months") in section and "alumni setiap tahun" in section

    assert realservices.vnu_errors([("/", page)]) == []
