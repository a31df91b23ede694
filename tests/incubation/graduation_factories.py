"""Graduation test data: progress rows written directly (the lesson, assignment and attendance flows belong to
other branches), and graduated participants built through the graduation services."""

from datetime import timedelta

from django.utils import timezone

from adimarko.core.roles import Role
from incubation.graduation.services import enrollment_graduate
from incubation.models import AssignmentSubmission, Attendance, Enrollment, LessonProgress, MentoringSession
from tests.factories import UserFactory
from tests.incubation import cohort_factories as f


def staff():
    return UserFactory(roles=(Role.STAFF,))


def sessions(cohort, *, held: int, upcoming: int = 0, now=None) -> list[MentoringSession]:
    """`held` sessions in the past (one a day back) and `upcoming` in the future."""
    now = now or timezone.now()
    made = []
    for n in range(held):
        start = now - timedelta(days=n + 1)
        made.append(
            MentoringSession.objects.create(
                cohort=cohort, title=f"Sesi {n + 1}", starts_at=start, ends_at=start + timedelta(hours=2)
            )
        )
    for n in range(upcoming):
        start = now + timedelta(days=n + 1)
        made.append(
            MentoringSession.objects.create(
                cohort=cohort,
                title=f"Sesi nanti {n + 1}",
                starts_at=start,
                ends_at=start + timedelta(hours=2),
            )
        )
    return made


def complete(enrollment: Enrollment, lessons) -> None:
    now = timezone.now()
    for lesson in lessons:
        LessonProgress.objects.update_or_create(
            enrollment=enrollment, lesson=lesson, defaults={"completed_at": now}
        )


def submit(enrollment: Enrollment, lesson, status: str = AssignmentSubmission.Status.PASSED):
    return AssignmentSubmission.objects.create(
        enrollment=enrollment, lesson=lesson, status=status, text="Jawaban"
    )


def attend(enrollment: Enrollment, sessions_attended) -> None:
    for session in sessions_attended:
        Attendance.objects.create(session=session, enrollment=enrollment, method=Attendance.Method.TRAINER)


def course_cohort(*, participants: int = 2, name: str = "Angkatan 2026", **rules):
    """A cohort with one course (two lessons, the second an assignment). Returns (cohort, lessons)."""
    cohort = f.cohort(participants=participants, name=name, **rules)
    course = f.course(
        cohort=cohort, title="Foto Produk dengan Ponsel" if name == "Angkatan 2026" else f"Kelas {name}"
    )
    return cohort, f.lessons(course)


def finish_everything(enrollment: Enrollment, lessons, held_sessions=()) -> None:
    complete(enrollment, lessons)
    for lesson in lessons:
        if lesson.requires_submission:
            submit(enrollment, lesson)
    attend(enrollment, held_sessions)


def graduated(*, participants: int = 1, **rules):
    """A cohort whose first participant graduated by the rules. Returns (cohort, enrollment, certificate)."""
    cohort, lessons = course_cohort(participants=participants, **rules)
    enrollment = cohort.enrollments.order_by("pk").first()
    finish_everything(enrollment, lessons)
    certificate = enrollment_graduate(enrollment=enrollment, by=staff())
    return cohort, enrollment, certificate


def lessons_of(course_page):
    return f.lessons(course_page)


def member(enrollment: Enrollment):
    """The owner account of an enrolled business (enrollments follow business names, not `cohort.people`)."""
    return enrollment.business.memberships.order_by("pk").first().user


def other_enrollment(cohort, enrollment: Enrollment) -> Enrollment:
    return cohort.enrollments.exclude(pk=enrollment.pk).order_by("pk").first()
