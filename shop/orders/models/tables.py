"""The tables staff edit: the shipping table by weight and the QRIS account buyers pay to."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shop.payments import qris as qris_gateway

# Bounds on the shipping table staff type (a parcel of a whole cart may weigh more than one product may).
SHIPPING_WEIGHT_MAX_GRAMS = 1_000_000
SHIPPING_PRICE_MAX = 100_000_000


class ShippingRate(models.Model):
    """One weight band of the shipping table: parcels up to `max_weight_grams` cost these prices."""

    max_weight_grams = models.PositiveIntegerField(
        _("up to (grams)"),
        unique=True,
        validators=[MinValueValidator(1), MaxValueValidator(SHIPPING_WEIGHT_MAX_GRAMS)],
    )
    price_in_regency = models.BigIntegerField(
        _("price inside Kabupaten Blitar (Rp)"),
        validators=[MinValueValidator(0), MaxValueValidator(SHIPPING_PRICE_MAX)],
    )
    price_elsewhere = models.BigIntegerField(
        _("price elsewhere (Rp)"), validators=[MinValueValidator(0), MaxValueValidator(SHIPPING_PRICE_MAX)]
    )

    class Meta:
        verbose_name = _("shipping rate")
        verbose_name_plural = _("shipping rates")
        ordering = ["max_weight_grams"]

    def __str__(self):
        return f"≤ {self.max_weight_grams} g"


class QrisAccount(models.Model):
    """The platform's static QRIS (it is the merchant of record); per-order dynamic codes derive from it."""

    name = models.CharField(_("name"), max_length=80)
    payload = models.TextField(
        _("static QRIS payload"),
        help_text=_("The text inside the printed QRIS code, starting with 000201 and ending with the CRC."),
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("QRIS account")
        verbose_name_plural = _("QRIS accounts")
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=Q(is_active=True), name="qris_single_active"
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.payload = (self.payload or "").strip()
        problem = qris_gateway.static_payload_problem(self.payload)
        if problem:
            messages = {
                "empty": _("Paste the text of your static QRIS code."),
                "crc": _("This QRIS code is damaged: its checksum (CRC) does not match its content."),
                "not_static": _(
                    "Use the static QRIS code (without an amount); the amount is added per order."
                ),
                "currency": _("This QRIS code is not in rupiah."),
            }
            raise ValidationError({"payload": messages.get(problem, _("This is not a valid QRIS code."))})
