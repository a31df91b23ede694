import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext

from adimarko.core import services
from adimarko.core.models import Business, BusinessMembership
from shop import services as shop_services
from tests.factories import BusinessFactory, UserFactory, business_form_data, image_bytes, staff_user

pytestmark = pytest.mark.django_db


form_data = business_form_data


def test_create_business_with_logo(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("business_create"), form_data(logo=SimpleUploadedFile("logo.webp", image_bytes("WEBP")))
    )
    business = Business.objects.get()
    assert response.status_code == 302 and response.url == reverse("business_edit", args=[business.slug])
    assert business.logo.name.endswith(".webp")
    assert business.memberships.get().user == user


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"nib": "12345"}, "nib", "NIB harus tepat 13 digit angka."),
        ({"nib": "12345678901ab"}, "nib", "NIB harus tepat 13 digit angka."),
        (
            {"phone": "0342 801234"},
            "phone",
            "Masukkan nomor HP Indonesia, misalnya 0812 3456 7890 atau +62 812 3456 7890.",
        ),
        ({"desa": "35.05.17"}, "desa", None),
        ({"name": ""}, "name", "required"),
    ],
)
def test_create_business_bad_input_shows_field_errors_and_saves_nothing(client, changes, field, message):
    client.force_login(UserFactory())
    response = client.post(reverse("business_create"), form_data(**changes))
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    if message == "required":
        message = gettext("This field is required.")  # Django's own Indonesian catalogue
        assert message != "This field is required."
    assert errors == [message] if message else errors
    assert not Business.objects.exists()
    assert not BusinessMembership.objects.exists()


def test_duplicate_nib_is_a_field_error(client):
    BusinessFactory(nib="9120301234567")
    client.force_login(UserFactory())
    response = client.post(reverse("business_create"), form_data())
    assert response.status_code == 200
    assert response.context["form"].errors["nib"] == ["Usaha dengan NIB ini sudah terdaftar."]
    assert Business.objects.count() == 1


@pytest.mark.parametrize(
    ("upload", "code_message"),
    [
        (
            SimpleUploadedFile("logo.png", b"#!/bin/sh\necho bukan gambar\n", content_type="image/png"),
            "Berkas ini bukan gambar yang sah. Unggah gambar JPEG, PNG atau WebP.",
        ),
        (
            SimpleUploadedFile("logo.png", image_bytes("GIF"), content_type="image/png"),
            "Unggah gambar JPEG, PNG atau WebP.",
        ),
    ],
)
def test_non_image_logo_renamed_png_is_refused(client, upload, code_message):
    client.force_login(UserFactory())
    response = client.post(reverse("business_create"), form_data(logo=upload))
    assert response.status_code == 200
    assert response.context["form"].errors["logo"] == [code_message]
    assert not Business.objects.exists()


def test_oversized_logo_is_refused(client, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 2048
    client.force_login(UserFactory())
    big = SimpleUploadedFile("logo.png", image_bytes("PNG") + b"\0" * 4096)
    response = client.post(reverse("business_create"), form_data(logo=big))
    assert response.status_code == 200
    [error] = response.context["form"].errors["logo"]
    assert error.startswith("Berkas terlalu besar")
    assert not Business.objects.exists()


def test_failed_edit_keeps_the_stored_profile(client):
    business = BusinessFactory(name="Madu Doko")
    client.force_login(business.memberships.get().user)
    response = client.post(reverse("business_edit", args=[business.slug]), form_data(name="Baru", nib="1"))
    assert response.status_code == 200
    business.refresh_from_db()
    assert business.name == "Madu Doko"


def test_edit_business(client):
    business = BusinessFactory()
    client.force_login(business.memberships.get().user)
    response = client.post(
        reverse("business_edit", args=[business.slug]),
        form_data(name="Keripik Pisang Talun", nib=business.nib),
    )
    assert response.status_code == 302
    business.refresh_from_db()
    assert business.name == "Keripik Pisang Talun"


@pytest.mark.parametrize("who", ["stranger", "anonymous"])
def test_only_members_and_staff_can_edit(client, who):
    business = BusinessFactory()
    if who == "stranger":
        client.force_login(UserFactory())
    response = client.get(reverse("business_edit", args=[business.slug]))
    if who == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == 403
        assert "Hanya anggota usaha ini yang boleh mengubahnya." in response.content.decode()


def test_staff_can_edit_any_business(client):
    client.force_login(staff_user())
    assert client.get(reverse("business_edit", args=[BusinessFactory().slug])).status_code == 200


def test_add_certification_and_refuse_bad_document(client):
    business = BusinessFactory()
    client.force_login(business.memberships.get().user)
    url = reverse("business_certification_add", args=[business.slug])
    bad = client.post(
        url, {"kind": "halal", "number": "ID1", "document": SimpleUploadedFile("a.pdf", b"teks")}
    )
    assert bad.status_code == 400
    assert bad.context["certification_form"].errors["document"]
    good = client.post(
        url,
        {
            "kind": "halal",
            "number": "ID35110012345678",
            "expires_on": "2027-01-31",
            "document": SimpleUploadedFile("a.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
        },
    )
    assert good.status_code == 302
    assert business.certifications.get().number == "ID35110012345678"


def test_owner_invites_helper_who_accepts(client, django_capture_on_commit_callbacks):
    business = BusinessFactory()
    owner = business.memberships.get().user
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("business_members", args=[business.slug]), {"email": "bantu@contoh.test"}
        )
    assert response.status_code == 302
    [email] = mail.outbox
    path = email.body.split("http://testserver", 1)[1].split()[0]

    helper = UserFactory(email="bantu@contoh.test")
    client.force_login(helper)
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    assert business.memberships.get(user=helper).role == BusinessMembership.Role.HELPER


def test_helper_cannot_invite(client):
    business = BusinessFactory()
    helper = UserFactory()
    BusinessMembership.objects.create(business=business, user=helper)
    client.force_login(helper)
    response = client.post(reverse("business_members", args=[business.slug]), {"email": "x@contoh.test"})
    assert response.status_code == 403
    assert not business.invitations.exists()


def test_public_profile_shows_whatsapp_link_and_valid_badges(client):
    business = BusinessFactory(phone="081234567890")
    # Public once curation approved its storefront (tests/security/test_business_visibility.py).
    storefront = shop_services.storefront_open(business=business, by=None)
    shop_services.storefront_decide(storefront=storefront, by=staff_user(), approve=True)
    business.certifications.create(kind="halal", number="ID1", expires_on="2099-01-01")
    business.certifications.create(kind="pirt", number="P1", expires_on="2000-01-01")
    html = client.get(reverse("business_public", args=[business.slug])).content.decode()
    assert "https://wa.me/6281234567890" in html
    assert "Halal (BPJPH)" in html and ">PIRT<" not in html


def test_unknown_business_is_a_404_page(client):
    response = client.get(reverse("business_public", args=["tidak-ada"]))
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_owner_withdraws_an_invitation_and_its_link_stops_working(client):
    business = BusinessFactory()
    owner = business.memberships.get().user
    client.force_login(owner)
    client.post(reverse("business_members", args=[business.slug]), {"email": "tamu@contoh.test"})
    invitation = business.invitations.get()
    response = client.post(reverse("business_invitation_revoke", args=[business.slug, invitation.pk]))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None and not invitation.is_pending

    client.force_login(UserFactory(email="tamu@contoh.test"))
    client.post(reverse("business_invitation_accept", args=[invitation.token]))
    assert not business.memberships.filter(user__email="tamu@contoh.test").exists()


def test_helper_cannot_withdraw_invitations(client):
    business = BusinessFactory()
    owner = business.memberships.get().user
    invitation = services.business_invitation_create(
        business=business, email="tamu@contoh.test", invited_by=owner, base_url="/"
    )
    helper = UserFactory()
    BusinessMembership.objects.create(business=business, user=helper)
    client.force_login(helper)
    response = client.post(reverse("business_invitation_revoke", args=[business.slug, invitation.pk]))
    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_field_errors_are_announced_to_screen_readers(client):
    client.force_login(UserFactory())
    html = client.post(reverse("business_create"), form_data(nib="12")).content.decode()
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_nib_helptext id_nib_error"' in html
    assert html.count('id="id_nib_error"') == 1


def test_reserved_paths_are_never_business_slugs():
    assert BusinessFactory(name="Baru").slug == "baru-2"
    assert BusinessFactory(name="Undangan").slug == "undangan-2"
