"""Alumni → seller: one action opens a storefront that keeps the business profile, marks the business as
alumni of the cohort's year and waits for curation."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from incubation.graduation.services import alumni_storefront_open
from incubation.models import EnrollmentEvent
from shop.models import Storefront
from tests.factories import UserFactory
from tests.incubation import cohort_factories as f
from tests.incubation import graduation_factories as g

pytestmark = pytest.mark.django_db


def test_a_graduate_gets_a_storefront_waiting_for_curation_with_the_alumni_year():
    _, enrollment, _ = g.graduated()
    business = enrollment.business
    profile = (business.name, business.description, business.phone, business.desa_id)
    staff = g.staff()

    storefront = alumni_storefront_open(enrollment=enrollment, by=staff)

    business.refresh_from_db()
    assert storefront.business == business
    assert storefront.status == Storefront.Status.PENDING
    assert storefront.story == business.description  # the profile is carried over
    assert storefront.opened_by == staff
    assert business.alumni_year == 2026
    assert (business.name, business.description, business.phone, business.desa_id) == profile
    assert enrollment.events.filter(kind=EnrollmentEvent.Kind.STOREFRONT_OPENED).count() == 1


def test_it_is_idempotent():
    _, enrollment, _ = g.graduated()
    first = alumni_storefront_open(enrollment=enrollment, by=None)
    second = alumni_storefront_open(enrollment=enrollment, by=None)
    assert first.pk == second.pk
    assert Storefront.objects.filter(business=enrollment.business).count() == 1
    assert enrollment.events.filter(kind=EnrollmentEvent.Kind.STOREFRONT_OPENED).count() == 1


def test_an_earlier_alumni_year_is_kept():
    _, enrollment, _ = g.graduated()
    business = enrollment.business
    business.alumni_year = 2024
    business.save(update_fields=["alumni_year"])
    alumni_storefront_open(enrollment=enrollment, by=None)
    business.refresh_from_db()
    assert business.alumni_year == 2024


def test_only_graduates_can_open_one():
    cohort = f.cohort(participants=1)
    enrollment = cohort.enrollments.get()
    with pytest.raises(ValidationError, match="Hanya lulusan"):
        alumni_storefront_open(enrollment=enrollment, by=None)
    assert not Storefront.objects.exists()
    enrollment.business.refresh_from_db()
    assert enrollment.business.alumni_year is None


def test_the_graduate_opens_it_from_the_certificate_and_staff_see_it_in_curation(client):
    cohort, enrollment, certificate = g.graduated()
    client.force_login(g.member(enrollment))
    response = client.post(reverse("certificate_alumni_storefront", args=[certificate.code]))
    assert response.status_code == 302
    assert response["Location"] == reverse("certificate_detail", args=[certificate.code])
    storefront = Storefront.objects.get(business=enrollment.business)
    assert storefront.status == Storefront.Status.PENDING
    page = client.get(response["Location"]).content.decode()
    assert "menunggu kurasi" in page.lower()

    client.force_login(g.staff())
    queue = client.get(reverse("curation_queue")).content.decode()
    assert enrollment.business.name in queue


def test_staff_open_it_from_the_participant_row(client):
    cohort, enrollment, certificate = g.graduated()
    client.force_login(g.staff())
    detail = reverse("cohort_detail", args=[cohort.slug])
    html = client.get(detail).content.decode()
    assert reverse("certificate_alumni_storefront", args=[certificate.code]) in html
    response = client.post(
        reverse("certificate_alumni_storefront", args=[certificate.code]),
        {"next": f"{detail}#peserta-{enrollment.pk}"},
    )
    assert response["Location"] == f"{detail}#peserta-{enrollment.pk}"
    assert Storefront.objects.filter(business=enrollment.business).exists()


def test_others_cannot_open_it(client):
    cohort, enrollment, certificate = g.graduated(participants=2)
    url = reverse("certificate_alumni_storefront", args=[certificate.code])
    for user in (UserFactory(), g.member(g.other_enrollment(cohort, enrollment)), cohort.trainers.get()):
        client.force_login(user)
        assert client.post(url).status_code == 403
    client.logout()
    assert client.post(url).status_code == 302  # to the login page
    assert not Storefront.objects.exists()


def test_an_open_redirect_is_refused(client):
    _, enrollment, certificate = g.graduated()
    client.force_login(g.member(enrollment))
    response = client.post(
        reverse("certificate_alumni_storefront", args=[certificate.code]), {"next": "//evil.example/"}
    )
    assert response["Location"] == reverse("certificate_detail", args=[certificate.code])
