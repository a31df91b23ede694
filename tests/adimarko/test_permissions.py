"""The permission matrix: every role against every kind of business relation."""

import pytest
from django.contrib.auth.models import AnonymousUser

from adimarko.core import permissions
from adimarko.core.models import BusinessMembership
from adimarko.core.roles import Role
from tests.factories import BusinessFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    business = BusinessFactory()
    owner = business.memberships.get().user
    helper = UserFactory()
    BusinessMembership.objects.create(business=business, user=helper, role=BusinessMembership.Role.HELPER)
    other_seller = BusinessFactory().memberships.get().user
    return {
        "business": business,
        "anonymous": AnonymousUser(),
        "buyer": UserFactory(),
        "owner": owner,
        "helper": helper,
        "other_seller": other_seller,
        "jury": UserFactory(roles=(Role.JURY,)),
        "trainer": UserFactory(roles=(Role.TRAINER,)),
        "staff": UserFactory(roles=(Role.STAFF,)),
    }


#            actor:        view_private, edit,  manage_members, create, wagtail_admin
MATRIX = {
    "anonymous": (False, False, False, False, False),
    "buyer": (False, False, False, True, False),
    "owner": (True, True, True, True, False),
    "helper": (True, True, False, True, False),
    "other_seller": (False, False, False, True, False),
    "jury": (False, False, False, True, False),
    "trainer": (False, False, False, True, True),
    "staff": (True, True, True, True, True),
}


@pytest.mark.parametrize("actor", MATRIX)
def test_permission_matrix(world, actor):
    user, business = world[actor], world["business"]
    decisions = (
        permissions.can_view_business_private(user, business),
        permissions.can_edit_business(user, business),
        permissions.can_manage_members(user, business),
        permissions.can_create_business(user),
        permissions.can_access_wagtail_admin(user),
    )
    assert tuple(allowed for allowed, _reason in decisions) == MATRIX[actor]
    for allowed, reason in decisions:
        # A refusal always says why, in Indonesian; a permission never carries a reason.
        assert bool(reason) is not allowed


def test_refusal_reasons_are_indonesian(world):
    assert permissions.can_edit_business(world["buyer"], world["business"]) == (
        False,
        "Hanya anggota usaha ini yang boleh mengubahnya.",
    )
    assert permissions.can_manage_members(world["helper"], world["business"])[1] == (
        "Hanya pemilik usaha ini yang boleh mengundang atau menghapus anggota."
    )
