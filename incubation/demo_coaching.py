"""Demo data for assignments and mentoring, built through the coaching services.

`build_coaching(cohort=...)` schedules past and upcoming mentoring sessions (online and at the co-working
space), records attendance (QR check-ins and trainer marking, varied so some participants fall below the
cohort's minimum) and, when the cohort's courses have assignment lessons, submissions: one passed, one sent
back for revision and resubmitted, one waiting. Deterministic (fixed patterns, times relative to the day the
demo is built) and idempotent (sessions are found by title, submissions by participant and lesson).
"""

import io
from datetime import datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from incubation.audition.models.rounds import WIB
from incubation.classroom.selectors import cohort_lessons
from incubation.coaching.services import assignments, mentoring
from incubation.demo import enrollment_member
from incubation.models import AssignmentSubmission, Attendance, Cohort, Enrollment, MentoringSession

CO_WORKING = "Co-working space Disperindag Kabupaten Blitar"
MEET_URL = "https://meet.google.com/adm-demo-blt"
# (title, days from today, hour WIB, online?)
SESSIONS = (
    ("Kenalan dan rencana usaha", -21, 9, False),
    ("Foto produk dengan ponsel", -14, 13, True),
    ("Menulis deskripsi produk di marketplace", -7, 9, False),
    ("Membalas pembeli lewat WhatsApp", -2, 19, True),
    ("Harga, ongkos kirim dan promo", 3, 9, False),
    ("Klinik toko online", 10, 19, True),
)
SUBMISSION_TEXTS = (
    "Tiga foto keripik tempe dengan latar kain batik, cahaya pagi dari jendela.",
    "Deskripsi: Kopi robusta Blitar, sangrai medium, 250 gram, Rp 45.000.",
    "Rencana promo: potongan ongkos kirim untuk pembeli di Kabupaten Blitar.",
)


def _photo(name: str, color) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), color).save(buffer, format="JPEG", quality=85)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def _sessions(cohort: Cohort, trainer, today) -> list[MentoringSession]:
    existing = {session.title: session for session in cohort.sessions.all()}
    sessions = []
    for title, days, hour, online in SESSIONS:
        if title in existing:
            sessions.append(existing[title])
            continue
        starts_at = datetime.combine(today + timedelta(days=days), time(hour, 0), tzinfo=WIB)
        sessions.append(
            mentoring.session_create(
                cohort=cohort,
                by=trainer,
                title=title,
                description="Sesi mentoring Adi Marko bersama pelatih.",
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=2),
                mode=MentoringSession.Mode.ONLINE if online else MentoringSession.Mode.ONSITE,
                meeting_url=MEET_URL if online else "",
                location="" if online else CO_WORKING,
                trainer=trainer,
            )
        )
    return sessions


def _attendance(sessions, enrollments, trainer, now) -> None:
    """Participant j misses their first (j mod 3) past sessions: 100 %, 75 % or 50 % of four."""
    past = [session for session in sessions if session.starts_at <= now]
    for index, session in enumerate(past):
        present = [e for j, e in enumerate(enrollments) if index >= j % 3]
        during = session.starts_at + timedelta(minutes=10)
        if index % 2 == 0:  # QR check-in by each participant
            for enrollment in present:
                user = enrollment_member(enrollment)
                if (
                    user is None
                    or enrollment.status != Enrollment.Status.ACTIVE
                    or Attendance.objects.filter(session=session, enrollment=enrollment).exists()
                ):
                    continue
                token = mentoring.checkin_token(session=session, now=during)
                mentoring.attendance_checkin(token=token, user=user, now=during)
        else:  # the trainer ticks the checklist
            mentoring.attendance_mark(
                session=session, by=trainer, present={e.pk for e in present}, now=session.ends_at
            )


def _submissions(cohort: Cohort, enrollments, trainer) -> None:
    lesson = cohort_lessons(cohort).filter(requires_submission=True).order_by("path").first()
    if lesson is None:
        return
    plans = ("passed", "revised", "waiting")
    for plan, enrollment, text in zip(plans, enrollments, SUBMISSION_TEXTS, strict=False):
        user = enrollment_member(enrollment)
        if (
            user is None
            or enrollment.status != Enrollment.Status.ACTIVE
            or AssignmentSubmission.objects.filter(enrollment=enrollment, lesson=lesson).exists()
        ):
            continue
        photos = [_photo("foto-produk.jpg", (190, 120, 60))] if plan != "waiting" else []
        first = assignments.submission_create(
            lesson=lesson, enrollment=enrollment, by=user, text=text, photos=photos
        )
        if plan == "passed":
            assignments.submission_review(
                submission=first,
                by=trainer,
                decision=AssignmentSubmission.Status.PASSED,
                feedback="Foto sudah terang dan tajam. Bagus!",
                notify=False,
            )
        elif plan == "revised":
            assignments.submission_review(
                submission=first,
                by=trainer,
                decision=AssignmentSubmission.Status.REVISION,
                feedback="Tambahkan berat bersih dan harga di deskripsi.",
                notify=False,
            )
            assignments.submission_create(
                lesson=lesson, enrollment=enrollment, by=user, text=f"{text} Berat bersih 250 gram."
            )


def build_coaching(*, cohort: Cohort, progress=lambda _msg: None) -> dict[str, int]:
    trainer = cohort.trainers.order_by("pk").first()
    now = timezone.now()
    today = timezone.localdate(now)
    # Everyone with access, by position: a graduation between two runs must not shift who gets what.
    enrollments = list(cohort.enrollments.with_access().select_related("business").order_by("pk"))
    progress("Mentoring sessions and attendance")
    sessions = _sessions(cohort, trainer, today)
    _attendance(sessions, enrollments, trainer, now)
    progress("Assignment submissions")
    _submissions(cohort, enrollments, trainer)
    return {
        "mentoring_sessions": cohort.sessions.count(),
        "attendance": Attendance.objects.filter(session__cohort=cohort).count(),
        "assignment_submissions": AssignmentSubmission.objects.filter(enrollment__cohort=cohort).count(),
    }
