from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from adimarko.core import permissions, services
from adimarko.core.forms import BusinessForm, CertificationForm, InvitationForm
from adimarko.core.models import Business, BusinessInvitation, BusinessMembership, Region
from adimarko.core.permissions import require
from adimarko.core.selectors import (
    business_detail_queryset,
    business_is_public,
    business_list_for_user,
    business_members,
)
from adimarko.core.web import add_service_errors, call_service, safe_next


def _business_kwargs(form: BusinessForm) -> dict:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "nib": data["nib"],
        "phone": data["phone"],
        "address": data["address"],
        "desa": Region.objects.desa().filter(code=data["desa"]).first(),
        "description": data["description"],
        # ClearableFileInput gives False for "clear" and None for "unchanged": the service's own convention.
        "logo": data["logo"],
    }


@login_required
def business_list(request):
    return render(request, "businesses/list.html", {"businesses": business_list_for_user(user=request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def business_create(request):
    require(permissions.can_create_business(request.user))
    # Where the person came from (the application form sends `?next=`): kept through a failed POST in a
    # hidden field, followed only when it is a path on this site.
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    form = BusinessForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            business = services.business_create(owner=request.user, **_business_kwargs(form))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Business %(name)s has been registered.") % {"name": business.name})
            return redirect(next_url or reverse("business_edit", kwargs={"slug": business.slug}))
    return render(request, "businesses/form.html", {"form": form, "creating": True, "next": next_url})


@login_required
@require_http_methods(["GET", "POST"])
def business_edit(request, slug):
    business = get_object_or_404(Business.objects.with_region(), slug=slug)
    require(permissions.can_edit_business(request.user, business))
    form = BusinessForm(request.POST or None, request.FILES or None, initial=_business_initial(business))
    if request.method == "POST" and form.is_valid():
        try:
            services.business_update(business=business, **_business_kwargs(form))
        except ValidationError as exc:
            add_service_errors(form, exc)
            business.refresh_from_db()
        else:
            messages.success(request, _("The business profile has been saved."))
            return redirect("business_edit", slug=business.slug)
    return render(request, "businesses/form.html", _edit_context(request, business, form=form))


def _business_initial(business: Business) -> dict:
    return {
        "name": business.name,
        "nib": business.nib,
        "phone": business.phone,
        "address": business.address,
        "desa": business.desa_id,
        "description": business.description,
        "logo": business.logo,
    }


def _edit_context(request, business, *, form=None, certification_form=None) -> dict:
    return {
        "business": business,
        "creating": False,
        "form": form or BusinessForm(initial=_business_initial(business)),
        "certifications": business.certifications.all(),
        "certification_form": certification_form or CertificationForm(),
        "can_manage_members": permissions.can_manage_members(request.user, business)[0],
    }


@login_required
@require_POST
def certification_add(request, slug):
    business = get_object_or_404(Business, slug=slug)
    require(permissions.can_edit_business(request.user, business))
    form = CertificationForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.certification_add(business=business, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The certification has been added."))
            return redirect("business_edit", slug=business.slug)
    context = _edit_context(request, business, certification_form=form)
    return render(request, "businesses/form.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def business_members_view(request, slug):
    business = get_object_or_404(Business, slug=slug)
    require(permissions.can_view_business_private(request.user, business))
    can_manage = permissions.can_manage_members(request.user, business)[0]
    form = InvitationForm(request.POST or None)
    if request.method == "POST":
        require(permissions.can_manage_members(request.user, business))
        if form.is_valid():
            try:
                services.business_invitation_create(
                    business=business,
                    email=form.cleaned_data["email"],
                    invited_by=request.user,
                    base_url=request.build_absolute_uri("/"),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The invitation has been sent."))
                return redirect("business_members", slug=business.slug)
    context = {
        "business": business,
        "form": form,
        "can_manage": can_manage,
        "members": business_members(business=business),
        "invitations": business.invitations.pending(),
    }
    return render(request, "businesses/members.html", context)


@login_required
@require_POST
def business_member_remove(request, slug, membership_id):
    business = get_object_or_404(Business, slug=slug)
    require(permissions.can_manage_members(request.user, business))
    membership = get_object_or_404(BusinessMembership, pk=membership_id, business=business)
    call_service(
        request,
        services.business_member_remove,
        membership=membership,
        success=_("The member has been removed."),
    )
    return redirect("business_members", slug=business.slug)


@login_required
@require_POST
def business_invitation_revoke(request, slug, invitation_id):
    business = get_object_or_404(Business, slug=slug)
    require(permissions.can_manage_members(request.user, business))
    invitation = get_object_or_404(business.invitations.pending(), pk=invitation_id)
    services.business_invitation_revoke(invitation=invitation)
    messages.success(
        request, _("The invitation to %(email)s has been withdrawn.") % {"email": invitation.email}
    )
    return redirect("business_members", slug=business.slug)


@require_http_methods(["GET", "POST"])
def business_invitation_accept(request, token):
    invitation = get_object_or_404(BusinessInvitation.objects.select_related("business"), token=token)
    if request.method != "POST" or not request.user.is_authenticated:
        return render(request, "businesses/invitation_accept.html", {"invitation": invitation})
    accepted = call_service(
        request,
        services.business_invitation_accept,
        invitation=invitation,
        user=request.user,
        success=_("You are now a member of %(business)s.") % {"business": invitation.business.name},
    )
    if accepted:
        return redirect("business_edit", slug=invitation.business.slug)
    return render(request, "businesses/invitation_accept.html", {"invitation": invitation})


def business_public(request, slug):
    business = get_object_or_404(business_detail_queryset(), slug=slug)
    # Uncurated businesses do not exist for the public; their members and staff see a marked preview.
    require(permissions.can_view_business_public(request.user, business), hide=True)
    context = {"business": business, "preview": not business_is_public(business=business)}
    return render(request, "businesses/public.html", context)
