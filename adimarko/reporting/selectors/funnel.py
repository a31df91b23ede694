"""The funnel per audition round: applicants → eligible → accepted → graduated → active sellers, each stage
a set of businesses so that the businesses behind a figure can be listed."""

from dataclasses import dataclass

from django.db.models.functions import ExtractYear

from adimarko.core.models import Business
from adimarko.core.numbers import round_percent
from adimarko.reporting.definitions import FUNNEL_STAGE_DEFINITIONS
from adimarko.reporting.selectors.filters import ImpactFilter
from incubation.models import PASSED_SCREENING, Application, Enrollment, RoundPage, SalesChannel, Status
from shop.orders.models import SellerOrder

FUNNEL_STAGES = ("applicants", "eligible", "accepted", "graduated", "active_sellers")
ONLINE_CHANNELS = (SalesChannel.SOCIAL, SalesChannel.MARKETPLACE, SalesChannel.BOTH)
MARKETPLACE_CHANNELS = (SalesChannel.MARKETPLACE, SalesChannel.BOTH)


@dataclass(frozen=True)
class Stage:
    name: str
    label: str
    count: int
    percent: int | None  # of the applicants


@dataclass
class FunnelRow:
    round_id: int | None
    title: str
    year: int | None
    business_ids: dict[str, frozenset[int]]

    def count(self, stage: str) -> int:
        return len(self.business_ids[stage])

    @property
    def applicants(self) -> int:
        return self.count("applicants")

    @property
    def eligible(self) -> int:
        return self.count("eligible")

    @property
    def accepted(self) -> int:
        return self.count("accepted")

    @property
    def graduated(self) -> int:
        return self.count("graduated")

    @property
    def active_sellers(self) -> int:
        return self.count("active_sellers")

    @property
    def stages(self) -> list[Stage]:
        """Each stage with its count and share of the applicants, for charts and tables."""
        return [
            Stage(
                name=stage,
                label=str(FUNNEL_STAGE_DEFINITIONS[stage][0]),
                count=self.count(stage),
                percent=round_percent(self.count(stage), self.applicants),
            )
            for stage in FUNNEL_STAGES
        ]


@dataclass
class FunnelTotal:
    """The sum of the rounds' funnels: a business that applied twice counts twice."""

    rows: list[FunnelRow]
    round_id = None
    year = None
    title = ""

    def count(self, stage: str) -> int:
        return sum(row.count(stage) for row in self.rows)

    def businesses(self, stage: str) -> int:
        """Distinct businesses at the stage in any round (a business counts once)."""
        return len(frozenset().union(*(row.business_ids[stage] for row in self.rows)))

    unique_applicants = property(lambda self: self.businesses("applicants"))
    unique_graduated = property(lambda self: self.businesses("graduated"))
    unique_active_sellers = property(lambda self: self.businesses("active_sellers"))

    applicants = property(lambda self: self.count("applicants"))
    eligible = property(lambda self: self.count("eligible"))
    accepted = property(lambda self: self.count("accepted"))
    graduated = property(lambda self: self.count("graduated"))
    active_sellers = property(lambda self: self.count("active_sellers"))
    stages = FunnelRow.stages


def _rounds(filters: ImpactFilter) -> list[RoundPage]:
    rounds = RoundPage.objects.order_by("-closes_on", "-pk")
    if filters.round_id is not None:
        rounds = rounds.filter(pk=filters.round_id)
    if filters.start:
        rounds = rounds.filter(closes_on__gte=filters.start)
    if filters.end:
        rounds = rounds.filter(closes_on__lte=filters.end)
    return list(rounds.only("pk", "title", "closes_on"))


@dataclass
class FunnelData:
    rows: list[FunnelRow]
    applications: list[tuple]  # (round_id, business_id, status, sales_channel, has_smartphone, kecamatan)
    kecamatan_of: dict[int, str]


def funnel_data(filters: ImpactFilter) -> FunnelData:
    """The funnel rows with the applications they were counted from, for the pages that read both."""
    rounds = _rounds(filters)
    applications = Application.objects.submitted().filter(round__in=rounds)
    if filters.sector:
        applications = applications.filter(category=filters.sector)
    applications = list(
        applications.order_by().values_list(
            "round_id",
            "business_id",
            "status",
            "sales_channel",
            "has_smartphone",
            "business__desa__parent_id",
        )
    )
    graduated = set(
        Enrollment.objects.filter(cohort__round__in=rounds, status=Enrollment.Status.GRADUATED)
        .order_by()
        .values_list("cohort__round_id", "business_id")
    )
    # Active: sold as alumni (a sale before graduating is not the programme's outcome), in any sector.
    sellers = set(
        SellerOrder.objects.counted()
        .filter(filters.paid_in_period(), business__alumni_year__lte=ExtractYear("paid_at"))
        .order_by()
        .values_list("business_id", flat=True)
        .distinct()
    )
    stages: dict[int, dict[str, set[int]]] = {r.pk: {stage: set() for stage in FUNNEL_STAGES} for r in rounds}
    for round_id, business_id, status, *_ in applications:
        sets = stages[round_id]
        sets["applicants"].add(business_id)
        if status in PASSED_SCREENING:
            sets["eligible"].add(business_id)
            if status == Status.ACCEPTED:
                sets["accepted"].add(business_id)
                if (round_id, business_id) in graduated:
                    sets["graduated"].add(business_id)
                    if business_id in sellers:
                        sets["active_sellers"].add(business_id)
    rows = [
        FunnelRow(
            round_id=r.pk,
            title=r.title,
            year=r.closes_on.year,
            business_ids={stage: frozenset(ids) for stage, ids in stages[r.pk].items()},
        )
        for r in rounds
    ]
    return FunnelData(rows=rows, applications=applications, kecamatan_of={a[1]: a[5] for a in applications})


def round_funnel(*, filters: ImpactFilter) -> list[FunnelRow]:
    """Per audition round (newest first): applicants → eligible → accepted → graduated → active sellers."""
    return funnel_data(filters).rows


def funnel_total(rows: list[FunnelRow]) -> FunnelTotal:
    return FunnelTotal(rows=list(rows))


def funnel_businesses(*, filters: ImpactFilter, stage: str, round_id: int | None = None, kecamatan: str = ""):
    """The businesses behind a funnel figure (of one round, or of every round in the filter)."""
    if stage not in FUNNEL_STAGES:
        raise ValueError(f"unknown funnel stage {stage!r}")
    ids: set[int] = set()
    for row in round_funnel(filters=filters):
        if round_id is None or row.round_id == round_id:
            ids |= row.business_ids[stage]
    businesses = Business.objects.filter(pk__in=ids).with_region().order_by("name", "pk")
    if kecamatan:
        businesses = businesses.filter(desa__parent_id=kecamatan)
    return businesses
