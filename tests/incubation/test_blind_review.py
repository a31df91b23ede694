"""Blind review hides the applicant's identity from juries in views and exports; NIK is always masked."""

import csv
import io

import pytest
from django.urls import reverse

from tests.incubation.factories import VALID_NIK, applicant, assign, jury, round_page, submitted

pytestmark = pytest.mark.django_db


def _world(blind: bool):
    round = round_page(blind_review=blind)
    user, business = applicant(first_name="Sulastri", last_name="Wibowo")
    application = submitted(round=round, user=user, business=business)
    juror = jury()
    assignment = assign(application, juror)
    return round, application, juror, assignment


def test_blind_jury_views_hide_name_owner_nib_and_identifying_documents(client):
    round, application, juror, assignment = _world(blind=True)
    client.force_login(juror)
    listing = client.get(reverse("jury_home")).content.decode()
    page = client.get(reverse("jury_application", args=[assignment.pk])).content.decode()
    for secret in (
        application.business.name,
        "Sulastri",
        application.business.nib,
        application.business.phone,
    ):
        assert secret not in listing
        assert secret not in page
    assert application.code in listing and application.code in page
    assert "Keripik tempe original" in page  # the product is what juries judge
    nib_doc = application.documents.get(requirement__label="Sertifikat NIB")
    photo = application.documents.get(requirement__label="Foto produk")
    assert client.get(reverse("audition_document", args=[nib_doc.pk])).status_code == 403
    assert client.get(reverse("audition_document", args=[photo.pk])).status_code == 200


def test_blind_jury_export_has_no_identity_columns(client):
    round, application, juror, assignment = _world(blind=True)
    client.force_login(juror)
    text = client.get(reverse("jury_export", args=[round.pk])).content.decode()
    header, row = list(csv.reader(io.StringIO(text)))
    assert header[:4] == ["code", "category", "product", "my_total"]
    assert row[0] == application.code
    assert application.business.name not in text and "Sulastri" not in text


def test_open_review_shows_identity_to_the_jury(client):
    round, application, juror, assignment = _world(blind=False)
    client.force_login(juror)
    page = client.get(reverse("jury_application", args=[assignment.pk])).content.decode()
    assert application.business.name in page
    assert VALID_NIK not in page
    assert "************0001" in page


def test_staff_export_masks_the_nik(client):
    round, application, juror, assignment = _world(blind=True)
    from tests.factories import staff_user

    client.force_login(staff_user())
    text = client.get(reverse("staff_audition_export", args=[round.pk])).content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["business"] == application.business.name
    assert rows[0]["owner_nik"] == "************0001"
    assert VALID_NIK not in text
    staff_page = client.get(reverse("staff_audition_application", args=[application.pk])).content.decode()
    assert VALID_NIK not in staff_page and "************0001" in staff_page
    applicant_view = client.get(
        reverse("audition_application_detail", args=[application.pk])
    ).content.decode()
    assert VALID_NIK not in applicant_view and "************0001" in applicant_view


def test_only_the_owner_sees_the_nik_in_full(client):
    round, application, juror, assignment = _world(blind=False)
    client.force_login(application.applicant)
    page = client.get(reverse("audition_application_detail", args=[application.pk])).content.decode()
    assert VALID_NIK in page
