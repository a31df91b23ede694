"""Staff cohort pages under /staf/inkubasi/: cohorts from decided rounds, rules, trainers, participants,
graduation (by the rules or manually with a reason), withdrawal, certificate revocation; and the organiser
dashboard for staff and the cohort's trainers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from incubation import permissions, permissions_graduation
from incubation.forms_cohorts import CohortForm, ManualGraduationForm, ReasonForm, add_service_errors
from incubation.graduation import graduation_check
from incubation.models import Certificate, Cohort, Enrollment
from incubation.progress import enrollment_progress
from incubation.selectors_cohorts import (
    cohort_dashboard,
    cohort_participants,
    cohorts_for_staff,
    cohorts_for_user,
    rounds_ready_for_cohort,
)
from incubation.services import cohorts as cohort_services
from incubation.services import graduation as graduation_services
from incubation.views import require


def _manage(request):
    require(permissions.can_manage_cohorts(request.user))


@login_required
def cohort_list(request):
    """Staff: every cohort and the rounds waiting for one. Trainers: their own cohorts' dashboards."""
    can_manage = permissions.can_manage_cohorts(request.user)
    if not can_manage[0]:
        require(permissions_graduation.can_list_cohorts(request.user))
        cohorts = cohorts_for_staff().filter(pk__in=cohorts_for_user(request.user).values("pk"))
        return render(request, "incubation/cohorts/list.html", {"cohorts": cohorts, "can_manage": False})
    return render(
        request,
        "incubation/cohorts/list.html",
        {"cohorts": cohorts_for_staff(), "rounds": rounds_ready_for_cohort(), "can_manage": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def cohort_create(request, round_id):
    _manage(request)
    round = get_object_or_404(rounds_ready_for_cohort(), pk=round_id)
    initial = {"name": _("Cohort %(year)s") % {"year": round.year}}
    form = CohortForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            cohort = cohort_services.cohort_create(
                round=round,
                name=form.cleaned_data["name"],
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
                by=request.user,
                trainers=list(form.cleaned_data["trainers"]),
                **form.rules(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(cohort)s was created with %(count)s participant.",
                    "%(cohort)s was created with %(count)s participants.",
                    cohort.enrollments.count(),
                )
                % {"cohort": cohort.name, "count": cohort.enrollments.count()},
            )
            return redirect("cohort_detail", slug=cohort.slug)
    return render(request, "incubation/cohorts/form.html", {"form": form, "round": round, "cohort": None})


@login_required
@require_http_methods(["GET", "POST"])
def cohort_edit(request, slug):
    _manage(request)
    cohort = get_object_or_404(Cohort.objects.select_related("round"), slug=slug)
    # The form works on its own copy: a refused change must not show on the page as if saved.
    form = CohortForm(request.POST or None, instance=Cohort.objects.get(pk=cohort.pk))
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in CohortForm.Meta.fields}
        try:
            graduation_services.cohort_update(
                cohort=cohort, trainers=list(form.cleaned_data["trainers"]), **fields
            )
        except ValidationError as error:
            cohort.refresh_from_db()
            add_service_errors(form, error)
        else:
            messages.success(request, _("The cohort has been saved."))
            return redirect("cohort_detail", slug=cohort.slug)
    return render(
        request, "incubation/cohorts/form.html", {"form": form, "round": cohort.round, "cohort": cohort}
    )


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
    from incubation.selectors import round_accepted_applications

    enrolled = cohort.enrollments.values("business_id")
    return round_accepted_applications(cohort.round).exclude(business_id__in=enrolled).count()


@login_required
@require_POST
def cohort_enroll(request, slug):
    _manage(request)
    cohort = get_object_or_404(Cohort, slug=slug)
    created = cohort_services.cohort_enroll_accepted(cohort=cohort)
    messages.success(
        request,
        ngettext("%(count)s participant enrolled.", "%(count)s participants enrolled.", len(created))
        % {"count": len(created)},
    )
    return redirect("cohort_detail", slug=cohort.slug)


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
