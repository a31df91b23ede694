"""The coaching demo builder on a factory cohort with a factory course: deterministic and idempotent."""

import pytest
from django.utils import timezone

from incubation.coaching.progress import cohort_progress
from incubation.demo_coaching import CO_WORKING, build_coaching
from incubation.models import AssignmentSubmission, Attendance, MentoringSession
from tests.incubation import cohort_factories as f

pytestmark = pytest.mark.django_db


def test_build_coaching_makes_sessions_attendance_and_submissions_once():
    cohort = f.cohort(participants=4)
    f.course(cohort=cohort)
    totals = build_coaching(cohort=cohort)
    assert totals == {"mentoring_sessions": 6, "attendance": 13, "assignment_submissions": 4}
    now = timezone.now()
    sessions = MentoringSession.objects.filter(cohort=cohort)
    assert sessions.filter(starts_at__lte=now).count() == 4
    assert sessions.filter(starts_at__gt=now).count() == 2
    assert set(sessions.values_list("mode", flat=True)) == {"online", "onsite"}
    assert sessions.filter(mode="onsite").exclude(location=CO_WORKING).count() == 0
    assert set(Attendance.objects.values_list("method", flat=True)) == {"qr", "trainer"}
    percents = sorted(p.attendance_percent for p in cohort_progress(cohort).values())
    assert percents == [50, 75, 100, 100]
    statuses = list(
        AssignmentSubmission.objects.order_by("enrollment_id", "pk").values_list("enrollment_id", "status")
    )
    by_enrollment = {}
    for enrollment_id, status in statuses:
        by_enrollment.setdefault(enrollment_id, []).append(status)
    assert sorted(by_enrollment.values()) == sorted([["passed"], ["revision", "submitted"], ["submitted"]])
    assert build_coaching(cohort=cohort) == totals  # idempotent


def test_build_coaching_without_assignment_lessons_still_schedules_sessions():
    cohort = f.cohort(participants=1)
    totals = build_coaching(cohort=cohort)
    assert totals["mentoring_sessions"] == 6
    assert totals["assignment_submissions"] == 0
