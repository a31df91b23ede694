"""Mentoring: trainer home (/pelatih/), sessions (/pelatih/sesi/), QR check-in screen and participant check-in
(/inkubasi/sesi/hadir/<token>/), trainer marking, attendance report and CSV; the participant's sessions
(/inkubasi/sesi/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from adimarko.core import exports
from adimarko.core.permissions import require
from adimarko.core.qr import qr_svg
from adimarko.core.web import add_service_errors, call_service
from incubation.coaching import permissions as rules
from incubation.coaching.forms import AttendanceForm, CancelSessionForm, SessionForm
from incubation.coaching.models import MentoringSession
from incubation.coaching.selectors import (
    attendance_report,
    cohorts_run_by,
    participant_sessions,
    review_queue,
    sessions_for,
)
from incubation.coaching.services import mentoring as services
from incubation.cohorts.models import Cohort, Enrollment
from incubation.cohorts.permissions import can_run_cohort


# --- Trainer home ----------------------------------------------------------------------------------------
@login_required
def trainer_home(request):
    require(rules.can_train(request.user))
    now = timezone.now()
    cohorts = list(cohorts_run_by(request.user).order_by("-starts_on", "name"))
    return render(
        request,
        "incubation/coaching/mentoring/trainer_home.html",
        {
            "cohorts": cohorts,
            "waiting": review_queue(user=request.user).count(),
            "upcoming": sessions_for(cohorts=cohorts).upcoming(now)[:10],
        },
    )


# --- Sessions (trainers and staff) -----------------------------------------------------------------------
def _session(request, pk) -> MentoringSession:
    session = get_object_or_404(MentoringSession.objects.select_related("cohort", "trainer"), pk=pk)
    require(rules.can_manage_session(request.user, session))
    return session


@login_required
def session_list(request):
    require(rules.can_train(request.user))
    cohorts = cohorts_run_by(request.user)
    now = timezone.now()
    sessions = list(sessions_for(cohorts=cohorts))
    return render(
        request,
        "incubation/coaching/mentoring/session_list.html",
        {
            "upcoming": [s for s in sessions if s.ends_at > now],
            "past": [s for s in reversed(sessions) if s.ends_at <= now],
            "cohorts": cohorts,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request):
    require(rules.can_train(request.user))
    cohorts = cohorts_run_by(request.user)
    form = SessionForm(request.POST or None, cohorts=cohorts)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        cohort = data.pop("cohort")
        require(can_run_cohort(request.user, cohort))
        try:
            session = services.session_create(cohort=cohort, by=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The session was scheduled."))
            return redirect("session_manage", session.pk)
    return render(request, "incubation/coaching/mentoring/session_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, pk):
    session = _session(request, pk)
    if session.is_cancelled:
        messages.error(request, _("A cancelled session can no longer be changed."))
        return redirect("session_manage", session.pk)
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(session=session, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The session was updated."))
            return redirect("session_manage", session.pk)
    return render(
        request, "incubation/coaching/mentoring/session_form.html", {"form": form, "session": session}
    )


@login_required
@require_POST
def session_cancel(request, pk):
    session = _session(request, pk)
    form = CancelSessionForm(request.POST)
    form.is_valid()
    call_service(
        request,
        services.session_cancel,
        session=session,
        by=request.user,
        reason=form.cleaned_data.get("reason", ""),
        success=_("The session was cancelled."),
    )
    return redirect("session_manage", session.pk)


@login_required
@require_http_methods(["GET", "POST"])
def session_manage(request, pk):
    """One session: details, check-in QR link, the attendance checklist (trainer marking)."""
    session = _session(request, pk)
    enrollments = list(services.checklist_enrollments(session))
    recorded = {a.enrollment_id: a for a in session.attendance.select_related("user", "recorded_by")}
    form = AttendanceForm(
        request.POST or None,
        enrollments=enrollments,
        initial={"present": [str(pk) for pk in recorded]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            result = services.attendance_mark(
                session=session, by=request.user, present=form.cleaned_data["present"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Attendance saved: %(added)d marked present, %(removed)d marked absent.") % result,
            )
            return redirect("session_manage", session.pk)
    rows = [(enrollment, recorded.get(enrollment.pk)) for enrollment in enrollments]
    return render(
        request,
        "incubation/coaching/mentoring/session_manage.html",
        {
            "session": session,
            "rows": rows,
            "form": form,
            "cancel_form": CancelSessionForm(),
            "checkin_open": services.checkin_is_open(session),
            "present_count": len(recorded),
        },
    )


@login_required
@never_cache
def session_checkin_screen(request, pk):
    """The QR the participants scan; HTMX swaps in a fresh code (and the count) every minute."""
    session = _session(request, pk)
    now = timezone.now()
    token = services.checkin_token(session=session, now=now)
    url = request.build_absolute_uri(reverse("session_checkin", args=[token]))
    context = {
        "session": session,
        "checkin_url": url,
        "qr": qr_svg(url, scale=8, title=_("Check-in QR code")),
        "open": services.checkin_is_open(session, now=now),
        "present_count": session.attendance.count(),
        "enrolled_count": services.checklist_enrollments(session).count(),
        "minutes": services.checkin_minutes(),
        "refresh_seconds": 60,
    }
    template = "incubation/coaching/mentoring/checkin_qr.html" if request.headers.get("HX-Request") else None
    return render(request, template or "incubation/coaching/mentoring/checkin_screen.html", context)


# --- Participants ----------------------------------------------------------------------------------------
@login_required
def session_my_list(request):
    enrollments = list(
        Enrollment.objects.for_member(request.user).with_access().select_related("cohort", "business")
    )
    groups = [{"enrollment": e, **participant_sessions(enrollment=e)} for e in enrollments]
    return render(request, "incubation/coaching/mentoring/my_sessions.html", {"groups": groups})


@never_cache
def session_checkin(request, token):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        attendance, created = services.attendance_checkin(token=token, user=request.user)
    except services.CheckinRefused as refusal:
        return render(
            request,
            "incubation/coaching/mentoring/checkin_refused.html",
            {"message": refusal.message, "code": refusal.code},
            status=403 if refusal.code == "not_participant" else 400,
        )
    return render(
        request,
        "incubation/coaching/mentoring/checkin_done.html",
        {"attendance": attendance, "session": attendance.session, "created": created},
    )


# --- Attendance report -----------------------------------------------------------------------------------
def _report_cohort(request, cohort_id) -> Cohort:
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    require(can_run_cohort(request.user, cohort))
    return cohort


@login_required
def attendance_report_view(request, cohort_id):
    cohort = _report_cohort(request, cohort_id)
    return render(
        request,
        "incubation/coaching/mentoring/attendance_report.html",
        {"report": attendance_report(cohort=cohort)},
    )


@login_required
def attendance_report_csv(request, cohort_id):
    cohort = _report_cohort(request, cohort_id)
    report = attendance_report(cohort=cohort)
    header = [
        _("Business"),
        *[f"{timezone.localtime(s.starts_at):%Y-%m-%d %H:%M} {s.title}" for s in report.sessions],
        _("Attended"),
        _("Held"),
        _("Attendance (%)"),
    ]
    rows = [
        [
            row.enrollment.business.name,
            *[(_("QR") if cell.method == "qr" else _("trainer")) if cell else "" for cell in row.cells],
            row.progress.sessions_attended,
            row.progress.sessions_held,
            row.progress.attendance_percent,
        ]
        for row in report.rows
    ]
    return exports.download(
        exports.csv_bytes([header, *rows], excel=True),  # `;` and a BOM: Indonesian Excel
        filename=f"kehadiran-{cohort.slug}.csv",
        content_type=exports.CSV_CONTENT_TYPE,
    )
