"""Screening, shortlist, batch decisions with templates, emails on commit, the cohort selector, the funnel."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from incubation.audition.screening import screening_checks
from incubation.audition.selectors import funnel_report, open_round, round_accepted_applications
from incubation.audition.services.applications import application_screen
from incubation.audition.services.decisions import application_shortlist, decision_batch_apply
from incubation.audition.services.jury import review_submit
from incubation.models import DecisionReason, Status
from tests.factories import staff_user
from tests.incubation.factories import assign, jury, open_now_round, round_page, submitted

pytestmark = pytest.mark.django_db


def test_screening_checks_and_staff_decision_with_reason():
    round = round_page(min_business_age_months=6)
    application = submitted(round=round, eligible=False)
    checks = {c.code: c.passed for c in screening_checks(application)}
    assert checks == {"domicile": True, "nik_region": True, "documents": True, "business_age": True}
    staff = staff_user()
    with pytest.raises(ValidationError):
        application_screen(application=application, eligible=False, by=staff)
    application = application_screen(
        application=application, eligible=False, reason="documents", note="NIB buram", by=staff
    )
    assert application.status == Status.INELIGIBLE
    assert application.events.last().note == "Dokumen kurang atau tidak terbaca — NIB buram"


def test_batch_decisions_email_applicants_and_form_the_cohort(django_capture_on_commit_callbacks):
    round = round_page(quota=1)
    staff = staff_user()
    first, second = submitted(round=round), submitted(round=round)
    application_shortlist(application=first, shortlisted=True)
    with django_capture_on_commit_callbacks(execute=True):
        batch = decision_batch_apply(
            round=round,
            applications=[first],
            outcome=Status.ACCEPTED,
            reason=DecisionReason.TOP_SCORE,
            message="Selamat {business}! Anda diterima di {round}.",
            by=staff,
        )
    first.refresh_from_db()
    assert first.status == Status.ACCEPTED
    assert first.decision_message == f"Selamat {first.business.name}! Anda diterima di {round.title}."
    assert batch.applications.count() == 1
    assert len(mail.outbox) == 1 and first.decision_message in mail.outbox[0].body
    # Quota of one: accepting another is refused and nothing changes.
    with pytest.raises(ValidationError):
        decision_batch_apply(
            round=round,
            applications=[second],
            outcome=Status.ACCEPTED,
            reason="top_score",
            message="x",
            by=staff,
        )
    second.refresh_from_db()
    assert second.status == Status.ELIGIBLE
    decision_batch_apply(
        round=round,
        applications=[second],
        outcome=Status.WAITLISTED,
        reason="quota",
        message="Daftar tunggu",
        by=staff,
    )
    assert list(round_accepted_applications(round)) == [first]


def test_funnel_by_kecamatan_and_category():
    round = round_page()
    staff = staff_user()
    a = submitted(round=round)
    submitted(round=round, eligible=False)
    review_submit(assignment=assign(a, jury()), scores={c.pk: (3, "") for c in round.criteria.all()})
    decision_batch_apply(
        round=round, applications=[a], outcome="accepted", reason="top_score", message="Ya", by=staff
    )
    report = funnel_report(round=round)
    assert report["total"] == {"submitted": 2, "eligible": 1, "scored": 1, "accepted": 1}
    assert report["by_kecamatan"] == [("Wlingi", {"submitted": 2, "eligible": 1, "scored": 1, "accepted": 1})]
    assert report["by_category"] == [
        ("Camilan (keripik, kerupuk)", {"submitted": 2, "eligible": 1, "scored": 1, "accepted": 1})
    ]


def test_open_round_selector():
    assert open_round() is None
    round_page(title="Audisi lama")  # 2027, in the future relative to... depends on today
    current = open_now_round(title="Audisi sekarang")
    assert open_round() == current
