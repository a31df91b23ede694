"""The demo (adimarko/demo/orchestrator.py and each app's builder), built once for this module (`demo_built`,
tests/conftest.py) instead of once per test: a build takes about 45 s. Every test here runs in a savepoint on
top of it; the seed command's test rebuilds on top of it, which is the idempotence check."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Count
from django.test import RequestFactory
from django.urls import reverse

from adimarko.core.demo import DEMO_LOGINS, DEMO_PASSWORD
from adimarko.core.models import Business, BusinessMembership, Certification, User
from adimarko.core.roles import Role, user_roles
from adimarko.reporting.selectors import ImpactFilter, impact_dashboard
from incubation.audition.selectors import open_round, round_accepted_applications
from incubation.models import (
    Application,
    Certificate,
    Enrollment,
    JuryAssignment,
    RoundPage,
    Status,
)
from shop.models import Product, ProductPhoto, Storefront

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_built")]


@pytest.mark.parametrize(
    ("email", "admin_allowed"),
    [
        ("admin@adimarko.test", True),
        ("staf@adimarko.test", True),
        ("pelatih@adimarko.test", True),
        ("penjual@adimarko.test", False),
        ("juri@adimarko.test", False),
        ("pembeli@adimarko.test", False),
    ],
)
def test_demo_logins_on_site_and_wagtail_admin(client, email, admin_allowed):
    response = client.post(reverse("account_login"), {"username": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302, email
    assert client.get(reverse("account_profile")).status_code == 200
    admin = client.get("/admin/")
    if admin_allowed:
        assert admin.status_code == 200
        assert "wagtail" in admin.content.decode().lower()
    else:
        assert admin.status_code == 302 and "/admin/login/" in admin.url


def test_staff_can_edit_the_home_page_in_wagtail(client):
    from wagtail.models import Page

    client.post("/admin/login/", {"username": "staf@adimarko.test", "password": DEMO_PASSWORD})
    home = Page.objects.get(depth=2, locale__language_code="id").specific
    response = client.get(f"/admin/pages/{home.pk}/edit/")
    assert response.status_code == 200


def test_demo_staff_may_edit_decision_templates_in_wagtail(client):
    client.post("/admin/login/", {"username": "staf@adimarko.test", "password": DEMO_PASSWORD})
    response = client.get("/admin/snippets/incubation/decisiontemplate/")
    assert response.status_code == 200
    assert "Diterima" in response.content.decode()


def test_demo_is_deterministic():
    kopi = Business.objects.get(slug="kopi-sirah-kencong")
    assert (kopi.nib, kopi.phone, kopi.desa.parent.name) == ("9120300000001", "+628123350137", "Wlingi")


def test_every_demo_login_works_with_its_roles():
    covered = set()
    for login in DEMO_LOGINS:
        # django-axes checks every login against its lockout, so authenticate() needs the request.
        request = RequestFactory().post("/akun/masuk/")
        user = authenticate(request, username=login.email, password=DEMO_PASSWORD)
        assert user is not None, login.email
        assert set(login.roles) <= user_roles(user)
        covered |= set(login.roles)
    assert covered == set(Role)
    seller = User.objects.get(email="penjual@adimarko.test")
    assert seller.businesses.get().slug == "kopi-sirah-kencong"


def test_every_demo_alumnus_is_a_graduate_of_that_years_cohort(demo_built):
    """One identity per business: the marketplace's alumni are exactly the funnel's graduates."""
    alumni = Business.objects.filter(alumni_year__isnull=False)
    assert alumni.count() == demo_built["alumni"] >= 10
    for business in alumni:
        enrollment = Enrollment.objects.select_related("cohort__round").get(
            business=business, status=Enrollment.Status.GRADUATED
        )
        assert enrollment.cohort.year == enrollment.cohort.round.year == business.alumni_year, business
        certificate = Certificate.objects.valid().get(enrollment=enrollment)
        assert certificate.year == business.alumni_year
    dashboard = impact_dashboard(filters=ImpactFilter())
    assert dashboard.total.graduated == alumni.count()
    for row in dashboard.funnel:
        assert row.business_ids["graduated"] == set(
            alumni.filter(alumni_year=row.year).values_list("pk", flat=True)
        )
    assert [row.year for row in dashboard.funnel] == [2027, 2026, 2025, 2024]
    assert {2024, 2025} <= {sales.year for sales in dashboard.sales.by_year}  # the orders demo's past sales


def test_demo_has_enough_realistic_businesses(demo_built):
    assert demo_built["businesses"] >= 30
    assert demo_built["kecamatan"] >= 10
    assert Business.objects.values("desa__parent").distinct().count() >= 10
    assert demo_built["users"] == User.objects.count()
    assert demo_built["certifications"] == Certification.objects.count() > 0


def test_demo_catalogue_is_large_and_varied(demo_built):
    assert demo_built["products"] >= 150
    assert Business.objects.filter(products__isnull=False).distinct().count() == 33
    statuses = dict(Product.objects.values_list("status").annotate(n=Count("pk")))
    assert statuses["approved"] > 0.75 * demo_built["products"]
    assert statuses["pending"] >= 3 and statuses["rejected"] >= 3 and statuses["draft"] >= 3
    assert demo_built["products_public"] == statuses["approved"]
    assert ProductPhoto.objects.values("product").distinct().count() == demo_built["products"]
    kopi = Product.objects.get(
        business__slug="kopi-sirah-kencong", name="Kopi Robusta Bubuk", pack_label="250 g"
    )
    assert (kopi.price, kopi.weight_grams, kopi.category.slug) == (45000, 260, "kopi")
    # The other pack sizes of the same coffee are linked.
    assert (
        kopi.pack_group
        and Product.objects.filter(pack_group=kopi.pack_group, business=kopi.business).count() == 3
    )
    assert Storefront.objects.filter(status=Storefront.Status.APPROVED).count() == 32
    # Alumni are the graduates of the demo cohorts, and every one of them sells.
    alumni = Business.objects.filter(alumni_year__isnull=False)
    assert alumni.count() >= 10
    assert not alumni.exclude(storefront__status=Storefront.Status.APPROVED).exists()


def test_audition_demo_has_a_decided_round_with_a_cohort_and_an_open_round(demo_built):
    past = RoundPage.objects.get(title="Audisi Adi Marko 2026")
    current = RoundPage.objects.get(title="Audisi Adi Marko 2027")
    assert past.has_closed and past.blind_review
    assert round_accepted_applications(past).count() == 6 == demo_built["cohort_2026"]
    statuses = set(Application.objects.filter(round=past).values_list("status", flat=True))
    assert statuses == {Status.ACCEPTED, Status.WAITLISTED, Status.REJECTED, Status.INELIGIBLE}
    assert JuryAssignment.objects.filter(jury__email="juri@adimarko.test", application__round=past).exists()
    assert open_round() == current
    current_statuses = list(Application.objects.filter(round=current).values_list("status", flat=True))
    assert current_statuses.count(Status.DRAFT) == 6
    assert current_statuses.count(Status.SUBMITTED) == 1 and current_statuses.count(Status.ELIGIBLE) == 2
    assert JuryAssignment.objects.filter(application__round=current, review__isnull=True).count() == 4
    assert Application.objects.filter(round=current, business__slug="kopi-sirah-kencong").exists()


def _row_counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            User,
            Business,
            BusinessMembership,
            Certification,
            Product,
            ProductPhoto,
            Storefront,
            Application,
            JuryAssignment,
            Enrollment,
            Certificate,
        )
    }


def test_seed_demo_command_on_a_built_demo_changes_nothing_and_prints_the_logins(demo_built, capsys):
    """The demo is idempotent: seeding again on top of a built demo gives the same totals and rows."""
    before = _row_counts()
    call_command("seed_demo")
    out = capsys.readouterr().out
    summary = ", ".join(f"{key}: {value}" for key, value in demo_built.items())
    assert f"Demo data ready ({summary})." in out
    assert "staf@adimarko.test" in out and DEMO_PASSWORD in out
    assert _row_counts() == before
