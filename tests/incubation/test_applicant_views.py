"""The applicant flow over HTTP: start, steps with saved drafts, uploads with bad input, submit, withdraw."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext

from incubation.models import Application, Status
from tests.factories import image_bytes
from tests.incubation.factories import PDF_BYTES, applicant, open_now_round, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(client):
    round = open_now_round()
    user, business = applicant(first_name="Siti")
    client.force_login(user)
    response = client.post(reverse("audition_application_start", args=[round.pk]), {"business": business.pk})
    application = Application.objects.get(round=round, business=business)
    assert response.status_code == 302
    assert response["Location"] == reverse("audition_application_step", args=[application.pk, "usaha"])
    return round, user, application


def _step(client, application, step, data, button="save"):
    return client.post(
        reverse("audition_application_step", args=[application.pk, step]), {**data, button: "1"}
    )


def test_draft_steps_save_and_keep_data_on_errors(client, started):
    round, user, application = started
    response = _step(
        client,
        application,
        "usaha",
        {"owner_name": "Siti Aminah", "owner_nik": "12345", "business_started_on": "2020-05-01"},
    )
    assert response.status_code == 400
    assert "Masukkan 16 digit NIK persis seperti tertulis di KTP." in response.content.decode()
    application.refresh_from_db()
    assert application.owner_nik == ""
    response = _step(
        client,
        application,
        "usaha",
        {
            "owner_name": "Siti Aminah",
            "owner_nik": "3505014101900001",
            "business_started_on": "2020-05-01",
            "employees": "3",
        },
        button="next",
    )
    assert response["Location"] == reverse("audition_application_step", args=[application.pk, "produk"])
    application.refresh_from_db()
    assert (application.owner_name, application.owner_nik, application.employees) == (
        "Siti Aminah",
        "3505014101900001",
        3,
    )


def test_bad_uploads_are_refused_with_clear_errors_and_the_draft_is_kept(client, started, settings):
    round, user, application = started
    _step(client, application, "produk", {"product_name": "Keripik", "category": "snack", "price": "15000"})
    nib, photo = round.required_documents.all()
    url = reverse("audition_application_step", args=[application.pk, "dokumen"])
    # A text file pretending to be a PDF and a photo that is not an image.
    response = client.post(
        url,
        {
            f"doc_{nib.pk}": upload("nib.pdf", b"not a pdf at all"),
            f"doc_{photo.pk}": upload("foto.jpg", b"GIF89a..."),
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Sertifikat NIB: Unggah PDF atau gambar JPEG, PNG atau WebP." in body
    assert "Foto produk: Berkas ini bukan gambar yang sah. Unggah gambar JPEG, PNG atau WebP." in body
    assert application.documents.count() == 0
    application.refresh_from_db()
    assert application.product_name == "Keripik" and application.status == Status.DRAFT
    # Oversized file.
    settings.IMAGE_UPLOAD_MAX_BYTES = 1000
    response = client.post(url, {f"doc_{photo.pk}": upload("besar.png", image_bytes(size=(400, 400)))})
    assert "terlalu besar" in response.content.decode()
    assert application.documents.count() == 0
    # An image bomb (more pixels than allowed).
    settings.IMAGE_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
    settings.IMAGE_UPLOAD_MAX_PIXELS = 100
    response = client.post(url, {f"doc_{photo.pk}": upload("bom.png", image_bytes(size=(20, 20)))})
    assert "Gambar terlalu besar (20 × 20 piksel)." in response.content.decode()
    settings.IMAGE_UPLOAD_MAX_PIXELS = 24_000_000
    # One good and one bad file: the good one is stored, the bad one explained.
    response = client.post(
        url, {f"doc_{nib.pk}": upload("nib.pdf", PDF_BYTES), f"doc_{photo.pk}": upload("foto.txt", b"hello")}
    )
    assert response.status_code == 400
    assert list(application.documents.values_list("requirement__label", flat=True)) == ["Sertifikat NIB"]


def test_submission_with_missing_documents_lists_what_is_missing(client, started):
    round, user, application = started
    response = client.post(reverse("audition_application_submit", args=[application.pk]), follow=True)
    body = response.content.decode()
    assert "Unggah: Sertifikat NIB" in body
    assert "Unggah: Foto produk" in body
    application.refresh_from_db()
    assert application.status == Status.DRAFT


def test_complete_flow_submits_emails_and_locks_the_draft(
    client, started, django_capture_on_commit_callbacks
):
    round, user, application = started
    _step(
        client,
        application,
        "usaha",
        {"owner_name": "Siti Aminah", "owner_nik": "3505014101900001", "business_started_on": "2020-05-01"},
    )
    _step(
        client,
        application,
        "produk",
        {"product_name": "Keripik", "product_description": "Renyah", "category": "snack", "price": "15000"},
    )
    _step(
        client,
        application,
        "pemasaran",
        {"sales_channel": "social", "motivation": "Ingin maju", "has_smartphone": "on"},
    )
    nib, photo = round.required_documents.all()
    response = client.post(
        reverse("audition_application_step", args=[application.pk, "dokumen"]),
        {f"doc_{nib.pk}": upload("nib.pdf", PDF_BYTES), f"doc_{photo.pk}": upload("foto.png", image_bytes())},
    )
    assert response.status_code == 302
    submit_url = reverse("audition_application_submit", args=[application.pk])
    # Submitting cannot be undone: the button leads to a confirmation step, which changes nothing yet.
    response = client.post(submit_url)
    assert response.status_code == 200
    assert gettext("Submit your application?") in response.content.decode()
    assert 'name="confirm" value="yes"' in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(submit_url, {"confirm": "yes"}, follow=True)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert "Lamaran Anda telah dikirim." in response.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
    assert application.code in mail.outbox[0].body
    # Edits are refused after submission.
    response = _step(
        client, application, "produk", {"product_name": "Lain", "category": "snack", "price": "1"}
    )
    assert response.status_code == 403
    # Withdrawal is still possible.
    client.post(reverse("audition_application_withdraw", args=[application.pk]), {"note": "Sedang sakit"})
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    assert list(application.events.values_list("status", flat=True)) == ["draft", "submitted", "withdrawn"]


def test_one_application_per_business_per_round(client, started):
    round, user, application = started
    response = client.post(
        reverse("audition_application_start", args=[round.pk]), {"business": application.business_id}
    )
    assert response.status_code == 200
    assert "Usaha ini sudah memiliki lamaran di putaran ini." in response.content.decode()
    assert Application.objects.filter(round=round).count() == 1


def test_round_page_renders_with_apply_button(client):
    round = open_now_round()
    response = client.get(round.url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Daftar sekarang" in body
    assert "23:59:59 WIB" in body
