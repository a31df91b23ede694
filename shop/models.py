"""Marketplace catalogue: categories and products.

A `Product` is the unit of sale: one SKU with its own price, stock and shipping weight. A pack size
(250 g, 500 g) is therefore its own product; products that are the same item in different packs are
linked so the product page can offer the other sizes (see docs/marketplace.md, "Pack sizes").
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model_string

from adimarko.core.formfields import NoControlCharactersValidator
from adimarko.core.money import PRICE_MAX
from adimarko.core.sectors import Sector

# Bounds on what sellers and the import type (docs/security/input-and-visibility.md): rupiah, units, grams.
STOCK_MAX = 1_000_000
WEIGHT_MAX_GRAMS = 100_000
SINGLE_LINE = NoControlCharactersValidator()
MULTI_LINE = NoControlCharactersValidator(multiline=True)


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
    sector = models.CharField(
        _("programme sector"),
        max_length=20,
        choices=Sector.choices,
        default=Sector.OTHER,
        help_text=_("The sector of the programme's impact figures that sales in this category count for."),
    )

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        """The name in the active language (English falls back to Indonesian)."""
        from django.utils.translation import get_language

        if (get_language() or "").startswith("en") and self.name_en:
            return self.name_en
        return self.name


class Storefront(models.Model):
    """A business's shop on the marketplace. Opened by staff, by the seller or at graduation; curated by staff
    before its page is public."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for curation")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    business = models.OneToOneField(
        "adimarko.Business", verbose_name=_("business"), on_delete=models.CASCADE, related_name="storefront"
    )
    # No control-character validator: at graduation the story is copied from the business description, which
    # the business form does not clean yet (docs/security/input-and-visibility.md). StorefrontForm strips.
    story = models.TextField(
        _("story"), blank=True, help_text=_("The story behind the business and its products, for buyers.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    rejection_reason = models.TextField(_("rejection reason"), blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("storefront")
        verbose_name_plural = _("storefronts")
        ordering = ["business__name"]

    def __str__(self):
        return str(self.business)

    @property
    def is_public(self):
        return self.status == self.Status.APPROVED


class ProductQuerySet(models.QuerySet):
    def public(self):
        """What buyers may see: approved by curation and not archived."""
        return self.filter(status=Product.Status.APPROVED, archived_at__isnull=True)

    def for_business(self, business):
        return self.filter(business=business)

    def active(self):
        """Not archived (any curation status)."""
        return self.filter(archived_at__isnull=True)

    def awaiting_curation(self):
        return self.active().filter(status=Product.Status.PENDING)


class Product(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PENDING = "pending", _("waiting for curation")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    business = models.ForeignKey(
        "adimarko.Business", verbose_name=_("seller"), on_delete=models.PROTECT, related_name="products"
    )
    sku = models.CharField(_("SKU"), max_length=40, validators=[SINGLE_LINE])
    name = models.CharField(_("name"), max_length=120, validators=[SINGLE_LINE])
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    description = models.TextField(_("description"), blank=True, validators=[MULTI_LINE])
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="products"
    )
    price = models.BigIntegerField(
        _("price (Rp)"),
        validators=[
            MinValueValidator(1, message=_("The price must be at least Rp 1 (whole rupiah).")),
            MaxValueValidator(PRICE_MAX, message=_("The price can be at most Rp 1.000.000.000.")),
        ],
    )
    # The stock model (docs/stock.md): `stock` is what buyers can still buy; `allocated` is held for orders
    # that are waiting for payment or paid and not yet shipped. What the seller has on the shelf is their sum
    # (`on_hand`). Sellers and the import write on-hand; reservations move units from `stock` to
    # `allocated`, shipping takes them out of `allocated`, a release or an unshipped refund moves them back.
    stock = models.PositiveIntegerField(
        _("available"),
        default=0,
        validators=[MaxValueValidator(STOCK_MAX, message=_("The stock can be at most 1.000.000 units."))],
    )
    allocated = models.PositiveIntegerField(
        _("held for orders"),
        default=0,
        validators=[MaxValueValidator(STOCK_MAX, message=_("The stock can be at most 1.000.000 units."))],
        help_text=_("Units reserved by orders waiting for payment, or paid and not yet shipped."),
    )
    weight_grams = models.PositiveIntegerField(
        _("weight (grams)"),
        validators=[
            MinValueValidator(1, message=_("The shipping weight must be at least 1 gram.")),
            MaxValueValidator(
                WEIGHT_MAX_GRAMS, message=_("The shipping weight can be at most 100.000 grams (100 kg).")
            ),
        ],
    )
    origin_desa = models.ForeignKey(
        "adimarko.Region",
        verbose_name=_("origin desa/kelurahan"),
        on_delete=models.PROTECT,
        limit_choices_to={"level": 4},
        related_name="products",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    rejection_reason = models.TextField(_("rejection reason"), blank=True)
    certifications = models.ManyToManyField(
        "adimarko.Certification",
        verbose_name=_("certifications"),
        blank=True,
        related_name="products",
        help_text=_("Certificates of the business that cover this product; shown while they are valid."),
    )
    # Pack sizes: each size is its own product (SKU); products of one business with the same pack group are
    # offered as other sizes of the same item on the product page.
    pack_group = models.SlugField(
        _("pack group"),
        max_length=60,
        blank=True,
        help_text=_("Give the same code to the pack sizes of one item, e.g. kopi-robusta."),
    )
    pack_label = models.CharField(
        _("pack size"), max_length=30, blank=True, validators=[SINGLE_LINE], help_text=_("e.g. 250 g")
    )
    submitted_at = models.DateTimeField(_("submitted for curation"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("curated"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
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
        indexes = [
            models.Index(fields=["status", "archived_at", "category"], name="product_public_category"),
            models.Index(fields=["status", "archived_at", "-published_at"], name="product_public_newest"),
            models.Index(fields=["status", "archived_at", "price"], name="product_public_price"),
            models.Index(fields=["status", "archived_at", "-sales_count"], name="product_public_sales"),
            models.Index(fields=["business", "pack_group"], name="product_pack_group"),
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
    def on_hand(self) -> int:
        """What the seller has and has not shipped yet: available plus held for orders."""
        return self.stock + self.allocated

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


class CurationEvent(models.Model):
    """One step in the curation history of a product: submitted, approved, rejected (with its reason)."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("sent to curation")
        RESUBMITTED = "resubmitted", _("changed and resubmitted")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="curation_events")
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    reason = models.TextField(_("reason"), blank=True)
    changed_fields = models.CharField(_("changed fields"), max_length=200, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("curation event")
        verbose_name_plural = _("curation events")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.product} · {self.get_action_display()}"
