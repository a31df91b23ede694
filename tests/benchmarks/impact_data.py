"""Five years of a synthetic Adi Marko programme for the impact benchmark (deterministic: Random(SEED)).

Per year 2022–2026: one audition round ("Audisi Adi Marko <year>", a RoundPage under the home page, built by
tests/incubation/factories.round_page) with 300 submitted applications, plus drafts and withdrawals, from IKM
spread over the 22 kecamatan of Kabupaten Blitar (real desa from adimarko.Region): 15 % screened out, 50
accepted, 20 waitlisted, the rest rejected; earlier unsuccessful applicants come back. Then the round's cohort
(`cohort_create`, which enrolls the 50 accepted): 45 graduate in November of that year (certificate, event,
`Business.alumni_year`), 3 withdraw, 2 do not finish. tests/benchmarks/impact_marketplace.py adds the
marketplace: most graduates open a storefront that staff approve; 150 other sellers (earlier unsuccessful
applicants and businesses that never applied) sell next to them; about 3 000 products in the leaf categories
of the marketplace tree; 20 000 buyer accounts; about 100 000 seller orders (Order → SellerOrder → OrderLine,
with the seller ledger's sale and refund entries) growing year by year: 1–3 sellers per checkout, 1–3 lines
each, whole-rupiah prices that follow a price index, mostly completed, some cancelled (unpaid), refunded or
still waiting for payment; a third of the checkouts come from new buyers, the rest from returning ones.

The volume goes in with bulk_create, not through the services: ~100 000 checkouts through order_start and
order_mark_paid (stock locks, ledger, e-mails, search sync) would take hours on this machine and would
benchmark the checkout, not the dashboard. The few structural rows go through the services (round pages via
round_create, cohorts and their enrollments via cohort_create). Every bulk row is built to satisfy the
models' constraints and the services' invariants (unique NIB, slugs, SKUs and order references; an order in
the regency has a desa; a seller order's subtotal is the sum of its lines, its shipping comes from the
shipping table and its commission from ORDER_COMMISSION_PERCENT; an order's totals are the sums of its seller
orders); `impact_marketplace.check_consistency` verifies the sums. Run only against a throw-away database.
"""

import random
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from itertools import accumulate
from zoneinfo import ZoneInfo

from django.utils.text import slugify

SEED = 3505
WIB = ZoneInfo("Asia/Jakarta")
YEARS = (2022, 2023, 2024, 2025, 2026)
LAUNCH = datetime(2022, 1, 3, 9, 0, tzinfo=WIB)  # the marketplace opens with its founding sellers
END = datetime(2026, 11, 20, 21, 0, tzinfo=WIB)  # the last generated instant
STAFF_EMAIL = "staf-bench@adimarko.test"
PASSWORD = "x-bench-2027"

SUBMITTED = 300  # per round; the statuses below add up to it
SCREENED_OUT, ACCEPTED, WAITLISTED = 45, 50, 20
DRAFTS, WITHDRAWN_APPLICATIONS = 25, 8
RETURNING_SHARE = 0.15  # applicants of a round who applied before without being accepted
GRADUATES, LEFT_COHORT = 45, 3  # of the 50 enrolled; the other 2 do not finish
FOUNDING_SELLERS, OTHER_SELLERS = 40, 150
EARLY_SELLERS_PER_ROUND = 8  # graduates of 2024–2026 who already sold before they applied
PRODUCTS = 3_000
BUYERS = 20_000
SELLER_ORDERS = 100_000
NEW_BUYER_SHARE = 0.30
YEAR_SHARE = {2022: 0.06, 2023: 0.12, 2024: 0.20, 2025: 0.28, 2026: 0.34}
PRICE_INDEX = {2022: 0.86, 2023: 0.90, 2024: 0.94, 2025: 0.97, 2026: 1.0}
MONTH_WEIGHT = (0.8, 0.8, 1.0, 1.3, 1.1, 0.9, 0.9, 1.0, 1.0, 1.0, 1.1, 1.4)  # Ramadan/Lebaran, year end
HOUR_WEIGHT = (0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.6, 0.9, 1.0, 1.0, 1.1, 1.2,
               1.3, 1.1, 1.0, 1.0, 1.0, 1.1, 1.3, 1.6, 1.8, 1.7, 1.2, 0.6)  # fmt: skip
BATCH = 2_000

SECTOR_WEIGHTS = {"food": 20, "snack": 25, "coffee": 15, "herbal": 10, "craft": 15, "fashion": 10, "other": 5}
# leaf category slug (shop/migrations/0003_category_tree.py) → product kinds, base price (Rp), weights (g)
LEAVES = {
    "keripik": (["Keripik Tempe", "Keripik Pisang", "Keripik Singkong", "Keripik Sukun", "Keripik Bayam",
                 "Kripik Gadung", "Sale Pisang"], 15_000, (100, 250, 500)),
    "kerupuk": (["Kerupuk Rambak", "Rengginang", "Kerupuk Ikan", "Kerupuk Puli", "Emping Melinjo"],
                14_000, (250, 500, 1000)),
    "sambal": (["Sambal Pecel", "Bumbu Pecel", "Sambal Bawang", "Sambal Teri", "Bumbu Rujak"],
               18_000, (100, 250, 500)),
    "gula": (["Gula Kelapa Cetak", "Gula Semut", "Gula Merah", "Gula Aren"], 20_000, (250, 500, 1000)),
    "madu": (["Madu Randu", "Madu Kelengkeng", "Madu Klanceng", "Madu Kaliandra"], 75_000, (250, 500, 1000)),
    "manisan": (["Dodol Nanas", "Jenang Ketan", "Manisan Pepaya", "Wajik Klethik", "Geti Wijen"],
                16_000, (100, 250, 500)),
    "kopi": (["Kopi Bubuk Robusta", "Kopi Arabika Kelud", "Biji Kopi Sangrai", "Kopi Lanang", "Kopi Excelsa"],
             35_000, (100, 250, 500, 1000)),
    "jamu": (["Jamu Kunyit Asam", "Jamu Beras Kencur", "Wedang Uwuh", "Sirup Jahe Merah",
              "Serbuk Temulawak"], 15_000, (100, 250, 500)),
    "anyaman": (["Tampah Bambu", "Besek Bambu", "Tas Pandan", "Tikar Pandan", "Keranjang Rotan"],
                45_000, (500, 1000, 2000)),
    "kerajinan-kayu": (["Ukiran Kayu Jati", "Talenan Kayu", "Miniatur Candi Penataran", "Topeng Kayu"],
                       85_000, (500, 1000, 3000)),
    "gerabah": (["Kendi Gerabah", "Pot Gerabah", "Celengan Gerabah", "Cobek Tanah Liat"], 35_000,
                (1000, 2000, 3000)),
    "batik": (["Batik Tulis Blitar", "Batik Cap", "Kemeja Batik", "Selendang Batik"], 225_000, (250, 500)),
    "tenun": (["Tenun Ikat", "Sarung Tenun", "Syal Tenun"], 180_000, (250, 500)),
}  # fmt: skip
PACKAGED = {"keripik", "kerupuk", "sambal", "gula", "madu", "manisan", "kopi", "jamu"}  # sold by weight
SECTOR_LEAVES = {
    "food": ["sambal", "manisan"],
    "snack": ["keripik", "kerupuk"],
    "coffee": ["kopi", "gula", "madu"],
    "herbal": ["jamu"],
    "craft": ["anyaman", "kerajinan-kayu", "gerabah"],
    "fashion": ["batik", "tenun"],
    "other": list(LEAVES),
}
BUSINESS_WORDS = {
    "food": ["Sambal Pecel", "Bumbu Pecel", "Dodol", "Jenang", "Wajik"],
    "snack": ["Keripik", "Kerupuk", "Rengginang", "Emping", "Sale Pisang"],
    "coffee": ["Kopi", "Gula Kelapa", "Madu", "Gula Semut"],
    "herbal": ["Jamu", "Wedang", "Herbal"],
    "craft": ["Anyaman", "Gerabah", "Ukir Kayu", "Kerajinan Bambu"],
    "fashion": ["Batik", "Tenun", "Konveksi"],
    "other": ["Toko", "Kreasi", "Usaha"],
}
SUFFIXES = ["Bu Sri", "Pak Darto", "Mbak Ani", "Barokah", "Jaya", "Makmur", "Sejahtera", "Lestari",
            "Sari Rasa", "Mandiri", "Berkah", "Sumber Rejeki", "Bu Tini", "Pak Slamet", "Mekar", "Putri",
            "Abadi", "Asri", "Karya", "Melati"]  # fmt: skip
MODIFIERS = ["Original", "Pedas", "Manis", "Premium", "Super", "Organik", "Asli", "Spesial", "Khas Blitar",
             "Grade A", "Tradisional"]  # fmt: skip
FIRST_NAMES = ["Sri", "Siti", "Tini", "Darto", "Slamet", "Budi", "Agus", "Wahyu", "Endang", "Sulastri",
               "Suparmi", "Yuli", "Eko", "Dwi", "Tri", "Rina", "Nur", "Heru", "Bambang", "Sutrisno", "Lilik",
               "Puji", "Mujiati", "Ahmad", "Rizky", "Dewi", "Fitri", "Anik", "Joko", "Ika"]  # fmt: skip
LAST_NAMES = ["Wahyuni", "Santoso", "Susanto", "Prasetyo", "Rahayu", "Hidayat", "Setiawan", "Kurniawan",
              "Lestari", "Handayani", "Saputra", "Wibowo", "Purnomo", "Nugroho", "Utami"]  # fmt: skip
STREETS = ["Jl. Merdeka", "Jl. Anggrek", "Jl. Kenanga", "Jl. Raya", "Jl. Mawar", "Jl. Diponegoro",
           "Jl. Sudirman", "Jl. Melati", "Jl. Kartini", "Jl. Cendana"]  # fmt: skip
ELSEWHERE = [("Kota Blitar", "Jawa Timur", "66111"), ("Surabaya", "Jawa Timur", "60111"),
             ("Malang", "Jawa Timur", "65111"), ("Kediri", "Jawa Timur", "64111"),
             ("Tulungagung", "Jawa Timur", "66211"), ("Sidoarjo", "Jawa Timur", "61211"),
             ("Jakarta Selatan", "DKI Jakarta", "12110"), ("Bandung", "Jawa Barat", "40111"),
             ("Bekasi", "Jawa Barat", "17111"), ("Semarang", "Jawa Tengah", "50111"),
             ("Yogyakarta", "DI Yogyakarta", "55111"), ("Denpasar", "Bali", "80111")]  # fmt: skip
COURIERS = [("jne", "JNE"), ("jnt", "JP"), ("pos", "P"), ("sicepat", "00")]
SCREENING_REASONS = ["documents", "business_age", "duplicate", "other"]
CERTIFICATE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


@contextmanager
def explicit_timestamps(*models):
    """Let bulk_create keep the created/updated times we give (auto_now/auto_now_add would stamp "now")."""
    fields = [
        f
        for model in models
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


class _NoBar:
    def update(self, n=1):
        pass

    def close(self):
        pass


class Programme:
    """The programme's state while it is built: first planned in memory (who applies, how it ends), then
    written step by step (see `generate`). Planned businesses carry `bench_*` attributes (sector, owner)."""

    def __init__(self, *, seed: int = SEED, progress=None):
        from adimarko.core.models import Region

        self.rng = random.Random(seed)
        self.progress = progress or (lambda **kwargs: _NoBar())
        self.desa = list(Region.objects.desa().select_related("parent").order_by("code"))
        kecamatan_weight = {}
        for place in self.desa:  # some kecamatan are busier than others
            kecamatan_weight.setdefault(place.parent_id, self.rng.uniform(0.4, 2.0))
        self.desa_cum = list(accumulate(kecamatan_weight[p.parent_id] for p in self.desa))
        self.businesses = []
        self.applications = {}  # year → [(business, status, features)]
        self.graduates = {}  # year → [Business]
        self.sellers = []  # impact_marketplace.Seller: approved storefronts
        self.staff = None
        self._codes = set()  # certificate codes issued

    # --- helpers -----------------------------------------------------------------------------------------
    def between(self, start: datetime, end: datetime) -> datetime:
        return start + timedelta(seconds=self.rng.uniform(0, (end - start).total_seconds()))

    def _place(self):
        return self.rng.choices(self.desa, cum_weights=self.desa_cum)[0]

    def _street(self) -> str:
        rng = self.rng
        number, rt, rw = rng.randint(1, 150), rng.randint(1, 9), rng.randint(1, 6)
        return f"{rng.choice(STREETS)} No. {number}, RT {rt:02d}/RW {rw:02d}"

    def _new_business(self, *, registered: datetime):
        from adimarko.core.models import Business, User

        rng, n = self.rng, len(self.businesses) + 1
        sector = rng.choices(list(SECTOR_WEIGHTS), list(SECTOR_WEIGHTS.values()))[0]
        place = self._place()
        name = f"{rng.choice(BUSINESS_WORDS[sector])} {rng.choice(SUFFIXES)}"
        if rng.random() < 0.5:
            name = f"{name} {place.name}"
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        business = Business(
            name=name,
            slug=f"{slugify(name)[:120]}-{n}",
            nib=f"35{n:011d}",
            phone=f"+62813{n:07d}",
            address=self._street(),
            desa=place,
            description=f"{name}: produk khas Kecamatan {place.parent.name}, Kabupaten Blitar.",
            created_at=registered,
            updated_at=registered,
        )
        business.bench_sector = sector
        business.bench_started = (registered - timedelta(days=rng.randint(200, 4000))).date()
        business.bench_employees = min(40, int(rng.paretovariate(1.6)))
        business.bench_owner = User(
            email=f"ikm{n:05d}@contoh.test",
            first_name=first,
            last_name=last,
            phone=business.phone,
            date_joined=registered,
        )
        self.businesses.append(business)
        return business

    # --- plan (in memory) --------------------------------------------------------------------------------
    def plan_applications(self):
        """Who applies each year and how each application ends; returning applicants were never accepted."""
        rng = self.rng
        never_accepted = []
        for year in YEARS:
            total = SUBMITTED + DRAFTS + WITHDRAWN_APPLICATIONS
            returning = rng.sample(never_accepted, k=min(len(never_accepted), round(total * RETURNING_SHARE)))
            opens = datetime(year, 2, 1, 8, tzinfo=WIB)
            entrants = returning + [
                self._new_business(registered=opens - timedelta(days=rng.randint(1, 400)))
                for _ in range(total - len(returning))
            ]
            rng.shuffle(entrants)
            drafts, withdrawn = entrants[:DRAFTS], entrants[DRAFTS : DRAFTS + WITHDRAWN_APPLICATIONS]
            submitted = entrants[DRAFTS + WITHDRAWN_APPLICATIONS :]
            online_later = (year - YEARS[0]) / (len(YEARS) - 1)  # more applicants already sell online
            features = {}  # keyed by id(): unsaved model instances are not hashable
            for business in entrants:
                channel = rng.choices(
                    ["none", "social", "marketplace", "both"],
                    [35 - 15 * online_later, 40, 10 + 5 * online_later, 15 + 10 * online_later],
                )[0]
                smartphone = rng.random() < 0.85 + 0.1 * online_later
                merit = rng.random() + 0.3 * smartphone + 0.2 * (channel != "none")
                features[id(business)] = (channel, smartphone, merit)
            screened_out = {id(b) for b in rng.sample(submitted, SCREENED_OUT)}
            ranked = sorted(
                (b for b in submitted if id(b) not in screened_out),
                key=lambda b: features[id(b)][2],
                reverse=True,
            )
            status = dict.fromkeys(screened_out, "ineligible")
            status |= {id(b): "accepted" for b in ranked[:ACCEPTED]}
            status |= {id(b): "waitlisted" for b in ranked[ACCEPTED : ACCEPTED + WAITLISTED]}
            status |= {id(b): "rejected" for b in ranked[ACCEPTED + WAITLISTED :]}
            status |= {id(b): "draft" for b in drafts} | {id(b): "withdrawn" for b in withdrawn}
            self.applications[year] = [(b, status[id(b)], features[id(b)]) for b in entrants]
            seen = {id(b) for b in never_accepted}
            never_accepted = [b for b in never_accepted if status.get(id(b)) != "accepted"] + [
                b for b in entrants if status[id(b)] != "accepted" and id(b) not in seen
            ]
        self.never_accepted = never_accepted

    def plan_other_sellers(self):
        """150 sellers who are not alumni: a third applied without success, the rest never applied."""
        rng = self.rng
        from_applicants = rng.sample(self.never_accepted, OTHER_SELLERS // 3)
        fresh = [
            self._new_business(
                registered=self.between(LAUNCH - timedelta(days=400), END - timedelta(days=200))
            )
            for _ in range(OTHER_SELLERS - len(from_applicants) + 15)  # 15 more never get approved
        ]
        # The longest-registered open first (the founding sellers at the launch).
        self.other_sellers = sorted(from_applicants + fresh, key=lambda b: b.created_at)

    # --- write ---------------------------------------------------------------------------------------------
    def create_people(self):
        from django.contrib.auth.hashers import make_password
        from django.contrib.auth.models import Group

        from adimarko.core import services
        from adimarko.core.models import Business, BusinessMembership, User
        from adimarko.core.roles import GROUP_NAMES, Role

        self.staff = User.objects.filter(email=STAFF_EMAIL).first() or services.user_register(
            email=STAFF_EMAIL, password=PASSWORD, first_name="Staf", last_name="Disperindag"
        )
        services.user_role_grant(user=self.staff, role=Role.STAFF)
        password = make_password(PASSWORD)
        rng = self.rng
        owners = [b.bench_owner for b in self.businesses]
        self.buyers, self.addresses = [], []
        for n in range(1, BUYERS + 1):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            self.buyers.append(
                User(
                    email=f"pembeli{n:05d}@contoh.test",
                    first_name=first,
                    last_name=last,
                    phone=f"+62857{n:07d}",
                    date_joined=self.between(LAUNCH, END),  # moved before the first order later
                )
            )
            if rng.random() < 0.55:
                self.addresses.append({"in_regency": True, "desa": self._place(), "city": "Kabupaten Blitar",
                                       "province": "Jawa Timur", "street": self._street()})  # fmt: skip
            else:
                city, province, postal = rng.choice(ELSEWHERE)
                self.addresses.append({"in_regency": False, "desa": None, "city": city, "province": province,
                                       "postal_code": postal, "street": self._street()})  # fmt: skip
        users = owners + self.buyers
        for user in users:
            user.password = password
        bar = self.progress(total=len(users) + 2 * len(self.businesses), desc="people", unit="row")
        for start in range(0, len(users), BATCH):
            User.objects.bulk_create(users[start : start + BATCH])
            bar.update(len(users[start : start + BATCH]))
        groups = {
            role: Group.objects.get_or_create(name=GROUP_NAMES[role])[0] for role in (Role.BUYER, Role.SELLER)
        }
        through = User.groups.through
        links = [through(user_id=u.pk, group_id=groups[Role.BUYER].pk) for u in users]
        links += [through(user_id=u.pk, group_id=groups[Role.SELLER].pk) for u in owners]
        through.objects.bulk_create(links, batch_size=BATCH)
        with explicit_timestamps(Business, BusinessMembership):
            Business.objects.bulk_create(self.businesses, batch_size=BATCH)
            self.by_pk = {b.pk: b for b in self.businesses}
            bar.update(len(self.businesses))
            BusinessMembership.objects.bulk_create(
                [
                    BusinessMembership(business=b, user=b.bench_owner, role="owner", created_at=b.created_at)
                    for b in self.businesses
                ],
                batch_size=BATCH,
            )
            bar.update(len(self.businesses))
        bar.close()

    def create_rounds(self):
        from incubation.cohorts.services import cohort_create
        from incubation.models import Application, RoundPage
        from tests.incubation.factories import round_page

        rng = self.rng
        self.rounds, self.cohorts = {}, {}
        bar = self.progress(total=len(YEARS), desc="rounds and cohorts", unit="round")
        for year in YEARS:
            opens = datetime(year, 2, 1, 8, tzinfo=WIB)
            closes_on = date(year, 3, 31)
            page = round_page(title=f"Audisi Adi Marko {year}", opens_at=opens, closes_on=closes_on, quota=50)
            published = opens - timedelta(days=14)
            RoundPage.objects.filter(pk=page.pk).update(
                first_published_at=published,
                last_published_at=published,
                latest_revision_created_at=published,
            )
            self.rounds[year] = page
            rows = []
            for business, status, (channel, smartphone, _merit) in self.applications[year]:
                submitted_at = None
                if status != "draft":
                    submitted_at = self.between(opens, datetime(year, 3, 31, 23, 59, tzinfo=WIB))
                created_at = (
                    submitted_at or self.between(opens, datetime(year, 3, 31, tzinfo=WIB))
                ) - timedelta(hours=rng.randint(0, 24 * 20))
                created_at = max(created_at, opens)
                screened_at = decided_at = None
                if status in ("ineligible", "accepted", "waitlisted", "rejected"):
                    screened_at = datetime(year, 4, rng.randint(1, 14), rng.randint(8, 15), tzinfo=WIB)
                if status in ("accepted", "waitlisted", "rejected"):
                    decided_at = datetime(year, 4, 28, 10, tzinfo=WIB)
                leaf = rng.choice(SECTOR_LEAVES[business.bench_sector])
                kinds, base, _weights = LEAVES[leaf]
                rows.append(
                    Application(
                        round=page,
                        business=business,
                        applicant=business.bench_owner,
                        status=status,
                        owner_name=f"{business.bench_owner.first_name} {business.bench_owner.last_name}",
                        business_started_on=business.bench_started,
                        employees=business.bench_employees,
                        product_name=rng.choice(kinds),
                        product_description=business.description,
                        category=business.bench_sector,
                        price=int(base * rng.uniform(0.6, 2.0)) // 500 * 500,
                        monthly_capacity=f"{rng.choice([50, 100, 200, 500, 1000])} kemasan",
                        sales_channel=channel,
                        has_smartphone=smartphone,
                        marketing_challenge="Belum banyak pembeli dari luar Blitar.",
                        motivation="Ingin belajar foto produk dan berjualan di marketplace.",
                        submitted_at=submitted_at,
                        screening_reason=(
                            rng.choices(SCREENING_REASONS, [50, 30, 5, 15])[0]
                            if status == "ineligible"
                            else ""
                        ),
                        screened_at=screened_at,
                        shortlisted=status in ("accepted", "waitlisted"),
                        decision_reason={"accepted": "top_score", "waitlisted": "quota"}.get(
                            status,
                            rng.choice(["below_threshold", "readiness", "quota"]) if decided_at else "",
                        ),
                        decided_at=decided_at,
                        created_at=created_at,
                        updated_at=decided_at or screened_at or submitted_at or created_at,
                    )
                )
            with explicit_timestamps(Application):
                Application.objects.bulk_create(rows, batch_size=BATCH)
            cohort = cohort_create(
                round=page,
                name=f"Angkatan {year}",
                starts_on=date(year, 5, 4),
                ends_on=date(year, 10, 30),
                by=self.staff,
            )
            self.cohorts[year] = cohort
            self._graduate(cohort, year)
            bar.update(1)
        bar.close()

    def _graduate(self, cohort, year):
        from adimarko.core.models import Business
        from incubation.models import Certificate, Enrollment, EnrollmentEvent

        rng = self.rng
        enrollments = list(cohort.enrollments.order_by("pk"))
        start = datetime(year, 5, 4, 8, tzinfo=WIB)
        Enrollment.objects.filter(cohort=cohort).update(enrolled_at=start)
        rng.shuffle(enrollments)
        events, certificates, graduates = [], [], []
        for index, enrollment in enumerate(enrollments):
            enrollment.business = self.by_pk[enrollment.business_id]  # the planned row, with its bench_ facts
            if index < GRADUATES:
                enrollment.status = Enrollment.Status.GRADUATED
                enrollment.graduated_at = datetime(year, 11, rng.randint(3, 10), 10, tzinfo=WIB)
                enrollment.graduated_by = self.staff
                enrollment.last_activity_at = enrollment.graduated_at - timedelta(days=rng.randint(1, 10))
                events.append(
                    EnrollmentEvent(
                        enrollment=enrollment, kind="graduated", at=enrollment.graduated_at, by=self.staff
                    )
                )
                certificates.append(
                    Certificate(
                        enrollment=enrollment,
                        code=self._certificate_code(year),
                        issued_at=enrollment.graduated_at,
                        issued_by=self.staff,
                        business_name=enrollment.business.name,
                        cohort_name=cohort.name,
                        year=year,
                    )
                )
                enrollment.business.alumni_year = year
                enrollment.business.bench_graduated_at = enrollment.graduated_at
                graduates.append(enrollment.business)
            elif index < GRADUATES + LEFT_COHORT:
                enrollment.status = Enrollment.Status.WITHDRAWN
                enrollment.last_activity_at = datetime(
                    year, rng.randint(6, 8), rng.randint(1, 28), tzinfo=WIB
                )
                events.append(
                    EnrollmentEvent(
                        enrollment=enrollment,
                        kind="withdrawn",
                        by=self.staff,
                        at=enrollment.last_activity_at + timedelta(days=14),
                        note="Mengundurkan diri: kesibukan produksi.",
                    )
                )
            else:
                enrollment.last_activity_at = datetime(year, 9, rng.randint(1, 28), tzinfo=WIB)
        Enrollment.objects.bulk_update(
            enrollments, ["status", "graduated_at", "graduated_by", "last_activity_at"]
        )
        EnrollmentEvent.objects.bulk_create(events)
        Certificate.objects.bulk_create(certificates)
        Business.objects.bulk_update(graduates, ["alumni_year"])
        self.graduates[year] = graduates

    def _certificate_code(self, year: int) -> str:
        while True:
            chars = "".join(self.rng.choice(CERTIFICATE_ALPHABET) for _ in range(8))
            code = f"AM-{year}-{chars[:4]}-{chars[4:]}"
            if code not in self._codes:
                self._codes.add(code)
                return code


def generate(*, progress=None) -> None:
    """Build the whole programme in one transaction (a failed run leaves nothing behind)."""
    from django.db import transaction

    from tests.benchmarks.impact_marketplace import OrderWriter, finish, products_create, storefronts_create

    programme = Programme(progress=progress)
    with transaction.atomic():
        programme.plan_applications()
        programme.plan_other_sellers()
        programme.create_people()
        programme.create_rounds()
        storefronts_create(programme)
        products_create(programme)
        OrderWriter(programme).run()
        finish(programme)
