"""Cohort creation from a round, progress arithmetic, participants' access."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from incubation.coaching.progress import cohort_progress
from incubation.cohorts.permissions import can_participate, can_run_cohort, can_view_course_material
from incubation.cohorts.services import cohort_create, cohort_enroll_accepted, enrollment_touch
from incubation.models import AssignmentSubmission, Attendance, Enrollment, LessonProgress, MentoringSession
from tests.factories import UserFactory
from tests.incubation import cohort_factories as f

pytestmark = pytest.mark.django_db


def test_a_cohort_enrolls_exactly_the_accepted_applicants():
    round, people = f.accepted_round(participants=3)
    rejected = f.submitted(round=round)  # eligible but never accepted
    cohort = cohort_create(
        round=round, name="Angkatan 2026", starts_on=date(2026, 6, 1), ends_on=date(2026, 11, 30), by=None
    )
    enrolled = set(cohort.enrollments.values_list("business_id", flat=True))
    assert enrolled == {business.pk for _, business in people}
    assert rejected.business_id not in enrolled
    assert cohort_enroll_accepted(cohort=cohort) == []  # idempotent
    with pytest.raises(ValidationError):
        cohort_create(round=round, name="Lagi", starts_on=date(2026, 6, 1), ends_on=date(2026, 7, 1), by=None)


def test_an_enrollment_keeps_one_identity_with_its_application():
    """The enrollment is the application's business in the cohort of the application's round."""
    cohort = f.cohort(participants=2)
    first, second = cohort.enrollments.order_by("pk")
    other_round, _ = f.accepted_round(participants=1, title="Audisi Adi Marko 2027")
    other_application = other_round.applications.get()

    first.application = second.application
    with pytest.raises(ValidationError) as error:
        first.full_clean()
    assert error.value.message_dict["application"] == ["Lamaran ini milik usaha lain."]

    other_enrollment = Enrollment(
        cohort=cohort, business=other_application.business, application=other_application
    )
    with pytest.raises(ValidationError) as error:
        other_enrollment.full_clean()
    assert error.value.message_dict["application"] == [
        "Lamaran ini untuk putaran lain, bukan putaran angkatan ini."
    ]


def test_trainers_must_hold_the_trainer_role():
    round, _ = f.accepted_round(participants=1)
    with pytest.raises(ValidationError) as error:
        cohort_create(
            round=round,
            name="Angkatan X",
            starts_on=date(2026, 6, 1),
            ends_on=date(2026, 7, 1),
            by=None,
            trainers=[UserFactory()],
        )
    assert "trainers" in error.value.message_dict


def test_progress_counts_required_lessons_passed_assignments_and_attendance():
    cohort = f.cohort(participants=2)
    course = f.course(
        cohort=cohort,
        modules=[
            (
                "Modul 1",
                [
                    {"title": "Wajib 1"},
                    {"title": "Wajib 2"},
                    {"title": "Pilihan", "is_required": False},
                    {"title": "Tugas", "requires_submission": True},
                ],
            ),
        ],
    )
    required_1, required_2, optional, assignment = f.lessons(course)
    first, second = cohort.enrollments.order_by("pk")
    now = timezone.now()
    LessonProgress.objects.create(enrollment=first, lesson=required_1, completed_at=now)
    LessonProgress.objects.create(enrollment=first, lesson=optional, completed_at=now)  # not required
    LessonProgress.objects.create(enrollment=second, lesson=required_2)  # opened, not completed
    AssignmentSubmission.objects.create(enrollment=first, lesson=assignment, status="revision")
    AssignmentSubmission.objects.create(enrollment=first, lesson=assignment, status="passed")
    AssignmentSubmission.objects.create(enrollment=second, lesson=assignment, status="submitted")
    held = [
        MentoringSession.objects.create(
            cohort=cohort,
            title=f"Sesi {n}",
            starts_at=now - timedelta(days=n),
            ends_at=now - timedelta(days=n) + timedelta(hours=2),
        )
        for n in (1, 2, 3)
    ]
    MentoringSession.objects.create(
        cohort=cohort,
        title="Nanti",
        starts_at=now + timedelta(days=3),
        ends_at=now + timedelta(days=3, hours=2),
    )
    for session in held[:2]:
        Attendance.objects.create(session=session, enrollment=first, method="qr")

    progress = cohort_progress(cohort, now=now)

    assert (progress[first.pk].lessons_required, progress[first.pk].lessons_completed) == (3, 1)
    assert progress[first.pk].lessons_percent == 33
    assert (progress[first.pk].assignments_required, progress[first.pk].assignments_passed) == (1, 1)
    assert (progress[first.pk].sessions_held, progress[first.pk].sessions_attended) == (3, 2)
    assert progress[first.pk].attendance_percent == 66
    assert (progress[second.pk].lessons_completed, progress[second.pk].assignments_passed) == (0, 0)
    assert progress[second.pk].attendance_percent == 0


def test_unpublished_lessons_do_not_count():
    cohort = f.cohort(participants=1)
    course = f.course(cohort=cohort)
    lesson = f.lessons(course)[0]
    lesson.unpublish()
    (progress,) = cohort_progress(cohort).values()
    assert progress.lessons_required == 1


def test_activity_never_moves_backwards():
    cohort = f.cohort(participants=1)
    enrollment = cohort.enrollments.get()
    now = timezone.now()
    enrollment_touch(enrollment=enrollment, when=now)
    enrollment_touch(enrollment=enrollment, when=now - timedelta(days=3))
    enrollment.refresh_from_db()
    assert enrollment.last_activity_at == now


@pytest.mark.parametrize(
    "who, view, participate, run",
    [
        ("anonymous", False, False, False),
        ("participant", True, True, False),
        ("graduate", True, False, False),
        ("withdrawn", False, False, False),
        ("other_participant", False, False, False),
        ("trainer", True, False, True),
        ("other_trainer", False, False, False),
        ("staff", True, False, True),
        ("buyer", False, False, False),
    ],
)
def test_cohort_permissions(who, view, participate, run):
    from django.contrib.auth.models import AnonymousUser

    cohort = f.cohort(participants=3)
    other = f.cohort(participants=1, name="Angkatan 2027")
    (participant, _), (graduate, _), (withdrawn, _) = cohort.people
    Enrollment.objects.filter(business__memberships__user=graduate, cohort=cohort).update(status="graduated")
    Enrollment.objects.filter(business__memberships__user=withdrawn, cohort=cohort).update(status="withdrawn")
    users = {
        "anonymous": AnonymousUser(),
        "participant": participant,
        "graduate": graduate,
        "withdrawn": withdrawn,
        "other_participant": other.people[0][0],
        "trainer": cohort.trainers.get(),
        "other_trainer": other.trainers.get(),
        "staff": UserFactory(roles=("staff",)),
        "buyer": UserFactory(),
    }
    user = users[who]
    assert can_view_course_material(user, cohort)[0] is view
    assert can_participate(user, cohort)[0] is participate
    assert can_run_cohort(user, cohort)[0] is run
