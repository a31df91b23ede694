"""Staff cohort pages: create from a decided round, edit rules/dates/trainers, late enrollment, participants'
progress and graduation check, graduating (all eligible, manually with a reason), withdrawing, revoking."""

from datetime import date

import pytest
from django.urls import reverse

from incubation.audition.services.decisions import decision_batch_apply
from incubation.models import Certificate, Cohort, Enrollment
from tests.factories import UserFactory
from tests.incubation import cohort_factories as f
from tests.incubation import graduation_factories as g

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(g.staff())
    return client


def test_the_list_offers_decided_rounds_without_a_cohort(staff_client):
    ready, _ = f.accepted_round(participants=2, title="Audisi Adi Marko 2028")
    cohort = f.cohort(participants=1)
    f.round_page(title="Audisi Tanpa Keputusan")
    html = staff_client.get(reverse("cohort_list")).content.decode()
    assert cohort.name in html and reverse("cohort_detail", args=[cohort.slug]) in html
    assert reverse("cohort_create", args=[ready.pk]) in html
    assert reverse("cohort_create", args=[cohort.round.pk]) not in html
    assert "Audisi Tanpa Keputusan" not in html
    assert "2 pendaftar diterima" in html


def test_staff_create_a_cohort_with_trainers_and_rules(staff_client):
    round, people = f.accepted_round(participants=3, title="Audisi Adi Marko 2028")
    pelatih = f.trainer()
    url = reverse("cohort_create", args=[round.pk])
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(
        url,
        {
            "name": "Angkatan 2028",
            "starts_on": "2028-05-01",
            "ends_on": "2028-10-31",
            "trainers": [pelatih.pk],
            "require_all_lessons": "on",
            "min_attendance_percent": "80",
            "at_risk_after_days": "10",
        },
    )
    cohort = Cohort.objects.get(round=round)
    assert response.status_code == 302 and response["Location"] == reverse(
        "cohort_detail", args=[cohort.slug]
    )
    assert cohort.slug == "angkatan-2028"
    assert list(cohort.trainers.all()) == [pelatih]
    assert (cohort.require_all_lessons, cohort.require_assignments_passed) == (True, False)
    assert (cohort.min_attendance_percent, cohort.at_risk_after_days) == (80, 10)
    assert set(cohort.enrollments.values_list("business_id", flat=True)) == {b.pk for _, b in people}
    # A round that has its cohort cannot get a second one.
    assert staff_client.get(url).status_code == 404


def test_bad_input_is_answered_with_clear_errors(staff_client):
    round, _ = f.accepted_round(participants=1, title="Audisi Adi Marko 2028")
    not_a_trainer = UserFactory()
    response = staff_client.post(
        reverse("cohort_create", args=[round.pk]),
        {
            "name": "Angkatan 2028",
            "starts_on": "2028-05-01",
            "ends_on": "2028-04-01",
            "trainers": [not_a_trainer.pk],
            "min_attendance_percent": "150",
            "at_risk_after_days": "7",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "ends_on" in form.errors and "min_attendance_percent" in form.errors and "trainers" in form.errors
    assert not Cohort.objects.exists()


def test_a_duplicate_name_is_refused_on_the_form(staff_client):
    f.cohort(participants=1, name="Angkatan 2028")
    round, _ = f.accepted_round(participants=1, title="Audisi lain")
    response = staff_client.post(
        reverse("cohort_create", args=[round.pk]),
        {
            "name": "Angkatan 2028",
            "starts_on": "2028-05-01",
            "ends_on": "2028-06-01",
            "min_attendance_percent": 75,
            "at_risk_after_days": 14,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Cohort.objects.count() == 1


def test_staff_edit_rules_dates_and_trainers(staff_client):
    cohort = f.cohort(participants=1)
    new_trainer = f.trainer()
    response = staff_client.post(
        reverse("cohort_edit", args=[cohort.slug]),
        {
            "name": "Angkatan 2026 (revisi)",
            "starts_on": "2026-06-02",
            "ends_on": "2026-12-15",
            "trainers": [new_trainer.pk],
            "require_assignments_passed": "on",
            "min_attendance_percent": "60",
            "at_risk_after_days": "21",
        },
    )
    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.name == "Angkatan 2026 (revisi)" and cohort.slug == "angkatan-2026"
    assert (cohort.starts_on, cohort.ends_on) == (date(2026, 6, 2), date(2026, 12, 15))
    assert (cohort.require_all_lessons, cohort.require_assignments_passed) == (False, True)
    assert (cohort.min_attendance_percent, cohort.at_risk_after_days) == (60, 21)
    assert list(cohort.trainers.all()) == [new_trainer]


def test_late_acceptances_are_enrolled(staff_client):
    cohort = f.cohort(participants=1)
    type(cohort.round).objects.filter(pk=cohort.round.pk).update(quota=5)
    cohort.round.refresh_from_db()
    late = f.submitted(round=cohort.round)
    decision_batch_apply(
        round=cohort.round,
        applications=[late],
        outcome="accepted",
        reason="top_score",
        message="Selamat",
        by=g.staff(),
        notify=False,
    )
    detail = reverse("cohort_detail", args=[cohort.slug])
    assert "Daftarkan 1 pendaftar" in staff_client.get(detail).content.decode()
    staff_client.post(reverse("cohort_enroll", args=[cohort.slug]))
    assert cohort.enrollments.filter(business=late.business).exists()
    assert "Daftarkan 1 pendaftar" not in staff_client.get(detail).content.decode()


def test_participants_show_progress_and_the_graduation_check(staff_client):
    cohort, lessons = g.course_cohort(participants=2)
    first, second = cohort.enrollments.order_by("pk")
    g.finish_everything(first, lessons)
    g.complete(second, lessons[:1])
    g.sessions(cohort, held=0, upcoming=1)
    html = staff_client.get(reverse("cohort_detail", args=[cohort.slug])).content.decode()
    assert "2/2 (100%)" in html and "1/2 (50%)" in html
    assert "1/2 pelajaran" in html and "0/1 tugas lulus" in html
    assert "Luluskan 1 peserta yang memenuhi syarat" in html
    assert "Sesi nanti 1" in html  # the schedule lists the cohort's sessions


def test_graduate_all_eligible_in_one_action(staff_client):
    cohort, lessons = g.course_cohort(participants=3)
    first, second, third = cohort.enrollments.order_by("pk")
    g.finish_everything(first, lessons)
    g.finish_everything(second, lessons)
    response = staff_client.post(reverse("cohort_graduate_all", args=[cohort.slug]), follow=True)
    assert "2 peserta lulus" in response.content.decode()
    assert set(cohort.enrollments.filter(status="graduated").values_list("pk", flat=True)) == {
        first.pk,
        second.pk,
    }
    assert Certificate.objects.count() == 2


def test_manual_graduation_needs_a_reason(staff_client):
    cohort, _ = g.course_cohort(participants=1)
    enrollment = cohort.enrollments.get()
    url = reverse("cohort_enrollment_graduate", args=[enrollment.pk])
    page = staff_client.get(url).content.decode()
    assert "0/2 pelajaran" in page and "Luluskan manual" in page
    refused = staff_client.post(url, {"note": ""})
    assert refused.status_code == 200
    assert "Tuliskan alasan meluluskan" in refused.content.decode()
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE
    done = staff_client.post(url, {"note": "Ikut kelas susulan tatap muka"})
    assert done.status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.GRADUATED
    assert enrollment.graduation_note == "Ikut kelas susulan tatap muka"
    assert "Ikut kelas susulan tatap muka" in staff_client.get(done["Location"]).content.decode()


def test_withdraw_and_revoke_from_the_participant_row(staff_client):
    cohort, enrollment, certificate = g.graduated(participants=2)
    other = cohort.enrollments.exclude(pk=enrollment.pk).get()
    response = staff_client.post(reverse("cohort_enrollment_withdraw", args=[other.pk]), {"reason": ""})
    assert response.status_code == 200 and response.context["form"].errors
    staff_client.post(reverse("cohort_enrollment_withdraw", args=[other.pk]), {"reason": "Usaha tutup"})
    other.refresh_from_db()
    assert other.status == Enrollment.Status.WITHDRAWN

    staff_client.post(
        reverse("cohort_certificate_revoke", args=[certificate.code]), {"reason": "Salah peserta"}
    )
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Salah peserta"
    html = staff_client.get(reverse("cohort_detail", args=[cohort.slug])).content.decode()
    assert "Usaha tutup" in html and f"{certificate.code} dicabut: Salah peserta" in html
    # Revoking twice shows an error, not a 500.
    again = staff_client.post(reverse("cohort_certificate_revoke", args=[certificate.code]), {"reason": "x"})
    assert again.status_code == 200 and "sudah dicabut" in again.content.decode()


def test_unknown_objects_are_404(staff_client):
    assert staff_client.get(reverse("cohort_detail", args=["tidak-ada"])).status_code == 404
    assert staff_client.get(reverse("cohort_enrollment_graduate", args=[999999])).status_code == 404
    assert (
        staff_client.get(reverse("cohort_certificate_revoke", args=["AM-2026-AAAA-AAAA"])).status_code == 404
    )
    assert staff_client.get(reverse("cohort_create", args=[999999])).status_code == 404
