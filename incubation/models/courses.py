"""Course material as Wagtail pages: course index → course (one cohort) → module → lesson.

Who may read a lesson is decided by `incubation.permissions.can_view_course_material`; pages below a course
are never public. Progress and assignment submissions are ordinary models keyed by the enrollment.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from cms.blocks import BodyBlock
from incubation.models.cohorts import Cohort, Enrollment


class CourseIndexPage(Page):
    """The incubation's classroom (/kelas/): lists the courses the visitor may follow."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["incubation.CoursePage"]

    class Meta:
        verbose_name = _("course index")


class CoursePage(Page):
    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.PROTECT, related_name="courses"
    )
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("cohort"), FieldPanel("intro")]
    parent_page_types = ["incubation.CourseIndexPage"]
    subpage_types = ["incubation.ModulePage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")


class ModulePage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["incubation.CoursePage"]
    subpage_types = ["incubation.LessonPage"]

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    @property
    def course(self) -> CoursePage:
        return CoursePage.objects.ancestor_of(self).first()


class LessonPage(Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
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

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    @property
    def course(self) -> CoursePage:
        return CoursePage.objects.ancestor_of(self).first()


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


class SubmissionQuerySet(models.QuerySet):
    def latest_per_lesson(self):
        """The current submission of each (enrollment, lesson); earlier ones are the history."""
        latest = (
            AssignmentSubmission.objects.filter(enrollment=OuterRef("enrollment"), lesson=OuterRef("lesson"))
            .order_by("-submitted_at", "-pk")
            .values("pk")[:1]
        )
        return self.filter(pk=Subquery(latest))

    def waiting_for_review(self):
        return self.filter(status=AssignmentSubmission.Status.SUBMITTED)


class AssignmentSubmission(models.Model):
    """One submission for a lesson's assignment. A revision is a new submission; older ones are the
    history."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for review")
        REVISION = "revision", _("Revision requested")
        PASSED = "passed", _("Passed")

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="submissions")
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="submissions")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    text = models.TextField(_("answer"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    feedback = models.TextField(_("trainer's feedback"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment submission")
        verbose_name_plural = _("assignment submissions")
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["enrollment", "lesson", "-submitted_at"])]

    def __str__(self):
        return f"{self.lesson} — {self.enrollment} ({self.get_status_display()})"
