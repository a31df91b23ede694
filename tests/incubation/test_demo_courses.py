"""The demo classroom builder: two published courses with quizzes, worksheets and assignments, partial
progress, built through the services and the workflow; running it again changes nothing."""

import io

import pytest
from django.core.files.images import ImageFile
from django.test import Client
from wagtail.images import get_image_model
from wagtail.models import Site, WorkflowState

from adimarko.core.permissions import is_staff
from incubation.classroom.quiz import lesson_quiz
from incubation.classroom.selectors import course_outline
from incubation.demo_courses import build_courses
from incubation.models import CourseIndexPage, CoursePage, Enrollment, LessonPage, LessonProgress
from tests.factories import image_bytes
from tests.incubation import cohort_factories as cf

pytestmark = pytest.mark.django_db


def test_build_courses_builds_the_demo_classroom_idempotently():
    cohort = cf.cohort(participants=3)
    image = get_image_model().objects.create(
        title="Foto produk", file=ImageFile(io.BytesIO(image_bytes(size=(64, 48))), name="foto-produk.png")
    )
    totals = build_courses(cohort=cohort)
    assert totals == {
        "courses": 2,
        "course_modules": 5,
        "course_lessons": 10,
        "lesson_progress": 6,
        "lessons_completed": 4,
    }
    index = CourseIndexPage.objects.get(locale__language_code="id")
    assert index.get_parent().pk == Site.objects.get(is_default_site=True).root_page.pk
    assert index.live and index.url == "/kelas/"
    english = CourseIndexPage.objects.get(locale__language_code="en")  # its translation (issue 17)
    assert english.live and english.url == "/en/kelas/" and english.title == "Classes"
    photo, market = CoursePage.objects.filter(cohort=cohort).order_by("path")
    assert (photo.title, market.title) == ("Foto Produk dengan Ponsel", "Berjualan di Marketplace")
    for course in (photo, market):
        lessons = list(LessonPage.objects.live().descendant_of(course))
        assert len(lessons) >= 4
        assert any(lesson_quiz(lesson) for lesson in lessons)
        assert any(lesson.requires_submission and lesson.submission_instructions for lesson in lessons)
        assert any(block.block_type == "worksheet" for lesson in lessons for block in lesson.body)
        assert any(block.block_type == "video" for lesson in lessons for block in lesson.body)
        assert not any(lesson.has_unpublished_changes for lesson in lessons)
    # Published through the moderation workflow: one submission per course by the cohort's trainer covers its
    # modules and lessons, approved by staff (nobody approves what they submitted).
    approved = WorkflowState.objects.filter(status=WorkflowState.STATUS_APPROVED)
    assert sorted(state.content_object.title for state in approved) == sorted([photo.title, market.title])
    assert {state.requested_by for state in approved} == {cohort.trainers.get()}
    assert all(is_staff(state.current_task_state.finished_by) for state in approved)

    first, second, third = Enrollment.objects.filter(cohort=cohort).order_by("pk")
    outline = course_outline(photo, first)
    assert (outline.lessons_completed, outline.lessons_total) == (2, 5)
    assert outline.resume.title == "Latar polos dan properti"
    quiz_lesson = LessonPage.objects.get(title="Cahaya alami dari jendela")
    assert LessonProgress.objects.get(enrollment=first, lesson=quiz_lesson).quiz_score == 100
    failed = LessonProgress.objects.get(enrollment=second, lesson=quiz_lesson)
    assert failed.quiz_score == 0 and failed.completed_at is None
    assert not LessonProgress.objects.filter(enrollment=third).exists()
    assert Enrollment.objects.get(pk=first.pk).last_activity_at is not None

    light = LessonPage.objects.get(title="Cahaya alami dari jendela")
    assert [block.value["image"].pk for block in light.body if block.block_type == "image"] == [image.pk]
    participant = Client()
    participant.force_login(cohort.people[0][0])
    html = participant.get(light.url).content.decode()
    assert 'alt="Contoh foto produk"' in html and "Kuis cahaya" in html
    assert "Lanjutkan belajar: Latar polos dan properti" in participant.get(photo.url).content.decode()

    assert build_courses(cohort=cohort) == totals
    assert CoursePage.objects.count() == 2 and CourseIndexPage.objects.count() == 2  # id and en
