"""Applicant-side writes: drafts, documents, submission (deadline enforced here), withdrawal; screening."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from adimarko.core.mail import email_send
from adimarko.core.models import Business, User
from adimarko.core.validators import inspect_document, inspect_image
from incubation.audition.models import (
    Application,
    ApplicationDocument,
    ApplicationEvent,
    DocumentKind,
    IneligibleReason,
    RequiredDocument,
    RoundPage,
    Status,
)

# Fields an applicant edits, step by step.
STEP_FIELDS = {
    "usaha": ["owner_name", "owner_nik", "business_started_on", "employees"],
    "produk": ["product_name", "product_description", "category", "price", "monthly_capacity"],
    "pemasaran": ["sales_channel", "has_smartphone", "online_accounts", "marketing_challenge", "motivation"],
}
REQUIRED_FIELDS = [
    "owner_name",
    "owner_nik",
    "business_started_on",
    "product_name",
    "product_description",
    "category",
    "price",
    "sales_channel",
    "motivation",
]


def record_event(*, application: Application, status: str, actor: User | None, note: str = "") -> None:
    ApplicationEvent.objects.create(application=application, status=status, actor=actor, note=note)


def _closed_error(round: RoundPage) -> ValidationError:
    return ValidationError(
        _("The round closed at 23:59:59 WIB on %(day)s. Applications are no longer accepted.")
        % {"day": date_format(round.closes_on, "j F Y")},
        code="round_closed",
    )


def _require_open(round: RoundPage, now) -> None:
    if now < round.opens_at:
        raise ValidationError(_("This round is not open yet."), code="round_not_open")
    if not round.is_open_at(now):
        raise _closed_error(round)


def _require_draft(application: Application) -> None:
    if application.status != Status.DRAFT:
        raise ValidationError(_("This application was already submitted and can no longer be changed."))


@transaction.atomic
def application_create(*, round: RoundPage, business: Business, by: User, now=None) -> Application:
    """Start a draft for `business`; one application per business per round."""
    _require_open(round, now or timezone.now())
    if Application.objects.filter(round=round, business=business).exists():
        raise ValidationError(_("This business already has an application in this round."), code="duplicate")
    application = Application(round=round, business=business, applicant=by, owner_name=by.get_full_name())
    application.full_clean()
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as exc:  # a concurrent request created it first
        raise ValidationError(_("This business already has an application in this round.")) from exc
    record_event(application=application, status=Status.DRAFT, actor=by)
    return application


@transaction.atomic
def application_update(*, application: Application, by: User, now=None, **fields) -> Application:
    """Save a step of the draft. Unknown fields are refused; a validation error leaves the draft as it was."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    _require_draft(application)
    _require_open(application.round, now or timezone.now())
    allowed = {name for names in STEP_FIELDS.values() for name in names}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"not application fields: {sorted(unknown)}")
    for name, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
        setattr(application, name, value)
    application.full_clean()
    application.save(update_fields=[*fields, "updated_at"])
    return application


def inspect_upload(requirement: RequiredDocument, file) -> str:
    if requirement.kind == DocumentKind.IMAGE:
        return inspect_image(file)
    return inspect_document(file)


@transaction.atomic
def application_document_upload(
    *, application: Application, requirement: RequiredDocument, file, by: User, now=None
) -> ApplicationDocument:
    """Check the file by content, size and pixel count BEFORE storing; a bad file changes nothing."""
    _require_draft(application)
    _require_open(application.round, now or timezone.now())
    if requirement.round_id != application.round_id:
        raise ValidationError(_("This document is not part of the round."))
    try:
        content_type = inspect_upload(requirement, file)
    except ValidationError as exc:
        raise ValidationError(
            {
                "file": [
                    _("%(label)s: %(error)s") % {"label": requirement.label, "error": msg}
                    for msg in exc.messages
                ]
            }
        ) from exc
    document = ApplicationDocument.objects.filter(application=application, requirement=requirement).first()
    old_file = document.file if document else None
    document = document or ApplicationDocument(application=application, requirement=requirement)
    document.file = file
    document.content_type = content_type
    document.original_name = (getattr(file, "name", "") or "")[:255]
    document.full_clean()
    document.save()
    if old_file:
        transaction.on_commit(lambda: old_file.storage.delete(old_file.name))
    return document


def application_missing(application: Application) -> list[str]:
    """What still blocks submission, in the applicant's words."""
    missing = []
    for name in REQUIRED_FIELDS:
        value = getattr(application, name)
        if value in (None, ""):
            missing.append(
                _("Fill in: %(field)s") % {"field": capfirst(Application._meta.get_field(name).verbose_name)}
            )
    uploaded = {doc.requirement_id for doc in application.documents.all()}
    for requirement in application.round.required_documents.all():
        if requirement.pk not in uploaded:
            missing.append(_("Upload: %(document)s") % {"document": requirement.label})
    return missing


def _send_submitted_email(application_pk: int) -> None:
    application = Application.objects.with_related().get(pk=application_pk)
    if not application.applicant or not application.applicant.email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        email_send(
            subject=_("Your application to %(round)s was received") % {"round": application.round.title},
            body=render_to_string("incubation/email/submitted.txt", {"application": application}),
            to=[application.applicant.email],
        )


@transaction.atomic
def application_submit(*, application: Application, by: User, now=None, notify: bool = True) -> Application:
    """Submit a complete draft. Accepted while `round.opens_at <= now < round.deadline` (see RoundPage).

    `notify=False` skips the confirmation email (demo data of past rounds)."""
    now = now or timezone.now()
    application = Application.objects.select_for_update().select_related("round").get(pk=application.pk)
    _require_draft(application)
    _require_open(application.round, now)
    missing = application_missing(application)
    if missing:
        raise ValidationError(missing, code="incomplete")
    application.full_clean()
    application.status = Status.SUBMITTED
    application.submitted_at = now
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    record_event(application=application, status=Status.SUBMITTED, actor=by)
    if notify:
        transaction.on_commit(lambda: _send_submitted_email(application.pk))
    return application


@transaction.atomic
def application_withdraw(*, application: Application, by: User, note: str = "") -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in (Status.DRAFT, Status.SUBMITTED, Status.ELIGIBLE):
        raise ValidationError(_("A decided application can no longer be withdrawn."))
    application.status = Status.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    record_event(application=application, status=Status.WITHDRAWN, actor=by, note=note.strip())
    return application


@transaction.atomic
def application_screen(
    *, application: Application, eligible: bool, by: User, reason: str = "", note: str = ""
) -> Application:
    """Staff decision after the automatic checks: eligible, or ineligible with a reason code."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in (Status.SUBMITTED, Status.ELIGIBLE, Status.INELIGIBLE):
        raise ValidationError(_("Only submitted applications can be screened."))
    if not eligible and reason not in IneligibleReason.values:
        raise ValidationError({"reason": _("Choose why the application is not eligible.")})
    application.status = Status.ELIGIBLE if eligible else Status.INELIGIBLE
    application.screening_reason = "" if eligible else reason
    application.screening_note = note.strip()
    application.screened_at = timezone.now()
    application.full_clean()
    application.save(
        update_fields=["status", "screening_reason", "screening_note", "screened_at", "updated_at"]
    )
    label = "" if eligible else IneligibleReason(reason).label
    record_event(
        application=application,
        status=application.status,
        actor=by,
        note=" — ".join(filter(None, [str(label), note.strip()])),
    )
    return application
