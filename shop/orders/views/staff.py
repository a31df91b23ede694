from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from adimarko.core import exports
from adimarko.core.pagination import paginate
from adimarko.core.web import call_service
from shop.orders import permissions, selectors, services
from shop.orders.models import Order, PaymentClaim, PayoutBatch, SellerOrder
from shop.orders.views.common import confirmed, require
from shop.payments.stripe import PaymentGatewayError


@login_required
def staff_order_list(request):
    require(permissions.can_handle_payments(request.user))
    status = request.GET.get("status", "")
    method = request.GET.get("metode", "")
    queryset = selectors.staff_orders(
        status=status if status in Order.Status.values else "",
        method=method if method in Order.PaymentMethod.values else "",
    )
    page = paginate(request, queryset, per_page=30)
    return render(
        request,
        "orders/staff/order_list.html",
        {
            "page": page,
            "status": status,
            "method": method,
            "statuses": Order.Status.choices,
            "qris_queue": selectors.qris_payments_to_confirm(),
            "needing_refund": selectors.orders_needing_refund(),
            "events_to_follow": selectors.payment_events_to_follow_up()[:50],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_qris_confirm(request, reference):
    """Staff saw the QRIS transfer arrive: a confirmation step (amount, buyer, the buyer's claim and photo),
    then the order is paid and the buyer emailed."""
    require(permissions.can_handle_payments(request.user))
    order = get_object_or_404(Order.objects.select_related("buyer"), reference=reference)
    if not confirmed(request):
        return render(
            request,
            "orders/staff/qris_confirm.html",
            {"order": order, "claim": PaymentClaim.objects.filter(order=order).first()},
        )
    try:
        order = services.qris_payment_confirm(order=order, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if order.status == Order.Status.NEEDS_REFUND:
            messages.warning(
                request,
                _(
                    "Payment of order %(reference)s recorded, but its stock has been sold in the meantime: "
                    "transfer the money back to the buyer, then mark the order refunded."
                )
                % {"reference": reference},
            )
        else:
            messages.success(
                request, _("Payment of order %(reference)s confirmed.") % {"reference": reference}
            )
    return redirect("orders:staff_order_list")


@login_required
@require_POST
def staff_refund(request, reference):
    require(permissions.can_handle_payments(request.user))
    order = get_object_or_404(Order, reference=reference)
    seller_order = None
    if request.POST.get("seller_order"):
        seller_order = get_object_or_404(SellerOrder, pk=request.POST["seller_order"], order=order)
    needed_refund = order.status == Order.Status.NEEDS_REFUND
    try:
        services.order_refund(order=order, seller_order=seller_order, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PaymentGatewayError:
        messages.error(
            request, _("Stripe could not refund the payment now; nothing was changed. Try again later.")
        )
    else:
        messages.success(request, _("Order %(reference)s has been refunded.") % {"reference": reference})
    if needed_refund:
        return redirect("orders:staff_order_list")
    return redirect("orders:order_detail", reference=reference)


@login_required
@require_POST
def staff_refund_transferred(request, reference):
    """A QRIS payment that needed a refund was transferred back to the buyer by bank."""
    require(permissions.can_handle_payments(request.user))
    order = get_object_or_404(Order, reference=reference)
    call_service(
        request,
        services.order_refund_transferred,
        order=order,
        by=request.user,
        success=_("Order %(reference)s has been refunded.") % {"reference": reference},
    )
    return redirect("orders:staff_order_list")


@login_required
def staff_payouts(request):
    require(permissions.can_handle_payments(request.user))
    if request.method == "POST":
        batch = services.payout_batch_create(by=request.user)
        if batch is None:
            messages.error(request, _("No seller with a bank account has a positive balance."))
            return redirect("orders:staff_payouts")
        messages.success(request, _("Payout batch %(number)s created.") % {"number": batch.pk})
        return redirect("orders:staff_payout_detail", pk=batch.pk)
    page = paginate(request, selectors.payout_batches(), per_page=30)
    return render(request, "orders/staff/payouts.html", {"page": page})


@login_required
def staff_payout_detail(request, pk):
    require(permissions.can_handle_payments(request.user))
    batch = get_object_or_404(PayoutBatch, pk=pk)
    return render(
        request,
        "orders/staff/payout_detail.html",
        {"batch": batch, "rows": selectors.payout_rows(batch=batch)},
    )


@login_required
def staff_payout_csv(request, pk):
    require(permissions.can_handle_payments(request.user))
    batch = get_object_or_404(PayoutBatch, pk=pk)
    rows = [["bank", "account_number", "account_holder", "amount_idr", "seller", "reference"]]
    rows += [
        [
            row["bank_name"],
            row["account_number"],
            row["account_holder"],
            row["amount"],
            row["business"].name,
            f"ADIMARKO-PAYOUT-{batch.pk}",
        ]
        for row in selectors.payout_rows(batch=batch)
    ]
    # Comma-separated, no byte order mark: the file is for the bank's bulk-transfer upload, as before.
    return exports.download(
        exports.csv_bytes(rows, excel=False),
        filename=f"payout-{batch.pk}.csv",
        content_type=exports.CSV_CONTENT_TYPE,
    )


@login_required
@require_POST
def staff_payout_paid(request, pk):
    require(permissions.can_handle_payments(request.user))
    batch = services.payout_batch_mark_paid(batch=get_object_or_404(PayoutBatch, pk=pk))
    messages.success(request, _("Payout batch %(number)s marked as paid.") % {"number": batch.pk})
    return redirect("orders:staff_payout_detail", pk=batch.pk)
