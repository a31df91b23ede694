"""How far each participant of a cohort is: lessons, assignments, attendance and last activity.

The lessons are the classroom's (`cohort_lessons`); the classroom's own pages show the lessons part only
(`incubation.classroom.selectors.lesson_progress`).

`cohort_progress` answers for a whole cohort in a fixed number of queries (the organiser dashboard and
graduation use it); `enrollment_progress` is the same for one participant.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count
from django.utils import timezone

from adimarko.core.numbers import floor_percent, round_percent
from incubation.classroom.models import LessonProgress
from incubation.classroom.selectors import cohort_lessons
from incubation.coaching.models import AssignmentSubmission, Attendance, MentoringSession
from incubation.cohorts.models import Cohort, Enrollment


@dataclass(frozen=True)
class ParticipantProgress:
    lessons_required: int
    lessons_completed: int
    assignments_required: int
    assignments_passed: int
    sessions_held: int
    sessions_attended: int
    last_activity_at: datetime | None

    @property
    def lessons_percent(self) -> int:
        """Shown: to the nearest whole percent, 100 only when every required lesson is done."""
        return round_percent(self.lessons_completed, self.lessons_required, when_empty=100)

    @property
    def attendance_percent(self) -> int:
        """Rounded down: it is compared with, and shown beside, the cohort's minimum attendance, and must
        not reach a minimum the exact share misses (2 of 3 sessions is not 67 %)."""
        return floor_percent(self.sessions_attended, self.sessions_held, when_empty=100)


def cohort_progress(cohort: Cohort, *, now: datetime | None = None) -> dict[int, ParticipantProgress]:
    """Progress of every enrollment of the cohort, keyed by enrollment id."""
    now = now or timezone.now()
    lessons = list(cohort_lessons(cohort).values_list("id", "is_required", "requires_submission"))
    required = [pk for pk, is_required, _ in lessons if is_required]
    assignments = [pk for pk, _, has_assignment in lessons if has_assignment]
    completed = dict(
        LessonProgress.objects.filter(
            enrollment__cohort=cohort, lesson_id__in=required, completed_at__isnull=False
        )
        .values("enrollment_id")
        .annotate(n=Count("id"))
        .values_list("enrollment_id", "n")
    )
    passed = dict(
        AssignmentSubmission.objects.filter(
            enrollment__cohort=cohort, lesson_id__in=assignments, status=AssignmentSubmission.Status.PASSED
        )
        .values("enrollment_id")
        .annotate(n=Count("lesson_id", distinct=True))
        .values_list("enrollment_id", "n")
    )
    held = MentoringSession.objects.filter(cohort=cohort).held_by(now)
    held_count = held.count()
    attended = dict(
        Attendance.objects.filter(session__in=held)
        .values("enrollment_id")
        .annotate(n=Count("id"))
        .values_list("enrollment_id", "n")
    )
    return {
        enrollment_id: ParticipantProgress(
            lessons_required=len(required),
            lessons_completed=completed.get(enrollment_id, 0),
            assignments_required=len(assignments),
            assignments_passed=passed.get(enrollment_id, 0),
            sessions_held=held_count,
            sessions_attended=attended.get(enrollment_id, 0),
            last_activity_at=last_activity_at,
        )
        for enrollment_id, last_activity_at in cohort.enrollments.values_list("id", "last_activity_at")
    }


def enrollment_progress(enrollment: Enrollment, *, now: datetime | None = None) -> ParticipantProgress:
    return cohort_progress(enrollment.cohort, now=now)[enrollment.pk]
