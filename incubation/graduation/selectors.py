"""Reads of a cohort's participants with their graduation checks, the organiser dashboard and certificates.
Every figure is computed here, in a fixed number of queries whatever the number of participants; templates
only print."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from adimarko.core.numbers import floor_percent, round_percent
from incubation.coaching.models import AssignmentSubmission, MentoringSession
from incubation.coaching.progress import ParticipantProgress, cohort_progress
from incubation.cohorts.models import Cohort, Enrollment
from incubation.graduation.models import Certificate, EnrollmentEvent
from incubation.graduation.rules import GraduationCheck, graduation_check

# Progress bands of the dashboard chart: (lowest lessons %, label). The last band is "everything done".
PROGRESS_BANDS = ((0, "0–24%"), (25, "25–49%"), (50, "50–74%"), (75, "75–99%"), (100, "100%"))


# --- Participants ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ParticipantRow:
    enrollment: Enrollment
    progress: ParticipantProgress
    check: GraduationCheck
    certificate: Certificate | None  # the valid one, if any
    revoked: list[Certificate]
    withdrawal_reason: str

    @property
    def can_graduate(self) -> bool:
        return self.enrollment.status == Enrollment.Status.ACTIVE


def _enrollments(cohort: Cohort):
    return (
        Enrollment.objects.filter(cohort=cohort)
        .select_related("business__desa__parent", "business__storefront", "graduated_by")
        .prefetch_related(
            Prefetch("certificates", queryset=Certificate.objects.order_by("-issued_at")),
            Prefetch(
                "events",
                queryset=EnrollmentEvent.objects.filter(kind=EnrollmentEvent.Kind.WITHDRAWN).order_by("-at"),
                to_attr="withdrawals",
            ),
        )
        .order_by("business__name", "pk")
    )


def cohort_participants(cohort: Cohort, *, now: datetime | None = None) -> list[ParticipantRow]:
    progress = cohort_progress(cohort, now=now)
    rows = []
    for enrollment in _enrollments(cohort):
        enrollment.cohort = cohort
        certificates = list(enrollment.certificates.all())
        rows.append(
            ParticipantRow(
                enrollment=enrollment,
                progress=progress[enrollment.pk],
                check=graduation_check(cohort, progress[enrollment.pk]),
                certificate=next((c for c in certificates if c.is_valid), None),
                revoked=[c for c in certificates if not c.is_valid],
                withdrawal_reason=enrollment.withdrawals[0].note if enrollment.withdrawals else "",
            )
        )
    return rows


# --- Organiser dashboard ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Band:
    label: str
    count: int
    percent: int  # of the participants
    index: int = 0

    # Geometry of the inline SVG bar chart (20 px a row, 3 px a percent).
    @property
    def y(self) -> int:
        return self.index * 20 + 4

    @property
    def text_y(self) -> int:
        return self.index * 20 + 14

    @property
    def width(self) -> int:
        return self.percent * 3

    @property
    def label_x(self) -> int:
        return 76 + self.width


@dataclass(frozen=True)
class SessionAttendance:
    session: MentoringSession
    attended: int
    percent: int  # of the participants (active and graduated)


@dataclass
class CohortDashboard:
    cohort: Cohort
    participants: int  # active + graduated
    active: int
    graduates: int
    withdrawn: int
    eligible: int  # active participants who meet every rule now
    average_lessons_percent: int
    average_attendance_percent: int
    bands: list[Band] = field(default_factory=list)
    at_risk: list[tuple[Enrollment, int | None]] = field(default_factory=list)  # (enrollment, idle days)
    sessions_held: list[SessionAttendance] = field(default_factory=list)
    sessions_upcoming: list[MentoringSession] = field(default_factory=list)
    waiting_for_review: list[AssignmentSubmission] = field(default_factory=list)

    @property
    def chart_height(self) -> int:
        return len(self.bands) * 20 + 8


def _band_index(percent: int) -> int:
    index = 0
    for i, (lowest, _label) in enumerate(PROGRESS_BANDS):
        if percent >= lowest:
            index = i
    return index


def cohort_dashboard(cohort: Cohort, *, now: datetime | None = None) -> CohortDashboard:
    now = now or timezone.now()
    progress = cohort_progress(cohort, now=now)
    enrollments = list(
        Enrollment.objects.filter(cohort=cohort).select_related("business").order_by("business__name", "pk")
    )
    following = [e for e in enrollments if e.status in Enrollment.Status.with_access()]
    active = [e for e in enrollments if e.status == Enrollment.Status.ACTIVE]

    counts = [0] * len(PROGRESS_BANDS)
    for enrollment in following:
        # A band is a threshold ("75–99%"): the share rounded down, as the label reads.
        done = progress[enrollment.pk]
        counts[_band_index(floor_percent(done.lessons_completed, done.lessons_required, when_empty=100))] += 1
    bands = [
        Band(
            label=label,
            count=count,
            percent=round_percent(count, len(following), when_empty=0),
            index=index,
        )
        for index, ((_lowest, label), count) in enumerate(zip(PROGRESS_BANDS, counts, strict=True))
    ]

    threshold = now - timedelta(days=cohort.at_risk_after_days)
    at_risk = []
    for enrollment in active:
        last = progress[enrollment.pk].last_activity_at
        if last is None:
            at_risk.append((enrollment, None))
        elif last < threshold:
            at_risk.append((enrollment, (now - last).days))
    at_risk.sort(key=lambda pair: (pair[1] is not None, -(pair[1] or 0)))

    sessions = list(
        MentoringSession.objects.filter(cohort=cohort)
        .annotate(
            attended=Count(
                "attendance", filter=Q(attendance__enrollment__status__in=Enrollment.Status.with_access())
            )
        )
        .select_related("trainer")
        .order_by("starts_at")
    )
    held = [
        SessionAttendance(
            session=session,
            attended=session.attended,
            percent=round_percent(session.attended, len(following), when_empty=0),
        )
        for session in sessions
        if session.starts_at <= now
    ]

    waiting = list(
        AssignmentSubmission.objects.filter(enrollment__cohort=cohort)
        .latest_per_lesson()
        .waiting_for_review()
        .select_related("enrollment__business", "lesson", "submitted_by")
        .order_by("submitted_at")
    )

    def average(done: str, total: str) -> int:
        """The participants' mean share, to the nearest whole percent (every participant of a cohort has the
        same lessons and sessions, so it is the sum of what they did over the sum of what they had to)."""
        if not following:
            return 0
        rows = [progress[e.pk] for e in following]
        return round_percent(
            sum(getattr(row, done) for row in rows), sum(getattr(row, total) for row in rows), when_empty=100
        )

    return CohortDashboard(
        cohort=cohort,
        participants=len(following),
        active=len(active),
        graduates=sum(1 for e in enrollments if e.status == Enrollment.Status.GRADUATED),
        withdrawn=sum(1 for e in enrollments if e.status == Enrollment.Status.WITHDRAWN),
        eligible=sum(1 for e in active if graduation_check(cohort, progress[e.pk]).eligible),
        average_lessons_percent=average("lessons_completed", "lessons_required"),
        average_attendance_percent=average("sessions_attended", "sessions_held"),
        bands=bands,
        at_risk=at_risk,
        sessions_held=held,
        sessions_upcoming=[s for s in sessions if s.starts_at > now],
        waiting_for_review=waiting,
    )


# --- Participants' own pages -----------------------------------------------------------------------------
def enrollments_for_member(user):
    """The user's businesses' enrollments with their certificates, for "My incubation"."""
    if not user.is_authenticated:
        return Enrollment.objects.none()
    return (
        Enrollment.objects.for_member(user)
        .select_related("cohort", "business__storefront")
        .prefetch_related(
            Prefetch("certificates", queryset=Certificate.objects.valid(), to_attr="valid_certificates"),
        )
        .distinct()
        .order_by("-cohort__starts_on")
    )


def certificate_by_code(code: str) -> Certificate | None:
    return Certificate.objects.with_related().filter(code=code).first()
