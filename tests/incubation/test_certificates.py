"""The printable certificate (members and staff) and the public verification page (no login, no personal
data; unknown or malformed codes answer 404 with a clear page)."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

from incubation.graduation.services import certificate_revoke
from tests.factories import UserFactory
from tests.incubation import graduation_factories as g

pytestmark = pytest.mark.django_db


def test_a_member_prints_the_certificate_with_a_qr_code_to_the_public_page(client, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://adimarko.blitarkab.go.id"
    cohort, enrollment, certificate = g.graduated()
    member = g.member(enrollment)
    client.force_login(member)
    response = client.get(reverse("certificate_detail", args=[certificate.code]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sertifikat Kelulusan" in html
    assert certificate.business_name in html and "Angkatan 2026" in html
    assert certificate.code in html
    assert f"https://adimarko.blitarkab.go.id/sertifikat/{certificate.code}/" in html
    assert "<svg" in html and "Verifikasi sertifikat " + certificate.code in html  # the QR code's title
    # The one site stylesheet carries the certificate's print rules (A4 landscape, no header or footer).
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) == [static("adimarko/css/site.css")]
    assert "@page certificate" in Path(finders.find("adimarko/css/site.css")).read_text()
    assert "Buka toko alumni saya" in html


def test_the_qr_code_encodes_the_verification_url():
    from incubation.graduation.views.certificates import qr_svg

    svg = qr_svg("https://example.test/sertifikat/AM-2026-ABCD-EFGH/", title="t")
    assert svg.startswith("<svg") and 'xmlns="http://www.w3.org/2000/svg"' in svg and "<path" in svg


def test_staff_open_any_certificate_others_are_refused(client):
    _, _, certificate = g.graduated()
    url = reverse("certificate_detail", args=[certificate.code])
    client.force_login(g.staff())
    assert client.get(url).status_code == 200
    client.force_login(UserFactory())
    refused = client.get(url)
    assert refused.status_code == 403
    assert "Hanya anggota usaha yang lulus" in refused.content.decode()
    client.logout()
    assert client.get(url).status_code == 302


def test_the_public_page_says_valid_with_only_certificate_facts(client):
    cohort, enrollment, certificate = g.graduated()
    owner = g.member(enrollment)
    response = client.get(reverse("certificate_verify", args=[certificate.code]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-state="valid"' in html and "Sertifikat sah" in html
    assert certificate.business_name in html and "Angkatan 2026" in html and "2026" in html
    business = enrollment.business
    for personal in (owner.email, owner.first_name, business.nib, business.phone, business.address):
        assert personal not in html


def test_a_revoked_certificate_says_so_with_the_reason(client):
    _, _, certificate = g.graduated()
    certificate_revoke(certificate=certificate, by=g.staff(), reason="Data usaha tidak sesuai")
    html = client.get(reverse("certificate_verify", args=[certificate.code])).content.decode()
    assert 'data-state="revoked"' in html and "Sertifikat dicabut" in html
    assert "Data usaha tidak sesuai" in html
    assert 'data-state="valid"' not in html


@pytest.mark.parametrize(
    "code",
    [
        "AM-2026-ZZZZ-ZZZZ",
        "AM-2026",
        "hello",
        "AM-2026-0000-0000",
        "%3Cscript%3E",
        "x" * 500,
        "AM-9999-ABCD-EFGH",
    ],
)
def test_unknown_or_malformed_codes_answer_404_with_a_clear_page(client, code):
    g.graduated()
    response = client.get(f"/sertifikat/{code}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'data-state="not_found"' in html and "Sertifikat tidak ditemukan" in html
    assert "<script>" not in html


def test_a_code_typed_in_lower_case_or_in_the_form_finds_the_certificate(client):
    _, _, certificate = g.graduated()
    canonical = reverse("certificate_verify", args=[certificate.code])
    response = client.get(f"/sertifikat/{certificate.code.lower()}/")
    assert response.status_code == 302 and response["Location"] == canonical
    response = client.get(reverse("certificate_lookup"), {"kode": f"  {certificate.code.lower()} "})
    assert response.status_code == 302 and response["Location"] == canonical
    assert client.get(reverse("certificate_lookup")).status_code == 200
    assert client.get(reverse("certificate_lookup"), {"kode": "salah"}).status_code == 404


def test_the_english_verification_page(client):
    _, _, certificate = g.graduated()
    html = client.get(f"/en/sertifikat/{certificate.code}/").content.decode()
    assert "Valid certificate" in html


def test_participants_find_their_certificate_on_my_incubation(client):
    cohort, enrollment, certificate = g.graduated(participants=2)
    graduate_user = g.member(enrollment)
    client.force_login(graduate_user)
    html = client.get(reverse("certificate_mine")).content.decode()
    assert reverse("certificate_detail", args=[certificate.code]) in html
    assert "Buka toko alumni saya" in html
    still_active = g.member(g.other_enrollment(cohort, enrollment))
    client.force_login(still_active)
    html = client.get(reverse("certificate_mine")).content.decode()
    assert "Angkatan 2026" in html and certificate.code not in html
    assert "Selesaikan pelajaran" in html
    client.force_login(UserFactory())
    assert "belum terdaftar" in client.get(reverse("certificate_mine")).content.decode()
