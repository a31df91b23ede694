"""Mentoring sessions: scheduling (online or at the co-working space), QR check-in and trainer-marked
attendance.

QR check-in: the trainer's screen shows a QR of `/inkubasi/sesi/hadir/<token>/`. The token is
`<session id>.<signed payload>`; the payload (session id, issue time) is signed with Django's signing and a
salt of its own per session, so a token never works for another session, and it expires after
`MENTORING_CHECKIN_MINUTES`. Check-in is accepted only in the session's window (from
`CHECKIN_OPENS_BEFORE` before the start to `CHECKIN_CLOSES_AFTER` after the end). Every check takes `now`, so
tests move the clock instead of sleeping.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from adimarko.core.mail import email_send
from adimarko.core.models import User
from incubation.coaching.models import Attendance, MentoringSession
from incubation.cohorts.models import Cohort, Enrollment
from incubation.cohorts.permissions import can_participate, enrollment_for, is_cohort_trainer
from incubation.cohorts.services import enrollment_touch

CHECKIN_OPENS_BEFORE = timedelta(minutes=30)
CHECKIN_CLOSES_AFTER = timedelta(minutes=60)
MAX_SESSION_LENGTH = timedelta(hours=12)
SESSION_FIELDS = (
    "title",
    "description",
    "starts_at",
    "ends_at",
    "mode",
    "meeting_url",
    "location",
    "trainer",
)


def checkin_minutes() -> int:
    return getattr(settings, "MENTORING_CHECKIN_MINUTES", 10)


# --- Scheduling ------------------------------------------------------------------------------------------
def _validate(session: MentoringSession) -> None:
    session.title = (session.title or "").strip()
    session.location = (session.location or "").strip()
    session.full_clean()
    if session.ends_at - session.starts_at > MAX_SESSION_LENGTH:
        raise ValidationError({"ends_at": _("A session lasts at most 12 hours.")})
    if session.trainer_id and not is_cohort_trainer(session.trainer, session.cohort):
        raise ValidationError({"trainer": _("The trainer must be one of the cohort's trainers.")})


def _default_trainer(cohort: Cohort, by: User | None) -> User | None:
    return by if by is not None and is_cohort_trainer(by, cohort) else None


@transaction.atomic
def session_create(*, cohort: Cohort, by: User, **fields) -> MentoringSession:
    """Schedule a session. `fields`: title, description, starts_at, ends_at, mode, meeting_url, location,
    trainer (defaults to `by` when `by` trains the cohort)."""
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown session fields: {sorted(unknown)}")
    fields.setdefault("trainer", _default_trainer(cohort, by))
    session = MentoringSession(cohort=cohort, **fields)
    _validate(session)
    session.save()
    return session


@transaction.atomic
def session_update(*, session: MentoringSession, by: User, **fields) -> MentoringSession:
    session = MentoringSession.objects.select_for_update().select_related("cohort").get(pk=session.pk)
    if session.is_cancelled:
        raise ValidationError(_("A cancelled session can no longer be changed."), code="cancelled")
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown session fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(session, name, value)
    _validate(session)
    session.save(update_fields=list(fields))
    return session


def _send_cancelled_email(session_pk: int) -> None:
    """Tell the members of the cohort's active enrollments that a session they expected will not happen."""
    session = MentoringSession.objects.select_related("cohort").get(pk=session_pk)
    addresses = Enrollment.objects.filter(cohort=session.cohort, status=Enrollment.Status.ACTIVE).values_list(
        "business__memberships__user__email", flat=True
    )
    emails = sorted({address for address in addresses if address})
    if not emails:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Mentoring session cancelled: %(title)s") % {"title": session.title}
        body = render_to_string("incubation/email/session_cancelled.txt", {"session": session})
        for email in emails:  # one message each: participants do not see each other's addresses
            email_send(subject=subject, body=body, to=[email])


@transaction.atomic
def session_cancel(
    *, session: MentoringSession, by: User, reason: str = "", now=None, notify: bool = True
) -> MentoringSession:
    """Cancel a session (kept, shown as cancelled; it no longer counts for attendance). Participants are
    emailed after commit when the session had not ended yet."""
    now = now or timezone.now()
    session = MentoringSession.objects.select_for_update().get(pk=session.pk)
    if session.is_cancelled:
        raise ValidationError(_("This session was already cancelled."), code="already_cancelled")
    session.cancelled_at = now
    session.cancelled_by = by
    session.cancel_reason = (reason or "").strip()[:200]
    session.full_clean()
    session.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])
    if notify and session.ends_at > now:
        transaction.on_commit(lambda: _send_cancelled_email(session.pk))
    return session


# --- QR check-in -----------------------------------------------------------------------------------------
class CheckinRefused(Exception):
    """A check-in that cannot be accepted; `message` is shown to the participant."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _salt(session_pk: int) -> str:
    return f"incubation.mentoring.checkin.{session_pk}"


def checkin_token(*, session: MentoringSession, now=None) -> str:
    now = now or timezone.now()
    signed = signing.Signer(salt=_salt(session.pk)).sign_object({"s": session.pk, "t": int(now.timestamp())})
    return f"{session.pk}.{signed}"


def checkin_window(session: MentoringSession) -> tuple:
    return session.starts_at - CHECKIN_OPENS_BEFORE, session.ends_at + CHECKIN_CLOSES_AFTER


def checkin_is_open(session: MentoringSession, *, now=None) -> bool:
    now = now or timezone.now()
    opens, closes = checkin_window(session)
    return not session.is_cancelled and opens <= now <= closes


def checkin_session(*, token: str, now=None) -> MentoringSession:
    """The session a token belongs to, if the token is genuine, fresh and the session open for check-in."""
    now = now or timezone.now()
    invalid = CheckinRefused(
        "invalid", _("This check-in code is not valid. Scan the QR code on the screen again.")
    )
    session_pk, _dot, signed = (token or "").partition(".")
    if not session_pk.isdigit() or not signed:
        raise invalid
    try:
        payload = signing.Signer(salt=_salt(int(session_pk))).unsign_object(signed)
    except (signing.BadSignature, ValueError, TypeError):
        raise invalid from None
    if (
        not isinstance(payload, dict)
        or payload.get("s") != int(session_pk)
        or not isinstance(payload.get("t"), int)
    ):
        raise invalid
    age = now.timestamp() - payload["t"]
    if age > checkin_minutes() * 60:
        raise CheckinRefused(
            "expired", _("This check-in code has expired. Scan the QR code on the trainer's screen again.")
        )
    if age < -60:  # issued in the future: not ours
        raise invalid
    session = MentoringSession.objects.select_related("cohort").filter(pk=int(session_pk)).first()
    if session is None:
        raise invalid
    if session.is_cancelled:
        raise CheckinRefused("cancelled", _("This session was cancelled."))
    opens, closes = checkin_window(session)
    if now < opens:
        raise CheckinRefused("too_early", _("Check-in for this session has not opened yet."))
    if now > closes:
        raise CheckinRefused("closed", _("Check-in for this session has closed."))
    return session


def attendance_checkin(*, token: str, user: User, now=None) -> tuple[Attendance, bool]:
    """Check a participant in with a scanned token. Idempotent: returns (attendance, created)."""
    now = now or timezone.now()
    session = checkin_session(token=token, now=now)
    allowed, reason = can_participate(user, session.cohort)
    if not allowed:
        raise CheckinRefused("not_participant", reason)
    enrollment = enrollment_for(user, session.cohort)
    with transaction.atomic():
        attendance, created = Attendance.objects.get_or_create(
            session=session,
            enrollment=enrollment,
            defaults={"user": user, "method": Attendance.Method.QR, "recorded_by": user},
        )
        enrollment_touch(enrollment=enrollment, when=now)
    return attendance, created


# --- Trainer marking -------------------------------------------------------------------------------------
def checklist_enrollments(session: MentoringSession):
    """Who can be marked for a session: the cohort's participants (active or graduated)."""
    return (
        Enrollment.objects.filter(cohort_id=session.cohort_id)
        .with_access()
        .select_related("business")
        .order_by("business__name")
    )


@transaction.atomic
def attendance_mark(*, session: MentoringSession, by: User, present, now=None) -> dict[str, int]:
    """Set who attended: `present` is the set of enrollment ids present; others on the checklist are absent
    (their attendance row, QR or not, is removed). Returns {"added": n, "removed": n}."""
    now = now or timezone.now()
    session = MentoringSession.objects.select_for_update().get(pk=session.pk)
    if session.is_cancelled:
        raise ValidationError(_("This session was cancelled."), code="cancelled")
    if now < session.starts_at - CHECKIN_OPENS_BEFORE:
        raise ValidationError(_("Attendance can be recorded once the session starts."), code="not_started")
    present = {int(pk) for pk in present}
    listed = set(checklist_enrollments(session).values_list("pk", flat=True))
    unknown = present - listed
    if unknown:
        raise ValidationError(_("Some of the selected participants are not in this cohort."), code="unknown")
    recorded = set(session.attendance.values_list("enrollment_id", flat=True))
    to_add = present - recorded
    to_remove = (listed - present) & recorded
    for enrollment_pk in sorted(to_add):
        attendance = Attendance(
            session=session, enrollment_id=enrollment_pk, method=Attendance.Method.TRAINER, recorded_by=by
        )
        attendance.full_clean()
        attendance.save()
    removed = 0
    if to_remove:
        removed, _detail = session.attendance.filter(enrollment_id__in=to_remove).delete()
    return {"added": len(to_add), "removed": removed}
