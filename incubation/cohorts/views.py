"""Staff cohort pages under /staf/inkubasi/: the cohort list (trainers see their own), cohorts from decided
rounds, their rules and trainers, late acceptances enrolled. A cohort's participants, graduation, withdrawal,
certificate revocation and the organiser dashboard are in incubation/graduation/views/cohorts.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from adimarko.core.permissions import require
from adimarko.core.web import add_service_errors
from incubation.cohorts import permissions
from incubation.cohorts import services as cohort_services
from incubation.cohorts.forms import CohortForm
from incubation.cohorts.models import Cohort
from incubation.cohorts.selectors import cohorts_for_staff, cohorts_for_user, rounds_ready_for_cohort


def _manage(request):
    require(permissions.can_manage_cohorts(request.user))


@login_required
def cohort_list(request):
    """Staff: every cohort and the rounds waiting for one. Trainers: their own cohorts' dashboards."""
    can_manage = permissions.can_manage_cohorts(request.user)
    if not can_manage[0]:
        require(permissions.can_list_cohorts(request.user))
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
            cohort_services.cohort_update(
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
