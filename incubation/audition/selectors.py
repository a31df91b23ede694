"""Reads of the audition: open rounds, dashboards, ranking with score summaries, the cohort, the funnel."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from incubation.audition.models import (
    PASSED_SCREENING,
    Application,
    JuryAssignment,
    ProductCategory,
    Review,
    RoundPage,
    Status,
)
from incubation.audition.models.rounds import WIB
from incubation.audition.scoring import mean, spread, std_dev


# --- Rounds ----------------------------------------------------------------------------------------------
def rounds_open(now=None):
    now = now or timezone.now()
    today_wib = now.astimezone(WIB).date()
    return RoundPage.objects.live().filter(opens_at__lte=now, closes_on__gte=today_wib).order_by("closes_on")


def open_round(now=None) -> RoundPage | None:
    """The currently open audition call (the one closing first), or None. Used by the home page."""
    return rounds_open(now).first()


def rounds_for_staff():
    return RoundPage.objects.all().order_by("-closes_on")


# --- Applicants ------------------------------------------------------------------------------------------
def applications_for_applicant(*, user):
    return Application.objects.of_applicant(user)


def application_for_user_in_round(*, user, round: RoundPage) -> Application | None:
    if not user.is_authenticated:
        return None
    return applications_for_applicant(user=user).filter(round=round).first()


def application_detail_queryset():
    return Application.objects.with_related().prefetch_related(
        "documents__requirement", "events", "round__required_documents", "round__criteria"
    )


# --- Juries ----------------------------------------------------------------------------------------------
def assignments_for_jury(*, user, round: RoundPage | None = None):
    queryset = (
        JuryAssignment.objects.for_jury(user)
        .active()
        .exclude(application__status=Status.WITHDRAWN)
        .select_related("application__round", "application__business__desa__parent", "review")
        .order_by("application__round_id", "application_id")
    )
    if round is not None:
        queryset = queryset.filter(application__round=round)
    return queryset


# --- Scores and ranking ----------------------------------------------------------------------------------
@dataclass
class ScoreSummary:
    totals: list[Decimal] = field(default_factory=list)
    average: Decimal | None = None
    spread: Decimal | None = None
    std_dev: Decimal | None = None
    criterion_averages: dict[int, Decimal] = field(default_factory=dict)
    reviews: int = 0
    assigned: int = 0
    disagreement: bool = False


def summarise(application: Application, reviews: list[Review], assigned: int) -> ScoreSummary:
    totals = [r.weighted_total for r in reviews]
    per_criterion: dict[int, list[int]] = defaultdict(list)
    for review in reviews:
        for score in review.scores.all():
            per_criterion[score.criterion_id].append(score.value)
    gap = spread(totals)
    return ScoreSummary(
        totals=totals,
        average=mean(totals),
        spread=gap,
        std_dev=std_dev(totals),
        criterion_averages={cid: mean(values) for cid, values in per_criterion.items()},
        reviews=len(reviews),
        assigned=assigned,
        disagreement=bool(
            len(totals) > 1 and gap is not None and gap >= application.round.disagreement_threshold
        ),
    )


def _with_reviews(queryset):
    return queryset.prefetch_related(
        Prefetch(
            "assignments",
            queryset=JuryAssignment.objects.select_related("jury", "review").prefetch_related(
                "review__scores"
            ),
        )
    )


def score_summary(application: Application) -> ScoreSummary:
    assignments = list(
        JuryAssignment.objects.filter(application=application)
        .select_related("review")
        .prefetch_related("review__scores")
    )
    return _summary_from_assignments(application, assignments)


def _summary_from_assignments(application, assignments) -> ScoreSummary:
    active = [a for a in assignments if a.is_active]
    reviews = [a.review for a in active if hasattr(a, "review")]
    return summarise(application, reviews, len(active))


SORTS = {
    "score": lambda row: (row.summary.average is None, -(row.summary.average or 0), row.application.pk),
    "name": lambda row: (row.application.business.name.lower(), row.application.pk),
    "kecamatan": lambda row: (row.application.kecamatan.name, row.application.pk),
    "spread": lambda row: (-(row.summary.spread or 0), row.application.pk),
}


@dataclass
class RankingRow:
    rank: int
    application: Application
    summary: ScoreSummary


def round_ranking(
    *,
    round: RoundPage,
    kecamatan: str = "",
    category: str = "",
    sort: str = "score",
    statuses=PASSED_SCREENING,
    shortlisted_only: bool = False,
) -> list[RankingRow]:
    """Eligible and decided applications with their score summaries; rank is by average score."""
    queryset = _with_reviews(Application.objects.with_related().filter(round=round, status__in=statuses))
    if kecamatan:
        queryset = queryset.filter(business__desa__parent_id=kecamatan)
    if category:
        queryset = queryset.filter(category=category)
    if shortlisted_only:
        queryset = queryset.filter(shortlisted=True)
    rows = [RankingRow(0, a, _summary_from_assignments(a, list(a.assignments.all()))) for a in queryset]
    rows.sort(key=SORTS["score"])
    for position, row in enumerate(rows, start=1):
        row.rank = position
    if sort in SORTS and sort != "score":
        rows.sort(key=SORTS[sort])
    return rows


def round_applications_for_staff(*, round: RoundPage, status: str = ""):
    queryset = Application.objects.with_related().filter(round=round).exclude(status=Status.DRAFT)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.prefetch_related("documents", "assignments").order_by("submitted_at", "pk")


# --- Cohort (used by the incubation issue) ---------------------------------------------------------------
def round_accepted_applications(round: RoundPage):
    """The round's cohort: accepted applications with business, region and applicant loaded."""
    return (
        Application.objects.with_related()
        .filter(round=round, status=Status.ACCEPTED)
        .order_by("business__name")
    )


# --- Reports ---------------------------------------------------------------------------------------------
FUNNEL_STAGES = ("submitted", "eligible", "scored", "accepted")


def _stages(application: Application, scored_ids: set[int]) -> list[str]:
    stages = ["submitted"]
    if application.status in PASSED_SCREENING:
        stages.append("eligible")
        if application.pk in scored_ids:
            stages.append("scored")
    if application.status == Status.ACCEPTED:
        stages.append("accepted")
    return stages


def funnel_report(*, round: RoundPage) -> dict:
    """Counts per stage, overall and by kecamatan and by category. "Scored" = at least one jury review."""
    applications = list(
        Application.objects.submitted().filter(round=round).select_related("business__desa__parent")
    )
    scored_ids = set(
        Review.objects.filter(
            assignment__application__round=round, assignment__conflict_declared_at__isnull=True
        ).values_list("assignment__application_id", flat=True)
    )
    total = dict.fromkeys(FUNNEL_STAGES, 0)
    by_kecamatan: dict[str, dict[str, int]] = {}
    by_category: dict[str, dict[str, int]] = {}
    category_labels = dict(ProductCategory.choices)
    for application in applications:
        kecamatan = application.business.desa.parent.name
        category = str(category_labels.get(application.category, "-"))
        for stage in _stages(application, scored_ids):
            total[stage] += 1
            by_kecamatan.setdefault(kecamatan, dict.fromkeys(FUNNEL_STAGES, 0))[stage] += 1
            by_category.setdefault(category, dict.fromkeys(FUNNEL_STAGES, 0))[stage] += 1
    return {
        "total": total,
        "by_kecamatan": sorted(by_kecamatan.items()),
        "by_category": sorted(by_category.items()),
    }
