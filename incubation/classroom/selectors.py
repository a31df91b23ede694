"""Reads for the classroom: which courses a visitor may open, a course's outline with a participant's
progress and resume point, a lesson's neighbours, trainers' view of participants, and lesson search."""

from dataclasses import dataclass, field

from django.db.models import Count, Max, Q

from adimarko.core.numbers import round_percent
from adimarko.core.permissions import is_staff
from incubation.classroom.models import CoursePage, LessonPage, LessonProgress, ModulePage
from incubation.classroom.quiz import lesson_quiz, quiz_display
from incubation.cohorts import permissions
from incubation.cohorts.models import Cohort, Enrollment


def viewable_cohorts(user):
    """Cohorts whose course material this user may read."""
    if not user.is_authenticated:
        return Cohort.objects.none()
    if is_staff(user):
        return Cohort.objects.all()
    return Cohort.objects.filter(
        Q(pk__in=Cohort.objects.for_trainer(user).values("pk"))
        | Q(pk__in=Cohort.objects.for_member(user).values("pk"))
    )


def courses_for_user(user, *, index=None):
    """Live courses the user may open, with the cohort."""
    if not user.is_authenticated:
        return CoursePage.objects.none()
    courses = CoursePage.objects.live().filter(cohort__in=viewable_cohorts(user)).select_related("cohort")
    if index is not None:
        courses = courses.child_of(index)
    return courses.order_by("path")


def _under(courses) -> Q:
    condition = Q(pk__in=[])
    for path in courses:
        condition |= Q(path__startswith=path)
    return condition


def viewable_lessons(user):
    """Live lessons of the courses the user may open."""
    paths = list(courses_for_user(user).values_list("path", flat=True))
    if not paths:
        return LessonPage.objects.none()
    return LessonPage.objects.live().filter(_under(paths))


@dataclass(frozen=True)
class LessonsProgress:
    """The lessons part of a participant's progress (the whole, with assignments and attendance, is
    `incubation.coaching.progress.ParticipantProgress`)."""

    lessons_required: int
    lessons_completed: int

    @property
    def lessons_percent(self) -> int:
        """Whole percent to the nearest, 100 only when all are done; nothing to do counts as done."""
        return round_percent(self.lessons_completed, self.lessons_required, when_empty=100)


def lesson_progress(enrollment: Enrollment) -> LessonsProgress:
    """Required lessons of all the cohort's live courses, and how many of them this enrollment completed."""
    required = list(cohort_lessons(enrollment.cohort).filter(is_required=True).values_list("id", flat=True))
    completed = LessonProgress.objects.filter(
        enrollment=enrollment, lesson_id__in=required, completed_at__isnull=False
    ).count()
    return LessonsProgress(lessons_required=len(required), lessons_completed=completed)


def participant_cohort_progress(user) -> list:
    """(cohort, LessonsProgress) for each cohort the user follows as a participant: the required lessons
    of all its courses."""
    if not user.is_authenticated:
        return []
    enrollments = Enrollment.objects.for_member(user).with_access().select_related("cohort").order_by("pk")
    return [(enrollment.cohort, lesson_progress(enrollment)) for enrollment in enrollments]


def lesson_search(user, query: str):
    """Wagtail search over the lessons the user may read (and only those)."""
    ids = list(viewable_lessons(user).values_list("pk", flat=True))
    return LessonPage.objects.live().filter(pk__in=ids).search(query)


@dataclass
class LessonRow:
    lesson: LessonPage
    progress: LessonProgress | None

    @property
    def completed(self) -> bool:
        return self.progress is not None and self.progress.completed_at is not None

    @property
    def opened(self) -> bool:
        return self.progress is not None


@dataclass
class ModuleOutline:
    module: ModulePage
    lessons: list[LessonRow] = field(default_factory=list)


@dataclass
class CourseOutline:
    modules: list[ModuleOutline]
    lessons_total: int
    lessons_completed: int
    resume: LessonPage | None

    @property
    def percent(self) -> int:
        return round_percent(self.lessons_completed, self.lessons_total, when_empty=100)

    @property
    def started(self) -> bool:
        return any(row.opened for module in self.modules for row in module.lessons)


def course_lessons(course: CoursePage):
    return LessonPage.objects.live().descendant_of(course).order_by("path")


def cohort_lessons(cohort: Cohort):
    """The live lessons of the cohort's live courses."""
    paths = list(CoursePage.objects.live().filter(cohort=cohort).values_list("path", flat=True))
    if not paths:
        return LessonPage.objects.none()
    under_a_course = Q()
    for path in paths:
        under_a_course |= Q(path__startswith=path)
    return LessonPage.objects.live().filter(under_a_course)


def course_outline(course: CoursePage, enrollment: Enrollment | None) -> CourseOutline:
    """Modules with their lessons and this enrollment's progress (3 queries), and where to resume: the
    lesson last opened and not completed, else the first lesson not completed."""
    modules = list(ModulePage.objects.live().child_of(course).order_by("path"))
    lessons = list(course_lessons(course).defer_streamfields())
    progress = {}
    if enrollment is not None:
        progress = {
            row.lesson_id: row
            for row in LessonProgress.objects.filter(
                enrollment=enrollment, lesson__in=[x.pk for x in lessons]
            )
        }
    outline = [ModuleOutline(module=module) for module in modules]
    by_path = {item.module.path: item for item in outline}
    rows = []
    for lesson in lessons:
        row = LessonRow(lesson=lesson, progress=progress.get(lesson.pk))
        parent = by_path.get(lesson.path[: -lesson.steplen])
        if parent is not None:
            parent.lessons.append(row)
            rows.append(row)
    completed = sum(row.completed for row in rows)
    open_rows = [row for row in rows if row.opened and not row.completed]
    if open_rows:
        resume = max(open_rows, key=lambda row: row.progress.last_viewed_at).lesson
    else:
        resume = next((row.lesson for row in rows if not row.completed), None)
    return CourseOutline(modules=outline, lessons_total=len(rows), lessons_completed=completed, resume=resume)


@dataclass
class ParticipantCourseProgress:
    enrollment: Enrollment
    completed: int
    total: int
    last_viewed_at: object

    @property
    def percent(self) -> int:
        return round_percent(self.completed, self.total, when_empty=100)


def course_participants_progress(course: CoursePage) -> list[ParticipantCourseProgress]:
    """Every participant's progress on one course (for its trainers and staff), in 3 queries."""
    lesson_ids = list(course_lessons(course).values_list("pk", flat=True))
    stats = {
        row["enrollment_id"]: row
        for row in LessonProgress.objects.filter(lesson_id__in=lesson_ids)
        .values("enrollment_id")
        .annotate(
            completed=Count("id", filter=Q(completed_at__isnull=False)), last_viewed=Max("last_viewed_at")
        )
    }
    enrollments = (
        course.cohort.enrollments.with_access().select_related("business").order_by("business__name")
    )
    return [
        ParticipantCourseProgress(
            enrollment=enrollment,
            completed=stats.get(enrollment.pk, {}).get("completed", 0),
            total=len(lesson_ids),
            last_viewed_at=stats.get(enrollment.pk, {}).get("last_viewed"),
        )
        for enrollment in enrollments
    ]


def _participant(user, cohort: Cohort) -> Enrollment | None:
    allowed, _reason = permissions.can_participate(user, cohort)
    return permissions.enrollment_for(user, cohort) if allowed else None


def course_page_context(*, course: CoursePage, user) -> dict:
    if not course.cohort_id:  # a new course previewed before a cohort is chosen
        return {"enrollment": None, "outline": course_outline(course, None), "participants": None}
    enrollment = _participant(user, course.cohort) if user.is_authenticated else None
    runs = user.is_authenticated and permissions.can_run_cohort(user, course.cohort)[0]
    return {
        "enrollment": enrollment,
        "outline": course_outline(course, enrollment),
        "participants": course_participants_progress(course) if runs else None,
    }


def lesson_page_context(*, lesson: LessonPage, user) -> dict:
    course = lesson.course
    cohort = course.cohort if course else None
    enrollment = _participant(user, cohort) if cohort and user.is_authenticated else None
    previous_lesson = next_lesson = None
    if course is not None:
        siblings = list(course_lessons(course).only("pk", "title", "url_path", "path", "depth"))
        position = next((i for i, item in enumerate(siblings) if item.pk == lesson.pk), None)
        if position is not None:
            previous_lesson = siblings[position - 1] if position > 0 else None
            next_lesson = siblings[position + 1] if position + 1 < len(siblings) else None
    progress = None
    if enrollment is not None and lesson.pk:
        progress = LessonProgress.objects.filter(enrollment=enrollment, lesson=lesson).first()
    quiz = lesson_quiz(lesson)
    return {
        "course": course,
        "enrollment": enrollment,
        "progress": progress,
        "quiz_display": quiz_display(quiz) if quiz else None,
        "previous_lesson": previous_lesson,
        "next_lesson": next_lesson,
    }
