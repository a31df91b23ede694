"""Writes of the shared domain. Each is keyword-only, transactional and validates with full_clean();
side effects such as emails run on commit."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from adimarko.core.mail import email_send
from adimarko.core.models import Business, BusinessInvitation, BusinessMembership, Certification, Region, User
from adimarko.core.roles import (
    GROUP_COLLECTION_PERMISSIONS,
    GROUP_NAMES,
    GROUP_PAGE_PERMISSIONS,
    GROUP_PERMISSIONS,
    Role,
)
from adimarko.core.validators import normalize_mobile_phone


# --- Roles ---------------------------------------------------------------------------------------------
def _permissions(labels: list[str]) -> list[Permission]:
    """Permission rows for "app_label.codename" labels; rows not created yet (mid-migrate) are skipped."""
    found = []
    for label in labels:
        app_label, codename = label.split(".")
        perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if perm:
            found.append(perm)
    return found


def roles_sync() -> dict[Role, Group]:
    """Create the role groups and give them their permissions. Idempotent; run after every migrate."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    root_collection = Collection.get_first_root_node()
    root_page = Page.get_first_root_node()
    groups = {}
    with transaction.atomic():
        for role, name in GROUP_NAMES.items():
            group, _created = Group.objects.get_or_create(name=name)
            group.permissions.add(*_permissions(GROUP_PERMISSIONS.get(role, [])))
            if root_collection:
                for perm in _permissions(GROUP_COLLECTION_PERMISSIONS.get(role, [])):
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=perm
                    )
            if root_page:
                for perm in _permissions(GROUP_PAGE_PERMISSIONS.get(role, [])):
                    GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=perm)
            groups[role] = group
    return groups


def roles_sync_after_migrate(*, app_config, using="default", **kwargs):
    """post_migrate runs once per app; sync once every app's permissions exist (after the last app)."""
    from django.apps import apps

    # Django sends post_migrate only for apps that have a models module.
    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if app_config is with_models[-1] and using == "default":
        roles_sync()


@transaction.atomic
def user_role_grant(*, user: User, role: Role) -> User:
    group, _created = Group.objects.get_or_create(name=GROUP_NAMES[role])
    user.groups.add(group)
    user.__dict__.pop("_adimarko_roles", None)
    return user


# --- Users ---------------------------------------------------------------------------------------------
@transaction.atomic
def user_register(
    *, email: str, password: str, first_name: str, last_name: str = "", phone: str = ""
) -> User:
    """Create a buyer account; every account starts as a buyer and gains roles later."""
    user = User(
        email=User.objects.normalize_email(email).lower(),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        phone=normalize_mobile_phone(phone) or phone,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    user_role_grant(user=user, role=Role.BUYER)
    user_language_default(user=user)
    return user


def user_language_default(*, user: User) -> None:
    """Give the user's Wagtail profile the site's language (Indonesian) unless they already chose one, so the
    admin and Wagtail's workflow emails to them are Indonesian whatever language the sender reads. They
    choose English on /admin/account/."""
    from wagtail.users.models import UserProfile

    profile, _created = UserProfile.objects.get_or_create(
        user=user, defaults={"preferred_language": settings.LANGUAGE_CODE}
    )
    if not profile.preferred_language:
        profile.preferred_language = settings.LANGUAGE_CODE
        profile.save(update_fields=["preferred_language"])


@transaction.atomic
def user_profile_update(*, user: User, first_name: str, last_name: str, phone: str) -> User:
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.phone = normalize_mobile_phone(phone) or phone
    user.full_clean()
    user.save(update_fields=["first_name", "last_name", "phone"])
    return user


# --- Businesses ----------------------------------------------------------------------------------------
# Path segments under /usaha/ that a business slug must not shadow.
RESERVED_BUSINESS_SLUGS = {"baru", "undangan"}


def _unique_slug(name: str) -> str:
    base = slugify(name)[:120] or "usaha"
    slug, n = base, 2
    while slug in RESERVED_BUSINESS_SLUGS or Business.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def business_create(
    *,
    owner: User,
    name: str,
    nib: str,
    phone: str,
    address: str,
    desa: Region,
    description: str = "",
    logo=None,
) -> Business:
    """Register a business with its owner; the owner gains the seller/IKM role."""
    business = business_update(
        business=Business(slug=_unique_slug(name)),
        name=name,
        nib=nib,
        phone=phone,
        address=address,
        desa=desa,
        description=description,
        logo=logo,
    )
    membership = BusinessMembership(business=business, user=owner, role=BusinessMembership.Role.OWNER)
    membership.full_clean()
    membership.save()
    user_role_grant(user=owner, role=Role.SELLER)
    return business


@transaction.atomic
def business_update(
    *,
    business: Business,
    name: str,
    nib: str,
    phone: str,
    address: str,
    desa: Region,
    description: str = "",
    logo=None,
) -> Business:
    """Validate and save a business profile (also a new, unsaved one: see business_create).

    `logo=None` keeps the current logo; `logo=False` removes it."""
    if desa is None or desa.level != Region.Level.DESA:
        raise ValidationError({"desa": _("Choose a desa or kelurahan in Kabupaten Blitar.")})
    business.name = name.strip()
    business.nib = (nib or "").strip()
    business.phone = normalize_mobile_phone(phone) or phone
    business.address = address.strip()
    business.desa = desa
    business.description = description.strip()
    if logo is not None:
        business.logo = logo or None
    business.full_clean()
    business.save()
    return business


@transaction.atomic
def certification_add(
    *, business: Business, kind: str, number: str, expires_on=None, document=None
) -> Certification:
    certification = Certification(
        business=business, kind=kind, number=number.strip(), expires_on=expires_on, document=document or ""
    )
    certification.full_clean()
    certification.save()
    return certification


# --- Members and invitations ---------------------------------------------------------------------------
def _send_invitation_email(invitation_pk: int, base_url: str) -> None:
    invitation = BusinessInvitation.objects.select_related("business", "invited_by").get(pk=invitation_pk)
    url = base_url.rstrip("/") + reverse("business_invitation_accept", args=[invitation.token])
    with translation.override(settings.LANGUAGE_CODE):
        context = {"invitation": invitation, "url": url}
        email_send(
            subject=_("Invitation to join %(business)s on Adi Marko")
            % {"business": invitation.business.name},
            body=render_to_string("businesses/email/invitation.txt", context),
            to=[invitation.email],
        )


@transaction.atomic
def business_invitation_create(
    *, business: Business, email: str, invited_by: User, base_url: str
) -> BusinessInvitation:
    email = User.objects.normalize_email(email).lower()
    if business.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member of the business.")})
    if business.invitations.pending().filter(email__iexact=email).exists():
        raise ValidationError({"email": _("An invitation for this email is still pending.")})
    invitation = BusinessInvitation(
        business=business,
        email=email,
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.BUSINESS_INVITATION_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    transaction.on_commit(lambda: _send_invitation_email(invitation.pk, base_url))
    return invitation


@transaction.atomic
def business_invitation_accept(*, invitation: BusinessInvitation, user: User) -> BusinessMembership:
    invitation = BusinessInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise ValidationError(_("This invitation has expired or was already used."))
    if invitation.email.lower() != user.email.lower():
        raise ValidationError(
            _("This invitation was sent to %(email)s. Log in with that address to accept it.")
            % {"email": invitation.email}
        )
    membership, _created = BusinessMembership.objects.get_or_create(
        business=invitation.business, user=user, defaults={"role": BusinessMembership.Role.HELPER}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    user_role_grant(user=user, role=Role.SELLER)
    return membership


@transaction.atomic
def business_invitation_revoke(*, invitation: BusinessInvitation) -> BusinessInvitation:
    """Withdraw a pending invitation; its link stops working."""
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def business_member_remove(*, membership: BusinessMembership) -> None:
    if membership.role == BusinessMembership.Role.OWNER:
        raise ValidationError(_("The owner cannot be removed from the business."))
    membership.delete()
