import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from adimarko.demo import DEMO_LOGINS, DEMO_PASSWORD, build_demo
from adimarko.impact.selectors import ImpactFilter, impact_dashboard
from adimarko.models import Business, BusinessMembership, Certification, User
from adimarko.roles import Role, user_roles
from incubation.models import Certificate, Enrollment

pytestmark = pytest.mark.django_db


def test_demo_builds_enough_realistic_data_and_is_idempotent():
    first = build_demo()
    assert first["businesses"] >= 30
    assert first["kecamatan"] >= 10
    counts = (
        User.objects.count(),
        Business.objects.count(),
        BusinessMembership.objects.count(),
        Certification.objects.count(),
    )
    second = build_demo()
    assert second == first
    assert counts == (
        User.objects.count(),
        Business.objects.count(),
        BusinessMembership.objects.count(),
        Certification.objects.count(),
    )
    assert Business.objects.values("desa__parent").distinct().count() >= 10


def test_demo_is_deterministic():
    build_demo()
    kopi = Business.objects.get(slug="kopi-sirah-kencong")
    assert (kopi.nib, kopi.phone, kopi.desa.parent.name) == ("9120300000001", "+628123350137", "Wlingi")


def test_every_demo_login_works_with_its_roles():
    build_demo()
    covered = set()
    for login in DEMO_LOGINS:
        user = authenticate(username=login.email, password=DEMO_PASSWORD)
        assert user is not None, login.email
        assert set(login.roles) <= user_roles(user)
        covered |= set(login.roles)
    assert covered == set(Role)
    seller = User.objects.get(email="penjual@adimarko.test")
    assert seller.businesses.get().slug == "kopi-sirah-kencong"


def test_seed_demo_command_prints_the_logins(capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "Demo data ready" in out
    assert "staf@adimarko.test" in out and DEMO_PASSWORD in out


def test_every_demo_alumnus_is_a_graduate_of_that_years_cohort():
    """One identity per business: the marketplace's alumni are exactly the funnel's graduates."""
    totals = build_demo()
    alumni = Business.objects.filter(alumni_year__isnull=False)
    assert alumni.count() == totals["alumni"] >= 10
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
