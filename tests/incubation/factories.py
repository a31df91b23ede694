"""Audition test data, built through the incubation services."""

from datetime import date, datetime, timedelta

from wagtail.models import Page

from adimarko.core.roles import Role
from incubation.audition.models.rounds import WIB
from incubation.audition.services import applications as application_services
from incubation.audition.services import jury as jury_services
from incubation.audition.services.rounds import round_create
from incubation.models import Application, RoundPage, Status
from tests.factories import BusinessFactory, UserFactory, image_bytes

VALID_NIK = "3505014101900001"  # Kabupaten Blitar (35.05), born 1 January 1990
CRITERIA = [
    {"name": "Kualitas produk", "weight": 40},
    {"name": "Kesiapan pemasaran", "weight": 35},
    {"name": "Potensi pasar", "weight": 25},
]
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _criterion(spec: dict) -> dict:
    return {
        "description": "",
        **{f"level_{n}": f"Tingkat {n}" for n in range(1, 6)},
        **spec,
    }


def home_page() -> Page:
    return Page.objects.get(depth=2, locale__language_code="id")


def round_page(
    *,
    title: str = "Audisi Adi Marko 2027",
    opens_at: datetime = datetime(2027, 2, 1, 8, 0, tzinfo=WIB),
    closes_on: date = date(2027, 3, 31),
    criteria=None,
    **fields,
) -> RoundPage:
    return round_create(
        parent=home_page(),
        title=title,
        opens_at=opens_at,
        closes_on=closes_on,
        criteria=[_criterion(c) for c in (criteria or CRITERIA)],
        documents=[
            {"label": "Sertifikat NIB", "kind": "document", "identifying": True},
            {"label": "Foto produk", "kind": "image", "identifying": False},
        ],
        **fields,
    )


def open_now_round(**fields) -> RoundPage:
    """A round open today (from yesterday until 30 days from now)."""
    from django.utils import timezone

    now = timezone.now()
    return round_page(
        opens_at=now - timedelta(days=1),
        closes_on=(now + timedelta(days=30)).astimezone(WIB).date(),
        **fields,
    )


def applicant(**kwargs):
    user = UserFactory(**kwargs)
    business = BusinessFactory(owner=user)
    return user, business


def upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def complete_draft(*, round: RoundPage, user, business, now=None) -> Application:
    """A draft with every step filled and every document uploaded."""
    when = now or round.opens_at + timedelta(hours=1)
    application = application_services.application_create(round=round, business=business, by=user, now=when)
    application_services.application_update(
        application=application,
        by=user,
        now=when,
        owner_name=user.get_full_name() or "Siti Aminah",
        owner_nik=VALID_NIK,
        business_started_on=date(2020, 5, 1),
        employees=3,
        product_name="Keripik tempe original",
        product_description="Keripik tempe tipis, digoreng dengan minyak baru.",
        category="snack",
        price=15000,
        monthly_capacity="500 bungkus",
        sales_channel="social",
        has_smartphone=True,
        online_accounts="@keripik",
        marketing_challenge="Foto produk kurang menarik.",
        motivation="Ingin berjualan di marketplace.",
    )
    for requirement in round.required_documents.all():
        data, name = (
            (PDF_BYTES, "nib.pdf") if requirement.kind == "document" else (image_bytes("JPEG"), "foto.jpg")
        )
        application_services.application_document_upload(
            application=application, requirement=requirement, file=upload(name, data), by=user, now=when
        )
    return Application.objects.get(pk=application.pk)


def submitted(
    *, round: RoundPage, user=None, business=None, eligible: bool = True, staff=None
) -> Application:
    if user is None:
        user, business = applicant()
    application = complete_draft(round=round, user=user, business=business)
    when = round.opens_at + timedelta(hours=2)
    application = application_services.application_submit(application=application, by=user, now=when)
    if eligible:
        staff = staff or UserFactory(roles=(Role.STAFF,))
        application = application_services.application_screen(
            application=application, eligible=True, by=staff
        )
    return application


def jury(**kwargs):
    return UserFactory(roles=(Role.JURY,), **kwargs)


def assign(application, jury_user, staff=None):
    return jury_services.jury_assign(application=application, jury=jury_user, by=staff)


__all__ = ["Status"]
