"""An applicant's own data under /audisi/data-saya/ (export, deletion request) and the staff page that
carries out deletion requests (/staf/audisi/penghapusan-data/)."""

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from adimarko.core.permissions import require
from adimarko.core.web import call_service
from incubation.audition import permissions
from incubation.audition.models import DataDeletionRequest
from incubation.personal_data import services as personal_data
from incubation.personal_data.forms import DeletionRequestForm


@login_required
def my_data_export(request):
    data = personal_data.personal_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="data-saya-adimarko.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def my_data_delete(request):
    form = DeletionRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call_service(
            request,
            personal_data.data_deletion_request_create,
            user=request.user,
            reason=form.cleaned_data["reason"],
            success=_("Your request has been sent. Disperindag staff will carry it out."),
        )
        return redirect("audition_home")
    return render(request, "incubation/audition/applicant/data_delete.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def staff_deletion_requests(request):
    require(permissions.can_manage_audition(request.user))
    if request.method == "POST":
        pk = request.POST.get("request", "")
        deletion_request = get_object_or_404(DataDeletionRequest, pk=pk if pk.isdigit() else 0)
        call_service(
            request,
            personal_data.data_deletion_execute,
            deletion_request=deletion_request,
            by=request.user,
            success=lambda count: _("Personal data erased from %(count)s applications.") % {"count": count},
        )
        return redirect("staff_audition_deletions")
    requests = DataDeletionRequest.objects.select_related("executed_by").order_by(
        "executed_at", "-requested_at"
    )
    return render(request, "incubation/audition/staff/deletions.html", {"requests": requests})
