"""Jury writes: manual and balanced automatic assignment, conflicts (with reassignment), reviews."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from adimarko.core.models import User
from adimarko.core.roles import GROUP_NAMES, Role, has_role
from incubation.audition.models import Application, JuryAssignment, Review, RoundPage, Score, Status
from incubation.audition.models.rounds import SCALE_MAX, SCALE_MIN
from incubation.audition.scoring import weighted_total


def jury_pool():
    return User.objects.filter(groups__name=GROUP_NAMES[Role.JURY], is_active=True).distinct()


@transaction.atomic
def jury_assign(
    *, application: Application, jury: User, by: User | None, automatic: bool = False
) -> JuryAssignment:
    if not has_role(jury, Role.JURY):
        raise ValidationError(_("%(user)s is not a jury member.") % {"user": jury})
    if application.status != Status.ELIGIBLE:
        raise ValidationError(_("Only eligible applications are assigned to juries."))
    existing = JuryAssignment.objects.filter(application=application, jury=jury).first()
    if existing:
        if existing.conflict_declared_at:
            raise ValidationError(
                _("%(user)s declared a conflict of interest with this application.") % {"user": jury}
            )
        raise ValidationError(_("%(user)s is already assigned to this application.") % {"user": jury})
    assignment = JuryAssignment(application=application, jury=jury, assigned_by=by, automatic=automatic)
    assignment.full_clean()
    assignment.save()
    return assignment


def _least_loaded_jury(application: Application) -> User | None:
    """The jury with the fewest active assignments in the round, never one already linked to the application
    (assigned, or who declared a conflict)."""
    linked = JuryAssignment.objects.filter(application=application).values("jury_id")
    return (
        jury_pool()
        .exclude(pk__in=linked)
        .annotate(
            load=Count(
                "jury_assignments",
                filter=Q(
                    jury_assignments__application__round=application.round_id,
                    jury_assignments__conflict_declared_at__isnull=True,
                ),
            )
        )
        .order_by("load", "pk")
        .first()
    )


def _fill(application: Application, by: User | None) -> int:
    needed = application.round.juries_per_application - application.assignments.active().count()
    made = 0
    for _i in range(max(needed, 0)):
        jury = _least_loaded_jury(application)
        if jury is None:
            break
        jury_assign(application=application, jury=jury, by=by, automatic=True)
        made += 1
    return made


@transaction.atomic
def jury_auto_assign(*, round: RoundPage, by: User | None) -> int:
    """Give every eligible application `juries_per_application` active juries, balancing load. Returns the
    number of new assignments; applications stay short when the pool is exhausted (staff see it)."""
    made = 0
    applications = Application.objects.filter(round=round, status=Status.ELIGIBLE).select_related("round")
    for application in applications.order_by("pk"):
        made += _fill(application, by)
    return made


@transaction.atomic
def conflict_declare(*, assignment: JuryAssignment, reason: str, by: User) -> JuryAssignment | None:
    """The jury steps aside; the application goes to the least-loaded other jury. Returns the replacement
    assignment (None when no jury is free: staff then assign by hand)."""
    assignment = (
        JuryAssignment.objects.select_for_update().select_related("application__round").get(pk=assignment.pk)
    )
    if assignment.conflict_declared_at:
        raise ValidationError(_("A conflict of interest was already declared."))
    if hasattr(assignment, "review"):
        raise ValidationError(_("You already scored this application; ask the staff to remove your review."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say briefly why you have a conflict of interest.")})
    assignment.conflict_declared_at = timezone.now()
    assignment.conflict_reason = reason.strip()
    assignment.save(update_fields=["conflict_declared_at", "conflict_reason"])
    application = assignment.application
    if application.status != Status.ELIGIBLE:
        return None
    jury = _least_loaded_jury(application)
    if jury is None:
        return None
    return jury_assign(application=application, jury=jury, by=by, automatic=True)


@transaction.atomic
def review_submit(
    *, assignment: JuryAssignment, scores: dict[int, tuple[int, str]], comment: str = ""
) -> Review:
    """Save (or replace) a jury's scores: one 1–5 value per rubric criterion, with optional comments.

    `scores` maps criterion id → (value, comment). Everything is validated before anything is written."""
    assignment = (
        JuryAssignment.objects.select_for_update().select_related("application__round").get(pk=assignment.pk)
    )
    application = assignment.application
    if not assignment.is_active:
        raise ValidationError(_("You declared a conflict of interest with this application."))
    if application.status != Status.ELIGIBLE:
        raise ValidationError(_("Scoring is closed for this application."))
    criteria = list(application.round.criteria.all())
    errors = {}
    for criterion in criteria:
        value, _comment = scores.get(criterion.pk, (None, ""))
        if value is None:
            errors[f"score_{criterion.pk}"] = _("Give a score for %(criterion)s.") % {
                "criterion": criterion.name
            }
        elif not isinstance(value, int) or not SCALE_MIN <= value <= SCALE_MAX:
            errors[f"score_{criterion.pk}"] = _(
                "%(criterion)s: the score must be between %(min)s and %(max)s."
            ) % {
                "criterion": criterion.name,
                "min": SCALE_MIN,
                "max": SCALE_MAX,
            }
    if set(scores) - {c.pk for c in criteria}:
        errors["__all__"] = _("A score refers to a criterion of another round.")
    if errors:
        raise ValidationError(errors)
    total = weighted_total((c.weight, scores[c.pk][0]) for c in criteria)
    review = getattr(assignment, "review", None) or Review(assignment=assignment)
    review.comment = comment.strip()
    review.weighted_total = total
    review.full_clean()
    review.save()
    review.scores.all().delete()
    for criterion in criteria:
        value, note = scores[criterion.pk]
        score = Score(review=review, criterion=criterion, value=value, comment=(note or "").strip())
        score.full_clean()
        score.save()
    return review
