"""Coaching: assignments a trainer reviews and mentoring sessions with their attendance.

An assignment submission answers a lesson that asks for work; a revision is a new submission, older ones are
the history. Its files are private: stored under random names in the private storage (see `private_storage`)
and only served through the permission-checked `assignment_file` view, never through a public media URL.
Mentoring sessions of a cohort are online or at Disperindag's co-working space.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from adimarko.core.storage import private_storage
from adimarko.core.uploads import stored_name
from incubation.classroom.models import LessonPage
from incubation.cohorts.models import Cohort, Enrollment


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


def submission_file_path(instance, filename):
    """A random name with the extension of the checked content (never the uploaded name's)."""
    submission = instance.submission
    return f"assignments/{submission.lesson_id}/{submission.enrollment_id}/{stored_name(instance, 'file')}"


class SubmissionFile(models.Model):
    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document")
        PHOTO = "photo", _("Photo")

    submission = models.ForeignKey(AssignmentSubmission, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(
        _("file"), upload_to=submission_file_path, storage=private_storage, max_length=200
    )
    content_type = models.CharField(max_length=40)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("submission file")
        verbose_name_plural = _("submission files")
        ordering = ["submission", "pk"]

    def __str__(self):
        return self.original_name or self.file.name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class MentoringSessionQuerySet(models.QuerySet):
    def scheduled(self):
        """Sessions that were not cancelled."""
        return self.filter(cancelled_at__isnull=True)

    def held_by(self, now):
        """Scheduled sessions that have started by `now` (the ones attendance is counted against)."""
        return self.scheduled().filter(starts_at__lte=now)

    def upcoming(self, now):
        return self.scheduled().filter(ends_at__gt=now)

    def with_related(self):
        return self.select_related("cohort", "trainer")


class MentoringSession(models.Model):
    class Mode(models.TextChoices):
        ONLINE = "online", _("Online")
        ONSITE = "onsite", _("At the co-working space")

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="sessions"
    )
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    mode = models.CharField(_("where"), max_length=8, choices=Mode.choices, default=Mode.ONSITE)
    meeting_url = models.URLField(_("meeting link"), blank=True)
    location = models.CharField(_("place"), max_length=200, blank=True)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentoring_sessions",
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=200, blank=True)

    objects = MentoringSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentoring session")
        verbose_name_plural = _("mentoring sessions")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The session must end after it starts.")
        if self.mode == self.Mode.ONLINE and not self.meeting_url:
            errors["meeting_url"] = _("An online session needs a meeting link.")
        if self.mode == self.Mode.ONSITE and not (self.location or "").strip():
            errors["location"] = _("A session at the co-working space needs a place.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class Attendance(models.Model):
    class Method(models.TextChoices):
        QR = "qr", _("QR check-in")
        TRAINER = "trainer", _("Marked by the trainer")

    session = models.ForeignKey(MentoringSession, on_delete=models.CASCADE, related_name="attendance")
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    method = models.CharField(_("how"), max_length=8, choices=Method.choices)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "enrollment"], name="one_attendance_per_session")
        ]

    def __str__(self):
        return f"{self.enrollment} — {self.session}"
