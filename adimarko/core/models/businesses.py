import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from adimarko.core.storage import private_storage
from adimarko.core.uploads import stored_name
from adimarko.core.validators import (
    validate_certificate_document,
    validate_image_upload,
    validate_mobile_phone,
    validate_nib,
    whatsapp_url,
)


class BusinessQuerySet(models.QuerySet):
    def with_region(self):
        return self.select_related("desa__parent")

    def for_member(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)


# Stored names never reuse what the uploader typed: a random token and the extension of the checked content.
def business_logo_path(instance, filename):
    return f"businesses/{instance.slug}/logo/{stored_name(instance, 'logo')}"


def certification_document_path(instance, filename):
    return f"businesses/{instance.business.slug}/certifications/{stored_name(instance, 'document')}"


class Business(models.Model):
    """An IKM (small or medium industry): the one identity that applies, learns and sells."""

    name = models.CharField(_("business name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    nib = models.CharField(
        _("NIB"),
        max_length=13,
        unique=True,
        validators=[validate_nib],
        help_text=_("Nomor Induk Berusaha: 13 digits from OSS."),
        error_messages={"unique": _("A business with this NIB is already registered.")},
    )
    phone = models.CharField(
        _("WhatsApp number"),
        max_length=16,
        validators=[validate_mobile_phone],
        help_text=_("Indonesian mobile number, e.g. 0812 3456 7890."),
    )
    address = models.CharField(_("street address"), max_length=255)
    desa = models.ForeignKey(
        "adimarko.Region",
        verbose_name=_("desa/kelurahan"),
        on_delete=models.PROTECT,
        limit_choices_to={"level": 4},
        related_name="businesses",
    )
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(
        _("logo"), upload_to=business_logo_path, blank=True, validators=[validate_image_upload]
    )
    alumni_year = models.PositiveSmallIntegerField(
        _("Adi Marko alumni since"),
        null=True,
        blank=True,
        help_text=_("Year the business graduated from the Adi Marko incubation; empty if it has not."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="BusinessMembership", related_name="businesses"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = BusinessQuerySet.as_manager()

    class Meta:
        verbose_name = _("business")
        verbose_name_plural = _("businesses")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def kecamatan(self):
        return self.desa.parent

    @property
    def whatsapp_url(self):
        return whatsapp_url(self.phone)

    @property
    def is_alumni(self):
        return self.alumni_year is not None


class BusinessMembership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("owner")
        HELPER = "helper", _("helper")

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.HELPER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("business member")
        verbose_name_plural = _("business members")
        ordering = ["business", "role", "user"]
        constraints = [
            models.UniqueConstraint(fields=["business", "user"], name="membership_unique_user"),
            models.UniqueConstraint(
                fields=["business"], condition=Q(role="owner"), name="membership_single_owner"
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.business} ({self.get_role_display()})"


def _invitation_token():
    return secrets.token_urlsafe(32)


class BusinessInvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class BusinessInvitation(models.Model):
    """An invitation for someone to join a business as a helper; accepted through an emailed link."""

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = BusinessInvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("business invitation")
        verbose_name_plural = _("business invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.business}"

    @property
    def is_pending(self):
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()


class Certification(models.Model):
    """A permit or certificate held by a business: halal (BPJPH), PIRT or BPOM MD/ML."""

    class Kind(models.TextChoices):
        HALAL = "halal", _("Halal (BPJPH)")
        PIRT = "pirt", _("PIRT")
        BPOM_MD = "bpom_md", _("BPOM MD")
        BPOM_ML = "bpom_ml", _("BPOM ML")

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="certifications")
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    number = models.CharField(_("certificate number"), max_length=64)
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    document = models.FileField(
        _("document"),
        upload_to=certification_document_path,
        storage=private_storage,  # served only by the permission-checked `certification_document` view
        blank=True,
        validators=[validate_certificate_document],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["kind", "expires_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["business", "kind", "number"], name="certification_unique_number"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    def is_valid_on(self, day: date) -> bool:
        return self.expires_on is None or self.expires_on >= day

    @property
    def is_valid(self):
        return self.is_valid_on(timezone.localdate())
