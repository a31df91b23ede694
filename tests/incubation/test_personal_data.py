"""Personal data: JSON export for the owner (NIK in full); deletion requests that staff execute."""

import json
from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from incubation.audition.models.rounds import WIB
from incubation.coaching.services import mentoring
from incubation.coaching.services.assignments import submission_create
from incubation.models import Application, DataDeletionRequest
from incubation.personal_data.services import (
    data_deletion_execute,
    data_deletion_request_create,
    personal_data_export,
)
from tests.factories import staff_user
from tests.incubation import coaching_factories as cf
from tests.incubation.factories import VALID_NIK, applicant, round_page, submitted

pytestmark = pytest.mark.django_db


def test_applicant_downloads_their_data_as_json(client):
    round = round_page()
    user, business = applicant(email="siti@contoh.test")
    application = submitted(round=round, user=user, business=business)
    client.force_login(user)
    response = client.get(reverse("audition_my_data"))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content)
    assert data["account"]["email"] == "siti@contoh.test"
    [exported] = data["applications"]
    assert exported["code"] == application.code
    assert exported["owner_nik"] == VALID_NIK
    assert [d["requirement"] for d in exported["documents"]] == ["Sertifikat NIB", "Foto produk"]
    assert [h["status"] for h in exported["history"]] == ["draft", "submitted", "eligible"]
    assert data["assignments"] == [] and data["mentoring_attendance"] == []


def test_the_export_holds_the_participants_assignments_and_check_ins():
    room = cf.Classroom()
    when = datetime(2026, 7, 1, 9, 30, tzinfo=WIB)
    submission_create(
        lesson=room.lesson,
        enrollment=room.enrollment,
        by=room.user,
        text="Foto produk di meja kayu",
        photos=[cf.png("kopi.png")],
        now=when,
    )
    held = cf.session(cohort=room.cohort, by=room.trainer, starts_at=datetime(2026, 7, 1, 9, 0, tzinfo=WIB))
    token = mentoring.checkin_token(session=held, now=when)
    mentoring.attendance_checkin(token=token, user=room.user, now=when)
    other_user, _ = room.people[1]

    data = personal_data_export(user=room.user)

    [assignment] = data["assignments"]
    assert (assignment["cohort"], assignment["lesson"], assignment["text"], assignment["status"]) == (
        "Angkatan 2026",
        room.lesson.title,
        "Foto produk di meja kayu",
        "submitted",
    )
    assert [(f["file_name"], f["content_type"]) for f in assignment["files"]] == [("kopi.png", "image/png")]
    [checkin] = data["mentoring_attendance"]
    assert (checkin["session"], checkin["method"]) == ("Mentoring foto produk", "qr")
    # Another participant's export holds none of it.
    other = personal_data_export(user=other_user)
    assert other["assignments"] == [] and other["mentoring_attendance"] == []


def test_deletion_request_then_staff_anonymise(client):
    round = round_page()
    user, business = applicant(email="hapus@contoh.test")
    application = submitted(round=round, user=user, business=business)
    client.force_login(user)
    client.post(reverse("audition_my_data_delete"), {"reason": "Tidak lagi berusaha"})
    request = DataDeletionRequest.objects.get(user=user)
    assert request.executed_at is None
    # Asking twice is refused politely.
    with pytest.raises(ValidationError):
        data_deletion_request_create(user=user)
    staff = staff_user()
    client.force_login(staff)
    response = client.post(reverse("staff_audition_deletions"), {"request": request.pk}, follow=True)
    assert "Data pribadi dihapus dari 1 lamaran." in response.content.decode()
    application = Application.objects.get(pk=application.pk)
    assert (application.owner_name, application.owner_nik, application.motivation) == ("", "", "")
    assert application.anonymised_at is not None
    assert application.documents.count() == 0
    assert application.status == "eligible"  # the round's record stays
    user.refresh_from_db()
    assert not user.is_active and user.email == f"dihapus-{user.pk}@anonim.invalid"
    request.refresh_from_db()
    assert request.executed_by == staff and "hapus@contoh.test" not in request.email
    with pytest.raises(ValidationError):
        data_deletion_execute(deletion_request=request, by=staff)


def test_non_staff_cannot_execute_deletions(client):
    user, _business = applicant()
    client.force_login(user)
    assert client.get(reverse("staff_audition_deletions")).status_code == 403
