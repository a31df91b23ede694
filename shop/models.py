"""Marketplace catalogue: categories and products.

A `Product` is the unit of sale: one SKU with its own price, stock and shipping weight. A pack size
(250 g, 500 g) is therefore its own product; products that are the same item in different packs are
linked so the product page can offer the other sizes (see README, "Pack sizes").
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model_string


class Category(models.Model):
    """A node of the category tree (e.g. Makanan › Keripik)."""

    name = models.CharField(_("name"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=90, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class ProductQuerySet(models.QuerySet):
    def public(self):
        """What buyers may see: approved by curation and not archived."""
        return self.filter(status=Product.Status.APPROVED, archived_at__isnull=True)

    def for_business(self, business):
        return self.filter(business=business)


class Product(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PENDING = "pending", _("waiting for curation")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    business = models.ForeignKey(
        "adimarko.Business", verbose_name=_("seller"), on_delete=models.PROTECT, related_name="products"
    )
    sku = models.CharField(_("SKU"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    description = models.TextField(_("description"), blank=True)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="products"
    )
    price = models.BigIntegerField(_("price (Rp)"))
    stock = models.PositiveIntegerField(_("stock"), default=0)
    weight_grams = models.PositiveIntegerField(_("weight (grams)"))
    origin_desa = models.ForeignKey(
        "adimarko.Region",
        verbose_name=_("origin desa/kelurahan"),
        on_delete=models.PROTECT,
        limit_choices_to={"level": 4},
        related_name="products",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    rejection_reason = models.TextField(_("rejection reason"), blank=True)
    # Denormalised figures kept by the services that change them (reviews, paid orders).
    rating_average = models.DecimalField(
        _("average rating"), max_digits=3, decimal_places=2, null=True, blank=True
    )
    rating_count = models.PositiveIntegerField(_("number of ratings"), default=0)
    sales_count = models.PositiveIntegerField(_("units sold"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("first approved"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["business", "sku"], name="product_unique_sku_per_business"),
            models.CheckConstraint(condition=Q(price__gt=0), name="product_price_positive"),
            models.CheckConstraint(condition=Q(weight_grams__gt=0), name="product_weight_positive"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_public(self):
        return self.status == self.Status.APPROVED and self.archived_at is None

    @property
    def in_stock(self):
        return self.stock > 0

    @property
    def primary_photo(self):
        """The first photo; uses the prefetched `photos` when the selector prefetched them."""
        photos = list(self.photos.all())
        return photos[0] if photos else None


class ProductPhoto(models.Model):
    """One photo of a product, stored as a Wagtail image so renditions (WebP, sizes) come for free."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        get_image_model_string(), verbose_name=_("image"), on_delete=models.PROTECT, related_name="+"
    )
    alt_text = models.CharField(
        _("alt text"), max_length=200, help_text=_("What the photo shows, for people who cannot see it.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.alt_text
