"""Graduation: certificates with a public verification code, and the record of what happened to a participant
(graduated, graduated manually, withdrawn, certificate revoked, alumni storefront opened)."""

import re
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from incubation.cohorts.models import Enrollment

# No 0/O, 1/I/L: codes are read aloud and typed from paper.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_PATTERN = re.compile(rf"^AM-\d{{4}}-[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}$")


def certificate_code(year: int) -> str:
    """`AM-<year>-XXXX-XXXX` with 8 characters from `secrets` (31**8, about 8.5e11 codes per year)."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"AM-{year}-{chars[:4]}-{chars[4:]}"


def normalise_code(raw: str) -> str | None:
    """The canonical form of a typed code, or None when it cannot be a certificate code."""
    code = (raw or "").strip().upper()
    return code if CODE_PATTERN.match(code) else None


class CertificateQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(revoked_at__isnull=True)

    def with_related(self):
        return self.select_related("enrollment__cohort", "enrollment__business")


class Certificate(models.Model):
    """Issued when a participant graduates. The business name, cohort name and year are a snapshot: the
    certificate keeps saying what was true on the day it was issued. A revoked certificate stays (its code
    verifies as revoked); graduating again issues a new one."""

    enrollment = models.ForeignKey(
        Enrollment, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="certificates"
    )
    code = models.CharField(_("code"), max_length=20, unique=True, editable=False)
    issued_at = models.DateTimeField(_("issued"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    business_name = models.CharField(_("business name"), max_length=200)
    cohort_name = models.CharField(_("cohort"), max_length=120)
    year = models.PositiveSmallIntegerField(_("year"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_reason = models.TextField(_("reason for revoking"), blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_valid_certificate_per_enrollment",
            ),
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | ~models.Q(revoked_reason=""),
                name="certificate_revoked_with_reason",
            ),
        ]

    def __str__(self):
        return self.code

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None


class EnrollmentEvent(models.Model):
    """What happened to a participant, by whom and why (the audit trail of the staff cohort pages)."""

    class Kind(models.TextChoices):
        GRADUATED = "graduated", _("Graduated")
        GRADUATED_MANUALLY = "manual", _("Graduated manually")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        CERTIFICATE_REVOKED = "revoked", _("Certificate revoked")
        STOREFRONT_OPENED = "storefront", _("Alumni storefront opened")

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what"), max_length=12, choices=Kind.choices)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("when"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("participant event")
        verbose_name_plural = _("participant events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.enrollment} — {self.get_kind_display()}"
