"""Graduating (by the rules, manually with a reason, a whole cohort), certificates, revocation, withdrawal."""

import re

import pytest
from django.core.exceptions import ValidationError

from incubation.graduation.models import CODE_PATTERN, certificate_code, normalise_code
from incubation.graduation.services import (
    NotEligible,
    certificate_revoke,
    cohort_graduate_eligible,
    enrollment_graduate,
    enrollment_withdraw,
)
from incubation.models import Certificate, Enrollment, EnrollmentEvent
from tests.factories import UserFactory
from tests.incubation import cohort_factories as f
from tests.incubation import graduation_factories as g

pytestmark = pytest.mark.django_db


def test_a_participant_who_meets_the_rules_graduates_with_a_certificate(
    django_capture_on_commit_callbacks, mailoutbox
):
    cohort, lessons = g.course_cohort(participants=1)
    enrollment = cohort.enrollments.get()
    held = g.sessions(cohort, held=4)
    g.finish_everything(enrollment, lessons, held[:3])  # 75 % attendance
    staff = g.staff()

    with django_capture_on_commit_callbacks(execute=True):
        certificate = enrollment_graduate(enrollment=enrollment, by=staff)

    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.GRADUATED
    assert enrollment.graduated_by == staff and enrollment.graduated_at == certificate.issued_at
    assert enrollment.graduation_note == ""
    assert re.fullmatch(r"AM-2026-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", certificate.code)
    assert certificate.business_name == enrollment.business.name
    assert (certificate.cohort_name, certificate.year) == ("Angkatan 2026", 2026)
    assert certificate.is_valid
    assert list(enrollment.events.values_list("kind", flat=True)) == [EnrollmentEvent.Kind.GRADUATED]
    (mail,) = mailoutbox
    assert mail.to == [cohort.people[0][0].email]
    assert certificate.code in mail.body
    assert f"/sertifikat/{certificate.code}/" in mail.body


def test_unmet_rules_refuse_anyone_but_staff(django_capture_on_commit_callbacks, mailoutbox):
    cohort, lessons = g.course_cohort(participants=1)
    enrollment = cohort.enrollments.get()
    g.complete(enrollment, lessons[:1])  # 1 of 2 lessons, assignment not passed
    trainer = cohort.trainers.get()

    with pytest.raises(NotEligible) as refused:
        enrollment_graduate(enrollment=enrollment, by=trainer, note="Rajin sekali")
    assert [rule.key for rule in refused.value.check.unmet] == ["lessons", "assignments"]
    assert "1/2 pelajaran" in refused.value.messages[0]

    with pytest.raises(ValidationError) as no_reason:
        enrollment_graduate(enrollment=enrollment, by=g.staff(), note="   ")
    assert "note" in no_reason.value.message_dict
    assert "0/1 tugas lulus" in no_reason.value.message_dict["note"][0]
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert not Certificate.objects.exists()
    assert mailoutbox == []


def test_staff_graduate_manually_with_a_reason():
    cohort, _ = g.course_cohort(participants=1)
    enrollment = cohort.enrollments.get()
    staff = g.staff()
    certificate = enrollment_graduate(
        enrollment=enrollment, by=staff, note="  Sakit, tugas dikumpulkan offline  "
    )
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.GRADUATED
    assert enrollment.graduation_note == "Sakit, tugas dikumpulkan offline"
    event = enrollment.events.get()
    assert (event.kind, event.note, event.by) == (
        EnrollmentEvent.Kind.GRADUATED_MANUALLY,
        "Sakit, tugas dikumpulkan offline",
        staff,
    )
    assert certificate.enrollment == enrollment


def test_graduating_twice_or_after_withdrawal_is_refused():
    cohort, enrollment, certificate = g.graduated(participants=2)
    with pytest.raises(ValidationError, match="sudah lulus"):
        enrollment_graduate(enrollment=enrollment, by=g.staff(), note="lagi")
    other = cohort.enrollments.exclude(pk=enrollment.pk).get()
    enrollment_withdraw(enrollment=other, by=g.staff(), reason="Pindah domisili")
    with pytest.raises(ValidationError, match="mengundurkan diri"):
        enrollment_graduate(enrollment=other, by=g.staff(), note="tetap")
    assert Certificate.objects.count() == 1


def test_a_stale_enrollment_object_cannot_graduate_twice():
    cohort, lessons = g.course_cohort(participants=1)
    enrollment = cohort.enrollments.get()
    g.finish_everything(enrollment, lessons)
    stale = Enrollment.objects.get(pk=enrollment.pk)
    enrollment_graduate(enrollment=enrollment, by=None)
    with pytest.raises(ValidationError):
        enrollment_graduate(enrollment=stale, by=None)
    assert Certificate.objects.count() == 1


def test_cohort_graduate_eligible_graduates_exactly_those_who_meet_the_rules(
    django_capture_on_commit_callbacks, mailoutbox
):
    cohort, lessons = g.course_cohort(participants=4, min_attendance_percent=50)
    first, second, third, fourth = cohort.enrollments.order_by("pk")
    held = g.sessions(cohort, held=2)
    g.finish_everything(first, lessons, held)  # 100 %
    g.finish_everything(second, lessons, held[:1])  # 50 % meets 50 %
    g.finish_everything(third, lessons)  # 0 % attendance
    enrollment_withdraw(enrollment=fourth, by=None, reason="Mundur")
    g.finish_everything(fourth, lessons, held)  # withdrawn: never graduated

    with django_capture_on_commit_callbacks(execute=True):
        certificates = cohort_graduate_eligible(cohort=cohort, by=g.staff())

    assert {c.enrollment_id for c in certificates} == {first.pk, second.pk}
    statuses = dict(cohort.enrollments.values_list("pk", "status"))
    assert statuses == {
        first.pk: "graduated",
        second.pk: "graduated",
        third.pk: "active",
        fourth.pk: "withdrawn",
    }
    assert len(mailoutbox) == 2
    assert cohort_graduate_eligible(cohort=cohort, by=None) == []  # nothing left to do


def test_revoking_keeps_the_code_verifiable_and_allows_a_new_graduation():
    cohort, enrollment, certificate = g.graduated()
    staff = g.staff()
    with pytest.raises(ValidationError) as no_reason:
        certificate_revoke(certificate=certificate, by=staff, reason=" ")
    assert "reason" in no_reason.value.message_dict

    certificate_revoke(certificate=certificate, by=staff, reason="Data usaha tidak benar")
    certificate.refresh_from_db()
    enrollment.refresh_from_db()
    assert not certificate.is_valid and certificate.revoked_reason == "Data usaha tidak benar"
    assert certificate.revoked_by == staff
    assert enrollment.status == Enrollment.Status.ACTIVE and enrollment.graduated_at is None
    with pytest.raises(ValidationError, match="sudah dicabut"):
        certificate_revoke(certificate=certificate, by=staff, reason="lagi")

    again = enrollment_graduate(enrollment=enrollment, by=staff)
    assert again.code != certificate.code
    assert {(c.code, c.is_valid) for c in Certificate.objects.all()} == {
        (certificate.code, False),
        (again.code, True),
    }
    kinds = list(enrollment.events.values_list("kind", flat=True))
    assert kinds == ["graduated", "revoked", "graduated"]


def test_withdrawal_needs_a_reason_and_is_recorded():
    cohort = f.cohort(participants=1)
    enrollment = cohort.enrollments.get()
    with pytest.raises(ValidationError) as no_reason:
        enrollment_withdraw(enrollment=enrollment, by=None, reason="")
    assert "reason" in no_reason.value.message_dict
    staff = g.staff()
    enrollment_withdraw(enrollment=enrollment, by=staff, reason="Usaha tutup")
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.WITHDRAWN
    event = enrollment.events.get()
    assert (event.kind, event.note, event.by) == ("withdrawn", "Usaha tutup", staff)


def test_a_graduate_cannot_withdraw():
    _, enrollment, _ = g.graduated()
    with pytest.raises(ValidationError):
        enrollment_withdraw(enrollment=enrollment, by=None, reason="x")
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.GRADUATED


def test_the_certificate_is_a_snapshot():
    _, enrollment, certificate = g.graduated()
    business = enrollment.business
    old_name = business.name
    business.name = "Nama Baru"
    business.save(update_fields=["name"])
    certificate.refresh_from_db()
    assert certificate.business_name == old_name


def test_codes_are_random_well_formed_and_normalised():
    codes = {certificate_code(2026) for _ in range(500)}
    assert len(codes) == 500
    assert all(CODE_PATTERN.match(code) for code in codes)
    assert not any(ch in code[8:] for code in codes for ch in "01OIL")
    assert normalise_code(" am-2026-7kq4-x9pd ") == "AM-2026-7KQ4-X9PD"
    for bad in ("", "AM-2026-7KQ4", "AM-26-7KQ4-X9PD", "AM-2026-0KQ4-X9PD", "<script>", "A" * 300, None):
        assert normalise_code(bad) is None


def test_cohort_update_changes_settings_and_trainers_in_one_transaction():
    from datetime import date

    from incubation.cohorts.services import cohort_update

    cohort = f.cohort(participants=1)
    old_trainer = cohort.trainers.get()
    new_trainer = f.trainer()
    cohort_update(cohort=cohort, trainers=[new_trainer], name="  Angkatan 2026 B ", min_attendance_percent=80)
    cohort.refresh_from_db()
    assert (cohort.name, cohort.slug, cohort.min_attendance_percent) == (
        "Angkatan 2026 B",
        "angkatan-2026",
        80,
    )
    assert list(cohort.trainers.all()) == [new_trainer]

    # A refused trainer rolls back the other changes too.
    with pytest.raises(ValidationError) as refused:
        cohort_update(cohort=cohort, trainers=[UserFactory()], ends_on=date(2026, 12, 31))
    assert "trainers" in refused.value.message_dict
    cohort.refresh_from_db()
    assert cohort.ends_on == date(2026, 11, 30)
    assert list(cohort.trainers.all()) == [new_trainer] and old_trainer not in cohort.trainers.all()

    with pytest.raises(ValidationError):
        cohort_update(cohort=cohort, trainers=[], ends_on=date(2026, 1, 1))  # before it starts
    with pytest.raises(TypeError):
        cohort_update(cohort=cohort, trainers=[], slug="lain")
