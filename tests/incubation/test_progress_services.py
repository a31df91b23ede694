"""Lesson progress: opening, completing, resuming; only active participants leave progress."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from incubation.classroom.selectors import course_outline, course_participants_progress
from incubation.classroom.services import lesson_complete, lesson_open, quiz_submit
from incubation.coaching.progress import enrollment_progress
from incubation.models import Enrollment, LessonProgress
from tests.factories import staff_user
from tests.incubation import cohort_factories as cf
from tests.incubation import course_factories as f
from tests.incubation.course_factories import QUESTION_1, QUESTION_2

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_setup():
    cohort = cf.cohort(participants=2)
    return cohort, f.course_with_quiz(cohort=cohort)


def test_opening_a_lesson_records_first_and_last_view_and_activity(course_setup):
    cohort, course = course_setup
    lesson = f.lesson(course, "Latar polos")
    user = f.participant(cohort)
    first = timezone.now() - timedelta(days=2)
    progress = lesson_open(lesson=lesson, user=user, when=first)
    later = first + timedelta(days=1)
    lesson_open(lesson=lesson, user=user, when=later)
    progress = LessonProgress.objects.get(pk=progress.pk)
    assert (progress.first_viewed_at, progress.last_viewed_at, progress.completed_at) == (first, later, None)
    enrollment = Enrollment.objects.get(business=cohort.people[0][1])
    assert enrollment.last_activity_at == later


def test_trainers_staff_and_former_participants_read_without_recording(course_setup):
    cohort, course = course_setup
    lesson = f.lesson(course, "Latar polos")
    Enrollment.objects.filter(business=cohort.people[1][1]).update(status=Enrollment.Status.WITHDRAWN)
    for user in (cohort.trainers.first(), staff_user(), cohort.people[1][0]):
        assert lesson_open(lesson=lesson, user=user) is None
        with pytest.raises(PermissionDenied):
            lesson_complete(lesson=lesson, user=user)
    assert not LessonProgress.objects.exists()


def test_completing_is_idempotent_and_counts_in_cohort_progress(course_setup):
    cohort, course = course_setup
    user = f.participant(cohort)
    lesson = f.lesson(course, "Latar polos")
    done = lesson_complete(lesson=lesson, user=user)
    again = lesson_complete(lesson=lesson, user=user, when=timezone.now() + timedelta(hours=1))
    assert again.completed_at == done.completed_at and again.completed_by == user
    enrollment = Enrollment.objects.get(business=cohort.people[0][1])
    progress = enrollment_progress(enrollment)
    assert (progress.lessons_completed, progress.lessons_required) == (1, 3)


def test_an_unpublished_lesson_cannot_be_completed(course_setup):
    cohort, course = course_setup
    lesson = f.lesson(course, "Latar polos")
    lesson.unpublish()
    with pytest.raises(ValidationError):
        lesson_complete(lesson=lesson, user=f.participant(cohort))


def test_the_outline_shows_percent_and_where_to_resume(course_setup):
    cohort, course = course_setup
    user = f.participant(cohort)
    enrollment = Enrollment.objects.get(business=cohort.people[0][1])
    light, backdrop, assignment = (
        f.lesson(course, "Cahaya alami"),
        f.lesson(course, "Latar polos"),
        f.lesson(course, "Tugas: foto produk Anda"),
    )
    outline = course_outline(course, enrollment)
    assert (outline.percent, outline.resume, outline.started) == (0, light, False)

    now = timezone.now()
    lesson_open(lesson=backdrop, user=user, when=now - timedelta(hours=2))
    lesson_open(lesson=light, user=user, when=now - timedelta(hours=1))
    outline = course_outline(course, enrollment)
    assert outline.resume == light  # last opened and not completed

    quiz_submit(lesson=light, user=user, answers={QUESTION_1: ["1"], QUESTION_2: ["0", "2"]})
    outline = course_outline(course, enrollment)
    assert outline.resume == backdrop  # the other started lesson
    assert (outline.lessons_completed, outline.lessons_total, outline.percent) == (1, 3, 33)
    marks = [(row.lesson.title, row.completed, row.opened) for row in outline.modules[0].lessons]
    assert marks == [
        ("Cahaya alami", True, True),
        ("Latar polos", False, True),
        ("Tugas: foto produk Anda", False, False),
    ]

    lesson_complete(lesson=backdrop, user=user)
    outline = course_outline(course, enrollment)
    assert outline.resume == assignment  # next incomplete
    assert (outline.lessons_completed, outline.percent) == (2, 67)  # 2 of 3 is shown as 67 %, not 66 %
    lesson_complete(lesson=assignment, user=user)
    outline = course_outline(course, enrollment)
    assert (outline.resume, outline.percent) == (None, 100)


def test_trainers_see_every_participants_progress_on_the_course(course_setup):
    cohort, course = course_setup
    lesson_complete(lesson=f.lesson(course, "Latar polos"), user=f.participant(cohort))
    rows = {row.enrollment.business: row for row in course_participants_progress(course)}
    first, second = (business for _user, business in cohort.people)
    assert (rows[first].completed, rows[first].total, rows[first].percent) == (1, 3, 33)
    assert rows[first].last_viewed_at is not None
    assert (rows[second].completed, rows[second].last_viewed_at) == (0, None)
