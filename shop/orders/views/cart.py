"""Cart and checkout. Anonymous carts live in the database with their id in the session; on login they merge
into the buyer's own cart (see `merge_session_cart`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from adimarko.core.web import add_service_errors, safe_next
from shop.models import Product
from shop.orders import permissions, selectors, services
from shop.orders.forms import CheckoutForm, QuantityForm
from shop.orders.models import Cart, Order
from shop.orders.services.checkout import checkout_quote, checkout_summary_sign, checkout_token_new
from shop.orders.views.common import require
from shop.payments.stripe import PaymentGatewayError

SESSION_KEY = "orders_cart_id"


def request_cart(request, *, create: bool = False) -> Cart | None:
    if request.user.is_authenticated:
        if create:
            return services.cart_for_user(user=request.user)
        return Cart.objects.filter(user=request.user).first()
    cart = Cart.objects.filter(pk=request.session.get(SESSION_KEY), user__isnull=True).first()
    if cart is None and create:
        cart = Cart.objects.create()
        request.session[SESSION_KEY] = cart.pk
    return cart


def merge_session_cart(request) -> None:
    """Right after login through the site's form, the anonymous cart joins the buyer's cart. Subscribed to the
    ground floor's login seam (adimarko.core.seams.logged_in) in OrdersConfig.ready()."""
    cart_id = request.session.pop(SESSION_KEY, None)
    source = Cart.objects.filter(pk=cart_id, user__isnull=True).first() if cart_id else None
    if source is not None:
        services.cart_merge(source=source, target=services.cart_for_user(user=request.user))


def _groups(items):
    groups = {}
    for item in items:
        group = groups.setdefault(item.product.business_id, {"business": item.product.business, "items": []})
        group["items"].append(item)
        item.line_total = item.product.price * item.quantity
    for group in groups.values():
        group["subtotal"] = sum(item.line_total for item in group["items"])
    return list(groups.values())


@require_http_methods(["GET"])
def cart_view(request):
    items = selectors.cart_items(cart=request_cart(request))
    return render(
        request,
        "orders/cart.html",
        {"groups": _groups(items), "total": sum(i.product.price * i.quantity for i in items), "items": items},
    )


@require_POST
def cart_add(request, product_id):
    product = get_object_or_404(Product.objects.public().select_related("business"), pk=product_id)
    form = QuantityForm(request.POST)
    if form.is_valid():
        try:
            services.cart_item_add(
                cart=request_cart(request, create=True),
                product=product,
                quantity=form.cleaned_data["quantity"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is in your cart.") % {"name": product.name})
            return redirect("orders:cart")
    for error in form.errors.get("quantity", []) + form.non_field_errors():
        messages.error(request, error)
    return redirect(safe_next(request, request.POST.get("next")) or reverse("orders:cart"))


@require_POST
def cart_update(request, product_id):
    cart = request_cart(request)
    product = get_object_or_404(Product, pk=product_id)
    form = QuantityForm(request.POST)
    if cart is not None and form.is_valid():
        try:
            services.cart_item_set(cart=cart, product=product, quantity=form.cleaned_data["quantity"])
        except ValidationError as exc:
            add_service_errors(form, exc)
    for error in form.errors.get("quantity", []) + form.non_field_errors():
        messages.error(request, error)
    return redirect("orders:cart")


CARD_START_FAILED = _lazy(
    "Card payment could not be started just now (Stripe did not answer). Nothing was charged and your cart "
    "is as it was. Press Pay now to try again, or choose QRIS."
)


@require_POST
def cart_remove(request, product_id):
    """The cart line's "Remove" button (a plain form: works without JavaScript). A line already removed, or
    a cart that is gone, lands on the cart as it is."""
    cart = request_cart(request)
    product = Product.objects.filter(pk=product_id).only("pk", "name").first()
    if cart is not None and product is not None and services.cart_item_remove(cart=cart, product=product):
        messages.success(request, _("%(name)s was removed from your cart.") % {"name": product.name})
    return redirect("orders:cart")


@login_required
@require_http_methods(["GET", "POST"])
def checkout(request):
    cart = request_cart(request)
    items = selectors.cart_items(cart=cart)
    if request.method == "GET" and not items:
        messages.error(request, _("Your cart is empty."))
        return redirect("orders:cart")
    methods = selectors.payment_methods_available()
    form = CheckoutForm(
        request.POST or None,
        initial={"recipient_name": request.user.get_full_name(), "phone": request.user.phone},
        methods=methods,
    )
    # A POST goes to order_start even with an empty cart: a repeated submit of a form whose order was
    # already made (the first submit emptied the cart) lands on that order.
    if request.method == "POST" and cart is not None and form.is_valid():
        try:
            order = services.order_start(
                cart=cart,
                buyer=request.user,
                address=form.address(),
                payment_method=form.cleaned_data["payment_method"],
                checkout_token=form.cleaned_data["checkout_token"],
                summary_seen=form.cleaned_data["summary"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            try:
                return _to_payment(request, order)
            except PaymentGatewayError:
                # Undone: the stock is back on sale and the items are back in the cart (docs/orders.md).
                if (
                    not services.card_checkout_undo(order=order)
                    and Order.objects.filter(pk=order.pk).exists()
                ):
                    # Another submit of this form opened the session meanwhile: its order page goes on.
                    return redirect("orders:order_detail", reference=order.reference)
                form.add_error(None, CARD_START_FAILED)
        items = selectors.cart_items(cart=cart)  # show the cart as it is now (prices, stock)
    if not items:
        messages.error(request, _("Your cart is empty."))
        return redirect("orders:cart")
    in_regency = form.data.get("in_regency", "1") != "0" if form.is_bound else True
    try:
        quotes = checkout_quote(items=items, in_regency=True)
        quotes_elsewhere = checkout_quote(items=items, in_regency=False)
    except ValidationError as exc:
        quotes = quotes_elsewhere = []
        add_service_errors(form, exc)
    form.hidden_fields_set(summary=checkout_summary_sign(items=items), new_token=checkout_token_new())
    return render(
        request,
        "orders/checkout.html",
        {
            "form": form,
            # One row per seller with its shipping inside the regency and elsewhere; the page shows the one
            # of the delivery area the buyer picked (CSS follows the radio button, no script needed).
            "quotes": [
                {"quote": inside, "shipping_elsewhere": elsewhere.shipping}
                for inside, elsewhere in zip(quotes, quotes_elsewhere, strict=True)
            ],
            "in_regency": in_regency,
            "total": sum(quote.total for quote in quotes),
            "total_elsewhere": sum(quote.total for quote in quotes_elsewhere),
            "no_payment_method": not methods,
        },
    )


def _to_payment(request, order):
    """Where a started order sends its buyer: its QR code, or its (one) Stripe Checkout Session. Raises
    PaymentGatewayError when Stripe refuses or cannot be reached (nothing changed)."""
    detail = request.build_absolute_uri(reverse("orders:order_detail", args=[order.reference]))
    if order.payment_method == Order.PaymentMethod.QRIS:
        return redirect(detail)
    try:
        url = services.payment_card_start(order=order, success_url=detail, cancel_url=detail)
    except ValidationError:
        # Paid, cancelled or expired meanwhile: the order page says which.
        return redirect(detail)
    return redirect(url)


@login_required
@require_POST
def order_pay(request, reference):
    """The buyer's "continue to payment" button on a pending card order: back to its Checkout Session."""
    order = get_object_or_404(Order, reference=reference)
    require(permissions.can_complete_order(request.user, order), hide=True)
    try:
        return _to_payment(request, order)
    except PaymentGatewayError:
        # The order keeps waiting (and its stock held until the reservation ends): the buyer may try again.
        messages.error(
            request,
            _("Card payment is not available right now. Your order is kept; please try again in a moment."),
        )
        return redirect("orders:order_detail", reference=order.reference)
