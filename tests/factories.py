"""factory_boy factories that build through the real services, so tests exercise the same paths as users."""

import io

import factory
from PIL import Image

from adimarko.core import services
from adimarko.core.models import Business, Region, User
from adimarko.core.roles import Role

PASSWORD = "rahasia-tes-2027"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"pengguna{n}@contoh.test")
    first_name = factory.Faker("first_name", locale="id_ID")
    last_name = factory.Faker("last_name", locale="id_ID")
    password = PASSWORD

    @classmethod
    def _create(cls, model_class, *, roles=(), **kwargs):
        user = services.user_register(**kwargs)
        for role in roles:
            services.user_role_grant(user=user, role=role)
        return user


def staff_user(**kwargs) -> User:
    return UserFactory(roles=(Role.STAFF,), **kwargs)


def desa(code: str = "35.05.17.1001") -> Region:
    """Beru, Wlingi by default."""
    return Region.objects.get(code=code)


class BusinessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Business

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Keripik Tempe Nomor {n}")
    nib = factory.Sequence(lambda n: f"{9120000000000 + n:013d}")
    phone = factory.Sequence(lambda n: f"0812{3000000 + n:07d}")
    address = "Jl. Merdeka No. 1"
    desa = factory.LazyFunction(desa)
    description = "Keripik tempe renyah khas Blitar."

    @classmethod
    def _create(cls, model_class, **kwargs):
        return services.business_create(**kwargs)


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (32, 32), color=(11, 110, 79)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt)
    return buffer.getvalue()


def business_form_data(**changes) -> dict:
    """A valid business form (POST data), with changes."""
    return {
        "name": "Gula Kelapa Bu Sumi",
        "nib": "9120301234567",
        "phone": "0812 3456 7890",
        "address": "Jl. Pantai Serang 4",
        "desa": "35.05.17.1001",
        "description": "Gula kelapa cetak.",
    } | changes
