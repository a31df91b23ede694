"""A cohort (angkatan): the accepted applicants of one audition round, their trainers and graduation rules.

A participant is a *business* (an IKM) enrolled in the cohort; every member of that business (owner and
helpers) follows the courses on its behalf, so progress, submissions and attendance belong to the enrollment.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from incubation.audition.models.rounds import RoundPage


class CohortQuerySet(models.QuerySet):
    def for_trainer(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(trainers=user)

    def for_member(self, user):
        """Cohorts in which a business of this user is enrolled (active or graduated)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            enrollments__business__memberships__user=user,
            enrollments__status__in=Enrollment.Status.with_access(),
        ).distinct()


class Cohort(models.Model):
    round = models.OneToOneField(
        RoundPage, verbose_name=_("audition round"), on_delete=models.PROTECT, related_name="cohort"
    )
    name = models.CharField(_("name"), max_length=120, help_text=_('For example "Angkatan 2026".'))
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("trainers"), related_name="trained_cohorts", blank=True
    )
    # Graduation rules (see incubation/graduation/rules.py for the arithmetic).
    require_all_lessons = models.BooleanField(_("all required lessons completed"), default=True)
    require_assignments_passed = models.BooleanField(_("all assignments passed"), default=True)
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"),
        default=75,
        validators=[MaxValueValidator(100)],
        help_text=_("Share of the mentoring sessions held so far that a participant attended."),
    )
    at_risk_after_days = models.PositiveSmallIntegerField(
        _("at risk after inactive days"),
        default=14,
        help_text=_("A participant with no activity for this many days is shown as at risk."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="cohort_ends_after_start"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def year(self) -> int:
        return self.starts_on.year


class EnrollmentQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("cohort", "business__desa__parent", "application")

    def with_access(self):
        return self.filter(status__in=Enrollment.Status.with_access())

    def for_member(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(business__memberships__user=user)


class Enrollment(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Participating")
        GRADUATED = "graduated", _("Graduated")
        WITHDRAWN = "withdrawn", _("Withdrawn")

        @classmethod
        def with_access(cls):
            """Graduates keep reading their course material."""
            return [cls.ACTIVE, cls.GRADUATED]

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="enrollments"
    )
    business = models.ForeignKey(
        "adimarko.Business", verbose_name=_("business"), on_delete=models.PROTECT, related_name="enrollments"
    )
    application = models.OneToOneField(
        "incubation.Application",
        verbose_name=_("application"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrollment",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    enrolled_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    last_activity_at = models.DateTimeField(
        _("last activity"),
        null=True,
        blank=True,
        help_text=_("Last lesson opened, quiz, submission or check-in."),
    )
    graduated_at = models.DateTimeField(_("graduated"), null=True, blank=True)
    graduated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    graduation_note = models.TextField(
        _("graduation note"), blank=True, help_text=_("Required when staff graduate a participant manually.")
    )

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        ordering = ["cohort", "business__name"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "business"], name="one_enrollment_per_business_cohort")
        ]

    def __str__(self):
        return f"{self.business} — {self.cohort}"

    def clean(self):
        """One identity through the journeys: the enrollment is the application's business, in the cohort of
        the application's round."""
        super().clean()
        application = self.application
        if application is None:
            return
        if self.business_id is not None and application.business_id != self.business_id:
            raise ValidationError({"application": _("This application belongs to another business.")})
        if self.cohort_id is not None and application.round_id != self.cohort.round_id:
            raise ValidationError(
                {"application": _("This application is for another round than the cohort's.")}
            )

    @property
    def has_access(self) -> bool:
        return self.status in self.Status.with_access()
