"""Demo data for Adi Marko, built through the real services.

Deterministic (fixed seed, fixed lists) and idempotent: running it again updates what exists and creates only
what is missing. This is the ground floor's builder (logins, businesses); adimarko.demo.orchestrator calls
it and every app's own builder.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass

from adimarko.core import services
from adimarko.core.datafiles import read_json
from adimarko.core.models import Business, BusinessMembership, Region, User
from adimarko.core.roles import Role

DEMO_PASSWORD = "blitar-demo-2027"
STREETS = ("Merdeka", "Kenanga", "Anggrek", "Mawar", "Raya")
SEED = 3505


@dataclass(frozen=True)
class DemoLogin:
    email: str
    first_name: str
    last_name: str
    roles: tuple[Role, ...]
    superuser: bool = False


DEMO_LOGINS = (
    DemoLogin("admin@adimarko.test", "Admin", "Sistem", (Role.STAFF,), superuser=True),
    DemoLogin("staf@adimarko.test", "Sri", "Wahyuni", (Role.STAFF,)),
    DemoLogin("penjual@adimarko.test", "Bambang", "Setiawan", (Role.SELLER, Role.BUYER)),
    DemoLogin("juri@adimarko.test", "Dewi", "Lestari", (Role.JURY,)),
    DemoLogin("pelatih@adimarko.test", "Agus", "Prasetyo", (Role.TRAINER,)),
    DemoLogin("pembeli@adimarko.test", "Rina", "Kusuma", (Role.BUYER,)),
)

# (business name, kecamatan name, description, certification kinds): adimarko/core/data/demo_businesses.json
DEMO_BUSINESSES = tuple(
    (business["name"], business["kecamatan"], business["description"], tuple(business["certifications"]))
    for business in read_json("adimarko.core", "demo_businesses.json")
)


def demo_user(login: DemoLogin) -> User:
    user = User.objects.filter(email=login.email).first()
    if user is None:
        user = services.user_register(
            email=login.email, password=DEMO_PASSWORD, first_name=login.first_name, last_name=login.last_name
        )
    if login.superuser and not user.is_superuser:
        user.is_superuser = user.is_staff = True
        user.save(update_fields=["is_superuser", "is_staff"])
    for role in login.roles:
        services.user_role_grant(user=user, role=role)
    return user


def _owner(index: int) -> User:
    email = f"ikm{index:02d}@adimarko.test"
    user = User.objects.filter(email=email).first()
    if user is None:
        rng = random.Random(SEED + index)
        first = rng.choice(
            ["Siti", "Sugeng", "Endang", "Joko", "Wulan", "Hadi", "Sri", "Yuli", "Budi", "Ani"]
        )
        user = services.user_register(
            email=email, password=DEMO_PASSWORD, first_name=first, last_name="Blitar"
        )
    return user


def build_businesses(progress: Callable[[str], None] = lambda _msg: None) -> list[Business]:
    desa_by_kecamatan: dict[str, list[Region]] = {}
    for desa in Region.objects.desa().select_related("parent").order_by("code"):
        desa_by_kecamatan.setdefault(desa.parent.name, []).append(desa)
    seller = User.objects.get(email="penjual@adimarko.test")
    businesses = []
    for index, (name, kecamatan, description, certs) in enumerate(DEMO_BUSINESSES, start=1):
        rng = random.Random(SEED * 100 + index)
        desa = rng.choice(desa_by_kecamatan[kecamatan])
        fields = {
            "name": name,
            "nib": f"91203{index:08d}",
            "phone": f"0812{3350000 + index * 137:07d}",
            "address": f"Jl. {rng.choice(STREETS)} No. {rng.randint(1, 120)}",
            "desa": desa,
            "description": description,
        }
        owner = seller if index == 1 else _owner(index)
        business = Business.objects.filter(nib=fields["nib"]).first()
        if business is None:
            business = services.business_create(owner=owner, **fields)
        else:
            business = services.business_update(business=business, **fields)
        for kind in certs:
            number = f"{kind.upper()}-3505-{index:04d}"
            if not business.certifications.filter(kind=kind, number=number).exists():
                services.certification_add(
                    business=business,
                    kind=kind,
                    number=number,
                    expires_on=f"{2027 + index % 3}-0{1 + index % 9}-28",
                )
        businesses.append(business)
        progress(f"{index}/{len(DEMO_BUSINESSES)} {name}")
    # The demo seller's business has a helper too, so the members page shows both roles.
    helper = _owner(99)
    BusinessMembership.objects.get_or_create(
        business=businesses[0], user=helper, defaults={"role": BusinessMembership.Role.HELPER}
    )
    services.user_role_grant(user=helper, role=Role.SELLER)
    return businesses
