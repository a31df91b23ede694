from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    """Cart, checkout, orders, payments (Stripe, QRIS), the seller ledger and payouts."""

    name = "shop.orders"
    label = "orders"
    verbose_name = _("Orders")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The login view is on the ground floor and must not import the cart: it notifies this seam.
        from adimarko.core.seams import logged_in
        from adimarko.core.uploads import upload_kind_register
        from shop.orders.models import PaymentClaim
        from shop.orders.views.cart import merge_session_cart

        logged_in.subscribe(merge_session_cart)
        # Buyers' photos of their QRIS transfers: private, served only through order_payment_proof.
        upload_kind_register(PaymentClaim, "proof", private=True)
