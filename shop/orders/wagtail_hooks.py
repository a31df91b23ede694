"""Staff edit the shipping weight table and the platform's static QRIS as Wagtail snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from shop.orders.models import QrisAccount, ShippingRate


class ShippingRateViewSet(SnippetViewSet):
    model = ShippingRate
    icon = "table"
    menu_label = _("Shipping rates")
    add_to_admin_menu = True
    list_display = ["max_weight_grams", "price_in_regency", "price_elsewhere"]


class QrisAccountViewSet(SnippetViewSet):
    model = QrisAccount
    icon = "key"
    menu_label = _("QRIS account")
    add_to_admin_menu = True
    list_display = ["name", "is_active"]


register_snippet(ShippingRateViewSet)
register_snippet(QrisAccountViewSet)
