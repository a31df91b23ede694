from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from adimarko.core import services
from adimarko.core.models import Business, BusinessInvitation, BusinessMembership, Certification, User
from adimarko.core.roles import GROUP_NAMES, Role, has_role, user_roles
from tests.factories import BusinessFactory, UserFactory, desa, image_bytes

pytestmark = pytest.mark.django_db


def update_profile(business, **changes):
    """business_update with the business's current profile, except for `changes`."""
    profile = {
        "name": business.name,
        "nib": business.nib,
        "phone": business.phone,
        "address": business.address,
        "desa": business.desa,
        "description": business.description,
    }
    return services.business_update(business=business, **(profile | changes))


def test_roles_sync_creates_one_group_per_role_and_is_idempotent():
    services.roles_sync()
    services.roles_sync()
    assert set(Group.objects.filter(name__in=GROUP_NAMES.values()).values_list("name", flat=True)) == set(
        GROUP_NAMES.values()
    )
    staff = Group.objects.get(name=GROUP_NAMES[Role.STAFF])
    assert staff.permissions.filter(codename="access_admin").count() == 1


def test_user_register_makes_a_buyer_with_normalised_email_and_phone():
    user = services.user_register(
        email="Siti@Contoh.TEST", password="rahasia-tes-2027", first_name=" Siti ", phone="0812 3456 7890"
    )
    assert (user.email, user.first_name, user.phone) == ("siti@contoh.test", "Siti", "+6281234567890")
    assert user.check_password("rahasia-tes-2027")
    assert user_roles(user) == {Role.BUYER}


def test_user_register_refuses_duplicate_email_case_insensitively():
    UserFactory(email="ani@contoh.test")
    with pytest.raises(ValidationError) as exc:
        services.user_register(email="ANI@contoh.test", password="x-rahasia-99", first_name="Ani")
    assert "email" in exc.value.message_dict
    assert User.objects.filter(email="ani@contoh.test").count() == 1


def test_business_create_makes_the_owner_a_seller():
    owner = UserFactory()
    business = services.business_create(
        owner=owner,
        name="Kopi Sirah Kencong",
        nib="9120301234567",
        phone="0812-3456-7890",
        address="Jl. Kenanga 3",
        desa=desa(),
        description="Kopi robusta.",
    )
    assert business.slug == "kopi-sirah-kencong"
    assert business.phone == "+6281234567890"
    assert business.kecamatan.code == "35.05.17"
    assert business.whatsapp_url == "https://wa.me/6281234567890"
    membership = BusinessMembership.objects.get(business=business)
    assert (membership.user, membership.role) == (owner, BusinessMembership.Role.OWNER)
    assert has_role(User.objects.get(pk=owner.pk), Role.SELLER)


def test_business_slugs_stay_unique():
    first = BusinessFactory(name="Madu Doko")
    second = BusinessFactory(name="Madu Doko")
    assert (first.slug, second.slug) == ("madu-doko", "madu-doko-2")


@pytest.mark.parametrize(
    ("field", "overrides"),
    [("nib", {"nib": "12345"}), ("phone", {"phone": "0342 801234"}), ("nib", {"nib": "9120000000000"})],
)
def test_invalid_business_saves_nothing(field, overrides):
    BusinessFactory(nib="9120000000000")  # makes the last case a duplicate NIB
    owner = UserFactory()
    before = (Business.objects.count(), BusinessMembership.objects.count())
    kwargs = {
        "owner": owner,
        "name": "Usaha Baru",
        "nib": "9120000000099",
        "phone": "081234567890",
        "address": "Jl. Mawar",
        "desa": desa(),
    } | overrides
    with pytest.raises(ValidationError) as exc:
        services.business_create(**kwargs)
    assert field in exc.value.message_dict
    assert (Business.objects.count(), BusinessMembership.objects.count()) == before
    assert not has_role(User.objects.get(pk=owner.pk), Role.SELLER)


def test_business_needs_a_desa_not_a_kecamatan():
    from adimarko.core.models import Region

    with pytest.raises(ValidationError) as exc:
        BusinessFactory(desa=Region.objects.get(code="35.05.17"))
    assert exc.value.message_dict["desa"] == ["Pilih desa atau kelurahan di Kabupaten Blitar."]


def test_business_update_keeps_logo_unless_replaced_or_cleared():
    business = BusinessFactory(logo=SimpleUploadedFile("logo.png", image_bytes()))
    kept = update_profile(business, name="Nama Baru", logo=None)
    assert kept.logo and kept.name == "Nama Baru"
    cleared = update_profile(business, name="Nama Baru", logo=False)
    assert not cleared.logo


def test_certification_validity_follows_its_expiry_date():
    business = BusinessFactory()
    today = timezone.localdate()
    valid = services.certification_add(
        business=business, kind="halal", number="ID35110012345678", expires_on=today
    )
    expired = services.certification_add(
        business=business, kind="pirt", number="2063505010123-27", expires_on=today - timedelta(days=1)
    )
    assert (valid.is_valid, expired.is_valid) == (True, False)
    with pytest.raises(ValidationError):
        services.certification_add(business=business, kind="halal", number="ID35110012345678")
    assert Certification.objects.filter(business=business).count() == 2


def test_invitation_is_emailed_after_commit_and_accepted_by_the_invitee(django_capture_on_commit_callbacks):
    business = BusinessFactory(name="Sambal Pecel Mbok Darmi")
    owner = business.memberships.get().user
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.business_invitation_create(
            business=business, email="Helper@Contoh.test", invited_by=owner, base_url="http://testserver/"
        )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["helper@contoh.test"]
    assert mail.outbox[0].subject == "Undangan bergabung dengan Sambal Pecel Mbok Darmi di Adi Marko"
    assert f"/usaha/undangan/{invitation.token}/" in mail.outbox[0].body

    helper = UserFactory(email="helper@contoh.test")
    membership = services.business_invitation_accept(invitation=invitation, user=helper)
    assert membership.role == BusinessMembership.Role.HELPER
    invitation.refresh_from_db()
    assert invitation.accepted_by == helper and not invitation.is_pending
    assert has_role(User.objects.get(pk=helper.pk), Role.SELLER)
    with pytest.raises(ValidationError, match="kedaluwarsa atau sudah dipakai"):
        services.business_invitation_accept(invitation=invitation, user=helper)


def test_invitation_cannot_be_taken_by_another_account_or_after_expiry():
    business = BusinessFactory()
    owner = business.memberships.get().user
    invitation = services.business_invitation_create(
        business=business, email="tamu@contoh.test", invited_by=owner, base_url="http://testserver/"
    )
    with pytest.raises(ValidationError, match="dikirim ke tamu@contoh.test"):
        services.business_invitation_accept(invitation=invitation, user=UserFactory())
    BusinessInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    invitation.refresh_from_db()
    with pytest.raises(ValidationError):
        services.business_invitation_accept(invitation=invitation, user=UserFactory(email="tamu@contoh.test"))
    assert business.memberships.count() == 1


def test_invitation_refuses_existing_members_and_duplicates():
    business = BusinessFactory()
    owner = business.memberships.get().user
    with pytest.raises(ValidationError, match="sudah menjadi anggota"):
        services.business_invitation_create(
            business=business, email=owner.email, invited_by=owner, base_url="/"
        )
    services.business_invitation_create(
        business=business, email="a@contoh.test", invited_by=owner, base_url="/"
    )
    with pytest.raises(ValidationError, match="masih menunggu"):
        services.business_invitation_create(
            business=business, email="A@contoh.test", invited_by=owner, base_url="/"
        )


def test_owner_cannot_be_removed_but_helpers_can():
    business = BusinessFactory()
    owner_membership = business.memberships.get()
    helper = BusinessMembership.objects.create(business=business, user=UserFactory())
    with pytest.raises(ValidationError):
        services.business_member_remove(membership=owner_membership)
    services.business_member_remove(membership=helper)
    assert list(business.memberships.all()) == [owner_membership]


def test_editing_does_not_reinspect_a_stored_logo():
    # The logo was checked on upload; an edit must still work if storage lost or changed the file.
    business = BusinessFactory(logo=SimpleUploadedFile("logo.png", image_bytes()))
    business.logo.storage.delete(business.logo.name)
    updated = update_profile(business, name="Tetap Bisa Diubah")
    assert updated.name == "Tetap Bisa Diubah"


def test_service_refuses_a_bad_upload_even_without_a_form():
    with pytest.raises(ValidationError) as exc:
        BusinessFactory(logo=SimpleUploadedFile("logo.png", b"bukan gambar"))
    assert "logo" in exc.value.message_dict
    assert not Business.objects.exists()
