"""CSV exports of a round's applications and scores. NIK is always masked; blind review hides identity from
juries, who only ever get the applications assigned to them. Written by adimarko.core.exports (formulas
neutralised, control characters removed)."""

from adimarko.core import exports
from adimarko.core.roles import Role, has_role
from incubation.audition.models import Application, RoundPage
from incubation.audition.permissions import is_staff
from incubation.audition.selectors import _summary_from_assignments, _with_reviews

IDENTITY_COLUMNS = ["business", "nib", "owner_name", "owner_nik", "phone", "desa", "kecamatan"]


def _staff_rows(round: RoundPage):
    criteria = list(round.criteria.all())
    header = [
        "code",
        *IDENTITY_COLUMNS,
        "category",
        "product",
        "status",
        "submitted_at",
        "reviews",
        "average",
        "spread",
        "std_dev",
        *[f"avg: {c.name}" for c in criteria],
        "decision_reason",
    ]
    yield header
    queryset = _with_reviews(Application.objects.with_related().submitted().filter(round=round)).order_by(
        "pk"
    )
    for application in queryset:
        summary = _summary_from_assignments(application, list(application.assignments.all()))
        yield [
            application.code,
            application.business.name,
            application.business.nib,
            application.owner_name,
            application.masked_nik,
            application.business.phone,
            application.business.desa.name,
            application.kecamatan.name,
            application.get_category_display(),
            application.product_name,
            application.get_status_display(),
            application.submitted_at.isoformat() if application.submitted_at else "",
            summary.reviews,
            summary.average if summary.average is not None else "",
            summary.spread if summary.spread is not None else "",
            summary.std_dev if summary.std_dev is not None else "",
            *[summary.criterion_averages.get(c.pk, "") for c in criteria],
            application.decision_reason,
        ]


def _jury_rows(round: RoundPage, user):
    from incubation.audition.selectors import assignments_for_jury

    criteria = list(round.criteria.all())
    blind = round.blind_review
    identity = [] if blind else ["business", "owner_name", "kecamatan"]
    yield ["code", *identity, "category", "product", "my_total", *[c.name for c in criteria], "my_comment"]
    for assignment in assignments_for_jury(user=user, round=round).prefetch_related("review__scores"):
        application = assignment.application
        review = getattr(assignment, "review", None)
        by_criterion = {s.criterion_id: s.value for s in review.scores.all()} if review else {}
        who = [] if blind else [application.business.name, application.owner_name, application.kecamatan.name]
        yield [
            application.code,
            *who,
            application.get_category_display(),
            application.product_name,
            review.weighted_total if review else "",
            *[by_criterion.get(c.pk, "") for c in criteria],
            review.comment if review else "",
        ]


def round_csv(*, round: RoundPage, user) -> str:
    """The CSV text the user may have; callers check `can_export_round` first."""
    if is_staff(user):
        rows = _staff_rows(round)
    elif has_role(user, Role.JURY):
        rows = _jury_rows(round, user)
    else:
        rows = iter([])
    return exports.csv_text(rows)
