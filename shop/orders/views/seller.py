from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from adimarko.core.models import Business
from adimarko.core.pagination import paginate
from adimarko.core.web import add_service_errors
from shop.orders import permissions, selectors, services
from shop.orders.forms import BankAccountForm, ShipForm
from shop.orders.models import SellerBankAccount, SellerOrder
from shop.orders.views.common import require


def _seller_order(request, pk):
    seller_order = get_object_or_404(SellerOrder.objects.with_details(), pk=pk)
    require(permissions.can_manage_seller_order(request.user, seller_order), hide=True)
    return seller_order


@login_required
def seller_order_list(request):
    status = request.GET.get("status", "")
    if status not in SellerOrder.Status.values:
        status = ""
    queryset = selectors.seller_orders_for_member(user=request.user, status=status)
    page = paginate(request, queryset, per_page=20)
    return render(
        request,
        "orders/seller/order_list.html",
        {"page": page, "status": status, "statuses": SellerOrder.Status.choices},
    )


@login_required
def seller_order_detail(request, pk):
    seller_order = _seller_order(request, pk)
    return render(
        request,
        "orders/seller/order_detail.html",
        {"seller_order": seller_order, "order": seller_order.order, "ship_form": ShipForm()},
    )


@login_required
@require_POST
def seller_order_advance(request, pk):
    seller_order = _seller_order(request, pk)
    status = request.POST.get("status", "")
    form = ShipForm(request.POST) if status == SellerOrder.Status.SHIPPED else ShipForm()
    if form.is_bound and not form.is_valid():
        return _detail_with_errors(request, seller_order, form)
    try:
        services.seller_order_advance(
            seller_order=seller_order,
            status=status,
            courier=request.POST.get("courier", ""),
            tracking_number=request.POST.get("tracking_number", ""),
        )
    except ValidationError as exc:
        if not form.is_bound:
            messages.error(request, " ".join(exc.messages))
            return redirect("orders:seller_order_detail", pk=seller_order.pk)
        add_service_errors(form, exc)
        return _detail_with_errors(request, seller_order, form)
    messages.success(request, _("The order status has been updated."))
    return redirect("orders:seller_order_detail", pk=seller_order.pk)


def _detail_with_errors(request, seller_order, form):
    return render(
        request,
        "orders/seller/order_detail.html",
        {"seller_order": seller_order, "order": seller_order.order, "ship_form": form},
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def seller_ledger(request):
    businesses = list(selectors.seller_businesses(user=request.user))
    slug = request.GET.get("usaha") or (businesses[0].slug if businesses else "")
    if not slug:
        return render(request, "orders/seller/ledger.html", {"business": None, "businesses": []})
    business = Business.objects.filter(slug=slug).first()
    if business is None:
        raise Http404
    require(permissions.can_view_ledger(request.user, business), hide=True)
    account = SellerBankAccount.objects.filter(business=business).first()
    form = BankAccountForm(request.POST or None, instance=account)
    if request.method == "POST" and form.is_valid():
        try:
            services.bank_account_save(business=business, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your bank account has been saved."))
            return redirect(f"{request.path}?usaha={business.slug}")
    page = paginate(request, selectors.ledger_entries(business=business), per_page=30)
    return render(
        request,
        "orders/seller/ledger.html",
        {
            "business": business,
            "businesses": businesses,
            "balance": selectors.ledger_balance(business=business),
            "page": page,
            "form": form,
        },
    )
