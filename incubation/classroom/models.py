"""Course material as Wagtail pages: course index → course (one cohort) → module → lesson.

Who may read a lesson is decided by `incubation.cohorts.permissions.can_view_course_material`; pages below a
course are never public. Lesson progress is an ordinary model keyed by the enrollment; assignment submissions
are coaching's (incubation/coaching/models.py).
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, Task, TaskState
from wagtail.search import index

from incubation.classroom.blocks import LessonBodyBlock
from incubation.cohorts.models import Cohort, Enrollment


class CourseMaterial:
    """Course, module and lesson pages: readable only per `can_view_course_material` — when served, in admin
    previews and "view draft", and never listed in the sitemap."""

    def course_cohort(self) -> Cohort | None:
        raise NotImplementedError

    def check_material_access(self, request):
        """None when the visitor may read this page; else a login redirect, or PermissionDenied."""
        from incubation.cohorts.permissions import can_view_course_material

        cohort = self.course_cohort()
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if cohort is None:
            from adimarko.core.permissions import is_staff

            if is_staff(request.user):
                return None
            raise PermissionDenied(_("This material is not part of a course yet."))
        allowed, reason = can_view_course_material(request.user, cohort)
        if not allowed:
            raise PermissionDenied(reason)
        return None

    def serve(self, request, *args, **kwargs):
        if refusal := self.check_material_access(request):
            return refusal
        return super().serve(request, *args, **kwargs)

    def serve_preview(self, request, mode_name):
        if refusal := self.check_material_access(request):
            return refusal
        return super().serve_preview(request, mode_name)

    def get_sitemap_urls(self, request=None):
        return []


class CoursePageForm(WagtailAdminPageForm):
    """Trainers may only choose the cohorts they train; staff choose any."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        from adimarko.core.permissions import is_staff

        if "cohort" in self.fields and for_user is not None and not is_staff(for_user):
            self.fields["cohort"].queryset = Cohort.objects.for_trainer(for_user)


class CourseIndexPage(Page):
    """The incubation's classroom (/kelas/): lists the courses the visitor may follow."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["incubation.CoursePage"]
    template = "incubation/classroom/courses/course_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from incubation.classroom.selectors import courses_for_user, participant_cohort_progress

        context = super().get_context(request, *args, **kwargs)
        # Trainers write the courses under the Indonesian classroom; its translation (/en/kelas/) lists the
        # same courses, whose material is in Indonesian.
        source = self.get_translation_or_none(Locale.get_default()) or self
        context["courses"] = courses_for_user(request.user, index=source)
        context["material_in_indonesian"] = source.pk != self.pk
        context["cohort_progress"] = participant_cohort_progress(request.user)
        return context

    class Meta:
        verbose_name = _("course index")


class CoursePage(CourseMaterial, Page):
    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.PROTECT, related_name="courses"
    )
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("cohort"), FieldPanel("intro")]
    parent_page_types = ["incubation.CourseIndexPage"]
    subpage_types = ["incubation.ModulePage"]
    base_form_class = CoursePageForm
    template = "incubation/classroom/courses/course_page.html"

    def course_cohort(self) -> Cohort | None:
        return self.cohort if self.cohort_id else None

    def get_context(self, request, *args, **kwargs):
        from incubation.classroom.selectors import course_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_page_context(course=self, user=request.user))
        return context

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")


class WithinCourse(CourseMaterial):
    """Module and lesson pages: their course is the course page above them (looked up once per instance)."""

    @property
    def course(self) -> "CoursePage | None":
        if "_course" not in self.__dict__:
            self.__dict__["_course"] = (
                CoursePage.objects.ancestor_of(self).select_related("cohort").first() if self.path else None
            )
        return self.__dict__["_course"]

    def course_cohort(self) -> Cohort | None:
        course = self.course
        return course.cohort if course else None


class ModulePage(WithinCourse, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["incubation.CoursePage"]
    subpage_types = ["incubation.LessonPage"]
    template = "incubation/classroom/courses/module_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["course"] = self.course
        context["lessons"] = LessonPage.objects.child_of(self).live().order_by("path")
        return context

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")


class LessonPage(WithinCourse, Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(LessonBodyBlock(), verbose_name=_("content"), blank=True)
    is_required = models.BooleanField(
        _("required for graduation"), default=True, help_text=_("Participants must complete it to graduate.")
    )
    requires_submission = models.BooleanField(
        _("assignment"),
        default=False,
        help_text=_("Participants submit work (text, files, photos) that a trainer reviews."),
    )
    submission_instructions = models.TextField(_("assignment instructions"), blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=15)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("is_required"),
                FieldPanel("estimated_minutes"),
                FieldPanel("requires_submission"),
                FieldPanel("submission_instructions"),
            ],
            heading=_("Completion"),
        ),
    ]
    parent_page_types = ["incubation.ModulePage"]
    subpage_types: list[str] = []
    template = "incubation/classroom/courses/lesson_page.html"
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("submission_instructions"),
    ]

    def serve(self, request, *args, **kwargs):
        if refusal := self.check_material_access(request):
            return refusal
        from incubation.classroom.services import lesson_open

        lesson_open(lesson=self, user=request.user)
        return Page.serve(self, request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from incubation.classroom.selectors import lesson_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_page_context(lesson=self, user=request.user))
        return context

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")


class LessonProgress(models.Model):
    """One participant's (enrollment's) progress on one lesson; the most recent `last_viewed_at` is where they
    resume."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="lesson_progress")
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="progress")
    first_viewed_at = models.DateTimeField(_("first opened"), auto_now_add=True)
    last_viewed_at = models.DateTimeField(_("last opened"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    quiz_score = models.PositiveSmallIntegerField(
        _("quiz score (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "lesson"], name="one_progress_per_lesson")
        ]

    def __str__(self):
        return f"{self.enrollment} — {self.lesson}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class CourseApprovalTask(Task):
    """Moderation step of course material: the course cohort's trainers and staff approve (and so publish),
    except whoever submitted it. Approving a course or module also publishes its draft children
    (`incubation.classroom.workflow`)."""

    def _may_moderate(self, obj, user) -> bool:
        from incubation.cohorts.permissions import can_run_cohort

        cohort = obj.specific.course_cohort() if hasattr(obj.specific, "course_cohort") else None
        if cohort is None:
            from adimarko.core.permissions import is_staff

            return is_staff(user)
        return can_run_cohort(user, cohort)[0]

    def user_can_access_editor(self, obj, user):
        return self._may_moderate(obj, user)

    def locked_for_user(self, obj, user):
        return not self._may_moderate(obj, user)

    def user_can_lock(self, obj, user):
        return self._may_moderate(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    @staticmethod
    def _submitted_by(obj, user) -> bool:
        """Whether `user` submitted the moderation now running on `obj`: nobody approves their own work."""
        state = getattr(obj, "current_workflow_state", None)
        return state is not None and state.requested_by_id is not None and state.requested_by_id == user.pk

    def get_actions(self, obj, user):
        if self._may_moderate(obj, user) and not self._submitted_by(obj, user):
            return [
                ("reject", _("Request changes"), True),
                ("approve", _("Approve"), False),
                ("approve", _("Approve with comment"), True),
            ]
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = (
            self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
            .exclude(workflow_state__requested_by=user)
            .select_related("workflow_state")
        )
        ids = [state.pk for state in states if self._may_moderate(state.workflow_state.content_object, user)]
        return TaskState.objects.filter(pk__in=ids)

    @classmethod
    def get_description(cls):
        return _("The trainers of the course's cohort and Disperindag staff approve")

    class Meta:
        verbose_name = _("course approval by the cohort's trainers")
        verbose_name_plural = _("course approvals by the cohort's trainers")
