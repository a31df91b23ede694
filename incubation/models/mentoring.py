"""Mentoring sessions of a cohort, online or at Disperindag's co-working space, and who attended them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from incubation.models.cohorts import Cohort, Enrollment


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
