"""Private uploads (issue 15): course documents, application documents, assignment files and certification
scans live outside MEDIA_ROOT and are served only after a permission check, with nosniff and the type of
their content. `secure_uploads` moves files stored before into place."""

from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.utils.sendfile import _get_sendfile

from adimarko.core import services as business_services
from adimarko.core.models import Business, BusinessMembership, Certification
from adimarko.core.permissions import can_view_certification_document
from adimarko.core.storage import private_files
from incubation.audition.services import applications as application_services
from incubation.coaching.services import assignments as assignment_services
from incubation.models import ApplicationDocument, SubmissionFile
from tests.factories import BusinessFactory, UserFactory, image_bytes, staff_user
from tests.incubation import coaching_factories as cf
from tests.incubation import cohort_factories as cohorts
from tests.incubation import course_factories as courses
from tests.incubation.factories import PDF_BYTES, applicant, complete_draft, open_now_round

pytestmark = pytest.mark.django_db

PNG = image_bytes("PNG")


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _assert_private_on_disk(tmp_path: Path, name: str, content: bytes) -> None:
    """The file is under PRIVATE_MEDIA_ROOT, nothing is under MEDIA_ROOT, and guessing /media/<name> fails."""
    assert (tmp_path / "private" / name).read_bytes() == content
    assert not (tmp_path / "media" / name).exists()
    assert _client(staff_user()).get(f"/media/{name}").status_code == 404


def _assert_served(response, content_type: str, content: bytes) -> None:
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert _body(response) == content


def _helper_of(business: Business):
    helper = UserFactory()
    BusinessMembership.objects.create(business=business, user=helper, role=BusinessMembership.Role.HELPER)
    return helper


# --- Certification scans ---------------------------------------------------------------------------------
@pytest.fixture
def certification():
    business = BusinessFactory()
    return business_services.certification_add(
        business=business, kind="halal", number="ID1", document=SimpleUploadedFile("halal.png", PNG)
    )


def test_certification_permission_matrix(certification):
    business = certification.business
    owner = business.memberships.get().user
    cases = {
        "owner": (owner, True),
        "helper": (_helper_of(business), True),
        "staff": (staff_user(), True),
        "member of another business": (BusinessFactory().memberships.get().user, False),
        "buyer": (UserFactory(), False),
        "anonymous": (AnonymousUser(), False),
    }
    for role, (user, expected) in cases.items():
        allowed, reason = can_view_certification_document(user, certification)
        assert allowed is expected, role
        assert bool(reason) is not expected, role


def test_certification_scan_is_private_and_served_to_members_and_staff(certification, disk_storages):
    # The fixture's certification was stored before the disk storages were set up: store one on disk.
    certification = business_services.certification_add(
        business=certification.business,
        kind="pirt",
        number="P-IRT 2063505010001-29",
        document=SimpleUploadedFile("pirt.html", PNG, content_type="text/html"),
    )
    name = certification.document.name
    assert name.endswith(".png")
    _assert_private_on_disk(disk_storages, name, PNG)
    with pytest.raises(NotImplementedError):
        certification.document.url  # noqa: B018 (no public URL exists)
    url = reverse("certification_document", args=[certification.pk])
    business = certification.business
    for user in (business.memberships.get().user, _helper_of(business), staff_user()):
        _assert_served(_client(user).get(url), "image/png", PNG)
    assert _client(UserFactory()).get(url).status_code == 403
    assert _client().get(url)["Location"].startswith("/akun/masuk/?next=")


def test_the_business_page_links_the_scan_through_its_view(certification, client):
    client.force_login(certification.business.memberships.get().user)
    html = client.get(reverse("business_edit", args=[certification.business.slug])).content.decode()
    assert f'href="{reverse("certification_document", args=[certification.pk])}"' in html
    assert certification.document.name not in html


def test_with_nginx_sendfile_the_view_answers_with_an_internal_redirect(
    certification, disk_storages, settings
):
    certification = business_services.certification_add(
        business=certification.business, kind="pirt", number="P2", document=SimpleUploadedFile("p.png", PNG)
    )
    settings.SENDFILE_BACKEND = "adimarko.core.sendfile_nginx"
    settings.SENDFILE_ROOT = settings.PRIVATE_MEDIA_ROOT
    settings.SENDFILE_URL = "/private-media/"
    response = _client(staff_user()).get(reverse("certification_document", args=[certification.pk]))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/private-media/{certification.document.name}"
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == b""


# --- Course documents (Wagtail documents) ----------------------------------------------------------------
@pytest.fixture
def two_cohorts():
    cohort_a = cohorts.cohort(participants=1, name="Angkatan A")
    cohort_b = cohorts.cohort(participants=1, name="Angkatan B")
    return cohort_a, cohort_b, courses.course_with_quiz(cohort=cohort_a)


def test_course_document_is_private_and_served_only_by_the_checked_view(two_cohorts, disk_storages, settings):
    cohort_a, cohort_b, course = two_cohorts
    lesson = courses.lesson(course, "Cahaya alami")
    worksheet = next(block.value["document"] for block in lesson.body if block.block_type == "worksheet")
    worksheet.file.save("lembar-kerja.pdf", ContentFile(courses.PDF))
    assert worksheet.file.storage is private_files
    _assert_private_on_disk(disk_storages, worksheet.file.name, courses.PDF)
    url = worksheet.url
    assert url == f"/documents/{worksheet.pk}/{worksheet.filename}"
    assert _client().get(url)["Location"].startswith("/akun/masuk/?next=")
    assert _client(cohorts.trainer()).get(url).status_code == 403
    assert _client(courses.participant(cohort_b)).get(url).status_code == 403
    for user in (courses.participant(cohort_a), cohort_a.trainers.first(), staff_user()):
        response = _client(user).get(url)
        _assert_served(response, "application/pdf", courses.PDF)
    # Production: the same view hands the file to nginx.
    _get_sendfile.clear()
    settings.SENDFILE_BACKEND = "adimarko.core.sendfile_nginx"
    settings.SENDFILE_ROOT = settings.PRIVATE_MEDIA_ROOT
    settings.SENDFILE_URL = "/private-media/"
    response = _client(staff_user()).get(url)
    _get_sendfile.clear()
    assert response["X-Accel-Redirect"] == f"/private-media/{worksheet.file.name}"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert _client(courses.participant(cohort_b)).get(url).status_code == 403


# --- Application documents and assignment files ------------------------------------------------------------
def test_application_document_is_private_and_served_to_the_applicant_only(disk_storages):
    round = open_now_round()
    user, business = applicant()
    application = complete_draft(round=round, user=user, business=business)
    document = (
        application.documents.select_related("requirement").filter(requirement__kind="document").first()
    )
    document = application_services.application_document_upload(
        application=application,
        requirement=document.requirement,
        file=SimpleUploadedFile("nib.pdf", PDF_BYTES),
        by=user,
    )
    assert document.file.name.endswith(".pdf")
    _assert_private_on_disk(disk_storages, document.file.name, PDF_BYTES)
    url = reverse("audition_document", args=[document.pk])
    _assert_served(_client(user).get(url), "application/pdf", PDF_BYTES)
    _assert_served(_client(staff_user()).get(url), "application/pdf", PDF_BYTES)
    assert _client(UserFactory()).get(url).status_code in (403, 404)
    assert _client().get(url)["Location"].startswith("/akun/masuk/?next=")


def test_assignment_file_is_private_and_served_to_the_participant_trainer_and_staff(disk_storages):
    room = cf.Classroom()
    submission = assignment_services.submission_create(
        lesson=room.lesson, enrollment=room.enrollment, by=room.user, text="", documents=[cf.pdf()]
    )
    record = submission.files.get()
    assert record.file.name.endswith(".pdf")
    _assert_private_on_disk(disk_storages, record.file.name, record.file.read())
    content = (disk_storages / "private" / record.file.name).read_bytes()
    url = reverse("assignment_file", args=[record.pk])
    for user in (room.user, room.trainer, staff_user()):
        _assert_served(_client(user).get(url), "application/pdf", content)
    assert _client(room.people[1][0]).get(url).status_code == 403
    assert _client(cf.buyer()).get(url).status_code == 403


# --- Moving files stored before --------------------------------------------------------------------------
def _make_legacy(model, pk: int, field: str, name: str, content: bytes) -> str:
    """Put a file where the old code kept it (the public default storage, under `name`) and point the row at
    it, removing the properly stored copy."""
    current = getattr(model.objects.get(pk=pk), field)
    if current:
        current.storage.delete(current.name)
    stored = default_storage.save(name, ContentFile(content))
    model.objects.filter(pk=pk).update(**{field: stored})
    return stored


def _names(rows) -> dict:
    return {
        label: getattr(model.objects.get(pk=pk), field).name for label, (model, pk, field) in rows.items()
    }


def test_secure_uploads_moves_and_renames_old_files_and_is_idempotent(disk_storages):
    business = BusinessFactory()
    certification = Certification.objects.create(business=business, kind="halal", number="H1")
    round = open_now_round()
    user, applying = applicant()
    application = complete_draft(round=round, user=user, business=applying)
    room = cf.Classroom()
    submission = assignment_services.submission_create(
        lesson=room.lesson, enrollment=room.enrollment, by=room.user, text="", photos=[cf.png()]
    )
    document = courses.document("Brosur program")
    jpeg = image_bytes("JPEG")
    application_document = application.documents.first()
    rows = {
        "logo": (Business, business.pk, "logo"),
        "certification": (Certification, certification.pk, "document"),
        "application": (ApplicationDocument, application_document.pk, "file"),
        "assignment": (SubmissionFile, submission.files.get().pk, "file"),
        "document": (get_document_model(), document.pk, "file"),
    }
    contents = {"logo": PNG, "certification": jpeg, "application": PDF_BYTES, "assignment": PNG}
    contents["document"] = courses.PDF
    old = {
        "logo": _make_legacy(Business, business.pk, "logo", f"businesses/{business.slug}/logo/a1.html", PNG),
        "certification": _make_legacy(
            Certification, certification.pk, "document", "businesses/x/certifications/b2.pdf", jpeg
        ),
        "application": _make_legacy(
            ApplicationDocument, *rows["application"][1:], "audition/1/2/c3.pdf", PDF_BYTES
        ),
        "assignment": _make_legacy(*rows["assignment"], "assignments/1/2/d4.png", PNG),
        "document": _make_legacy(
            get_document_model(), document.pk, "file", "documents/brosur.pdf", courses.PDF
        ),
    }
    media, private = disk_storages / "media", disk_storages / "private"
    assert all((media / name).exists() for name in old.values())

    call_command("secure_uploads", "--dry-run", verbosity=0)
    assert _names(rows) == old
    assert all((media / name).exists() for name in old.values())

    call_command("secure_uploads", verbosity=0)
    new = _names(rows)
    # The logo stays public, renamed to its content's extension; the rest moved to private storage.
    assert new["logo"].startswith(f"businesses/{business.slug}/logo/") and new["logo"].endswith(".png")
    assert (media / new["logo"]).read_bytes() == PNG
    assert new["certification"].startswith("businesses/x/certifications/") and new["certification"].endswith(
        ".jpg"
    )
    assert new["application"] == old["application"]
    assert new["assignment"] == old["assignment"]
    assert new["document"] == old["document"]  # the download URL contains the name: kept
    for label in ("certification", "application", "assignment", "document"):
        assert (private / new[label]).read_bytes() == contents[label], label
    for label, name in old.items():
        assert not (media / name).exists(), label
    assert _client(staff_user()).get(f"/media/{old['document']}").status_code == 404
    served = _client(staff_user()).get(reverse("certification_document", args=[certification.pk]))
    _assert_served(served, "image/jpeg", jpeg)

    call_command("secure_uploads", verbosity=0)
    assert _names(rows) == new


def test_a_private_root_inside_media_root_fails_the_system_check(settings, tmp_path):
    from adimarko.core.storage import check_private_media_root

    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    assert check_private_media_root() == []
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "media" / "private")
    assert [error.id for error in check_private_media_root()] == ["adimarko.E015"]
