"""Mentoring sessions: scheduling with validation (WIB times), editing, cancelling, the participant's list,
trainer marking and the trainer home."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from incubation.audition.models.rounds import WIB
from incubation.coaching.progress import enrollment_progress
from incubation.coaching.services import mentoring
from incubation.coaching.services.assignments import submission_create
from incubation.models import Attendance, MentoringSession
from tests.incubation import coaching_factories as cf
from tests.incubation import cohort_factories as f

pytestmark = pytest.mark.django_db
START = datetime(2026, 7, 1, 9, 0, tzinfo=WIB)


@pytest.fixture
def room():
    return cf.Classroom(participants=3)


def _fields(**overrides):
    return {
        "title": "Mentoring",
        "starts_at": START,
        "ends_at": START + timedelta(hours=2),
        "mode": MentoringSession.Mode.ONSITE,
        "location": cf.CO_WORKING,
        **overrides,
    }


def test_validation_names_the_missing_link_place_and_bad_times(room):
    cases = [
        (_fields(mode="online", meeting_url=""), "meeting_url"),
        (_fields(location="   "), "location"),
        (_fields(ends_at=START - timedelta(minutes=1)), "ends_at"),
        (_fields(ends_at=START + timedelta(hours=13)), "ends_at"),
        (_fields(trainer=f.trainer()), "trainer"),
    ]
    for fields, field in cases:
        with pytest.raises(ValidationError) as error:
            mentoring.session_create(cohort=room.cohort, by=room.trainer, **fields)
        assert field in error.value.message_dict, field
    assert MentoringSession.objects.count() == 0
    online = mentoring.session_create(
        cohort=room.cohort, by=room.trainer, **_fields(mode="online", meeting_url="https://meet.example.id/x")
    )
    assert online.trainer == room.trainer


def test_trainer_schedules_in_wib_edits_and_cancels_through_the_pages(room, client):
    client.force_login(room.trainer)
    bad = client.post(
        reverse("session_create"),
        {
            "cohort": room.cohort.pk,
            "title": "Foto produk",
            "mode": "online",
            "starts_at": "2026-07-01T09:00",
            "ends_at": "2026-07-01T11:00",
        },
    )
    assert bad.status_code == 200
    assert "meeting_url" in bad.context["form"].errors
    assert MentoringSession.objects.count() == 0
    response = client.post(
        reverse("session_create"),
        {
            "cohort": room.cohort.pk,
            "title": "Foto produk",
            "mode": "online",
            "meeting_url": "https://meet.example.id/foto",
            "starts_at": "2026-07-01T09:00",
            "ends_at": "2026-07-01T11:00",
        },
    )
    session = MentoringSession.objects.get()
    assert response.status_code == 302
    assert session.starts_at == START  # 09:00 WIB = 02:00 UTC
    assert session.trainer == room.trainer

    edit = client.post(
        reverse("session_edit", args=[session.pk]),
        {
            "title": "Foto produk (di kantor)",
            "mode": "onsite",
            "location": cf.CO_WORKING,
            "starts_at": "2026-07-01T10:00",
            "ends_at": "2026-07-01T12:00",
        },
    )
    assert edit.status_code == 302
    session.refresh_from_db()
    assert (session.title, session.mode, session.location) == (
        "Foto produk (di kantor)",
        "onsite",
        cf.CO_WORKING,
    )
    assert session.starts_at == START + timedelta(hours=1)

    assert (
        client.post(reverse("session_cancel", args=[session.pk]), {"reason": "Pelatih sakit"}).status_code
        == 302
    )
    session.refresh_from_db()
    assert session.is_cancelled and session.cancel_reason == "Pelatih sakit"
    assert session.cancelled_by == room.trainer
    with pytest.raises(ValidationError):
        mentoring.session_update(session=session, by=room.trainer, title="Lagi")


def test_a_cancelled_session_does_not_count_for_attendance(room):
    held = cf.session(cohort=room.cohort, by=room.trainer)
    cancelled = cf.session(cohort=room.cohort, by=room.trainer, starts_at=START + timedelta(days=7))
    mentoring.session_cancel(session=cancelled, by=room.trainer, now=START)
    after = START + timedelta(days=30)
    mentoring.attendance_mark(session=held, by=room.trainer, present={room.enrollment.pk}, now=after)
    progress = enrollment_progress(room.enrollment, now=after)
    assert (progress.sessions_held, progress.sessions_attended, progress.attendance_percent) == (1, 1, 100)
    with pytest.raises(ValidationError):
        mentoring.attendance_mark(session=cancelled, by=room.trainer, present=set(), now=after)


def test_trainer_marks_present_and_absent_on_the_checklist(room, client):
    session = cf.session(
        cohort=room.cohort, by=room.trainer, starts_at=datetime(2026, 1, 5, 9, 0, tzinfo=WIB)
    )
    first, second, third = (room.enrollment_of(b) for _, b in room.people)
    Attendance.objects.create(session=session, enrollment=third, method="qr", user=room.people[2][0])
    client.force_login(room.trainer)
    url = reverse("session_manage", args=[session.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert room.business.name in page.content.decode()
    response = client.post(url, {"present": [str(first.pk), str(second.pk)]})
    assert response.status_code == 302
    rows = {a.enrollment_id: a for a in session.attendance.all()}
    assert set(rows) == {first.pk, second.pk}
    assert rows[first.pk].method == Attendance.Method.TRAINER
    assert rows[first.pk].recorded_by == room.trainer
    stranger = cf.Classroom(name="Angkatan Lain").enrollment
    with pytest.raises(ValidationError):
        mentoring.attendance_mark(
            session=session, by=room.trainer, present={stranger.pk}, now=datetime(2026, 1, 5, 9, tzinfo=WIB)
        )
    with pytest.raises(ValidationError) as early:
        mentoring.attendance_mark(
            session=session, by=room.trainer, present=set(), now=datetime(2026, 1, 1, tzinfo=WIB)
        )
    assert early.value.code == "not_started"


def test_participants_see_their_cohort_sessions_with_link_place_and_attendance(room, client):
    past = cf.session(cohort=room.cohort, by=room.trainer, starts_at=datetime(2026, 1, 5, 9, 0, tzinfo=WIB))
    future = cf.session(
        cohort=room.cohort,
        by=room.trainer,
        starts_at=datetime(2030, 1, 5, 19, 0, tzinfo=WIB),
        mode="online",
        title="Klinik toko online",
    )
    other = cf.Classroom(name="Angkatan Lain")
    cf.session(cohort=other.cohort, by=other.trainer, title="Rahasia angkatan lain")
    mentoring.attendance_mark(session=past, by=room.trainer, present={room.enrollment.pk}, now=past.ends_at)
    client.force_login(room.user)
    response = client.get(reverse("session_my_list"))
    html = response.content.decode()
    group = response.context["groups"][0]
    assert [s.pk for s in group["upcoming"]] == [future.pk]
    assert [s.pk for s in group["past"]] == [past.pk]
    assert group["past"][0].attended.method == Attendance.Method.TRAINER
    assert "https://meet.example.id/adimarko" in html
    assert cf.CO_WORKING in html
    assert "19:00" in html
    assert "Rahasia angkatan lain" not in html


def test_trainer_home_counts_waiting_reviews_and_lists_upcoming_sessions(room, client):
    submission_create(lesson=room.lesson, enrollment=room.enrollment, by=room.user, text="Tugas")
    upcoming = cf.session(cohort=room.cohort, by=room.trainer, starts_at=datetime(2030, 3, 1, 9, tzinfo=WIB))
    client.force_login(room.trainer)
    response = client.get(reverse("trainer_home"))
    assert response.status_code == 200
    assert response.context["waiting"] == 1
    assert [s.pk for s in response.context["upcoming"]] == [upcoming.pk]
    assert response.context["cohorts"] == [room.cohort]
    assert reverse("trainer_home") in client.get(reverse("assignment_queue")).content.decode()


def test_cancelling_an_upcoming_session_emails_the_active_participants(
    room, django_capture_on_commit_callbacks
):
    from django.core import mail

    cf.graduate(room.enrollment_of(room.people[2][1]))
    upcoming = cf.session(cohort=room.cohort, by=room.trainer, starts_at=datetime(2030, 1, 5, 9, tzinfo=WIB))
    with django_capture_on_commit_callbacks(execute=True):
        mentoring.session_cancel(session=upcoming, by=room.trainer, reason="Pelatih sakit", now=START)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted(user.email for user, _business in room.people[:2])
    assert "Pelatih sakit" in mail.outbox[0].body
    assert "dibatalkan" in mail.outbox[0].subject
    past = cf.session(cohort=room.cohort, by=room.trainer, starts_at=START)
    with django_capture_on_commit_callbacks(execute=True):
        mentoring.session_cancel(session=past, by=room.trainer, now=START + timedelta(days=1))
    assert len(mail.outbox) == 2  # a session that is over is cancelled quietly
