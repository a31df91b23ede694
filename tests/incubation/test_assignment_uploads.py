"""Uploads on assignments: checked by content and size before anything is stored; clear field errors;
the typed text stays in the form; photos lose their EXIF/GPS; files are served only through a permission
check."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image

from incubation.coaching.services import assignments as services
from incubation.models import AssignmentSubmission, SubmissionFile
from tests.incubation import coaching_factories as cf

pytestmark = pytest.mark.django_db


@pytest.fixture
def room():
    return cf.Classroom()


def _storage():
    return SubmissionFile._meta.get_field("file").storage


def _stored_names() -> set[str]:
    storage = _storage()
    names = set()
    if not storage.exists("assignments"):
        return names

    def walk(path):
        directories, files = storage.listdir(path)
        names.update(f"{path}/{name}" for name in files)
        for directory in directories:
            walk(f"{path}/{directory}")

    walk("assignments")
    return names


def _submit(room, **kwargs):
    return services.submission_create(lesson=room.lesson, enrollment=room.enrollment, by=room.user, **kwargs)


def test_a_renamed_non_image_is_refused_with_its_name_and_nothing_is_stored(room):
    before = _stored_names()
    fake = cf.upload("foto.jpg", b"MZ\x90\x00 this is an executable, not a photo", "image/jpeg")
    with pytest.raises(ValidationError) as error:
        _submit(room, text="Jawaban saya", documents=[cf.pdf()], photos=[cf.png("baik.png"), fake])
    assert list(error.value.message_dict) == ["photos"]
    assert error.value.message_dict["photos"][0].startswith("foto.jpg: ")
    assert AssignmentSubmission.objects.count() == 0
    assert SubmissionFile.objects.count() == 0
    assert _stored_names() == before


def test_a_document_that_is_neither_pdf_nor_image_is_refused(room):
    with pytest.raises(ValidationError) as error:
        _submit(
            room, text="x", documents=[cf.upload("rencana.pdf", b"<html>not a pdf</html>", "application/pdf")]
        )
    assert "rencana.pdf: " in error.value.message_dict["documents"][0]
    assert AssignmentSubmission.objects.count() == 0


def test_oversized_and_too_many_pixels_are_refused(room, settings):
    settings.DOCUMENT_UPLOAD_MAX_BYTES = 200
    with pytest.raises(ValidationError) as big:
        _submit(room, text="x", documents=[cf.pdf(extra=b"0" * 500)])
    assert "rencana-usaha.pdf" in big.value.message_dict["documents"][0]
    settings.IMAGE_UPLOAD_MAX_PIXELS = 100  # a 32×32 photo is 1 024 pixels: treated like a decompression bomb
    with pytest.raises(ValidationError) as bomb:
        _submit(room, text="x", photos=[cf.png()])
    assert "photos" in bomb.value.message_dict
    assert AssignmentSubmission.objects.count() == 0


def test_more_than_five_files_are_refused(room):
    with pytest.raises(ValidationError) as error:
        _submit(room, text="x", documents=[cf.pdf() for _ in range(3)], photos=[cf.png() for _ in range(3)])
    assert list(error.value.message_dict) == ["documents"]
    assert "5" in error.value.message_dict["documents"][0]
    assert AssignmentSubmission.objects.count() == 0


def test_photos_are_stored_without_exif_or_gps_and_documents_keep_their_bytes(room):
    submission = _submit(room, text="", documents=[cf.pdf()], photos=[cf.jpeg_with_gps()])
    files = {f.kind: f for f in submission.files.all()}
    assert set(files) == {"document", "photo"}
    assert files["document"].content_type == "application/pdf"
    assert files["document"].file.read().startswith(b"%PDF-")
    photo = files["photo"]
    assert photo.content_type == "image/jpeg"
    assert photo.original_name == "foto-produk.jpg"
    assert photo.file.name.startswith(f"assignments/{room.lesson.pk}/{room.enrollment.pk}/")
    with Image.open(io.BytesIO(photo.file.read())) as stored:
        exif = stored.getexif()
        assert len(exif) == 0
        assert not exif.get_ifd(cf.GPS_IFD)
        assert stored.size == (40, 30)


def test_a_failure_after_files_were_stored_removes_them_again(room, monkeypatch):
    before = _stored_names()

    def broken_touch(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "enrollment_touch", broken_touch)
    with pytest.raises(RuntimeError):
        _submit(room, text="x", documents=[cf.pdf()], photos=[cf.png()])
    assert AssignmentSubmission.objects.count() == 0
    assert _stored_names() == before


def test_the_form_keeps_the_text_and_shows_the_error_in_indonesian(room, client):
    client.force_login(room.user)
    url = reverse("assignment_detail", args=[room.lesson.pk])
    fake = cf.upload("produk.jpg", b"bukan gambar sama sekali", "image/jpeg")
    response = client.post(url, {"text": "Teks yang panjang dan berharga", "photos": [fake]})
    assert response.status_code == 200
    form = response.context["form"]
    assert form["text"].value() == "Teks yang panjang dan berharga"
    assert "produk.jpg: " in form.errors["photos"][0]
    html = response.content.decode()
    assert "Teks yang panjang dan berharga" in html
    assert "Tidak ada yang disimpan" in html
    assert AssignmentSubmission.objects.count() == 0


def test_files_are_served_only_to_the_business_its_trainers_and_staff(room, client):
    submission = _submit(room, text="", photos=[cf.png()])
    record = submission.files.get()
    url = reverse("assignment_file", args=[record.pk])
    assert not url.startswith("/media/")
    client.force_login(room.user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    client.force_login(room.trainer)
    assert client.get(url).status_code == 200
    other_participant = room.people[1][0]
    client.force_login(other_participant)
    assert client.get(url).status_code == 403
    client.force_login(cf.buyer())
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
