"""Who may do what with assignments and mentoring: every role against every object kind, as permission
functions and as HTTP answers."""

from datetime import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from incubation.audition.models.rounds import WIB
from incubation.coaching import permissions as rules
from incubation.coaching.services.assignments import submission_create
from incubation.cohorts.permissions import can_run_cohort
from tests.factories import staff_user
from tests.incubation import coaching_factories as cf
from tests.incubation.cohort_factories import COHORT_ROLES

pytestmark = pytest.mark.django_db
ROLES = COHORT_ROLES


@pytest.fixture
def world():
    room = cf.Classroom(participants=3)
    other = cf.Classroom(participants=1, name="Angkatan Lain")
    graduate_user, graduate_business = room.people[2]
    cf.graduate(room.enrollment_of(graduate_business))
    submission = submission_create(lesson=room.lesson, enrollment=room.enrollment, by=room.user, text="Tugas")
    session = cf.session(cohort=room.cohort, by=room.trainer, starts_at=datetime(2026, 7, 1, 9, tzinfo=WIB))
    users = {
        "anonymous": AnonymousUser(),
        "buyer": cf.buyer(),
        "participant": room.user,
        "other_participant": other.user,
        "graduate": graduate_user,
        "trainer": room.trainer,
        "other_trainer": other.trainer,
        "staff": staff_user(),
    }
    return room, submission, session, users


EXPECTED = {
    # role: submit, view submission, review, see sessions, manage session, check in, attendance report
    "anonymous": (False, False, False, False, False, False, False),
    "buyer": (False, False, False, False, False, False, False),
    "participant": (True, True, False, True, False, True, False),
    "other_participant": (False, False, False, False, False, False, False),
    "graduate": (False, False, False, True, False, False, False),
    "trainer": (False, True, True, True, True, False, True),
    "other_trainer": (False, False, False, False, False, False, False),
    "staff": (False, True, True, True, True, False, True),
}


def test_permission_matrix(world):
    room, submission, session, users = world
    assert set(EXPECTED) == set(ROLES)
    for role, user in users.items():
        answers = (
            rules.can_submit_assignment(user, room.lesson),
            rules.can_view_submission(user, submission),
            rules.can_review_submission(user, submission),
            rules.can_view_sessions(user, room.cohort),
            rules.can_manage_session(user, session),
            rules.can_check_in(user, session),
            can_run_cohort(user, room.cohort),
        )
        assert tuple(allowed for allowed, _ in answers) == EXPECTED[role], role
        for allowed, reason in answers:
            assert allowed or reason, f"{role}: a refusal must say why"


def test_trainer_pages_answer_each_role(world, client):
    room, submission, session, users = world
    urls = {
        "detail": reverse("assignment_detail", args=[room.lesson.pk]),
        "review": reverse("assignment_review", args=[submission.pk]),
        "home": reverse("trainer_home"),
        "queue": reverse("assignment_queue"),
        "manage": reverse("session_manage", args=[session.pk]),
        "report": reverse("session_attendance_report", args=[room.cohort.pk]),
    }
    expected = {
        #                  detail review home queue manage report
        "anonymous": (302, 302, 302, 302, 302, 302),
        "buyer": (403, 403, 403, 403, 403, 403),
        "participant": (200, 403, 403, 403, 403, 403),
        "other_participant": (403, 403, 403, 403, 403, 403),
        "graduate": (200, 403, 403, 403, 403, 403),
        "trainer": (302, 200, 200, 200, 200, 200),
        "other_trainer": (403, 403, 200, 200, 403, 403),
        "staff": (302, 200, 200, 200, 200, 200),
    }
    for role, user in users.items():
        client.logout()
        if role != "anonymous":
            client.force_login(user)
        answers = tuple(client.get(url).status_code for url in urls.values())
        assert answers == expected[role], role


def test_a_graduate_reads_the_history_but_cannot_submit(world, client):
    room, _submission, _session, users = world
    client.force_login(users["graduate"])
    url = reverse("assignment_detail", args=[room.lesson.pk])
    response = client.get(url)
    assert response.context["form"] is None
    assert response.context["refusal"]
    client.post(url, {"text": "Setelah lulus"})
    assert not room.lesson.submissions.filter(text="Setelah lulus").exists()
