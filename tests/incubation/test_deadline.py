"""Deadline semantics: the last day is accepted until 23:59:59 WIB; 00:00:00 WIB next day is refused."""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError

from incubation.audition.models.rounds import WIB
from incubation.audition.services.applications import application_submit, application_update
from incubation.models import Application, Status
from tests.incubation.factories import applicant, complete_draft, round_page

pytestmark = pytest.mark.django_db


def test_round_deadline_is_midnight_wib_after_the_last_day():
    round = round_page(closes_on=date(2027, 3, 31))
    assert round.deadline == datetime(2027, 4, 1, 0, 0, 0, tzinfo=WIB)
    assert round.is_open_at(datetime(2027, 3, 31, 23, 59, 59, tzinfo=WIB))
    assert not round.is_open_at(datetime(2027, 4, 1, 0, 0, 0, tzinfo=WIB))
    # 16:59:59 UTC is 23:59:59 WIB (UTC+7).
    assert round.is_open_at(datetime(2027, 3, 31, 16, 59, 59, tzinfo=ZoneUTC()))


def ZoneUTC():
    from datetime import UTC

    return UTC


def test_submission_at_235959_wib_on_the_closing_day_is_accepted():
    round = round_page(closes_on=date(2027, 3, 31))
    user, business = applicant()
    draft = complete_draft(round=round, user=user, business=business)
    application = application_submit(
        application=draft, by=user, now=datetime(2027, 3, 31, 23, 59, 59, tzinfo=WIB)
    )
    assert application.status == Status.SUBMITTED
    assert application.submitted_at == datetime(2027, 3, 31, 23, 59, 59, tzinfo=WIB)


def test_submission_at_midnight_wib_is_refused_and_the_draft_kept():
    round = round_page(closes_on=date(2027, 3, 31))
    user, business = applicant()
    draft = complete_draft(round=round, user=user, business=business)
    with pytest.raises(ValidationError) as exc:
        application_submit(application=draft, by=user, now=datetime(2027, 4, 1, 0, 0, 0, tzinfo=WIB))
    assert exc.value.messages == [
        "Pendaftaran ditutup pukul 23:59:59 WIB pada 31 Maret 2027. Lamaran tidak lagi diterima."
    ]
    draft = Application.objects.get(pk=draft.pk)
    assert draft.status == Status.DRAFT
    assert draft.product_name == "Keripik tempe original"
    assert draft.documents.count() == 2


def test_draft_edits_after_the_deadline_are_refused():
    round = round_page(closes_on=date(2027, 3, 31))
    user, business = applicant()
    draft = complete_draft(round=round, user=user, business=business)
    with pytest.raises(ValidationError):
        application_update(
            application=draft, by=user, now=datetime(2027, 4, 1, 0, 0, tzinfo=WIB), product_name="Baru"
        )
    assert Application.objects.get(pk=draft.pk).product_name == "Keripik tempe original"


def test_submission_before_opening_is_refused():
    round = round_page(opens_at=datetime(2027, 2, 1, 8, 0, tzinfo=WIB))
    user, business = applicant()
    draft = complete_draft(round=round, user=user, business=business)
    with pytest.raises(ValidationError) as exc:
        application_submit(application=draft, by=user, now=datetime(2027, 2, 1, 7, 59, 59, tzinfo=WIB))
    assert exc.value.messages == ["Putaran ini belum dibuka."]
