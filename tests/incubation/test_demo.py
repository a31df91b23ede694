import pytest

from adimarko.demo import build_demo
from incubation.models import Application, JuryAssignment, RoundPage, Status
from incubation.selectors import open_round, round_accepted_applications

pytestmark = pytest.mark.django_db


def test_audition_demo_has_a_decided_round_with_a_cohort_and_an_open_round():
    totals = build_demo()
    past = RoundPage.objects.get(title="Audisi Adi Marko 2026")
    current = RoundPage.objects.get(title="Audisi Adi Marko 2027")
    assert past.has_closed and past.blind_review
    assert round_accepted_applications(past).count() == 6 == totals["cohort_2026"]
    statuses = set(Application.objects.filter(round=past).values_list("status", flat=True))
    assert statuses == {Status.ACCEPTED, Status.WAITLISTED, Status.REJECTED, Status.INELIGIBLE}
    assert JuryAssignment.objects.filter(jury__email="juri@adimarko.test", application__round=past).exists()
    assert open_round() == current
    current_statuses = list(Application.objects.filter(round=current).values_list("status", flat=True))
    assert current_statuses.count(Status.DRAFT) == 6
    assert current_statuses.count(Status.SUBMITTED) == 1 and current_statuses.count(Status.ELIGIBLE) == 2
    assert JuryAssignment.objects.filter(application__round=current, review__isnull=True).count() == 4
    assert Application.objects.filter(round=current, business__slug="kopi-sirah-kencong").exists()
    assert build_demo() == totals
