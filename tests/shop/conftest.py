import pytest

from adimarko.core.roles import Role
from tests.factories import BusinessFactory, UserFactory, staff_user


@pytest.fixture
def people(db):
    """One user per role, plus two sellers (A and B) who own one business each."""
    seller_a, seller_b = UserFactory(), UserFactory()
    business_a = BusinessFactory(owner=seller_a, name="Kopi Sirah Kencong")
    business_b = BusinessFactory(owner=seller_b, name="Gula Kelapa Bu Sumi")
    return {
        "anonymous": None,
        "buyer": UserFactory(),
        "seller_a": seller_a,
        "seller_b": seller_b,
        "jury": UserFactory(roles=(Role.JURY,)),
        "trainer": UserFactory(roles=(Role.TRAINER,)),
        "staff": staff_user(),
        "business_a": business_a,
        "business_b": business_b,
    }
