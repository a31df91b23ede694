""" "Moderasi materi kelas" with Wagtail's real workflow API (issue 17): one submission of a course covers its
modules and lessons, and nobody approves what they submitted."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import Revision, WorkflowState

from incubation.classroom.models import CourseApprovalTask
from incubation.classroom.services import (
    course_create,
    course_lesson_add,
    course_module_add,
    course_page_approve,
    course_page_submit,
)
from incubation.cohorts.services import cohort_set_trainers
from incubation.models import CoursePage, LessonPage, ModulePage
from tests.factories import staff_user
from tests.incubation import cohort_factories as cf

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafts():
    """A draft course with two draft modules and three draft lessons, written by the cohort's trainer, who
    has a co-trainer."""
    author, co_trainer = cf.trainer(), cf.trainer()
    cohort = cf.cohort(participants=1, trainers=[author, co_trainer])
    cf.course_index()
    course = course_create(cohort=cohort, title="Kemasan yang Menjual", by=author)
    first = course_module_add(course=course, title="Bahan kemasan", by=author)
    second = course_module_add(course=course, title="Label", by=author)
    lessons = [
        course_lesson_add(module=first, title="Kertas dan plastik", by=author),
        course_lesson_add(module=first, title="Kemasan ramah lingkungan", by=author),
        course_lesson_add(module=second, title="Isi label wajib", by=author),
    ]
    return author, co_trainer, course, [first, second], lessons


def _live(pages) -> list[bool]:
    return [type(page).objects.get(pk=page.pk).live for page in pages]


def test_approving_the_course_publishes_its_modules_and_lessons(drafts):
    author, co_trainer, course, modules, lessons = drafts

    state = course_page_submit(page=course, by=author)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert _live([course, *modules, *lessons]) == [False] * 6

    course_page_approve(page=course, by=co_trainer)

    assert _live([course, *modules, *lessons]) == [True] * 6
    assert not LessonPage.objects.descendant_of(course).filter(has_unpublished_changes=True).exists()
    # One moderation for the whole course, no separate ones for its children.
    assert WorkflowState.objects.count() == 1
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_APPROVED


def test_changes_saved_after_the_approver_began_wait_for_their_own_submission(drafts):
    author, co_trainer, course, modules, lessons = drafts
    course_page_submit(page=course, by=author)
    began = WorkflowState.objects.get().current_task_state.started_at
    # The last lesson's only revision is saved after the approver's step began (the clock moved on).
    Revision.objects.filter(object_id=str(lessons[2].pk)).update(created_at=began + timedelta(minutes=5))

    course_page_approve(page=course, by=co_trainer)

    assert _live([course, *modules, *lessons]) == [True, True, True, True, True, False]


def test_approving_a_module_publishes_only_its_own_lessons(drafts):
    author, co_trainer, course, modules, lessons = drafts
    course_page_submit(page=course, by=author)
    course_page_approve(page=course, by=co_trainer)
    new_module = course_module_add(course=course, title="Foto kemasan", by=author)
    new_lesson = course_lesson_add(module=new_module, title="Sudut foto", by=author)
    other_draft = course_lesson_add(module=modules[0], title="Kemasan kaca", by=author)

    course_page_submit(page=new_module, by=author)
    course_page_approve(page=new_module, by=co_trainer)

    assert _live([new_module, new_lesson, other_draft]) == [True, True, False]


def test_nobody_is_offered_approval_of_their_own_submission(drafts):
    author, co_trainer, course, _modules, _lessons = drafts
    staff = staff_user()
    course_page_submit(page=course, by=author)
    course = CoursePage.objects.get(pk=course.pk)
    task = CourseApprovalTask.objects.get()

    assert task.get_actions(course, author) == []
    assert [name for name, _label, _modal in task.get_actions(course, co_trainer)] == [
        "reject",
        "approve",
        "approve",
    ]
    assert task.get_actions(course, staff)
    assert not task.get_task_states_user_can_moderate(author).exists()
    assert task.get_task_states_user_can_moderate(co_trainer).count() == 1
    with pytest.raises(PermissionDenied):
        course_page_approve(page=course, by=author)
    assert not CoursePage.objects.get(pk=course.pk).live


def test_a_lone_trainer_waits_for_staff(drafts):
    author, co_trainer, course, _modules, lessons = drafts
    cohort_set_trainers(cohort=course.cohort, trainers=[author])
    course_page_submit(page=course, by=author)
    with pytest.raises(PermissionDenied):
        course_page_approve(page=course, by=author)
    with pytest.raises(PermissionDenied):  # no longer a trainer of the cohort
        course_page_approve(page=course, by=co_trainer)

    course_page_approve(page=course, by=staff_user())

    assert _live([course, *lessons]) == [True] * 4


def test_a_staff_submission_is_approved_by_other_staff(drafts):
    _author, _co_trainer, course, modules, _lessons = drafts
    submitter, other = staff_user(), staff_user()
    module = ModulePage.objects.get(pk=modules[1].pk)
    course_page_submit(page=course, by=submitter)
    with pytest.raises(PermissionDenied):
        course_page_approve(page=course, by=submitter)
    course_page_approve(page=course, by=other)
    assert _live([course, module]) == [True, True]
