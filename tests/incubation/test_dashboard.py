"""Organiser dashboard: progress bands, participants at risk, attendance per session, assignments waiting for
review, graduates; figures from selectors in a number of queries that does not grow with participants."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from incubation.graduation.selectors import cohort_dashboard
from incubation.graduation.services import enrollment_graduate, enrollment_withdraw
from incubation.models import AssignmentSubmission
from tests.incubation import graduation_factories as g

pytestmark = pytest.mark.django_db


def build(participants=5):
    """Five participants: all done + graduated, all done, half done, nothing (never active), withdrawn."""
    cohort, lessons = g.course_cohort(participants=participants, at_risk_after_days=7)
    e = list(cohort.enrollments.order_by("pk"))
    now = timezone.now()
    held = g.sessions(cohort, held=2, upcoming=1, now=now)
    g.finish_everything(e[0], lessons, held)
    g.finish_everything(e[1], lessons, held[:1])
    g.complete(e[2], lessons[:1])
    g.submit(e[2], lessons[1], status=AssignmentSubmission.Status.REVISION)
    g.submit(e[2], lessons[1], status=AssignmentSubmission.Status.SUBMITTED)  # the current one waits
    enrollment_graduate(enrollment=e[0], by=g.staff())
    enrollment_withdraw(enrollment=e[4], by=None, reason="Mundur")
    type(e[0]).objects.filter(pk=e[0].pk).update(
        last_activity_at=now - timedelta(days=30)
    )  # graduate: no risk
    type(e[1]).objects.filter(pk=e[1].pk).update(last_activity_at=now - timedelta(days=1))
    type(e[2]).objects.filter(pk=e[2].pk).update(last_activity_at=now - timedelta(days=10))
    return cohort, e, lessons, now


def test_the_dashboard_figures():
    cohort, e, lessons, now = build()
    dashboard = cohort_dashboard(cohort, now=now)
    assert (dashboard.participants, dashboard.active, dashboard.graduates, dashboard.withdrawn) == (
        4,
        3,
        1,
        1,
    )
    assert dashboard.eligible == 0  # e[1] did everything but attended 1 of 2 sessions (50 % < 75 %)
    # lessons %: 100, 100, 50, 0 -> average 62.5, shown as 63 (to the nearest, halves up)
    assert dashboard.average_lessons_percent == 63
    # attendance %: 100, 50, 0, 0 -> average 37.5, shown as 38
    assert dashboard.average_attendance_percent == 38
    assert [(b.label, b.count, b.percent) for b in dashboard.bands] == [
        ("0–24%", 1, 25),
        ("25–49%", 0, 0),
        ("50–74%", 1, 25),
        ("75–99%", 0, 0),
        ("100%", 2, 50),
    ]
    assert [(enrollment.pk, days) for enrollment, days in dashboard.at_risk] == [
        (e[3].pk, None),
        (e[2].pk, 10),
    ]
    assert [(row.session.title, row.attended, row.percent) for row in dashboard.sessions_held] == [
        ("Sesi 2", 1, 25),  # two days ago
        ("Sesi 1", 2, 50),
    ]
    assert [s.title for s in dashboard.sessions_upcoming] == ["Sesi nanti 1"]
    assert [(s.enrollment_id, s.status) for s in dashboard.waiting_for_review] == [(e[2].pk, "submitted")]


def test_the_eligible_count_follows_the_attendance_rule():
    cohort, e, lessons, now = build()
    cohort.min_attendance_percent = 50
    assert cohort_dashboard(cohort, now=now).eligible == 1  # e[1] at 50 %
    cohort.min_attendance_percent = 51
    assert cohort_dashboard(cohort, now=now).eligible == 0


def test_the_page_prints_the_numbers_and_an_accessible_chart(client):
    cohort, e, lessons, now = build()
    client.force_login(cohort.trainers.get())
    response = client.get(reverse("cohort_dashboard", args=[cohort.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="img"' in html and "<desc" in html and "100% 2" in html
    assert "1/4 (25%)" in html and "2/4 (50%)" in html  # attendance per session
    assert "belum pernah aktif" in html and "tidak aktif 10 hari" in html
    assert e[2].business.name in html
    assert "Tugas: foto produk Anda" in html  # waiting for review
    (waiting,) = cohort_dashboard(cohort, now=now).waiting_for_review  # the current submission
    assert f"{reverse('assignment_queue')}?cohort={cohort.pk}" in html  # the queue, filtered to this cohort
    assert reverse("assignment_review", args=[waiting.pk]) in html
    assert reverse("session_attendance_report", args=[cohort.pk]) in html
    assert reverse("cohort_edit", args=[cohort.slug]) not in html  # trainers do not manage the cohort


def test_an_empty_cohort_has_an_empty_dashboard(client):
    cohort, _ = g.course_cohort(participants=0)
    client.force_login(g.staff())
    html = client.get(reverse("cohort_dashboard", args=[cohort.slug])).content.decode()
    assert "Tidak ada peserta yang berisiko." in html and "Belum ada sesi yang berlangsung." in html
    assert "Tidak ada yang menunggu diperiksa." in html


def _count_queries(cohort, now):
    with CaptureQueriesContext(connection) as queries:
        cohort_dashboard(cohort, now=now)
    return len(queries)


def test_queries_do_not_grow_with_participants(django_assert_max_num_queries, client):
    small, _, _, now = build(participants=5)
    baseline = _count_queries(small, now)
    big, lessons = g.course_cohort(participants=12, name="Angkatan Besar")
    held = g.sessions(big, held=3, now=now)
    for enrollment in big.enrollments.all():
        g.finish_everything(enrollment, lessons, held)
        g.submit(enrollment, lessons[1], status=AssignmentSubmission.Status.SUBMITTED)
    with django_assert_max_num_queries(baseline):
        dashboard = cohort_dashboard(big, now=now)
    assert dashboard.participants == 12 and len(dashboard.waiting_for_review) == 12

    client.force_login(g.staff())
    with CaptureQueriesContext(connection) as small_page:
        client.get(reverse("cohort_dashboard", args=[small.slug]))
    with django_assert_max_num_queries(len(small_page)):
        client.get(reverse("cohort_dashboard", args=[big.slug]))
    with CaptureQueriesContext(connection) as small_detail:
        client.get(reverse("cohort_detail", args=[small.slug]))
    with django_assert_max_num_queries(len(small_detail)):
        client.get(reverse("cohort_detail", args=[big.slug]))
