from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from adimarko.core import exports
from adimarko.core.pagination import paginate
from adimarko.core.qr import qr_png, qr_svg
from adimarko.core.views.files import private_file
from adimarko.core.web import add_service_errors, call_service
from shop.orders import permissions, selectors, services
from shop.orders.forms import PaymentClaimForm, ReviewForm
from shop.orders.models import Order, OrderLine, PaymentClaim, Review, SellerOrder
from shop.orders.services.payments import CANCELLED, PAYMENT_PROCESSING
from shop.orders.views.common import confirmed, require
from shop.payments import qris as qris_gateway
from shop.payments.stripe import PaymentGatewayError


def _order(request, reference):
    order = get_object_or_404(selectors.order_detail_queryset(), reference=reference)
    require(permissions.can_view_order(request.user, order), hide=True)
    return order


@login_required
def order_list(request):
    page = paginate(request, selectors.orders_for_buyer(user=request.user), per_page=20)
    return render(request, "orders/order_list.html", {"page": page})


@login_required
def order_detail(request, reference):
    order = _order(request, reference)
    reviewed = set(Review.objects.filter(buyer=request.user).values_list("product_id", flat=True))
    for part in order.seller_orders.all():
        for line in part.lines.all():
            # One form per line, prefixed, so every field id on the page is unique.
            line.review_form = ReviewForm(prefix=f"line{line.pk}")
    qris, merchant, claim = "", "", None
    if order.is_pending and order.qris_payload:
        title = _("QRIS for order %(reference)s") % {"reference": order.reference}
        qris = qr_svg(order.qris_payload, scale=6, title=title)
        merchant = qris_gateway.merchant_name(order.qris_payload)
    if order.payment_method == Order.PaymentMethod.QRIS:
        claim = PaymentClaim.objects.filter(order=order).first()
    return render(
        request,
        "orders/order_detail.html",
        {
            "order": order,
            "qr_svg": qris,
            "merchant_name": merchant,
            "claim": claim,
            "claim_form": PaymentClaimForm() if qris and (claim is None or not claim.proof) else None,
            "reviewed": reviewed,
            "is_buyer": order.buyer_id == request.user.pk,
            "can_refund": permissions.can_handle_payments(request.user)[0],
        },
    )


@login_required
@require_POST
def order_complete(request, reference, seller_order_id):
    order = _order(request, reference)
    require(permissions.can_complete_order(request.user, order))
    seller_order = get_object_or_404(SellerOrder, pk=seller_order_id, order=order)
    call_service(
        request,
        services.order_complete,
        seller_order=seller_order,
        success=_("Thank you! The order is completed."),
    )
    return redirect("orders:order_detail", reference=order.reference)


@login_required
@require_http_methods(["GET", "POST"])
def order_cancel(request, reference):
    """The buyer gives up on paying: after a confirmation step, the reservation is released at once."""
    order = _order(request, reference)
    require(permissions.can_complete_order(request.user, order))
    if not order.is_pending:
        return redirect("orders:order_detail", reference=order.reference)
    if not confirmed(request):
        return render(request, "orders/order_cancel_confirm.html", {"order": order})
    try:
        # Closes the card payment page at Stripe first (a network call, outside any transaction).
        order, outcome = services.order_cancel(order=order, reason="buyer cancelled")
    except PaymentGatewayError:
        messages.error(
            request,
            _("We could not close the card payment page just now, so nothing was cancelled. Try again soon."),
        )
    else:
        if outcome == PAYMENT_PROCESSING:
            messages.info(
                request,
                _(
                    "Your card payment for order %(reference)s is being processed, so it can no longer be "
                    "cancelled. You will get an email once it is confirmed."
                )
                % {"reference": order.reference},
            )
        elif outcome == CANCELLED:
            messages.success(request, _("Order %(reference)s is cancelled.") % {"reference": order.reference})
    return redirect("orders:order_detail", reference=order.reference)


@login_required
def order_qris_image(request, reference):
    """The order's QRIS code as a PNG file to save, so a buyer paying from the phone that shows the code can
    scan it from the gallery in their banking app."""
    order = _order(request, reference)
    if not (order.is_pending and order.qris_payload):
        raise Http404(_("This order is not waiting for a QRIS payment."))
    response = exports.download(
        qr_png(order.qris_payload), filename=f"qris-{order.reference}.png", content_type="image/png"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def order_payment_claim(request, reference):
    """The buyer's "I have paid" on a QRIS order (optionally with a photo of the transfer)."""
    order = _order(request, reference)
    require(permissions.can_complete_order(request.user, order))
    form = PaymentClaimForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            _claim, created = services.payment_claim_create(order=order, proof=form.cleaned_data["proof"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if created:
                messages.success(
                    request,
                    _(
                        "Thank you! Disperindag staff will check your payment and confirm it; you will get "
                        "an email. Your items stay reserved meanwhile."
                    ),
                )
            else:
                messages.info(request, _("We already know you paid; staff will confirm it soon."))
            return redirect(reverse("orders:order_detail", args=[order.reference]) + "#payment-claim")
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect(reverse("orders:order_detail", args=[order.reference]) + "#payment-claim")


@login_required
def order_payment_proof(request, reference):
    """The photo of the transfer the buyer uploaded, for the buyer and staff only."""
    order = get_object_or_404(Order, reference=reference)
    require(permissions.can_view_payment_proof(request.user, order), hide=True)
    claim = get_object_or_404(PaymentClaim, order=order)
    return private_file(request, claim.proof)


@login_required
@require_POST
def order_review(request, reference, line_id):
    order = _order(request, reference)
    line = get_object_or_404(
        OrderLine.objects.select_related("seller_order__order"), pk=line_id, seller_order__order=order
    )
    form = ReviewForm(request.POST, prefix=f"line{line.pk}")
    if form.is_valid():
        try:
            services.review_create(
                buyer=request.user,
                order_line=line,
                rating=form.cleaned_data["rating"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Thank you for your review."))
            return redirect("orders:order_detail", reference=order.reference)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("orders:order_detail", reference=order.reference)
