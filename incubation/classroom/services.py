"""Courses: lesson progress, quizzes, course creation by trainers and the moderation workflow that publishes
course material. Trainers' page permissions on their cohort's courses are kept by
`incubation.cohorts.services.course_permissions_sync`."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Workflow, WorkflowPage, WorkflowTask

from adimarko.core.models import User
from incubation.classroom.models import (
    CourseApprovalTask,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    LessonProgress,
    ModulePage,
)
from incubation.classroom.quiz import QuizResult, clean_answers, grade, lesson_quiz
from incubation.cohorts import permissions
from incubation.cohorts.models import Cohort
from incubation.cohorts.services import course_permissions_sync, enrollment_touch

WORKFLOW_NAME = "Moderasi materi kelas"
TASK_NAME = "Persetujuan pelatih angkatan"


# --- Progress and quizzes --------------------------------------------------------------------------------
def _participant_enrollment(user, lesson: LessonPage):
    cohort = lesson.course_cohort()
    if cohort is None:
        return None
    allowed, _reason = permissions.can_participate(user, cohort)
    return permissions.enrollment_for(user, cohort) if allowed else None


@transaction.atomic
def lesson_open(*, lesson: LessonPage, user, when=None) -> LessonProgress | None:
    """Record that a participant opened the lesson (where they resume). Trainers and staff read without a
    trace: returns None for them."""
    enrollment = _participant_enrollment(user, lesson)
    if enrollment is None:
        return None
    when = when or timezone.now()
    progress, created = LessonProgress.objects.get_or_create(enrollment=enrollment, lesson=lesson)
    if not created:
        LessonProgress.objects.filter(pk=progress.pk).update(last_viewed_at=when)
        progress.last_viewed_at = when
    else:
        progress.first_viewed_at = progress.last_viewed_at = when
        progress.full_clean()
        progress.save(update_fields=["first_viewed_at", "last_viewed_at"])
    enrollment_touch(enrollment=enrollment, when=when)
    return progress


def _require_participant(user, lesson: LessonPage):
    cohort = lesson.course_cohort()
    if cohort is None:
        raise PermissionDenied(_("This lesson is not part of a course."))
    allowed, reason = permissions.can_participate(user, cohort)
    if not allowed:
        raise PermissionDenied(reason)
    if not lesson.live:
        raise ValidationError(_("This lesson is not published."))
    return permissions.enrollment_for(user, cohort)


@transaction.atomic
def lesson_complete(*, lesson: LessonPage, user, when=None) -> LessonProgress:
    """Mark a lesson done. A lesson with a quiz is completed only by passing its quiz."""
    enrollment = _require_participant(user, lesson)
    when = when or timezone.now()
    progress, _created = LessonProgress.objects.select_for_update().get_or_create(
        enrollment=enrollment, lesson=lesson
    )
    quiz = lesson_quiz(lesson)
    if quiz is not None and (progress.quiz_score is None or progress.quiz_score < quiz.pass_mark):
        raise ValidationError(_("Pass the quiz to complete this lesson."))
    if progress.completed_at is None:
        progress.completed_at = when
        progress.completed_by = user
        progress.full_clean()
        progress.save(update_fields=["completed_at", "completed_by"])
    enrollment_touch(enrollment=enrollment, when=when)
    return progress


@transaction.atomic
def quiz_submit(*, lesson: LessonPage, user, answers: dict[str, list[str]], when=None) -> QuizResult:
    """Grade the answers against the published lesson's quiz. Invalid answers raise ValidationError and
    store nothing. The best score is kept; passing completes the lesson."""
    enrollment = _require_participant(user, lesson)
    published = LessonPage.objects.live().get(pk=lesson.pk)
    quiz = lesson_quiz(published)
    if quiz is None:
        raise ValidationError(_("This lesson has no quiz."))
    result = grade(quiz, clean_answers(quiz, answers))
    when = when or timezone.now()
    progress, _created = LessonProgress.objects.select_for_update().get_or_create(
        enrollment=enrollment, lesson=published
    )
    progress.quiz_score = max(result.score, progress.quiz_score or 0)
    fields = ["quiz_score"]
    if result.passed and progress.completed_at is None:
        progress.completed_at = when
        progress.completed_by = user
        fields += ["completed_at", "completed_by"]
    progress.full_clean()
    progress.save(update_fields=fields)
    enrollment_touch(enrollment=enrollment, when=when)
    return result


# --- The moderation workflow --------------------------------------------------------
@transaction.atomic
def course_workflow_ensure() -> Workflow:
    """The moderation workflow of course material, assigned to every course index (so to every course,
    module and lesson). Idempotent."""
    task = CourseApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = CourseApprovalTask.objects.create(name=TASK_NAME)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for index in CourseIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def course_create(*, cohort: Cohort, title: str, by: User, intro: str = "", index=None) -> CoursePage:
    """A new (draft) course for a cohort, created by one of its trainers or staff, who then edit it in the
    Wagtail admin."""
    allowed, reason = permissions.can_run_cohort(by, cohort)
    if not allowed:
        raise PermissionDenied(reason)
    # The Indonesian classroom: its translation (/en/kelas/) lists the same courses (CourseIndexPage).
    index = index or CourseIndexPage.objects.filter(locale=Locale.get_default()).first()
    if index is None:
        raise ValidationError(
            _("There is no classroom page (Kelas) yet; ask Disperindag staff to create it.")
        )
    course = CoursePage(title=title.strip(), cohort=cohort, intro=intro.strip(), live=False, owner=by)
    if not course.title:
        raise ValidationError({"title": _("Enter a title.")})
    index.add_child(instance=course)
    course.full_clean()
    course.save_revision(user=by, log_action=True)
    course_permissions_sync(cohort=cohort)
    course_workflow_ensure()
    return course


def _course_of(page: Page) -> CoursePage | None:
    specific = page.specific
    if isinstance(specific, CoursePage):
        return specific
    return CoursePage.objects.ancestor_of(page).first()


@transaction.atomic
def course_page_submit(*, page: Page, by: User):
    """Submit course material to "Moderasi materi kelas" as the admin's "Pengajuan" does, by one of the
    course cohort's trainers (or staff). Submitting a course (or module) covers its draft modules and lessons:
    approving it publishes them too (`incubation.classroom.workflow`). Returns the workflow state."""
    course = _course_of(page)
    if course is None:
        raise ValidationError(_("This page is not part of a course."))
    _require_runner(by, course)
    page = page.specific
    workflow = page.get_workflow() or course_workflow_ensure()
    if page.latest_revision is None:
        page.save_revision(user=by)
    state = page.current_workflow_state
    if state is None:
        return workflow.start(page, by)
    if state.status == state.STATUS_NEEDS_CHANGES:
        state.resume(user=by)
    return state


@transaction.atomic
def course_page_approve(*, page: Page, by: User) -> Page:
    """Approve the moderation running on course material, step by step, as the admin's "Setujui dan
    Publikasikan" does. Only someone the task offers the action may: the cohort's other trainers or staff,
    never the person who submitted it. Returns the page as published."""
    page = page.specific
    # Page permissions may have just been granted (course_create): drop what Wagtail cached on the user.
    by.__dict__.pop("_page_permission_cache", None)
    state = page.current_workflow_state
    if state is None or state.status != state.STATUS_IN_PROGRESS:
        raise ValidationError(_("This page is not waiting for approval."))
    while state.status == state.STATUS_IN_PROGRESS:
        task_state = state.current_task_state
        task = task_state.task.specific
        if not task.get_actions(page, by):
            if state.requested_by_id == by.pk:
                raise PermissionDenied(_("Someone else approves what you submitted."))
            raise PermissionDenied(_("You may not approve this step."))
        task.on_action(task_state, by, "approve")
        state.refresh_from_db()
    page.refresh_from_db()
    return page


def _require_runner(by: User, course: CoursePage) -> None:
    allowed, reason = permissions.can_run_cohort(by, course.cohort)
    if not allowed:
        raise PermissionDenied(reason)


@transaction.atomic
def course_module_add(*, course: CoursePage, title: str, by: User, intro: str = "") -> ModulePage:
    """A draft module at the end of the course (published when its course or itself is approved)."""
    _require_runner(by, course)
    module = ModulePage(title=title.strip(), intro=intro.strip(), live=False, owner=by)
    course.add_child(instance=module)
    module.full_clean()
    module.save_revision(user=by, log_action=True)
    return module


@transaction.atomic
def course_lesson_add(*, module: ModulePage, title: str, by: User, **fields) -> LessonPage:
    """A draft lesson at the end of the module; `fields` are LessonPage fields (intro, body, is_required,
    requires_submission, submission_instructions, estimated_minutes)."""
    course = module.course
    _require_runner(by, course)
    lesson = LessonPage(title=title.strip(), live=False, owner=by, **fields)
    module.add_child(instance=lesson)
    lesson.full_clean()
    lesson.save_revision(user=by, log_action=True)
    return lesson
