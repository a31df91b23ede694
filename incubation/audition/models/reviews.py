"""Jury work: assignments (with conflict-of-interest declarations), reviews and per-criterion scores."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from incubation.audition.models.applications import Application
from incubation.audition.models.rounds import SCALE_MAX, SCALE_MIN, RubricCriterion


class AssignmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(conflict_declared_at__isnull=True)

    def for_jury(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(jury=user)


class JuryAssignment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="assignments")
    jury = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jury_assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    automatic = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    conflict_declared_at = models.DateTimeField(null=True, blank=True)
    conflict_reason = models.TextField(_("conflict of interest"), blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "jury"], name="assignment_unique_jury"),
        ]

    def __str__(self):
        return f"{self.jury} → {self.application.code}"

    @property
    def is_active(self) -> bool:
        return self.conflict_declared_at is None


class Review(models.Model):
    """A jury's scores of one application; its weighted total is on a 0–100 scale."""

    assignment = models.OneToOneField(JuryAssignment, on_delete=models.CASCADE, related_name="review")
    comment = models.TextField(_("overall comment"), blank=True)
    weighted_total = models.DecimalField(_("weighted total"), max_digits=5, decimal_places=2)
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self):
        return f"{self.assignment}: {self.weighted_total}"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(RubricCriterion, on_delete=models.PROTECT, related_name="scores")
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)]
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["criterion__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_unique_criterion"),
            models.CheckConstraint(
                condition=Q(value__gte=SCALE_MIN) & Q(value__lte=SCALE_MAX), name="score_in_scale"
            ),
        ]

    def __str__(self):
        return f"{self.criterion.name}: {self.value}"
