"""Staff cohort pages under /staf/inkubasi/ that read every room: a cohort's participants with their
progress and graduation checks, graduation (by the rules or manually with a reason), withdrawal, certificate
revocation; and the organiser dashboard for staff and the cohort's trainers. The cohort list and settings are
in incubation/cohorts/views.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from adimarko.core.permissions import require
from adimarko.core.web import add_service_errors
from incubation.audition.selectors import round_accepted_applications
from incubation.coaching.progress import enrollment_progress
from incubation.cohorts import permissions
from incubation.cohorts.forms import ManualGraduationForm, ReasonForm
from incubation.cohorts.models import Cohort, Enrollment
from incubation.graduation import services as graduation_services
from incubation.graduation.models import Certificate
from incubation.graduation.rules import graduation_check
from incubation.graduation.selectors import cohort_dashboard, cohort_participants


def _manage(request):
    require(permissions.can_manage_cohorts(request.user))


@login_required
def cohort_detail(request, slug):
    _manage(request)
    cohort = get_object_or_404(Cohort.objects.select_related("round").prefetch_related("trainers"), slug=slug)
    rows = cohort_participants(cohort)
    context = {
        "cohort": cohort,
        "rows": rows,
        "eligible_count": sum(1 for row in rows if row.can_graduate and row.check.eligible),
        "late_acceptances": _late_acceptances(cohort),
        "sessions": cohort.sessions.select_related("trainer").order_by("starts_at"),
    }
    return render(request, "incubation/cohorts/detail.html", context)


def _late_acceptances(cohort: Cohort) -> int:
    enrolled = cohort.enrollments.values("business_id")
    return round_accepted_applications(cohort.round).exclude(business_id__in=enrolled).count()


@login_required
@require_POST
def cohort_graduate_all(request, slug):
    _manage(request)
    cohort = get_object_or_404(Cohort, slug=slug)
    certificates = graduation_services.cohort_graduate_eligible(cohort=cohort, by=request.user)
    if certificates:
        messages.success(
            request,
            ngettext(
                "%(count)s participant graduated; the certificate has been issued.",
                "%(count)s participants graduated; their certificates have been issued.",
                len(certificates),
            )
            % {"count": len(certificates)},
        )
    else:
        messages.info(request, _("No active participant meets every graduation rule yet."))
    return redirect("cohort_detail", slug=cohort.slug)


def _enrollment(pk) -> Enrollment:
    return get_object_or_404(Enrollment.objects.select_related("cohort", "business"), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def enrollment_graduate(request, pk):
    _manage(request)
    enrollment = _enrollment(pk)
    check = graduation_check(enrollment.cohort, enrollment_progress(enrollment))
    form = ManualGraduationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate = graduation_services.enrollment_graduate(
                enrollment=enrollment, by=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(business)s graduated. Certificate %(code)s has been issued.")
                % {"business": enrollment.business.name, "code": certificate.code},
            )
            return redirect("cohort_detail", slug=enrollment.cohort.slug)
    return render(
        request,
        "incubation/cohorts/graduate.html",
        {"enrollment": enrollment, "cohort": enrollment.cohort, "check": check, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def enrollment_withdraw(request, pk):
    _manage(request)
    enrollment = _enrollment(pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            graduation_services.enrollment_withdraw(
                enrollment=enrollment, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("%(business)s has been withdrawn.") % {"business": enrollment.business.name}
            )
            return redirect("cohort_detail", slug=enrollment.cohort.slug)
    return render(
        request,
        "incubation/cohorts/reason.html",
        {
            "cohort": enrollment.cohort,
            "title": _("Withdraw %(business)s") % {"business": enrollment.business.name},
            "explanation": _("The participant loses access to the course material. Their progress is kept."),
            "button": _("Withdraw from the cohort"),
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def certificate_revoke(request, code):
    _manage(request)
    certificate = get_object_or_404(Certificate.objects.with_related(), code=code)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            graduation_services.certificate_revoke(
                certificate=certificate, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Certificate %(code)s has been revoked.") % {"code": certificate.code}
            )
            return redirect("cohort_detail", slug=certificate.enrollment.cohort.slug)
    return render(
        request,
        "incubation/cohorts/reason.html",
        {
            "cohort": certificate.enrollment.cohort,
            "title": _("Revoke certificate %(code)s") % {"code": certificate.code},
            "explanation": _(
                "The public verification page will say the certificate was revoked, with this reason. "
                "The participant returns to the active participants and can graduate again later."
            ),
            "button": _("Revoke"),
            "form": form,
        },
    )


@login_required
def cohort_dashboard_view(request, slug):
    cohort = get_object_or_404(Cohort.objects.select_related("round"), slug=slug)
    require(permissions.can_run_cohort(request.user, cohort))
    dashboard = cohort_dashboard(cohort)
    return render(
        request,
        "incubation/cohorts/dashboard.html",
        {
            "cohort": cohort,
            "dashboard": dashboard,
            "can_manage": permissions.can_manage_cohorts(request.user)[0],
        },
    )
