"""Graduation writes: graduate (by the rules, or manually by staff with a reason), certificates, withdrawal,
and the alumni storefront.

Keyword-only and transactional; emails go out after commit. Views check who may call them (staff pages,
incubation/graduation/permissions.py); the services enforce what must hold whoever calls them.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from adimarko.core.mail import email_send
from adimarko.core.models import User
from adimarko.core.permissions import is_staff
from incubation.coaching.progress import cohort_progress, enrollment_progress
from incubation.cohorts.models import Cohort, Enrollment
from incubation.graduation.models import Certificate, EnrollmentEvent, certificate_code
from incubation.graduation.rules import GraduationCheck, graduation_check
from search.indexing import schedule_product_sync
from shop.models import Storefront
from shop.services import storefront_open


class NotEligible(ValidationError):
    """The participant does not meet the cohort's rules; `check` lists them."""

    def __init__(self, check: GraduationCheck):
        self.check = check
        super().__init__(
            _("Not all graduation rules are met: %(rules)s.")
            % {"rules": "; ".join(f"{rule.label} ({rule.detail})" for rule in check.unmet)},
            code="not_eligible",
        )


def _event(*, enrollment: Enrollment, kind: str, by: User | None, note: str = "", at=None) -> EnrollmentEvent:
    event = EnrollmentEvent(enrollment=enrollment, kind=kind, by=by, note=note, at=at or timezone.now())
    event.full_clean()
    event.save()
    return event


def _lock(enrollment: Enrollment) -> Enrollment:
    """Re-read the enrollment under a row lock so two clicks cannot graduate (or withdraw) it twice."""
    locked = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    enrollment.status = locked.status
    return enrollment


def _issue_certificate(*, enrollment: Enrollment, by: User | None, now) -> Certificate:
    cohort = enrollment.cohort
    for _attempt in range(5):
        certificate = Certificate(
            enrollment=enrollment,
            code=certificate_code(cohort.year),
            issued_at=now,
            issued_by=by,
            business_name=enrollment.business.name,
            cohort_name=cohort.name,
            year=cohort.year,
        )
        certificate.full_clean(validate_constraints=False)
        if not Certificate.objects.filter(code=certificate.code).exists():
            try:
                with transaction.atomic():
                    certificate.save()
            except IntegrityError:  # the code was taken between the check and the insert
                continue
            return certificate
    raise ValidationError(_("No certificate code could be issued; try again."))


def _graduate(*, enrollment: Enrollment, by: User | None, note: str, manual: bool, now) -> Certificate:
    enrollment.status = Enrollment.Status.GRADUATED
    enrollment.graduated_at = now
    enrollment.graduated_by = by
    enrollment.graduation_note = note
    enrollment.full_clean()
    enrollment.save(update_fields=["status", "graduated_at", "graduated_by", "graduation_note"])
    kind = EnrollmentEvent.Kind.GRADUATED_MANUALLY if manual else EnrollmentEvent.Kind.GRADUATED
    _event(enrollment=enrollment, kind=kind, by=by, note=note, at=now)
    certificate = _issue_certificate(enrollment=enrollment, by=by, now=now)
    transaction.on_commit(lambda pk=certificate.pk: _send_graduation_email(pk))
    return certificate


def _require_active(enrollment: Enrollment) -> None:
    if enrollment.status == Enrollment.Status.GRADUATED:
        raise ValidationError(_("%(business)s has already graduated.") % {"business": enrollment.business})
    if enrollment.status == Enrollment.Status.WITHDRAWN:
        raise ValidationError(
            _("%(business)s has withdrawn from the cohort.") % {"business": enrollment.business}
        )


@transaction.atomic
def enrollment_graduate(*, enrollment: Enrollment, by: User | None, note: str = "", now=None) -> Certificate:
    """Graduate one participant and issue the certificate.

    When the cohort's rules are met anyone running the graduation may do it. When they are not, only a staff
    member may, with a reason (`note`), stored as the graduation note; otherwise NotEligible lists the unmet
    rules."""
    now = now or timezone.now()
    note = (note or "").strip()
    _require_active(_lock(enrollment))
    check = graduation_check(enrollment.cohort, enrollment_progress(enrollment, now=now))
    manual = not check.eligible
    if manual:
        if by is None or not is_staff(by):
            raise NotEligible(check)
        if not note:
            raise ValidationError(
                {
                    "note": _(
                        "Not all graduation rules are met (%(rules)s). Give the reason for graduating "
                        "this participant manually."
                    )
                    % {"rules": "; ".join(f"{rule.label}: {rule.detail}" for rule in check.unmet)}
                }
            )
    return _graduate(enrollment=enrollment, by=by, note=note, manual=manual, now=now)


@transaction.atomic
def cohort_graduate_eligible(*, cohort: Cohort, by: User | None, now=None) -> list[Certificate]:
    """Graduate every active participant who meets the cohort's rules, in one transaction."""
    now = now or timezone.now()
    progress = cohort_progress(cohort, now=now)
    active = (
        Enrollment.objects.select_for_update(of=("self",))
        .filter(cohort=cohort, status=Enrollment.Status.ACTIVE)
        .select_related("business")
        .order_by("business__name", "pk")
    )
    certificates = []
    for enrollment in active:
        enrollment.cohort = cohort
        if graduation_check(cohort, progress[enrollment.pk]).eligible:
            certificates.append(_graduate(enrollment=enrollment, by=by, note="", manual=False, now=now))
    return certificates


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by: User | None, reason: str, now=None) -> Certificate:
    """Revoke a certificate (its code then verifies as revoked, with the reason). The participant is no
    longer a graduate and is back among the active participants; graduating again issues a new code."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for revoking the certificate.")})
    certificate = Certificate.objects.select_for_update().with_related().get(pk=certificate.pk)
    if not certificate.is_valid:
        raise ValidationError(_("This certificate has already been revoked."))
    certificate.revoked_at = now
    certificate.revoked_by = by
    certificate.revoked_reason = reason
    certificate.full_clean()
    certificate.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
    enrollment = certificate.enrollment
    if enrollment.status == Enrollment.Status.GRADUATED:
        enrollment.status = Enrollment.Status.ACTIVE
        enrollment.graduated_at = None
        enrollment.graduated_by = None
        enrollment.full_clean()
        enrollment.save(update_fields=["status", "graduated_at", "graduated_by"])
    _event(enrollment=enrollment, kind=EnrollmentEvent.Kind.CERTIFICATE_REVOKED, by=by, note=reason, at=now)
    return certificate


@transaction.atomic
def enrollment_withdraw(*, enrollment: Enrollment, by: User | None, reason: str, now=None) -> Enrollment:
    """A participant leaves the cohort (their own wish, or staff's decision). Graduates cannot withdraw:
    revoke the certificate first."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the withdrawal.")})
    _require_active(_lock(enrollment))
    enrollment.status = Enrollment.Status.WITHDRAWN
    enrollment.full_clean()
    enrollment.save(update_fields=["status"])
    _event(enrollment=enrollment, kind=EnrollmentEvent.Kind.WITHDRAWN, by=by, note=reason, at=now)
    return enrollment


@transaction.atomic
def alumni_storefront_open(*, enrollment: Enrollment, by: User | None) -> Storefront:
    """Turn a graduate's business into a storefront: the business profile is kept as it is, the storefront
    waits for curation, and the business is marked "Alumni Adi Marko <cohort year>" (the earliest year if it
    already was an alumnus). Idempotent."""
    enrollment = Enrollment.objects.select_related("cohort", "business").get(pk=enrollment.pk)
    if enrollment.status != Enrollment.Status.GRADUATED:
        raise ValidationError(_("Only graduates can open an alumni storefront."))
    business = enrollment.business
    already_open = Storefront.objects.filter(business=business).exists()
    storefront = storefront_open(business=business, by=by)
    year = enrollment.cohort.year
    if business.alumni_year is None or business.alumni_year > year:
        business.alumni_year = year
        business.clean_fields(exclude=[f.name for f in business._meta.fields if f.name != "alumni_year"])
        business.save(update_fields=["alumni_year", "updated_at"])
        # The alumni badge and boost are part of the search documents of the business's products.
        schedule_product_sync(product_ids=list(business.products.values_list("pk", flat=True)))
    if not already_open:
        _event(enrollment=enrollment, kind=EnrollmentEvent.Kind.STOREFRONT_OPENED, by=by)
    return storefront


def certificate_verify_url(code: str) -> str:
    """The absolute public verification URL (in the default language), for emails and the QR code."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("certificate_verify", kwargs={"code": code})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send_graduation_email(certificate_pk: int) -> None:
    certificate = Certificate.objects.with_related().get(pk=certificate_pk)
    emails = list(
        certificate.enrollment.business.memberships.exclude(user__email="").values_list(
            "user__email", flat=True
        )
    )
    if not emails:
        return
    with translation.override(settings.LANGUAGE_CODE):
        email_send(
            subject=_("Congratulations: %(business)s graduated from %(cohort)s")
            % {"business": certificate.business_name, "cohort": certificate.cohort_name},
            body=render_to_string(
                "incubation/email/graduated.txt",
                {
                    "certificate": certificate,
                    "certificate_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
                    + reverse("certificate_detail", kwargs={"code": certificate.code}),
                    "verify_url": certificate_verify_url(certificate.code),
                },
            ),
            to=emails,
        )
