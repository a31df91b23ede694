"""Uploads are named and typed by their checked content (issue 15): a PNG called x.html is stored and served
as PNG; HTML dressed as a PDF is refused wherever a PDF is accepted; a truncated JPEG is a form error."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from adimarko.core.models import Business
from incubation.models import AssignmentSubmission, Status
from shop.models import ProductPhoto
from tests.factories import BusinessFactory, UserFactory, business_form_data, image_bytes
from tests.incubation import coaching_factories as cf
from tests.incubation.factories import applicant, open_now_round
from tests.shop.factories import product

pytestmark = pytest.mark.django_db

HTML_AS_PDF = [
    pytest.param(b"<html><body><script>alert(document.cookie)</script></body></html>", id="plain-html"),
    # The old check only looked at the first five bytes.
    pytest.param(b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>", id="pdf-header-html"),
]


def truncated_jpeg() -> bytes:
    """A JPEG cut in half: Pillow's verify() accepts it, decoding it fails."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (64, 48), os.urandom(64 * 48 * 3)).save(buffer, "JPEG", quality=95)
    data = buffer.getvalue()[: len(buffer.getvalue()) // 2]
    with Image.open(io.BytesIO(data)) as image:
        image.verify()
    return data


business_form = business_form_data


@pytest.mark.parametrize(("name", "claimed_type"), [("x.html", "text/html"), ("x.svg", "image/svg+xml")])
def test_a_png_named_html_or_svg_is_stored_and_served_as_png(client, disk_storages, name, claimed_type):
    client.force_login(UserFactory())
    png = image_bytes("PNG")
    response = client.post(
        reverse("business_create"),
        business_form(logo=SimpleUploadedFile(name, png, content_type=claimed_type)),
    )
    assert response.status_code == 302
    logo = Business.objects.get().logo
    assert logo.name.startswith(f"businesses/{Business.objects.get().slug}/logo/")
    assert logo.name.endswith(".png")
    served = client.get(f"/media/{logo.name}")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == png


@pytest.mark.parametrize("payload", HTML_AS_PDF)
def test_html_named_pdf_is_refused_as_a_certification_document(client, payload):
    business = BusinessFactory()
    client.force_login(business.memberships.get().user)
    response = client.post(
        reverse("business_certification_add", args=[business.slug]),
        {"kind": "halal", "number": "ID1", "document": SimpleUploadedFile("halal.pdf", payload)},
    )
    assert response.status_code == 400
    assert response.context["certification_form"].errors["document"] == [
        "Unggah sertifikat sebagai PDF atau gambar JPEG, PNG atau WebP."
    ]
    assert not business.certifications.exists()


@pytest.mark.parametrize("payload", HTML_AS_PDF)
def test_html_named_pdf_is_refused_as_an_application_document(client, payload):
    round = open_now_round()
    user, business = applicant()
    client.force_login(user)
    client.post(reverse("audition_application_start", args=[round.pk]), {"business": business.pk})
    application = business.applications.get()
    nib = round.required_documents.get(kind="document")
    response = client.post(
        reverse("audition_application_step", args=[application.pk, "dokumen"]),
        {f"doc_{nib.pk}": SimpleUploadedFile("nib.pdf", payload, content_type="application/pdf")},
    )
    assert response.status_code == 400
    assert f"{nib.label}: Unggah PDF atau gambar JPEG, PNG atau WebP." in response.content.decode()
    assert application.documents.count() == 0
    assert application.status == Status.DRAFT


@pytest.mark.parametrize("payload", HTML_AS_PDF)
def test_html_named_pdf_is_refused_as_an_assignment_document(client, payload):
    room = cf.Classroom()
    client.force_login(room.user)
    response = client.post(
        reverse("assignment_detail", args=[room.lesson.pk]),
        {"text": "Rencana usaha saya", "documents": [cf.upload("rencana.pdf", payload, "application/pdf")]},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["documents"] == [
        "rencana.pdf: Unggah PDF atau gambar JPEG, PNG atau WebP."
    ]
    assert AssignmentSubmission.objects.count() == 0


def test_a_truncated_jpeg_product_photo_is_a_form_error(client):
    item = product()
    client.force_login(item.business.memberships.get().user)
    response = client.post(
        reverse("seller_photo_add", args=[item.pk]),
        {"image": SimpleUploadedFile("foto.jpg", truncated_jpeg(), "image/jpeg"), "alt_text": "Foto"},
    )
    assert response.status_code == 400
    assert "Berkas ini bukan gambar yang sah" in response.content.decode()
    assert ProductPhoto.objects.count() == 0


def test_a_truncated_jpeg_assignment_photo_is_a_form_error(client):
    room = cf.Classroom()
    client.force_login(room.user)
    response = client.post(
        reverse("assignment_detail", args=[room.lesson.pk]),
        {"text": "Foto produk", "photos": [cf.upload("produk.jpg", truncated_jpeg(), "image/jpeg")]},
    )
    assert response.status_code == 200
    [error] = response.context["form"].errors["photos"]
    assert error.startswith("produk.jpg: Berkas ini bukan gambar yang sah")
    assert AssignmentSubmission.objects.count() == 0


def test_an_application_document_is_stored_with_the_extension_of_its_content(client):
    """A JPEG scan uploaded as `nib.pdf` is stored as .jpg and served as image/jpeg."""
    round = open_now_round()
    user, business = applicant()
    client.force_login(user)
    client.post(reverse("audition_application_start", args=[round.pk]), {"business": business.pk})
    application = business.applications.get()
    nib = round.required_documents.get(kind="document")
    jpeg = image_bytes("JPEG")
    client.post(
        reverse("audition_application_step", args=[application.pk, "dokumen"]),
        {f"doc_{nib.pk}": SimpleUploadedFile("nib.pdf", jpeg, content_type="application/pdf")},
    )
    document = application.documents.get()
    assert document.file.name.startswith(f"audition/{round.pk}/{application.pk}/")
    assert document.file.name.endswith(".jpg")
    response = client.get(reverse("audition_document", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == jpeg
