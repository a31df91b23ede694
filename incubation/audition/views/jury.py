"""Jury pages under /juri/: assigned applications (blind-aware), scoring, conflicts, own export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from adimarko.core.permissions import require
from adimarko.core.web import add_service_errors, call_service
from incubation.audition import permissions
from incubation.audition.exports import round_csv
from incubation.audition.forms import ConflictForm, ScoreForm
from incubation.audition.models import JuryAssignment, RoundPage
from incubation.audition.selectors import assignments_for_jury
from incubation.audition.services import jury as services


@login_required
def jury_home(request):
    require(permissions.can_judge(request.user))
    assignments = list(assignments_for_jury(user=request.user))
    rounds: dict[int, dict] = {}
    for assignment in assignments:
        round = assignment.application.round
        rounds.setdefault(round.pk, {"round": round, "assignments": []})["assignments"].append(assignment)
    return render(request, "incubation/audition/jury/home.html", {"rounds": list(rounds.values())})


def _assignment(request, pk) -> JuryAssignment:
    assignment = get_object_or_404(
        JuryAssignment.objects.select_related("application__round", "application__business__desa__parent"),
        pk=pk,
        jury=request.user,
        conflict_declared_at__isnull=True,
    )
    require(permissions.can_view_application(request.user, assignment.application))
    return assignment


@login_required
@require_http_methods(["GET", "POST"])
def jury_application(request, pk):
    require(permissions.can_judge(request.user))
    assignment = _assignment(request, pk)
    application = assignment.application
    criteria = list(application.round.criteria.all())
    review = getattr(assignment, "review", None)
    initial = {}
    if review:
        initial["comment"] = review.comment
        for score in review.scores.all():
            initial[f"score_{score.criterion_id}"] = score.value
            initial[f"comment_{score.criterion_id}"] = score.comment
    form = ScoreForm(request.POST or None, criteria=criteria, initial=initial)
    can_score, refusal = permissions.can_score_application(request.user, application)
    status = 200
    if request.method == "POST":
        require((can_score, refusal))
        if form.is_valid():
            try:
                services.review_submit(
                    assignment=assignment, scores=form.scores(), comment=form.cleaned_data["comment"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Your scores have been saved."))
                return redirect("jury_home")
        status = 400
    blind = not permissions.sees_identity(request.user, application)
    documents = [
        d
        for d in application.documents.select_related("requirement")
        if not (blind and d.requirement.identifying)
    ]
    context = {
        "assignment": assignment,
        "application": application,
        "blind": blind,
        "documents": documents,
        "form": form,
        "can_score": can_score,
        "refusal": refusal,
        "review": review,
        "conflict_form": ConflictForm(),
    }
    return render(request, "incubation/audition/jury/application.html", context, status=status)


@login_required
@require_POST
def jury_conflict(request, pk):
    require(permissions.can_judge(request.user))
    assignment = _assignment(request, pk)
    form = ConflictForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say briefly why you have a conflict of interest."))
        return redirect("jury_application", pk=assignment.pk)
    declared = call_service(
        request,
        services.conflict_declare,
        assignment=assignment,
        reason=form.cleaned_data["reason"],
        by=request.user,
        success=_("Thank you. The application has been passed to another jury."),
    )
    if not declared:
        return redirect("jury_application", pk=assignment.pk)
    return redirect("jury_home")


@login_required
def jury_export(request, round_id):
    round = get_object_or_404(RoundPage, pk=round_id)
    require(permissions.can_judge(request.user))
    require(permissions.can_export_round(request.user, round))
    response = HttpResponse(round_csv(round=round, user=request.user), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="penilaian-saya-{round.slug}.csv"'
    return response
