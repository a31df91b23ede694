"""QR check-in: session-specific tokens that expire, accepted only in the session window and only from active
participants of the session's cohort; every refusal is a clear page, never a 500 and never attendance.
Time is moved by passing `now`, never by sleeping."""

from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from incubation.audition.models.rounds import WIB
from incubation.coaching.services import mentoring
from incubation.models import Attendance
from tests.incubation import coaching_factories as cf

pytestmark = pytest.mark.django_db
START = datetime(2026, 7, 1, 9, 0, tzinfo=WIB)  # session 09:00–11:00 WIB


@pytest.fixture
def room():
    return cf.Classroom(participants=2)


@pytest.fixture
def session(room):
    return cf.session(cohort=room.cohort, by=room.trainer, starts_at=START)


def _refused(code, **kwargs):
    with pytest.raises(mentoring.CheckinRefused) as refusal:
        mentoring.attendance_checkin(**kwargs)
    assert refusal.value.code == code
    assert refusal.value.message
    return refusal.value


def test_a_fresh_token_checks_in_once_and_touches_the_enrollment(room, session):
    now = START + timedelta(minutes=5)
    token = mentoring.checkin_token(session=session, now=now)
    attendance, created = mentoring.attendance_checkin(token=token, user=room.user, now=now)
    assert created
    assert (attendance.method, attendance.user, attendance.enrollment) == ("qr", room.user, room.enrollment)
    again, created_again = mentoring.attendance_checkin(
        token=token, user=room.user, now=now + timedelta(minutes=1)
    )
    assert (again.pk, created_again) == (attendance.pk, False)
    assert Attendance.objects.count() == 1
    room.enrollment.refresh_from_db()
    assert room.enrollment.last_activity_at == now + timedelta(minutes=1)


def test_a_token_expires_after_the_configured_minutes(room, session, settings):
    settings.MENTORING_CHECKIN_MINUTES = 10
    issued = START + timedelta(minutes=5)
    token = mentoring.checkin_token(session=session, now=issued)
    mentoring.checkin_session(token=token, now=issued + timedelta(minutes=10))  # still valid at the limit
    _refused("expired", token=token, user=room.user, now=issued + timedelta(minutes=10, seconds=1))
    settings.MENTORING_CHECKIN_MINUTES = 2
    _refused("expired", token=token, user=room.user, now=issued + timedelta(minutes=3))
    assert Attendance.objects.count() == 0


def test_tampered_and_other_session_tokens_are_refused(room, session):
    other = cf.session(cohort=room.cohort, by=room.trainer, starts_at=START, title="Sesi lain")
    now = START + timedelta(minutes=5)
    token = mentoring.checkin_token(session=session, now=now)
    session_pk, _, signed = token.partition(".")
    _refused("invalid", token=f"{other.pk}.{signed}", user=room.user, now=now)  # moved to another session
    _refused(
        "invalid", token=token[:-2] + ("AA" if not token.endswith("AA") else "BB"), user=room.user, now=now
    )
    _refused("invalid", token="rubbish", user=room.user, now=now)
    _refused("invalid", token="999999.abc:def", user=room.user, now=now)
    future = mentoring.checkin_token(session=session, now=now + timedelta(hours=1))
    _refused("invalid", token=future, user=room.user, now=now)
    assert Attendance.objects.count() == 0


def test_checkin_only_in_the_session_window(room, session):
    too_early = START - timedelta(minutes=31)
    _refused(
        "too_early",
        token=mentoring.checkin_token(session=session, now=too_early),
        user=room.user,
        now=too_early,
    )
    opens = START - timedelta(minutes=30)
    mentoring.checkin_session(token=mentoring.checkin_token(session=session, now=opens), now=opens)
    late = session.ends_at + timedelta(minutes=61)
    _refused("closed", token=mentoring.checkin_token(session=session, now=late), user=room.user, now=late)
    mentoring.session_cancel(session=session, by=room.trainer, now=START)
    during = START + timedelta(minutes=10)
    _refused(
        "cancelled", token=mentoring.checkin_token(session=session, now=during), user=room.user, now=during
    )
    assert Attendance.objects.count() == 0


def test_only_active_participants_of_the_cohort_check_in(room, session):
    now = START + timedelta(minutes=5)
    token = mentoring.checkin_token(session=session, now=now)
    other = cf.Classroom(name="Angkatan Lain")
    for user in (other.user, room.trainer, cf.buyer()):
        _refused("not_participant", token=token, user=user, now=now)
    cf.graduate(room.enrollment)
    _refused("not_participant", token=token, user=room.user, now=now)
    assert Attendance.objects.count() == 0


def test_the_pages_check_in_redirect_anonymous_and_show_errors(room, session, client):
    now = START + timedelta(minutes=5)
    token = mentoring.checkin_token(session=session, now=now)
    url = reverse("session_checkin", args=[token])
    assert url.startswith("/inkubasi/sesi/hadir/")
    with mock.patch.object(timezone, "now", return_value=now):
        anonymous = client.get(url)
        assert anonymous.status_code == 302
        assert anonymous["Location"].startswith(reverse("account_login"))
        assert "next=" in anonymous["Location"]
        client.force_login(room.user)
        done = client.get(url)
        assert done.status_code == 200
        assert Attendance.objects.filter(session=session, enrollment=room.enrollment).count() == 1
        client.force_login(cf.buyer())
        stranger = client.get(url)
        assert stranger.status_code == 403
        assert stranger.context["code"] == "not_participant"
    with mock.patch.object(timezone, "now", return_value=now + timedelta(minutes=11)):
        client.force_login(room.people[1][0])
        expired = client.get(url)
        assert expired.status_code == 400
        assert expired.context["code"] == "expired"
        assert client.get(reverse("session_checkin", args=["x.y"])).status_code == 400
    assert Attendance.objects.count() == 1


def test_the_trainer_screen_shows_a_fresh_qr_of_an_absolute_url(room, session, client):
    client.force_login(room.trainer)
    with mock.patch.object(timezone, "now", return_value=START + timedelta(minutes=1)):
        page = client.get(reverse("session_checkin_screen", args=[session.pk]))
        fragment = client.get(
            reverse("session_checkin_screen", args=[session.pk]), headers={"HX-Request": "true"}
        )
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html
    assert page.context["checkin_url"].startswith("http://testserver/inkubasi/sesi/hadir/")
    assert 'data-hx-trigger="every 60s"' in html
    assert fragment.templates[0].name == "incubation/coaching/mentoring/checkin_qr.html"
    token = page.context["checkin_url"].rstrip("/").rsplit("/", 1)[1]
    assert mentoring.checkin_session(token=token, now=START + timedelta(minutes=2)) == session
    client.force_login(room.user)
    assert client.get(reverse("session_checkin_screen", args=[session.pk])).status_code == 403
