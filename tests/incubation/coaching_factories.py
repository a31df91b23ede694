"""Assignments and mentoring test data, built through the coaching services."""

import io
from datetime import datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from adimarko.core.roles import Role
from incubation.audition.models.rounds import WIB
from incubation.coaching.services import mentoring
from incubation.models import Enrollment, LessonPage, MentoringSession
from tests.factories import UserFactory, image_bytes
from tests.incubation import cohort_factories as cf
from tests.incubation.factories import PDF_BYTES

CO_WORKING = "Co-working space Disperindag Kabupaten Blitar"


class Classroom:
    """A cohort with a published course whose second lesson is an assignment, and its people."""

    def __init__(self, *, participants: int = 2, name: str = "Angkatan 2026"):
        self.trainer = cf.trainer()
        self.cohort = cf.cohort(participants=participants, trainers=[self.trainer], name=name)
        self.course = cf.course(cohort=self.cohort, title=f"Kelas {name}")
        self.lesson = LessonPage.objects.descendant_of(self.course).get(requires_submission=True)
        self.people = self.cohort.people
        self.user, self.business = self.people[0]
        self.enrollment = self.enrollment_of(self.business)

    def enrollment_of(self, business) -> Enrollment:
        return Enrollment.objects.get(cohort=self.cohort, business=business)


def graduate(enrollment: Enrollment) -> Enrollment:
    Enrollment.objects.filter(pk=enrollment.pk).update(status=Enrollment.Status.GRADUATED)
    enrollment.refresh_from_db()
    return enrollment


def buyer():
    return UserFactory(roles=(Role.BUYER,))


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf(name: str = "rencana-usaha.pdf", extra: bytes = b"") -> SimpleUploadedFile:
    return upload(name, PDF_BYTES + extra, "application/pdf")


def png(name: str = "foto.png", size=(32, 32)) -> SimpleUploadedFile:
    return upload(name, image_bytes("PNG", size=size), "image/png")


GPS_IFD = 0x8825


def jpeg_with_gps(name: str = "foto-produk.jpg") -> SimpleUploadedFile:
    """A JPEG carrying a GPS position and a camera model in its EXIF."""
    image = Image.new("RGB", (40, 30), (200, 120, 40))
    exif = Image.Exif()
    exif[0x0110] = "Kamera Rahasia"  # Model
    exif.get_ifd(GPS_IFD).update({1: "S", 2: (8.0, 5.0, 0.0), 3: "E", 4: (112.0, 10.0, 0.0)})
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return upload(name, buffer.getvalue(), "image/jpeg")


def session(
    *,
    cohort,
    by,
    starts_at: datetime = datetime(2026, 7, 1, 9, 0, tzinfo=WIB),
    hours: int = 2,
    mode: str = MentoringSession.Mode.ONSITE,
    title: str = "Mentoring foto produk",
) -> MentoringSession:
    return mentoring.session_create(
        cohort=cohort,
        by=by,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        mode=mode,
        meeting_url="https://meet.example.id/adimarko" if mode == MentoringSession.Mode.ONLINE else "",
        location=CO_WORKING if mode == MentoringSession.Mode.ONSITE else "",
    )
