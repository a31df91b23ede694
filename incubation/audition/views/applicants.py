"""Applicant flow under /audisi/: dashboard, multi-step draft, documents, submission, withdrawal. The
applicant's own data (export, deletion request) is in incubation/personal_data/views.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from adimarko.core.models import Business
from adimarko.core.permissions import require
from adimarko.core.views.files import private_file
from adimarko.core.web import add_service_errors, call_service, confirmed
from incubation.audition import permissions
from incubation.audition.forms import (
    STEPS,
    DocumentsForm,
    StartForm,
    WithdrawForm,
    step_form_class,
)
from incubation.audition.models import ApplicationDocument, DataDeletionRequest, RoundPage
from incubation.audition.selectors import application_detail_queryset, applications_for_applicant, rounds_open
from incubation.audition.services import applications as services

STEP_KEYS = [key for key, _label in STEPS]


def audition_home(request):
    context = {"rounds": rounds_open()}
    if request.user.is_authenticated:
        context["applications"] = applications_for_applicant(user=request.user)
        context["deletion_pending"] = DataDeletionRequest.objects.filter(
            user=request.user, executed_at__isnull=True
        ).exists()
    return render(request, "incubation/audition/applicant/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def application_start(request, round_id):
    round = get_object_or_404(RoundPage.objects.live(), pk=round_id)
    require(permissions.can_apply(request.user, round))
    businesses = Business.objects.for_member(request.user).order_by("name")
    if not businesses.exists():
        messages.info(request, _("Register your business first; then come back to apply."))
        return redirect(f"{reverse('business_create')}?{urlencode({'next': request.path})}")
    existing = applications_for_applicant(user=request.user).filter(round=round).first()
    form = StartForm(request.POST or None, businesses=businesses)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(
                round=round, business=form.cleaned_data["business"], by=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Your draft has been created. Fill in each step; you can save and come back.")
            )
            return redirect("audition_application_step", pk=application.pk, step=STEP_KEYS[0])
    return render(
        request,
        "incubation/audition/applicant/start.html",
        {"round": round, "form": form, "existing": existing},
    )


def _own_application(request, pk):
    application = get_object_or_404(application_detail_queryset(), pk=pk)
    require(permissions.can_view_application(request.user, application))
    if not permissions.is_member(request.user, application) and not permissions.is_staff(request.user):
        raise PermissionDenied(_("You may only see your own applications or those assigned to you."))
    return application


def _step_nav(application, current):
    done = {
        "usaha": bool(application.owner_name and application.owner_nik and application.business_started_on),
        "produk": bool(application.product_name and application.category and application.price is not None),
        "pemasaran": bool(application.sales_channel and application.motivation),
        "dokumen": len(application.documents.all()) >= len(application.round.required_documents.all()),
    }
    return [
        {"key": key, "label": label, "current": key == current, "done": done[key]} for key, label in STEPS
    ]


@login_required
@require_http_methods(["GET", "POST"])
def application_step(request, pk, step):
    if step not in STEP_KEYS:
        raise Http404
    application = _own_application(request, pk)
    require(permissions.can_edit_application(request.user, application))
    next_step = STEP_KEYS[STEP_KEYS.index(step) + 1] if step != STEP_KEYS[-1] else None
    status = 200
    if step == "dokumen":
        uploaded = {d.requirement_id: d for d in application.documents.all()}
        form = DocumentsForm(
            request.POST or None,
            request.FILES or None,
            requirements=application.round.required_documents.all(),
            uploaded=uploaded,
        )
        if request.method == "POST" and form.is_valid():
            saved = 0
            for name, requirement in form.requirements.items():
                file = form.cleaned_data.get(name)
                if not file:
                    continue
                try:
                    services.application_document_upload(
                        application=application, requirement=requirement, file=file, by=request.user
                    )
                    saved += 1
                except ValidationError as exc:
                    form.add_error(name, exc.messages)
            if form.errors:
                status = 400
                messages.error(request, _("Some files were refused; the rest of your draft is saved."))
            else:
                messages.success(request, _("Your draft has been saved."))
                return redirect("audition_application_detail", pk=application.pk)
    else:
        form = step_form_class(step)(request.POST or None, instance=application)
        if request.method == "POST":
            if form.is_valid():
                fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
                try:
                    services.application_update(application=application, by=request.user, **fields)
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    messages.success(request, _("Your draft has been saved."))
                    if "next" in request.POST and next_step:
                        return redirect("audition_application_step", pk=application.pk, step=next_step)
                    return redirect("audition_application_step", pk=application.pk, step=step)
            status = 400
            application.refresh_from_db()
    context = {
        "application": application,
        "form": form,
        "step": step,
        "steps": _step_nav(application, step),
        "next_step": next_step,
    }
    return render(request, "incubation/audition/applicant/step.html", context, status=status)


@login_required
def application_detail(request, pk):
    application = _own_application(request, pk)
    context = {
        "application": application,
        "missing": services.application_missing(application) if application.is_editable else [],
        "steps": _step_nav(application, None),
        "can_edit": permissions.can_edit_application(request.user, application)[0],
        # The NIK is shown in full to the applying business only; staff see it masked here too.
        "show_nik": permissions.is_member(request.user, application),
        "can_withdraw": permissions.can_withdraw_application(request.user, application)[0],
        "withdraw_form": WithdrawForm(),
    }
    return render(request, "incubation/audition/applicant/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def application_submit(request, pk):
    """Submitting cannot be undone (the draft is frozen): a confirmation step first, without script."""
    application = _own_application(request, pk)
    require(permissions.can_edit_application(request.user, application))
    missing = services.application_missing(application)
    if missing:
        for message in missing:
            messages.error(request, message)
        return redirect("audition_application_detail", pk=application.pk)
    if not confirmed(request):
        return render(
            request, "incubation/audition/applicant/submit_confirm.html", {"application": application}
        )
    try:
        services.application_submit(application=application, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your application has been submitted. We sent you a confirmation email."))
    return redirect("audition_application_detail", pk=application.pk)


@login_required
@require_POST
def application_withdraw(request, pk):
    application = _own_application(request, pk)
    require(permissions.can_withdraw_application(request.user, application))
    form = WithdrawForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    call_service(
        request,
        services.application_withdraw,
        application=application,
        by=request.user,
        note=note,
        success=_("Your application has been withdrawn."),
    )
    return redirect("audition_application_detail", pk=application.pk)


@login_required
def application_document(request, pk):
    """Stream an uploaded file to someone allowed to see it (blind review hides identifying files)."""
    document = get_object_or_404(
        ApplicationDocument.objects.select_related("application__round", "requirement"), pk=pk
    )
    application = document.application
    require(permissions.can_view_application(request.user, application))
    if document.requirement.identifying and not permissions.sees_identity(request.user, application):
        raise PermissionDenied(_("This document is hidden in blind review."))
    return private_file(request, document.file, content_type=document.content_type)
