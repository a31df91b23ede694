"""Demo data for Adi Marko, built through the real services.

Deterministic (fixed seed, fixed lists) and idempotent: running it again updates what exists and creates only
what is missing. This is the ground floor's builder (logins, businesses); adimarko.demo.orchestrator calls
it and every app's own builder.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass

from adimarko.core import services
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

# (business name, kecamatan name, description, certification kinds)
DEMO_BUSINESSES = (
    (
        "Kopi Sirah Kencong",
        "Wlingi",
        "Kopi robusta petik merah dari lereng Kelud, disangrai sendiri.",
        ("halal", "pirt"),
    ),
    (
        "Gula Kelapa Bu Sumi",
        "Bakung",
        "Gula kelapa cetak dan gula semut organik dari nira pilihan.",
        ("halal", "pirt"),
    ),
    (
        "Keripik Tempe Srengat Jaya",
        "Srengat",
        "Keripik tempe tipis renyah, resep keluarga sejak 1995.",
        ("halal", "pirt"),
    ),
    (
        "Sambal Pecel Mbok Darmi",
        "Kanigoro",
        "Sambal pecel khas Blitar dengan kacang tanah sangrai.",
        ("halal", "pirt"),
    ),
    (
        "Madu Hutan Kademangan",
        "Kademangan",
        "Madu randu dan madu kelengkeng dari peternak lebah lokal.",
        ("halal", "bpom_md"),
    ),
    ("Kopi Karangrejo", "Garum", "Kopi bubuk dan biji sangrai untuk kedai kopi.", ("pirt",)),
    ("Anyaman Bambu Ponggok", "Ponggok", "Kerajinan anyaman bambu: tampah, besek dan keranjang.", ()),
    ("Gula Semut Wonotirto", "Wonotirto", "Gula semut kelapa kemasan 250 g dan 500 g.", ("halal",)),
    ("Keripik Pisang Talun", "Talun", "Keripik pisang agung rasa manis, asin dan balado.", ("halal", "pirt")),
    ("Jamu Gendong Sanankulon", "Sanankulon", "Jamu kunyit asam dan beras kencur siap minum.", ("pirt",)),
    (
        "Kopi Gandusari Lestari",
        "Gandusari",
        "Kopi arabika dan robusta dari kebun rakyat Gandusari.",
        ("halal",),
    ),
    ("Kerajinan Kayu Kesamben", "Kesamben", "Ukiran dan perabot kecil dari kayu jati limbah.", ()),
    ("Emping Melinjo Nglegok", "Nglegok", "Emping melinjo tipis tanpa pengawet.", ("pirt",)),
    ("Batik Tulis Selopuro", "Selopuro", "Batik tulis motif kendi dan mangga podang.", ()),
    ("Keripik Singkong Udanawu", "Udanawu", "Keripik singkong pedas manis dan original.", ("halal", "pirt")),
    ("Madu Klanceng Doko", "Doko", "Madu klanceng (trigona) kaya propolis.", ("pirt",)),
    ("Gula Merah Panggungrejo", "Panggungrejo", "Gula merah kelapa cetak tradisional.", ("halal",)),
    ("Rengginang Wonodadi", "Wonodadi", "Rengginang ketan aneka rasa siap goreng.", ("pirt",)),
    ("Sale Pisang Binangun", "Binangun", "Sale pisang basah dan kering.", ("pirt",)),
    ("Tenun Ikat Sutojayan", "Sutojayan", "Kain tenun ikat dan aksesori.", ()),
    ("Keripik Tempe Bu Yatmi", "Srengat", "Keripik tempe sagu dengan bumbu rempah.", ("halal",)),
    ("Kopi Luwak Wlingi", "Wlingi", "Kopi luwak liar bersertifikat, kemasan hadiah.", ("halal", "bpom_md")),
    ("Gula Kelapa Bakung Makmur", "Bakung", "Kelompok penderes nira Bakung, gula kelapa grade A.", ("pirt",)),
    (
        "Sambal Pecel Kanigoro Asli",
        "Kanigoro",
        "Sambal pecel pedas dan sedang, kemasan 250 g.",
        ("halal", "pirt"),
    ),
    ("Dodol Nanas Ponggok", "Ponggok", "Dodol dan selai nanas dari petani Ponggok.", ("pirt",)),
    ("Kerupuk Ikan Wates", "Wates", "Kerupuk ikan tongkol dan udang dari pesisir selatan.", ("halal",)),
    ("Kopi Bubuk Selorejo", "Selorejo", "Kopi bubuk tubruk robusta sangrai sedang.", ("pirt",)),
    ("Anyaman Pandan Wonotirto", "Wonotirto", "Tikar, tas dan dompet dari daun pandan.", ()),
    ("Madu Kelengkeng Talun", "Talun", "Madu kelengkeng murni dari kebun Talun.", ("pirt",)),
    ("Keripik Gadung Garum", "Garum", "Keripik gadung olahan aman dan renyah.", ("pirt",)),
    ("Camilan Sukun Kademangan", "Kademangan", "Keripik dan tepung sukun.", ("halal",)),
    ("Kendi Gerabah Nglegok", "Nglegok", "Gerabah kendi dan pot hias.", ()),
    (
        "Kopi Sanankulon Roastery",
        "Sanankulon",
        "Roastery kecil dengan kopi single origin Blitar.",
        ("halal", "pirt"),
    ),
)


def _user(login: DemoLogin) -> User:
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
