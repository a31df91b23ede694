"""Who may do what with cohorts, dashboards, certificates and alumni storefronts: every role against every
object kind (anonymous, buyer, participant, participant of another cohort, graduate, trainer of the cohort,
trainer of another cohort, staff)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from adimarko.core.roles import Role
from incubation.cohorts.permissions import can_manage_cohorts, can_run_cohort
from incubation.graduation.permissions import can_open_alumni_storefront, can_view_certificate
from tests.factories import UserFactory
from tests.incubation import cohort_factories as f
from tests.incubation import graduation_factories as g
from tests.incubation.cohort_factories import COHORT_ROLES

pytestmark = pytest.mark.django_db

ROLES = COHORT_ROLES


@pytest.fixture
def world():
    cohort, graduate_enrollment, certificate = g.graduated(participants=2)
    other = f.cohort(participants=1, name="Angkatan 2027")
    graduate = g.member(graduate_enrollment)
    participant = g.member(g.other_enrollment(cohort, graduate_enrollment))
    users = {
        "anonymous": AnonymousUser(),
        "buyer": UserFactory(roles=(Role.BUYER,)),
        "participant": participant,
        "other_participant": other.people[0][0],
        "graduate": graduate,
        "trainer": cohort.trainers.get(),
        "other_trainer": other.trainers.get(),
        "staff": g.staff(),
    }
    active_enrollment = cohort.enrollments.exclude(pk=graduate_enrollment.pk).get()
    return {
        "cohort": cohort,
        "certificate": certificate,
        "graduate_enrollment": graduate_enrollment,
        "active_enrollment": active_enrollment,
        "users": users,
    }


# role: (manage cohorts, run this cohort, view certificate, open alumni storefront for the graduate)
EXPECTED = {
    "anonymous": (False, False, False, False),
    "buyer": (False, False, False, False),
    "participant": (False, False, False, False),
    "other_participant": (False, False, False, False),
    "graduate": (False, False, True, True),
    "trainer": (False, True, False, False),
    "other_trainer": (False, False, False, False),
    "staff": (True, True, True, True),
}


@pytest.mark.parametrize("role", ROLES)
def test_permission_functions(world, role):
    user = world["users"][role]
    manage, run, view, storefront = EXPECTED[role]
    assert can_manage_cohorts(user)[0] is manage
    assert can_run_cohort(user, world["cohort"])[0] is run
    assert can_view_certificate(user, world["certificate"])[0] is view
    assert can_open_alumni_storefront(user, world["graduate_enrollment"])[0] is storefront
    # Nobody opens an alumni storefront for a participant who has not graduated.
    allowed, reason = can_open_alumni_storefront(user, world["active_enrollment"])
    assert allowed is False and reason


def _status(client, user, method, url, data=None):
    client.logout()
    if user.is_authenticated:
        client.force_login(user)
    return getattr(client, method)(url, data or {}).status_code


@pytest.mark.parametrize("role", ROLES)
def test_pages_answer_by_role(client, world, role):
    user = world["users"][role]
    cohort, certificate = world["cohort"], world["certificate"]
    manage, run, view, _storefront = EXPECTED[role]
    refused = 302 if role == "anonymous" else 403
    staff_pages = [
        reverse("cohort_detail", args=[cohort.slug]),
        reverse("cohort_edit", args=[cohort.slug]),
        reverse("cohort_enrollment_graduate", args=[world["active_enrollment"].pk]),
        reverse("cohort_enrollment_withdraw", args=[world["active_enrollment"].pk]),
        reverse("cohort_certificate_revoke", args=[certificate.code]),
    ]
    for url in staff_pages:
        assert _status(client, user, "get", url) == (200 if manage else refused), url
    for url in (
        reverse("cohort_graduate_all", args=[cohort.slug]),
        reverse("cohort_enroll", args=[cohort.slug]),
    ):
        assert _status(client, user, "post", url) == (302 if manage else refused), url
    # The cohort list: staff manage every cohort; trainers see their own cohorts' dashboards.
    trainer_role = role in ("trainer", "other_trainer")
    assert _status(client, user, "get", reverse("cohort_list")) == (
        200 if manage or trainer_role else refused
    )
    if manage or trainer_role:
        listed = client.get(reverse("cohort_list")).content.decode()
        assert (f'href="{reverse("cohort_dashboard", args=[cohort.slug])}"' in listed) is run
        assert (f'href="{reverse("cohort_detail", args=[cohort.slug])}"' in listed) is manage
    assert _status(client, user, "get", reverse("cohort_dashboard", args=[cohort.slug])) == (
        200 if run else refused
    )
    assert _status(client, user, "get", reverse("certificate_detail", args=[certificate.code])) == (
        200 if view else refused
    )
    # The public verification page answers everyone, the same way.
    assert _status(client, user, "get", reverse("certificate_verify", args=[certificate.code])) == 200


@pytest.mark.parametrize("role", [role for role in ROLES if not EXPECTED[role][0]])
def test_mutations_by_refused_roles_change_nothing(client, world, role):
    user = world["users"][role]
    active = world["active_enrollment"]
    _status(client, user, "post", reverse("cohort_enrollment_graduate", args=[active.pk]), {"note": "x"})
    _status(client, user, "post", reverse("cohort_enrollment_withdraw", args=[active.pk]), {"reason": "x"})
    _status(
        client,
        user,
        "post",
        reverse("cohort_certificate_revoke", args=[world["certificate"].code]),
        {"reason": "x"},
    )
    active.refresh_from_db()
    world["certificate"].refresh_from_db()
    assert active.status == "active"
    assert world["certificate"].is_valid
