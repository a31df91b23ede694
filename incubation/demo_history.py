"""The programme's past years: "Audisi Adi Marko 2024" and "Audisi Adi Marko 2025", each with applications
(accepted, waiting list, not accepted, not eligible), jury scores, decisions, a cohort with mentoring sessions
and attendance, graduates with certificates and their alumni storefronts. Built through the same services as
users, so every "Alumni Adi Marko <year>" badge of the demo marketplace belongs to a graduate of that year's
cohort (the 2026 graduate comes from `incubation.demo_graduation`).

The services stamp "now" on what they record; each step passes `now=` where the service takes it, and the
timestamps it does not take (screening, decisions, reviews, enrollment, attendance, storefront) are moved back
to the round's year with a queryset `update()` right after the call, so the history reads right.

Deterministic (fixed business lists, fixed seed) and idempotent (a round that exists is kept as it is).
`build_demo` calls it after the businesses, logins and home page exist and before the catalogue: the alumni
storefronts are opened (and curated) here, so the catalogue finds them approved and indexes the products with
the alumni badge already set.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from wagtail.models import Page

from adimarko.core.datafiles import read_json
from adimarko.core.models import Business, User
from incubation.audition.models.rounds import WIB
from incubation.audition.services import applications as application_services
from incubation.audition.services import decisions as decision_services
from incubation.audition.services import jury as jury_services
from incubation.coaching.services import mentoring
from incubation.cohorts.services import cohort_create
from incubation.demo import TEMPLATES, demo_decide, demo_draft, demo_juries, demo_round, demo_submit
from incubation.graduation.services import (
    alumni_storefront_open,
    cohort_graduate_eligible,
    enrollment_graduate,
    enrollment_withdraw,
)
from incubation.models import (
    Application,
    ApplicationDocument,
    ApplicationEvent,
    Attendance,
    Cohort,
    DecisionBatch,
    Enrollment,
    EnrollmentEvent,
    JuryAssignment,
    MentoringSession,
    Review,
    RoundPage,
    Status,
)
from shop.models import Storefront
from shop.services import storefront_decide

SEED = 3505
STAFF_EMAIL = "staf@adimarko.test"
TRAINER_EMAIL = "pelatih@adimarko.test"
CO_WORKING = "Co-working space Disperindag Kabupaten Blitar"
# The past cohorts' sessions, the texts staff wrote and the past rounds (incubation/data/demo_history.json).
HISTORY = read_json("incubation", "demo_history.json")
# (title, month, day) of the four sessions of a past cohort, 09:00–12:00 WIB.
SESSIONS = tuple((session["title"], session["month"], session["day"]) for session in HISTORY["sessions"])
WITHDRAWAL_REASON = HISTORY["withdrawal_reason"]
MANUAL_NOTE = HISTORY["manual_note"]


@dataclass(frozen=True)
class PastRound:
    """One past audition. Businesses are the demo businesses' positions (1-based, by NIB, as in
    adimarko.core.demo.DEMO_BUSINESSES)."""

    year: int
    quota: int
    blind: bool
    accepted: tuple[int, ...]
    waitlisted: tuple[int, ...]
    rejected: tuple[int, ...]
    ineligible: tuple[int, ...]
    # Sessions (1-based) each accepted business misses; a business in `withdrawn` leaves after session 2.
    missed: dict[int, tuple[int, ...]]
    withdrawn: tuple[int, ...] = ()
    manual: tuple[int, ...] = ()  # graduated by staff with MANUAL_NOTE (attendance below the minimum)

    @classmethod
    def from_data(cls, data: dict) -> "PastRound":
        """A round of the data file: its lists as tuples, `missed` keyed by business position."""
        fields = {name: tuple(value) if isinstance(value, list) else value for name, value in data.items()}
        del fields["note"]
        fields["missed"] = {int(position): tuple(sessions) for position, sessions in data["missed"].items()}
        return cls(**fields)

    @property
    def title(self) -> str:
        return f"Audisi Adi Marko {self.year}"

    def at(self, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
        return datetime(self.year, month, day, hour, minute, tzinfo=WIB)


# Each round's "note" in the data file names the businesses and what becomes of them.
PAST_ROUNDS = tuple(PastRound.from_data(past) for past in HISTORY["past_rounds"])


def _business(position: int) -> Business:
    return Business.objects.get(nib=f"91203{position:08d}")


def _backdate_application(application: Application, *, drafted, submitted, screened, decided=None) -> None:
    """Move what the services stamped with "now" back to when it happened."""
    fields = {"created_at": drafted, "screened_at": screened, "updated_at": decided or screened}
    if decided:
        fields["decided_at"] = decided
    Application.objects.filter(pk=application.pk).update(**fields)
    ApplicationDocument.objects.filter(application=application).update(uploaded_at=drafted)
    events = ApplicationEvent.objects.filter(application=application)
    events.filter(status=Status.DRAFT).update(created_at=drafted)
    events.filter(status=Status.SUBMITTED).update(created_at=submitted)
    events.filter(status__in=[Status.ELIGIBLE, Status.INELIGIBLE]).update(created_at=screened)
    if decided:
        events.filter(status__in=[Status.ACCEPTED, Status.WAITLISTED, Status.REJECTED]).update(
            created_at=decided
        )


def _audition(past: PastRound, staff: User, rng: random.Random) -> RoundPage | None:
    round, created = demo_round(
        title=past.title,
        opens_at=past.at(2, 5, 8),
        closes_on=date(past.year, 3, 31),
        quota=past.quota,
        blind=past.blind,
    )
    if not created:
        return None
    published = past.at(1, 22, 9)
    Page.objects.filter(pk=round.pk).update(
        first_published_at=published, last_published_at=published, latest_revision_created_at=published
    )
    round.revisions.update(created_at=published)
    outcomes = {
        **{p: Status.ACCEPTED for p in past.accepted},
        **{p: Status.WAITLISTED for p in past.waitlisted},
        **{p: Status.REJECTED for p in past.rejected},
        **{p: Status.INELIGIBLE for p in past.ineligible},
    }
    screened, decided = past.at(4, 3, 9), past.at(4, 24, 10)
    applications, drafted = {}, {}
    for number, position in enumerate(sorted(outcomes)):
        drafted[position] = past.at(2, 12 + number, 9)
        application = demo_draft(round, _business(position), drafted[position], rng, complete=True)
        application = demo_submit(application, past.at(3, 4 + number, 11, 30))
        eligible = outcomes[position] != Status.INELIGIBLE
        application_services.application_screen(
            application=application,
            eligible=eligible,
            reason="" if eligible else "documents",
            note="" if eligible else "Foto KTP buram dan tidak diperbarui sampai batas waktu.",
            by=staff,
        )
        applications[position] = application
    jury_services.jury_auto_assign(round=round, by=staff)
    JuryAssignment.objects.filter(application__round=round).update(created_at=past.at(4, 4, 9))
    # Scores that put the accepted first, then the waiting list, then the rest (levels 1–5 per criterion).
    bands = {Status.ACCEPTED: (4, 5, 4), Status.WAITLISTED: (3, 4, 3), Status.REJECTED: (2, 3, 2)}
    criteria = list(round.criteria.all())
    for position, application in applications.items():
        outcome = outcomes[position]
        if outcome == Status.INELIGIBLE:
            continue
        low, high, first = bands[outcome]  # the first criterion (product quality) separates the groups
        for assignment in application.assignments.active().order_by("pk"):
            scores = {c.pk: (rng.randint(low, high), "") for c in criteria}
            scores[criteria[0].pk] = (first if outcome != Status.ACCEPTED else rng.randint(low, high), "")
            jury_services.review_submit(
                assignment=assignment, scores=scores, comment="Dinilai di sidang juri."
            )
    Review.objects.filter(assignment__application__round=round).update(submitted_at=past.at(4, 15, 14))
    for outcome, reason in (
        (Status.ACCEPTED, "top_score"),
        (Status.WAITLISTED, "quota"),
        (Status.REJECTED, "readiness"),
    ):
        chosen = [applications[p] for p in sorted(outcomes) if outcomes[p] == outcome]
        demo_decide(round=round, applications=chosen, outcome=outcome, reason=reason, staff=staff)
    DecisionBatch.objects.filter(round=round).update(created_at=decided)
    for position, application in applications.items():
        _backdate_application(
            application,
            drafted=drafted[position],
            submitted=application.submitted_at,
            screened=screened,
            decided=None if outcomes[position] == Status.INELIGIBLE else decided,
        )
    return round


def _cohort(past: PastRound, round: RoundPage, staff: User, trainer: User) -> Cohort:
    cohort = cohort_create(
        round=round,
        name=f"Angkatan {past.year}",
        starts_on=date(past.year, 5, 6),
        ends_on=date(past.year, 10, 31),
        by=staff,
        trainers=[trainer],
        min_attendance_percent=75,
        at_risk_after_days=14,
    )
    created = past.at(4, 29, 9)
    Cohort.objects.filter(pk=cohort.pk).update(created_at=created)
    cohort.enrollments.update(enrolled_at=created)
    enrollments = {e.business.nib: e for e in cohort.enrollments.select_related("business")}
    by_position = {p: enrollments[f"91203{p:08d}"] for p in past.accepted}
    for number, (title, month, day) in enumerate(SESSIONS, start=1):
        starts_at = past.at(month, day, 9)
        session = mentoring.session_create(
            cohort=cohort,
            by=trainer,
            title=title,
            description="Sesi mentoring Adi Marko bersama pelatih.",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=3),
            mode=MentoringSession.Mode.ONSITE,
            location=CO_WORKING,
            trainer=trainer,
        )
        if number == 3:  # between the second and the third session
            for position in past.withdrawn:
                enrollment_withdraw(
                    enrollment=by_position[position],
                    by=staff,
                    reason=WITHDRAWAL_REASON,
                    now=past.at(7, 8, 10),
                )
        present = {
            enrollment.pk
            for position, enrollment in by_position.items()
            if number not in past.missed.get(position, ())
            and not (number >= 3 and position in past.withdrawn)
        }
        mentoring.attendance_mark(session=session, by=trainer, present=present, now=session.ends_at)
        Attendance.objects.filter(session=session).update(recorded_at=session.ends_at)
        Enrollment.objects.filter(pk__in=present).update(last_activity_at=session.ends_at)
    return cohort


def _graduation(past: PastRound, cohort: Cohort, staff: User) -> None:
    graduated_at = past.at(11, 12, 10)
    cohort_graduate_eligible(cohort=cohort, by=staff, now=graduated_at)
    for position in past.manual:
        enrollment = cohort.enrollments.get(business__nib=f"91203{position:08d}")
        enrollment_graduate(enrollment=enrollment, by=staff, note=MANUAL_NOTE, now=graduated_at)
    opened, reviewed = past.at(11, 14, 10), past.at(11, 18, 14)
    for enrollment in cohort.enrollments.filter(status=Enrollment.Status.GRADUATED).order_by(
        "business__name"
    ):
        storefront = alumni_storefront_open(enrollment=enrollment, by=staff)
        if storefront.status == Storefront.Status.PENDING:
            storefront_decide(storefront=storefront, by=staff, approve=True, notify=False)
        Storefront.objects.filter(pk=storefront.pk).update(created_at=opened, reviewed_at=reviewed)
        enrollment.events.filter(kind=EnrollmentEvent.Kind.STOREFRONT_OPENED).update(at=opened)


def build_history(progress: Callable[[str], None] = lambda _msg: None) -> dict[str, int]:
    staff = User.objects.get(email=STAFF_EMAIL)
    trainer = User.objects.get(email=TRAINER_EMAIL)
    demo_juries()
    for name, outcome, reason, body in TEMPLATES:
        decision_services.decision_template_save(name=name, outcome=outcome, reason=reason, body=body)
    for past in PAST_ROUNDS:
        progress(f"history: {past.title}")
        round = _audition(past, staff, random.Random(SEED + past.year))  # one sequence per round
        if round is None:  # built before: kept as it is
            continue
        cohort = _cohort(past, round, staff, trainer)
        _graduation(past, cohort, staff)
    titles = [past.title for past in PAST_ROUNDS]
    return {
        "past_applications": Application.objects.filter(round__title__in=titles).count(),
        "past_graduates": Enrollment.objects.filter(
            cohort__round__title__in=titles, status=Enrollment.Status.GRADUATED
        ).count(),
    }
