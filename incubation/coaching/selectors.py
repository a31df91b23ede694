"""Reads for assignments and mentoring: review queue, histories, session lists, attendance matrix."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from adimarko.core.permissions import is_staff
from incubation.classroom.models import LessonPage
from incubation.classroom.selectors import cohort_lessons
from incubation.coaching.models import AssignmentSubmission, Attendance, MentoringSession, SubmissionFile
from incubation.coaching.progress import ParticipantProgress, cohort_progress
from incubation.cohorts.models import Cohort, Enrollment


def cohorts_run_by(user):
    """The cohorts a user runs: staff all, trainers theirs."""
    if is_staff(user):
        return Cohort.objects.all()
    return Cohort.objects.for_trainer(user)


def submissions_with_files():
    return AssignmentSubmission.objects.select_related("submitted_by", "reviewed_by").prefetch_related(
        Prefetch("files", queryset=SubmissionFile.objects.order_by("pk"))
    )


def submission_history(*, enrollment: Enrollment, lesson: LessonPage):
    """All submissions of one participant for one lesson, newest first, files included."""
    return (
        submissions_with_files().filter(enrollment=enrollment, lesson=lesson).order_by("-submitted_at", "-pk")
    )


def review_queue(*, user, cohort: Cohort | None = None, lesson: LessonPage | None = None):
    """Submissions waiting for review in the cohorts this user runs, oldest first."""
    queryset = (
        AssignmentSubmission.objects.waiting_for_review()
        .filter(enrollment__cohort__in=cohorts_run_by(user))
        .select_related("enrollment__business", "enrollment__cohort", "lesson", "submitted_by")
        .annotate(file_count=Count("files"))
        .order_by("submitted_at", "pk")
    )
    if cohort is not None:
        queryset = queryset.filter(enrollment__cohort=cohort)
    if lesson is not None:
        queryset = queryset.filter(lesson=lesson)
    return queryset


def assignment_lessons(cohorts) -> list[LessonPage]:
    lessons = []
    for cohort in cohorts:
        lessons.extend(cohort_lessons(cohort).filter(requires_submission=True).order_by("path"))
    return lessons


def latest_submissions(*, enrollment: Enrollment) -> dict[int, AssignmentSubmission]:
    """{lesson id: current submission} for one participant."""
    return {
        submission.lesson_id: submission
        for submission in AssignmentSubmission.objects.filter(enrollment=enrollment).latest_per_lesson()
    }


def sessions_for(*, cohorts):
    return (
        MentoringSession.objects.filter(cohort__in=cohorts)
        .select_related("cohort", "trainer")
        .annotate(attended=Count("attendance"))
        .order_by("starts_at", "pk")
    )


def participant_sessions(*, enrollment: Enrollment, now=None) -> dict[str, list]:
    """A participant's cohort sessions split into upcoming and past, each with `attended` (an Attendance or
    None)."""
    now = now or timezone.now()
    sessions = list(
        MentoringSession.objects.filter(cohort_id=enrollment.cohort_id)
        .select_related("trainer")
        .prefetch_related(
            Prefetch(
                "attendance",
                queryset=Attendance.objects.filter(enrollment=enrollment),
                to_attr="my_attendance",
            )
        )
        .order_by("starts_at", "pk")
    )
    for session in sessions:
        session.attended = session.my_attendance[0] if session.my_attendance else None
    return {
        "upcoming": [session for session in sessions if session.ends_at > now],
        "past": sorted((s for s in sessions if s.ends_at <= now), key=lambda s: s.starts_at, reverse=True),
    }


@dataclass(frozen=True)
class AttendanceRow:
    enrollment: Enrollment
    cells: list  # one Attendance or None per held session
    progress: ParticipantProgress
    below_minimum: bool


@dataclass(frozen=True)
class AttendanceReport:
    cohort: Cohort
    sessions: list
    rows: list


def attendance_report(*, cohort: Cohort, now=None) -> AttendanceReport:
    """Participants × held sessions, with each participant's attendance percentage (from cohort_progress)."""
    now = now or timezone.now()
    sessions = list(MentoringSession.objects.filter(cohort=cohort).held_by(now).order_by("starts_at", "pk"))
    marks = {
        (attendance.enrollment_id, attendance.session_id): attendance
        for attendance in Attendance.objects.filter(session__in=sessions)
    }
    progress = cohort_progress(cohort, now=now)
    enrollments = cohort.enrollments.filter(
        ~Q(status=Enrollment.Status.WITHDRAWN) | Q(attendance__isnull=False)
    )
    rows = [
        AttendanceRow(
            enrollment=enrollment,
            cells=[marks.get((enrollment.pk, session.pk)) for session in sessions],
            progress=progress[enrollment.pk],
            below_minimum=progress[enrollment.pk].attendance_percent < cohort.min_attendance_percent,
        )
        for enrollment in enrollments.select_related("business").distinct().order_by("business__name")
    ]
    return AttendanceReport(cohort=cohort, sessions=sessions, rows=rows)
