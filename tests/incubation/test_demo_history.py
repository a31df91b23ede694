"""The demo's past years (incubation/demo_history.py), built on the demo businesses and logins."""

import pytest
from django.db import transaction
from django.utils import translation

from adimarko.core import services as shared
from adimarko.core.demo import DEMO_LOGINS, build_businesses, demo_user
from adimarko.core.models import Business
from incubation.audition.models.rounds import WIB
from incubation.audition.selectors import round_ranking
from incubation.demo_history import MANUAL_NOTE, WITHDRAWAL_REASON, build_history
from incubation.models import (
    Application,
    ApplicationEvent,
    Attendance,
    Certificate,
    Cohort,
    Enrollment,
    EnrollmentEvent,
    Review,
    RoundPage,
    Status,
)
from shop.models import Storefront

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def history(django_db_setup, django_db_blocker):
    """The past years, built once for this module (both tests read them) inside a transaction that is rolled
    back afterwards, in Indonesian as every test runs. Each test runs in its own savepoint within it
    (pytest-django's django_db), so the second build of the idempotence check leaves nothing behind."""
    with django_db_blocker.unblock(), transaction.atomic(), translation.override("id"):
        shared.roles_sync()
        for login in DEMO_LOGINS:
            demo_user(login)
        build_businesses()
        yield build_history()
        transaction.set_rollback(True)


def _year(moment) -> int:
    return moment.astimezone(WIB).year


def test_past_rounds_are_decided_by_scores_and_their_graduates_are_the_alumni(history):
    assert history == {"past_applications": 20, "past_graduates": 11}
    for year, accepted, quota in ((2024, 7, 7), (2025, 5, 5)):
        round = RoundPage.objects.get(title=f"Audisi Adi Marko {year}")
        assert round.has_closed and round.year == year and round.quota == quota
        applications = Application.objects.filter(round=round)
        assert set(applications.values_list("status", flat=True)) == {
            Status.ACCEPTED,
            Status.WAITLISTED,
            Status.REJECTED,
            Status.INELIGIBLE,
        }
        assert applications.filter(status=Status.ACCEPTED).count() == accepted
        # Every eligible application was scored by two juries, and the ranking agrees with the decisions.
        assert Review.objects.filter(assignment__application__round=round).count() == 2 * (
            applications.exclude(status=Status.INELIGIBLE).count()
        )
        order = [row.application.status for row in round_ranking(round=round)]
        assert order == sorted(order, key=[Status.ACCEPTED, Status.WAITLISTED, Status.REJECTED].index), order

    # The cohorts: graduation by the attendance rule, by staff with a reason, and a withdrawal.
    first = Cohort.objects.get(name="Angkatan 2024")
    second = Cohort.objects.get(name="Angkatan 2025")
    assert (first.year, first.round.year, second.year, second.round.year) == (2024, 2024, 2025, 2025)
    statuses = dict(first.enrollments.values_list("business__name", "status"))
    assert statuses.pop("Batik Tulis Selopuro") == Enrollment.Status.WITHDRAWN
    assert set(statuses.values()) == {Enrollment.Status.GRADUATED} and len(statuses) == 6
    withdrawal = EnrollmentEvent.objects.get(kind=EnrollmentEvent.Kind.WITHDRAWN)
    assert withdrawal.note == WITHDRAWAL_REASON and withdrawal.enrollment.cohort == first
    # Three of four sessions meet the 75 % rule; Camilan Sukun attended two and was graduated by staff.
    manual = second.enrollments.get(graduation_note=MANUAL_NOTE)
    assert manual.business.name == "Camilan Sukun Kademangan"
    assert Attendance.objects.filter(enrollment=manual).count() == 2
    assert manual.events.filter(kind=EnrollmentEvent.Kind.GRADUATED_MANUALLY).exists()
    assert second.enrollments.filter(status=Enrollment.Status.GRADUATED).count() == 5
    assert EnrollmentEvent.objects.filter(kind=EnrollmentEvent.Kind.GRADUATED).count() == 10

    # Every graduate is an alumnus of its cohort's year, with a valid certificate and a curated storefront.
    graduates = Enrollment.objects.filter(status=Enrollment.Status.GRADUATED).select_related(
        "cohort", "business"
    )
    assert graduates.count() == 11
    for enrollment in graduates:
        year = enrollment.cohort.year
        assert enrollment.business.alumni_year == year
        certificate = Certificate.objects.valid().get(enrollment=enrollment)
        assert certificate.year == year and certificate.code.startswith(f"AM-{year}-")
        storefront = enrollment.business.storefront
        assert storefront.status == Storefront.Status.APPROVED
        assert enrollment.events.filter(kind=EnrollmentEvent.Kind.STOREFRONT_OPENED).count() == 1
    assert Business.objects.filter(alumni_year__isnull=False).count() == 11


def test_the_history_is_dated_in_its_year_and_built_once(history):
    for round in RoundPage.objects.all():
        year = round.year
        applications = Application.objects.filter(round=round)
        for application in applications:
            dates = [application.created_at, application.submitted_at, application.screened_at]
            dates += list(
                ApplicationEvent.objects.filter(application=application).values_list("created_at", flat=True)
            )
            if application.status != Status.INELIGIBLE:
                dates.append(application.decided_at)
            assert {_year(d) for d in dates} == {year}, application
        assert {
            _year(r.submitted_at) for r in Review.objects.filter(assignment__application__round=round)
        } == {year}
        cohort = Cohort.objects.get(round=round)
        moments = [cohort.created_at]
        for enrollment in cohort.enrollments.all():
            moments += [enrollment.enrolled_at, enrollment.last_activity_at]
            moments += list(enrollment.events.values_list("at", flat=True))
            moments += list(enrollment.certificates.values_list("issued_at", flat=True))
            if enrollment.status == Enrollment.Status.GRADUATED:
                moments += [enrollment.graduated_at, enrollment.business.storefront.created_at]
                moments.append(enrollment.business.storefront.reviewed_at)
        moments += list(
            Attendance.objects.filter(session__cohort=cohort).values_list("recorded_at", flat=True)
        )
        assert {_year(m) for m in moments} == {year}
        assert _year(round.first_published_at) == year

    # Idempotent: a second run keeps everything as it is.
    counts = (Application.objects.count(), Enrollment.objects.count(), Certificate.objects.count())
    assert build_history() == history
    assert counts == (Application.objects.count(), Enrollment.objects.count(), Certificate.objects.count())
