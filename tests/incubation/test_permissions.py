"""Permission matrix: roles × object kinds (application, score, export, report), through the permission
functions AND the views. A jury never sees an unassigned application; an applicant never sees another's."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from adimarko.core.roles import Role
from incubation.audition import permissions
from incubation.audition.services.jury import review_submit
from tests.factories import UserFactory
from tests.incubation.factories import applicant, assign, jury, round_page, submitted

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "applicant_a",
    "applicant_b",
    "jury_assigned",
    "jury_unassigned",
    "trainer",
    "buyer",
    "staff",
]

# Expected (view application, view score, export round, view report) per role, for applicant A's application.
EXPECTED = {
    "anonymous": (False, False, False, False),
    "applicant_a": (True, False, False, False),
    "applicant_b": (False, False, False, False),
    "jury_assigned": (True, True, True, False),
    "jury_unassigned": (False, False, True, False),
    "trainer": (False, False, False, False),
    "buyer": (False, False, False, False),
    "staff": (True, True, True, True),
}


@pytest.fixture
def world():
    round = round_page()
    user_a, business_a = applicant(email="a@contoh.test")
    user_b, business_b = applicant(email="b@contoh.test")
    application_a = submitted(round=round, user=user_a, business=business_a)
    application_b = submitted(round=round, user=user_b, business=business_b)
    jury_assigned, jury_unassigned = jury(email="j1@contoh.test"), jury(email="j2@contoh.test")
    assignment = assign(application_a, jury_assigned)
    scores = {c.pk: (4, "") for c in round.criteria.all()}
    review = review_submit(assignment=assignment, scores=scores)
    assign(application_b, jury_unassigned)
    users = {
        "anonymous": AnonymousUser(),
        "applicant_a": user_a,
        "applicant_b": user_b,
        "jury_assigned": jury_assigned,
        "jury_unassigned": jury_unassigned,
        "trainer": UserFactory(roles=(Role.TRAINER,)),
        "buyer": UserFactory(),
        "staff": UserFactory(roles=(Role.STAFF,)),
    }
    return {"round": round, "application": application_a, "review": review, "users": users}


@pytest.mark.parametrize("role", ROLES)
def test_permission_functions(world, role):
    user = world["users"][role]
    got = (
        permissions.can_view_application(user, world["application"])[0],
        permissions.can_view_review(user, world["review"])[0],
        permissions.can_export_round(user, world["round"])[0],
        permissions.can_view_report(user, world["round"])[0],
    )
    assert got == EXPECTED[role]
    allowed, reason = permissions.can_view_application(user, world["application"])
    assert allowed or reason  # every refusal says why


@pytest.mark.parametrize("role", ROLES)
def test_views_follow_the_matrix(world, role, client):
    user = world["users"][role]
    if role != "anonymous":
        client.force_login(user)
    application, round = world["application"], world["round"]
    can_view, _score, can_export, can_report = EXPECTED[role]
    expected_refusal = 302 if role == "anonymous" else 403

    detail = client.get(reverse("audition_application_detail", args=[application.pk]))
    applicant_can_open = role in ("applicant_a", "staff")
    assert detail.status_code == (200 if applicant_can_open else expected_refusal)

    staff_detail = client.get(reverse("staff_audition_application", args=[application.pk]))
    assert staff_detail.status_code == (200 if role == "staff" else expected_refusal)

    report = client.get(reverse("staff_audition_report", args=[round.pk]))
    assert report.status_code == (200 if can_report else expected_refusal)

    staff_export = client.get(reverse("staff_audition_export", args=[round.pk]))
    assert staff_export.status_code == (200 if role == "staff" else expected_refusal)

    jury_export = client.get(reverse("jury_export", args=[round.pk]))
    is_jury = role in ("jury_assigned", "jury_unassigned")
    assert jury_export.status_code == (200 if is_jury else expected_refusal)
    if is_jury:
        rows = jury_export.content.decode().strip().splitlines()
        assert len(rows) == 2  # header + exactly their one assignment
        assert (application.code in rows[1]) is (role == "jury_assigned")

    assignment = application.assignments.get()
    jury_view = client.get(reverse("jury_application", args=[assignment.pk]))
    if role == "jury_assigned":
        assert jury_view.status_code == 200
    elif role == "anonymous":
        assert jury_view.status_code == 302
    else:
        assert jury_view.status_code in (403, 404)

    document = application.documents.get(requirement__label="Foto produk")
    file_response = client.get(reverse("audition_document", args=[document.pk]))
    assert file_response.status_code == (200 if can_view else expected_refusal)


def test_jury_list_shows_only_assigned_applications(world, client):
    client.force_login(world["users"]["jury_unassigned"])
    response = client.get(reverse("jury_home"))
    assert world["application"].code not in response.content.decode()
    assert world["application"].business.name not in response.content.decode()


def test_applicant_dashboard_shows_only_their_applications(world, client):
    client.force_login(world["users"]["applicant_b"])
    response = client.get(reverse("audition_home"))
    assert world["application"].business.name not in response.content.decode()
