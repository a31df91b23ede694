"""Attendance report: participants × held sessions with percentages from cohort_progress, and its CSV."""

import csv
import io
from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from incubation.audition.models.rounds import WIB
from incubation.coaching.selectors import attendance_report
from incubation.coaching.services import mentoring
from tests.incubation import coaching_factories as cf

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 8, 1, 12, 0, tzinfo=WIB)


@pytest.fixture
def room():
    room = cf.Classroom(participants=3)
    first, second, third = (room.enrollment_of(b) for _, b in room.people)
    room.enrollments = (first, second, third)
    sessions = [
        cf.session(cohort=room.cohort, by=room.trainer, starts_at=datetime(2026, 7, day, 9, tzinfo=WIB))
        for day in (1, 8, 15, 22)
    ]
    future = cf.session(cohort=room.cohort, by=room.trainer, starts_at=datetime(2026, 9, 1, 9, tzinfo=WIB))
    cancelled = cf.session(
        cohort=room.cohort, by=room.trainer, starts_at=datetime(2026, 7, 29, 9, tzinfo=WIB)
    )
    mentoring.session_cancel(session=cancelled, by=room.trainer, now=NOW - timedelta(days=10))
    presence = {0: {first, second, third}, 1: {first, second}, 2: {first, second}, 3: {first}}
    for index, session in enumerate(sessions):
        if index == 0:  # QR for the first, the trainer ticks the rest
            for user, _business in room.people:
                when = session.starts_at + timedelta(minutes=5)
                token = mentoring.checkin_token(session=session, now=when)
                mentoring.attendance_checkin(token=token, user=user, now=when)
        else:
            mentoring.attendance_mark(
                session=session, by=room.trainer, present={e.pk for e in presence[index]}, now=session.ends_at
            )
    room.sessions, room.future = sessions, future
    return room


def test_the_matrix_counts_held_sessions_only_and_flags_low_attendance(room):
    report = attendance_report(cohort=room.cohort, now=NOW)
    assert [s.pk for s in report.sessions] == [s.pk for s in room.sessions]
    rows = {row.enrollment.pk: row for row in report.rows}
    first, second, third = room.enrollments
    assert [bool(c) for c in rows[first.pk].cells] == [True, True, True, True]
    assert [bool(c) for c in rows[third.pk].cells] == [True, False, False, False]
    assert rows[first.pk].cells[0].method == "qr" and rows[first.pk].cells[1].method == "trainer"
    percents = {pk: (row.progress.attendance_percent, row.below_minimum) for pk, row in rows.items()}
    assert percents == {first.pk: (100, False), second.pk: (75, False), third.pk: (25, True)}


def test_the_report_page_and_csv(room, client):
    client.force_login(room.trainer)
    with mock.patch.object(timezone, "now", return_value=NOW):
        page = client.get(reverse("session_attendance_report", args=[room.cohort.pk]))
        response = client.get(reverse("session_attendance_csv", args=[room.cohort.pk]))
    assert page.status_code == 200
    assert "25%" in page.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())  # Excel set to Indonesian: BOM and `;`
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows[0]) == 1 + 4 + 3
    assert rows[0][1].startswith("2026-07-01 09:00")
    by_name = {row[0]: row for row in rows[1:]}
    third_name = room.enrollments[2].business.name
    assert by_name[third_name][-3:] == ["1", "4", "25"]
    assert by_name[room.enrollments[0].business.name][-1] == "100"
    assert len(rows) == 4


def test_the_report_is_for_the_cohorts_trainers_and_staff_only(room, client):
    url = reverse("session_attendance_report", args=[room.cohort.pk])
    csv_url = reverse("session_attendance_csv", args=[room.cohort.pk])
    client.force_login(cf.Classroom(name="Angkatan Lain").trainer)
    assert client.get(url).status_code == 403
    assert client.get(csv_url).status_code == 403
    client.force_login(room.user)
    assert client.get(csv_url).status_code == 403
