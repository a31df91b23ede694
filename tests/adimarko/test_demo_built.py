"""Tests that read the built demo: it is built once for this module (`demo_built`, tests/conftest.py) instead
of once per test, and every test here runs in a savepoint on top of it. Tests that build the demo themselves
(idempotence, determinism, the seed command) stay in test_demo.py and the apps' own demo tests."""

import pytest
from django.contrib.auth import authenticate
from django.urls import reverse

from adimarko.demo import DEMO_LOGINS, DEMO_PASSWORD
from adimarko.impact.selectors import ImpactFilter, impact_dashboard
from adimarko.models import Business, User
from adimarko.roles import Role, user_roles
from incubation.models import Certificate, Enrollment

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
        user = authenticate(username=login.email, password=DEMO_PASSWORD)
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
