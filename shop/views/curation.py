"""The staff curation queue (/staf/kurasi/): products and storefronts waiting for a decision."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from adimarko.core.web import add_service_errors, call_service
from shop import permissions, selectors, services
from shop.forms import RejectForm
from shop.models import Product, Storefront
from shop.views import require


@login_required
def queue(request):
    require(permissions.can_curate(request.user))
    return render(
        request,
        "shop/curation/queue.html",
        {"products": selectors.curation_queue(), "storefronts": selectors.storefronts_awaiting_curation()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def product_review(request, pk):
    require(permissions.can_curate(request.user))
    product = get_object_or_404(selectors.product_detail_queryset(), pk=pk)
    form = RejectForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.POST.get("decision") == "approve":
                services.product_approve(product=product, by=request.user)
                messages.success(request, _("%(name)s is approved and public.") % {"name": product.name})
                return redirect("curation_queue")
            if form.is_valid():
                services.product_reject(product=product, by=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, _("%(name)s has been rejected.") % {"name": product.name})
                return redirect("curation_queue")
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(
        request,
        "shop/curation/product.html",
        {
            "product": product,
            "photos": list(product.photos.all()),
            "certifications": list(product.certifications.all()),
            "events": product.curation_events.select_related("by")[:10],
            "form": form,
            "pending": product.status == Product.Status.PENDING,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def storefront_decide(request, pk):
    require(permissions.can_curate(request.user))
    storefront = get_object_or_404(Storefront.objects.select_related("business"), pk=pk)
    approve = request.POST.get("decision") == "approve"
    call_service(
        request,
        services.storefront_decide,
        storefront=storefront,
        by=request.user,
        approve=approve,
        reason=request.POST.get("reason", ""),
        success=_("The storefront decision has been saved."),
    )
    return redirect("curation_queue")
