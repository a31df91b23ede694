"""Staff pages under /staf/audisi/: screening, jury assignment, ranking and decisions, reports, exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from adimarko.core.models import Region
from adimarko.core.pagination import paginate
from adimarko.core.permissions import require
from adimarko.core.web import call_service
from incubation.audition import permissions
from incubation.audition.exports import round_csv
from incubation.audition.forms import AssignForm, DecisionBatchForm, RankingFilterForm, ScreeningForm
from incubation.audition.models import Application, ProductCategory, RoundPage, Status
from incubation.audition.screening import screening_checks
from incubation.audition.selectors import (
    application_detail_queryset,
    funnel_report,
    round_applications_for_staff,
    round_ranking,
    rounds_for_staff,
    score_summary,
)
from incubation.audition.services import applications as application_services
from incubation.audition.services import decisions as decision_services
from incubation.audition.services import jury as jury_services


def _staff(request):
    require(permissions.can_manage_audition(request.user))


@login_required
def staff_rounds(request):
    _staff(request)
    return render(request, "incubation/audition/staff/rounds.html", {"rounds": rounds_for_staff()})


@login_required
def staff_round(request, round_id):
    _staff(request)
    round = get_object_or_404(RoundPage, pk=round_id)
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    page = paginate(request, round_applications_for_staff(round=round, status=status), per_page=50)
    context = {
        "round": round,
        "page": page,
        "status": status,
        "statuses": [(s.value, s.label) for s in Status if s != Status.DRAFT],
        "drafts": Application.objects.filter(round=round, status=Status.DRAFT).count(),
    }
    return render(request, "incubation/audition/staff/round.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def staff_application(request, pk):
    _staff(request)
    application = get_object_or_404(application_detail_queryset(), pk=pk)
    screening_form = ScreeningForm(request.POST if "screen" in request.POST else None)
    assign_form = AssignForm(
        request.POST if "assign" in request.POST else None, juries=jury_services.jury_pool()
    )
    if request.method == "POST":
        try:
            if "screen" in request.POST and screening_form.is_valid():
                application_services.application_screen(
                    application=application, by=request.user, **screening_form.cleaned_data
                )
                messages.success(request, _("The screening decision has been saved."))
                return redirect("staff_audition_application", pk=application.pk)
            if "assign" in request.POST and assign_form.is_valid():
                jury_services.jury_assign(
                    application=application, jury=assign_form.cleaned_data["jury"], by=request.user
                )
                messages.success(request, _("The jury has been assigned."))
                return redirect("staff_audition_application", pk=application.pk)
            if "shortlist" in request.POST:
                decision_services.application_shortlist(
                    application=application, shortlisted=request.POST["shortlist"] == "1"
                )
                return redirect("staff_audition_application", pk=application.pk)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    assignments = application.assignments.select_related("jury", "review").prefetch_related(
        "review__scores__criterion"
    )
    context = {
        "application": application,
        "checks": screening_checks(application),
        "screening_form": screening_form,
        "assign_form": assign_form,
        "assignments": assignments,
        "summary": score_summary(application),
        "criteria": application.round.criteria.all(),
    }
    return render(request, "incubation/audition/staff/application.html", context)


@login_required
@require_POST
def staff_auto_assign(request, round_id):
    _staff(request)
    round = get_object_or_404(RoundPage, pk=round_id)
    made = jury_services.jury_auto_assign(round=round, by=request.user)
    messages.success(request, _("%(count)s assignments were made.") % {"count": made})
    return redirect("staff_audition_ranking", round_id=round.pk)


@login_required
@require_http_methods(["GET", "POST"])
def staff_ranking(request, round_id):
    _staff(request)
    round = get_object_or_404(RoundPage, pk=round_id)
    filters = RankingFilterForm(
        request.GET or None,
        kecamatan_choices=list(Region.objects.kecamatan().order_by("name").values_list("code", "name")),
        category_choices=ProductCategory.choices,
    )
    params = filters.cleaned_data if filters.is_valid() else {}
    decision_form = DecisionBatchForm(request.POST or None)
    if request.method == "POST":
        ids = [value for value in request.POST.getlist("applications") if value.isdigit()]
        selected = Application.objects.filter(round=round, pk__in=ids)
        if decision_form.is_valid():
            data = decision_form.cleaned_data
            decided = call_service(
                request,
                decision_services.decision_batch_apply,
                round=round,
                applications=list(selected),
                outcome=data["outcome"],
                reason=data["reason"],
                message=data["message"],
                by=request.user,
                success=lambda batch: (
                    _("%(count)s applications decided: %(outcome)s. The applicants are being emailed.")
                    % {"count": batch.applications.count(), "outcome": batch.get_outcome_display()}
                ),
            )
            if decided:
                return redirect(request.get_full_path())
    rows = round_ranking(
        round=round,
        kecamatan=params.get("kecamatan", ""),
        category=params.get("category", ""),
        sort=params.get("sort") or "score",
        shortlisted_only=params.get("shortlisted", False),
    )
    context = {
        "round": round,
        "rows": rows,
        "criteria": list(round.criteria.all()),
        "filters": filters,
        "decision_form": decision_form,
        "accepted": Application.objects.filter(round=round, status=Status.ACCEPTED).count(),
    }
    return render(
        request,
        "incubation/audition/staff/ranking.html",
        context,
        status=400 if decision_form.errors else 200,
    )


@login_required
def staff_report(request, round_id):
    round = get_object_or_404(RoundPage, pk=round_id)
    require(permissions.can_view_report(request.user, round))
    return render(
        request,
        "incubation/audition/staff/report.html",
        {"round": round, "report": funnel_report(round=round)},
    )


@login_required
def staff_export(request, round_id):
    round = get_object_or_404(RoundPage, pk=round_id)
    _staff(request)
    require(permissions.can_export_round(request.user, round))
    response = HttpResponse(round_csv(round=round, user=request.user), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audisi-{round.slug}.csv"'
    return response
