"""Personal data: JSON export for the owner (NIK in full); deletion requests that staff execute."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from incubation.models import Application, DataDeletionRequest
from incubation.services.personal_data import data_deletion_execute, data_deletion_request_create
from tests.factories import staff_user
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
