"""Assignments: a participant submits work (text, documents, photos) for a lesson; a trainer passes it or asks
for a revision with feedback. Every submission is kept: a revision is a new row, older rows are the history.

Uploads are checked and cleaned *before* anything is written (type by content, size, pixel count; photos are
re-encoded from their pixels so no EXIF/GPS survives). The rows are written in one transaction; if that fails,
the files already put in storage are removed again, so a refused submission leaves nothing behind.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from adimarko.core.mail import email_send
from adimarko.core.models import User
from adimarko.core.validators import inspect_document, inspect_image
from incubation.classroom.models import LessonPage
from incubation.classroom.selectors import cohort_lessons
from incubation.coaching.models import AssignmentSubmission, SubmissionFile
from incubation.cohorts.models import Enrollment
from incubation.cohorts.services import enrollment_touch
from shop.photos import photo_prepare

logger = logging.getLogger(__name__)

MAX_FILES = 5
Status = AssignmentSubmission.Status


@dataclass(frozen=True)
class PreparedFile:
    kind: str
    content: ContentFile
    content_type: str
    original_name: str


def _name(file) -> str:
    return (getattr(file, "name", "") or "").rsplit("/", 1)[-1][:255]


def _error(file, exc: ValidationError) -> str:
    return _("%(name)s: %(error)s") % {"name": _name(file) or _("file"), "error": " ".join(exc.messages)}


def _prepare_image(file, kind: str) -> PreparedFile:
    """An image, upright and re-encoded from its pixels (no EXIF, GPS, XMP)."""
    photo = photo_prepare(file)
    extension = photo.file.name.rsplit(".", 1)[-1]
    photo.file.name = f"{kind}.{extension}"
    return PreparedFile(
        kind=kind, content=photo.file, content_type=photo.mime_type, original_name=_name(file)
    )


def submission_files_prepare(*, documents=(), photos=()) -> list[PreparedFile]:
    """Check every upload; return clean copies or raise one ValidationError naming each bad file."""
    documents, photos = list(documents), list(photos)
    if len(documents) + len(photos) > MAX_FILES:
        message = ngettext("Attach at most %(count)d file.", "Attach at most %(count)d files.", MAX_FILES) % {
            "count": MAX_FILES
        }
        raise ValidationError({"documents": message}, code="too_many_files")
    errors: dict[str, list[str]] = {}
    prepared = []
    for file in documents:
        try:
            content_type = inspect_document(
                file, invalid_message=_("Upload a PDF or a JPEG, PNG or WebP image.")
            )
            if content_type == "application/pdf":
                file.seek(0)
                content = ContentFile(file.read(), name="document.pdf")
                prepared.append(
                    PreparedFile(
                        kind=SubmissionFile.Kind.DOCUMENT,
                        content=content,
                        content_type=content_type,
                        original_name=_name(file),
                    )
                )
            else:
                prepared.append(_prepare_image(file, SubmissionFile.Kind.DOCUMENT))
        except ValidationError as exc:
            errors.setdefault("documents", []).append(_error(file, exc))
    for file in photos:
        try:
            inspect_image(file)
            prepared.append(_prepare_image(file, SubmissionFile.Kind.PHOTO))
        except ValidationError as exc:
            errors.setdefault("photos", []).append(_error(file, exc))
    if errors:
        raise ValidationError(errors)
    return prepared


def current_submission(*, enrollment: Enrollment, lesson: LessonPage) -> AssignmentSubmission | None:
    return (
        AssignmentSubmission.objects.filter(enrollment=enrollment, lesson=lesson)
        .order_by("-submitted_at", "-pk")
        .first()
    )


def submission_refusal(latest: AssignmentSubmission | None) -> str:
    """Why a new submission is not possible now ("" when it is)."""
    if latest is None or latest.status == Status.REVISION:
        return ""
    if latest.status == Status.PASSED:
        return _("This assignment has already passed.")
    return _("Your previous submission is still waiting for the trainer's review.")


def _store(submission: AssignmentSubmission, prepared: list[PreparedFile], stored: list[str]) -> None:
    """Write the files; every stored name is appended to `stored` at once, so the caller can remove them
    if anything later fails."""
    for item in prepared:
        record = SubmissionFile(
            submission=submission,
            kind=item.kind,
            file=item.content,
            content_type=item.content_type,
            original_name=item.original_name,
            size=item.content.size,
        )
        record.full_clean(exclude=["submission"])
        record.save()
        stored.append(record.file.name)


def _delete_files(names: list[str]) -> None:
    storage = SubmissionFile._meta.get_field("file").storage
    for name in names:
        try:
            storage.delete(name)
        except Exception:  # a leftover file must not hide the original error
            logger.exception("Could not delete %s", name)


def submission_create(
    *,
    lesson: LessonPage,
    enrollment: Enrollment,
    by: User,
    text: str = "",
    documents=(),
    photos=(),
    now=None,
) -> AssignmentSubmission:
    """Submit work for a lesson's assignment. Allowed when there is no submission yet or the latest one was
    sent back for revision. Raises ValidationError (field errors for the form) and stores nothing then."""
    now = now or timezone.now()
    text = (text or "").strip()
    prepared = submission_files_prepare(documents=documents, photos=photos)
    if not text and not prepared:
        raise ValidationError({"text": _("Write an answer or attach at least one file.")}, code="empty")
    stored: list[str] = []
    try:
        with transaction.atomic():
            enrollment = Enrollment.objects.select_for_update().select_related("cohort").get(pk=enrollment.pk)
            if enrollment.status != Enrollment.Status.ACTIVE:
                raise ValidationError(
                    _("Your participation in %(cohort)s has ended.") % {"cohort": enrollment.cohort.name}
                )
            in_cohort = cohort_lessons(enrollment.cohort).filter(pk=lesson.pk).exists()
            if not lesson.requires_submission or not in_cohort:
                raise ValidationError(
                    _("This lesson has no assignment for your cohort."), code="no_assignment"
                )
            refusal = submission_refusal(current_submission(enrollment=enrollment, lesson=lesson))
            if refusal:
                raise ValidationError(refusal, code="not_allowed")
            submission = AssignmentSubmission(
                enrollment=enrollment, lesson=lesson, submitted_by=by, text=text
            )
            submission.full_clean()
            submission.save()
            _store(submission, prepared, stored)
            enrollment_touch(enrollment=enrollment, when=now)
    except BaseException:
        _delete_files(stored)
        raise
    return submission


def _send_review_email(submission_pk: int) -> None:
    submission = AssignmentSubmission.objects.select_related(
        "lesson", "submitted_by", "enrollment__business", "enrollment__cohort"
    ).get(pk=submission_pk)
    recipient = submission.submitted_by
    if recipient is None:  # the submitter's account was deleted: tell the business owner
        owner = submission.enrollment.business.memberships.filter(role="owner").select_related("user").first()
        recipient = owner.user if owner else None
    if not recipient or not recipient.email:
        return

    with translation.override(settings.LANGUAGE_CODE):
        if submission.status == Status.PASSED:
            subject = _("Your assignment “%(lesson)s” passed") % {"lesson": submission.lesson.title}
        else:
            subject = _("Your assignment “%(lesson)s” needs a revision") % {"lesson": submission.lesson.title}
        email_send(
            subject=subject,
            body=render_to_string(
                "incubation/email/assignment_reviewed.txt",
                {
                    "submission": submission,
                    "recipient": recipient,
                    "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
                    + reverse("assignment_detail", args=[submission.lesson_id]),
                },
            ),
            to=[recipient.email],
        )


def submission_review(
    *, submission: AssignmentSubmission, by: User, decision: str, feedback: str = "", now=None, notify=True
) -> AssignmentSubmission:
    """Pass a waiting submission or send it back for revision (feedback required then). Emails the
    participant after commit."""
    now = now or timezone.now()
    feedback = (feedback or "").strip()
    if decision not in (Status.PASSED, Status.REVISION):
        raise ValidationError({"decision": _("Choose pass or revision.")}, code="invalid_decision")
    if decision == Status.REVISION and not feedback:
        raise ValidationError(
            {"feedback": _("Tell the participant what to improve when asking for a revision.")},
            code="feedback_required",
        )
    with transaction.atomic():
        submission = AssignmentSubmission.objects.select_for_update().get(pk=submission.pk)
        if submission.status != Status.SUBMITTED:
            raise ValidationError(_("This submission was already reviewed."), code="already_reviewed")
        submission.status = decision
        submission.feedback = feedback
        submission.reviewed_at = now
        submission.reviewed_by = by
        submission.full_clean()
        submission.save(update_fields=["status", "feedback", "reviewed_at", "reviewed_by"])
        if notify:
            transaction.on_commit(lambda: _send_review_email(submission.pk))
    return submission
