"""The curators' picks that search boosts ("Pilihan kurator"): a product Disperindag recommends."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CuratedProduct(models.Model):
    """A product Disperindag's curators recommend ("Pilihan kurator"): ranked higher in search."""

    product = models.OneToOneField(
        "shop.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="curation_pick"
    )
    note = models.CharField(_("curator's note"), max_length=200, blank=True)
    picked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("picked"), auto_now_add=True)

    class Meta:
        verbose_name = _("curator's pick")
        verbose_name_plural = _("curator's picks")
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.product)
