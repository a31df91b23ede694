"""Audition demo data, built through the audition services: a decided 2026 round with its cohort and an open
round with drafts and submissions. Deterministic (fixed seed) and idempotent (a round that exists is kept).

The open round opens on 1 November 2026 and closes on 31 January 2027, or 30 days after today when the demo is
built later, so that its drafts can still be edited and submitted.
"""

import io
import random
from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from wagtail.models import Locale, Page

from adimarko.core import services as shared_services
from adimarko.core.models import Business, User
from adimarko.core.roles import Role
from incubation.audition.models.rounds import WIB
from incubation.audition.services import applications as application_services
from incubation.audition.services import decisions as decision_services
from incubation.audition.services import jury as jury_services
from incubation.audition.services.rounds import round_create
from incubation.models import Application, RoundPage, Status

SEED = 3505
EXTRA_JURIES = (("juri2@adimarko.test", "Hendra", "Gunawan"), ("juri3@adimarko.test", "Ratna", "Sari"))
LEVELS = ("Sangat kurang", "Kurang", "Cukup", "Baik", "Sangat baik")
CRITERIA = (
    ("Kualitas dan keunikan produk", 30, "Rasa/mutu, kemasan, ciri khas Blitar."),
    ("Kesiapan pemasaran online", 30, "Foto, akun, kemampuan membalas pembeli."),
    ("Kapasitas produksi", 20, "Sanggup memenuhi pesanan rutin."),
    ("Motivasi dan komitmen", 20, "Kesediaan mengikuti seluruh inkubasi."),
)
DOCUMENTS = (
    {"label": "Sertifikat NIB (OSS)", "kind": "document", "identifying": True, "help_text": "PDF atau foto."},
    {
        "label": "Foto KTP pemilik",
        "kind": "image",
        "identifying": True,
        "help_text": "Foto jelas, tidak buram.",
    },
    {
        "label": "Foto produk utama",
        "kind": "image",
        "identifying": False,
        "help_text": "Latar polos, cahaya terang.",
    },
)
TEMPLATES = (
    (
        "Diterima",
        "accepted",
        "top_score",
        "Selamat, {business}! Anda diterima di {round}. Jadwal inkubasi kami kirim lewat WhatsApp.",
    ),
    (
        "Daftar tunggu",
        "waitlisted",
        "quota",
        "Terima kasih, {business}. Kuota {round} sudah penuh; Anda masuk daftar tunggu.",
    ),
    (
        "Tidak diterima",
        "rejected",
        "readiness",
        "Terima kasih, {business}. Kali ini belum lolos {round}; coba lagi tahun depan.",
    ),
)
PRODUCTS = {
    "Kopi": ("coffee", "Kopi bubuk robusta 250 g", 35000),
    "Gula": ("coffee", "Gula kelapa cetak 500 g", 18000),
    "Madu": ("coffee", "Madu murni 350 ml", 65000),
    "Keripik": ("snack", "Keripik 200 g", 15000),
    "Sambal": ("food", "Sambal pecel 250 g", 20000),
    "Jamu": ("herbal", "Jamu kunyit asam 500 ml", 12000),
    "Batik": ("fashion", "Kain batik tulis 2 m", 350000),
    "Tenun": ("fashion", "Selendang tenun ikat", 150000),
}
PDF = b"%PDF-1.4\n1 0 obj<< /Type /Catalog >>endobj\ntrailer<< /Root 1 0 R >>\n%%EOF\n"


def _jpeg(color) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(buffer, format="JPEG")
    return buffer.getvalue()


def demo_juries() -> list[User]:
    juries = [User.objects.get(email="juri@adimarko.test")]
    from adimarko.core.demo import DEMO_PASSWORD

    for email, first, last in EXTRA_JURIES:
        user = User.objects.filter(email=email).first() or shared_services.user_register(
            email=email, password=DEMO_PASSWORD, first_name=first, last_name=last
        )
        shared_services.user_role_grant(user=user, role=Role.JURY)
        juries.append(user)
    return juries


def demo_round(
    *, title: str, opens_at: datetime, closes_on: date, quota: int, blind: bool
) -> tuple[RoundPage, bool]:
    existing = RoundPage.objects.filter(title=title).first()
    if existing:
        return existing, False
    body = [
        ("text", "<p>Audisi dan Inkubasi Marketing Online untuk IKM Kabupaten Blitar.</p>"),
        (
            "timeline",
            [
                {"date": opens_at.date(), "title": "Pendaftaran dibuka", "text": ""},
                {"date": closes_on, "title": "Hari terakhir pendaftaran (23:59:59 WIB)", "text": ""},
                {"date": closes_on + timedelta(days=21), "title": "Pengumuman hasil", "text": ""},
            ],
        ),
        (
            "faq",
            [
                {"question": "Apakah ada biaya?", "answer": "<p>Tidak. Program ini gratis.</p>"},
                {
                    "question": "Siapa yang boleh mendaftar?",
                    "answer": "<p>IKM berdomisili di Kabupaten Blitar.</p>",
                },
            ],
        ),
    ]
    criteria = [
        {
            "name": name,
            "weight": weight,
            "description": text,
            **{f"level_{n + 1}": LEVELS[n] for n in range(5)},
        }
        for name, weight, text in CRITERIA
    ]
    page = round_create(
        parent=Page.objects.get(depth=2, locale=Locale.get_default()),  # the Indonesian home
        title=title,
        intro="Panggilan untuk IKM Kabupaten Blitar yang ingin memasarkan produknya secara online.",
        opens_at=opens_at,
        closes_on=closes_on,
        quota=quota,
        blind_review=blind,
        min_business_age_months=6,
        criteria=criteria,
        documents=list(DOCUMENTS),
        body=body,
    )
    return page, True


def _product(business: Business) -> tuple[str, str, int]:
    for word, spec in PRODUCTS.items():
        if word.lower() in business.name.lower():
            return spec
    return ("craft", "Kerajinan tangan", 75000)


def demo_draft(
    round: RoundPage, business: Business, when: datetime, rng: random.Random, *, complete: bool
) -> Application:
    owner = business.memberships.get(role="owner").user
    application = application_services.application_create(round=round, business=business, by=owner, now=when)
    category, product, price = _product(business)
    fields = {
        "owner_name": owner.get_full_name(),
        # 35.05.xx district, birth day + 40 (women), month, year, serial.
        "owner_nik": f"3505{business.desa.parent.code[-2:]}{rng.randint(41, 68):02d}"
        f"0{rng.randint(1, 9)}{rng.randint(80, 99)}{rng.randint(1, 9999):04d}",
        "business_started_on": date(2015 + rng.randint(0, 8), rng.randint(1, 12), 1),
        "employees": rng.randint(1, 12),
        "product_name": product,
        "product_description": business.description,
        "category": category,
        "price": price,
    }
    if complete:
        fields |= {
            "monthly_capacity": f"{rng.randint(2, 20) * 50} kemasan",
            "sales_channel": rng.choice(["none", "social", "marketplace", "both"]),
            "has_smartphone": True,
            "online_accounts": f"@{business.slug[:20]}",
            "marketing_challenge": rng.choice(
                [
                    "Foto produk kurang menarik.",
                    "Belum paham ongkos kirim.",
                    "Sulit menjangkau pembeli luar kota.",
                ]
            ),
            "motivation": "Ingin produk kami dikenal di luar Blitar.",
        }
    application_services.application_update(application=application, by=owner, now=when, **fields)
    if complete:
        color = tuple(rng.randint(40, 220) for _ in range(3))
        for requirement in round.required_documents.all():
            if requirement.kind == "document":
                file = SimpleUploadedFile("nib.pdf", PDF)
            else:
                file = SimpleUploadedFile("foto.jpg", _jpeg(color))
            application_services.application_document_upload(
                application=application, requirement=requirement, file=file, by=owner, now=when
            )
    return application


def demo_submit(application: Application, when: datetime) -> Application:
    return application_services.application_submit(
        application=application, by=application.applicant, now=when, notify=False
    )


def enrollment_member(enrollment) -> User | None:
    """The person who acts for an enrolled business in the demo: its first member."""
    membership = enrollment.business.memberships.select_related("user").order_by("pk").first()
    return membership.user if membership else None


def demo_decide(*, round, applications, outcome: str, reason: str, staff) -> None:
    """One decision batch with the demo's message template for the outcome (no emails)."""
    template = next(t for t in TEMPLATES if t[1] == outcome)
    decision_services.decision_batch_apply(
        round=round,
        applications=applications,
        outcome=outcome,
        reason=reason,
        message=template[3],
        by=staff,
        notify=False,
    )


def _build_past_round(businesses, juries, staff, rng) -> None:
    round, created = demo_round(
        title="Audisi Adi Marko 2026",
        opens_at=datetime(2026, 2, 2, 8, 0, tzinfo=WIB),
        closes_on=date(2026, 3, 31),
        quota=6,
        blind=True,
    )
    if not created:
        return
    when = datetime(2026, 3, 10, 10, 0, tzinfo=WIB)
    applications = [demo_submit(demo_draft(round, b, when, rng, complete=True), when) for b in businesses]
    for index, application in enumerate(applications):
        eligible = index % 6 != 5  # two of twelve are ineligible
        application_services.application_screen(
            application=application,
            eligible=eligible,
            reason="" if eligible else "business_age",
            note="" if eligible else "Usaha baru berjalan 4 bulan.",
            by=staff,
        )
    jury_services.jury_auto_assign(round=round, by=staff)
    criteria = list(round.criteria.all())
    for application in Application.objects.filter(round=round, status=Status.ELIGIBLE).order_by("pk"):
        for assignment in application.assignments.active().order_by("pk"):
            scores = {c.pk: (rng.randint(2, 5), "") for c in criteria}
            jury_services.review_submit(assignment=assignment, scores=scores, comment="Produk menjanjikan.")
    from incubation.audition.selectors import round_ranking

    ranking = [row.application for row in round_ranking(round=round)]
    outcomes = (
        (Status.ACCEPTED, "top_score", 6),
        (Status.WAITLISTED, "quota", 2),
        (Status.REJECTED, "readiness", 99),
    )
    start = 0
    for outcome, reason, count in outcomes:
        chosen = ranking[start : start + count]
        start += count
        if not chosen:
            continue
        for application in chosen[:2]:
            decision_services.application_shortlist(application=application, shortlisted=True)
        demo_decide(round=round, applications=chosen, outcome=outcome, reason=reason, staff=staff)


def _build_open_round(businesses, staff, rng) -> None:
    today = timezone.now().astimezone(WIB).date()
    round, created = demo_round(
        title="Audisi Adi Marko 2027",
        opens_at=datetime(2026, 11, 1, 8, 0, tzinfo=WIB),
        closes_on=max(date(2027, 1, 31), today + timedelta(days=30)),
        quota=50,
        blind=False,
    )
    if not created:
        return
    when = min(timezone.now(), round.deadline - timedelta(days=1))
    when = max(when, round.opens_at + timedelta(hours=1))
    submitted = []
    for index, business in enumerate(businesses):
        complete = index % 3 != 2
        application = demo_draft(round, business, when, rng, complete=complete)
        if complete and index % 3 == 0:
            submitted.append(demo_submit(application, when))
    # Two are screened eligible and waiting for the juries; the third still waits for screening.
    for application in submitted[1:]:
        application_services.application_screen(application=application, eligible=True, by=staff)
    jury_services.jury_auto_assign(round=round, by=staff)


def build_audition(progress: Callable[[str], None] = lambda _msg: None) -> dict[str, int]:
    rng = random.Random(SEED)
    staff = User.objects.get(email="staf@adimarko.test")
    juries = demo_juries()
    for name, outcome, reason, body in TEMPLATES:
        decision_services.decision_template_save(name=name, outcome=outcome, reason=reason, body=body)
    businesses = list(Business.objects.order_by("nib"))
    progress("audition: 2026 round")
    _build_past_round(businesses[1:13], juries, staff, rng)
    progress("audition: 2027 round")
    # The demo seller's business (first) has a draft in the open round.
    _build_open_round([businesses[0], *businesses[13:21]], staff, rng)
    return {
        "audition_rounds": RoundPage.objects.count(),
        "applications": Application.objects.count(),
        "cohort_2026": Application.objects.filter(
            round__title="Audisi Adi Marko 2026", status=Status.ACCEPTED
        ).count(),
        "juries": len(juries),
    }


def build_incubation(progress: Callable[[str], None] = lambda _msg: None) -> dict[str, int]:
    """The incubation of the decided 2026 round: its cohort, two courses with progress, mentoring and
    assignments, then graduates with certificates and an alumni storefront. Runs after the catalogue (the
    graduates' storefronts join it)."""
    from incubation.demo_coaching import build_coaching
    from incubation.demo_courses import build_courses
    from incubation.demo_graduation import build_cohort, build_graduation

    cohort = build_cohort()
    progress(f"Cohort {cohort.name}: {cohort.enrollments.count()} participants")
    totals = {"cohort_participants": cohort.enrollments.count()}
    totals |= build_courses(cohort=cohort)
    progress("Courses and lesson progress")
    totals |= build_coaching(cohort=cohort, progress=progress)
    totals |= build_graduation(cohort=cohort)
    progress("Graduates and certificates")
    return totals
