"""Cart, orders, payments, the seller ledger, payouts and reviews (issue 3, points 6–12).

Money is whole rupiah in BigIntegerFields. One `Order` is one payment by one buyer; it holds one `SellerOrder`
per seller, and each seller order holds `OrderLine`s with the price, name and weight snapshotted at checkout.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shop.payments import qris as qris_gateway


# --- Cart ------------------------------------------------------------------------------------------------
class Cart(models.Model):
    """A signed-in buyer's cart (user set) or an anonymous one (user empty, its id kept in the session)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="cart"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cart")
        verbose_name_plural = _("carts")

    def __str__(self):
        return f"cart {self.pk}"


class CartItem(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey("shop.Product", on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cart item")
        verbose_name_plural = _("cart items")
        ordering = ["added_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["cart", "product"], name="cart_item_unique_product")]

    def __str__(self):
        return f"{self.quantity} × {self.product_id}"


# --- Staff-edited tables ---------------------------------------------------------------------------------
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


# --- Orders ----------------------------------------------------------------------------------------------
class OrderQuerySet(models.QuerySet):
    def for_buyer(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(buyer=user)

    def with_parts(self):
        return self.select_related("desa__parent", "buyer").prefetch_related(
            models.Prefetch(
                "seller_orders",
                queryset=SellerOrder.objects.select_related("business").prefetch_related("lines"),
            )
        )

    def reservation_expired(self, *, now):
        return self.filter(status=Order.Status.PENDING_PAYMENT, reserved_until__lt=now)


class Order(models.Model):
    class Status(models.TextChoices):
        PENDING_PAYMENT = "pending_payment", _("waiting for payment")
        PAID = "paid", _("paid")
        CANCELLED = "cancelled", _("cancelled")
        # Money arrived for an order that can no longer be fulfilled (cancelled, or lapsed and the stock is
        # gone): staff refund it from the payments page.
        NEEDS_REFUND = "needs_refund", _("paid — needs refund")
        REFUNDED = "refunded", _("refunded")

    class PaymentMethod(models.TextChoices):
        CARD = "card", _("Card (Stripe)")
        QRIS = "qris", _("QRIS")

    reference = models.CharField(_("order number"), max_length=20, unique=True)
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("buyer"), on_delete=models.PROTECT, related_name="orders"
    )
    email = models.EmailField(_("email address"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING_PAYMENT
    )
    payment_method = models.CharField(_("payment method"), max_length=10, choices=PaymentMethod.choices)
    # Shipping address: a desa inside the regency, or free text elsewhere in Indonesia.
    recipient_name = models.CharField(_("recipient name"), max_length=120)
    phone = models.CharField(_("phone number"), max_length=16)
    in_regency = models.BooleanField(_("inside Kabupaten Blitar"))
    desa = models.ForeignKey(
        "adimarko.Region",
        verbose_name=_("desa/kelurahan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to={"level": 4},
        related_name="+",
    )
    street = models.CharField(_("street address"), max_length=255)
    city = models.CharField(_("city or regency"), max_length=100, blank=True)
    province = models.CharField(_("province"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    # Totals, snapshotted at checkout.
    subtotal = models.BigIntegerField(_("subtotal (Rp)"))
    shipping_total = models.BigIntegerField(_("shipping (Rp)"))
    total = models.BigIntegerField(_("total (Rp)"))
    reserved_until = models.DateTimeField(_("stock reserved until"))
    # One checkout form submission makes one order: the form's token, unique per buyer.
    checkout_token = models.CharField(max_length=64, blank=True)
    stripe_session_id = models.CharField(max_length=255, blank=True)
    stripe_session_url = models.TextField(blank=True)
    stripe_payment_intent = models.CharField(max_length=255, blank=True, db_index=True)
    # What the payment provider (or staff, for QRIS) says arrived, and how much of it went back to the buyer.
    amount_received = models.BigIntegerField(_("received (Rp)"), null=True, blank=True)
    amount_refunded = models.BigIntegerField(_("refunded (Rp)"), default=0)
    qris_payload = models.TextField(_("dynamic QRIS payload"), blank=True)
    payment_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("ordered"), auto_now_add=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    refunded_at = models.DateTimeField(_("refunded"), null=True, blank=True)

    objects = OrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "reserved_until"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(total=models.F("subtotal") + models.F("shipping_total")), name="order_total_sum"
            ),
            models.CheckConstraint(
                condition=Q(in_regency=False) | Q(desa__isnull=False), name="order_regency_needs_desa"
            ),
            models.UniqueConstraint(
                fields=["buyer", "checkout_token"],
                condition=~Q(checkout_token=""),
                name="order_once_per_checkout_token",
            ),
            models.CheckConstraint(condition=Q(amount_refunded__gte=0), name="order_refunded_not_negative"),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING_PAYMENT

    @property
    def address_lines(self) -> list[str]:
        if self.in_regency and self.desa_id:
            return [self.street, f"{self.desa.name}, Kec. {self.desa.parent.name}", "Kabupaten Blitar"]
        return [self.street, f"{self.city}, {self.province} {self.postal_code}".strip()]


class SellerOrderQuerySet(models.QuerySet):
    def for_member(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(business__memberships__user=user)

    def with_details(self):
        return self.select_related("order__desa__parent", "order__buyer", "business").prefetch_related(
            "lines"
        )

    def counted(self):
        """Counted sales: paid and neither cancelled nor refunded."""
        return self.filter(paid_at__isnull=False, status__in=SellerOrder.Status.paid_and_standing())


class SellerOrder(models.Model):
    """One seller's part of an order: what they ship and what they are credited for."""

    class Status(models.TextChoices):
        PENDING_PAYMENT = "pending_payment", _("waiting for payment")
        PAID = "paid", _("paid")
        PROCESSING = "processing", _("processing")
        SHIPPED = "shipped", _("shipped")
        DELIVERED = "delivered", _("delivered")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")
        REFUNDED = "refunded", _("refunded")

        @classmethod
        def paid_and_standing(cls):
            """Paid and neither cancelled nor refunded: what may be refunded and what counts as a sale."""
            return [cls.PAID, cls.PROCESSING, cls.SHIPPED, cls.DELIVERED, cls.COMPLETED]

    class Courier(models.TextChoices):
        JNE = "jne", "JNE"
        JNT = "jnt", "J&T Express"
        POS = "pos", "POS Indonesia"
        SICEPAT = "sicepat", "SiCepat"
        OTHER = "other", _("other courier")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="seller_orders")
    business = models.ForeignKey(
        "adimarko.Business", verbose_name=_("seller"), on_delete=models.PROTECT, related_name="seller_orders"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING_PAYMENT
    )
    subtotal = models.BigIntegerField(_("subtotal (Rp)"))
    shipping = models.BigIntegerField(_("shipping (Rp)"))
    weight_grams = models.PositiveIntegerField(_("weight (grams)"))
    commission = models.BigIntegerField(_("platform commission (Rp)"))
    courier = models.CharField(_("courier"), max_length=10, choices=Courier.choices, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=40, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    processing_at = models.DateTimeField(null=True, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    refunded_at = models.DateTimeField(null=True, blank=True)
    # Money given back to the buyer for this part (partial refunds add up; the whole total makes it refunded).
    amount_refunded = models.BigIntegerField(_("refunded (Rp)"), default=0)

    objects = SellerOrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("seller order")
        verbose_name_plural = _("seller orders")
        ordering = ["-order__created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["order", "business"], name="seller_order_unique_business"),
            models.CheckConstraint(
                condition=Q(amount_refunded__gte=0), name="seller_order_refunded_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.order.reference}/{self.business_id}"

    @property
    def total(self) -> int:
        return self.subtotal + self.shipping

    @property
    def seller_amount(self) -> int:
        """What the seller is owed for this part: goods and shipping, less the platform's commission."""
        return self.total - self.commission


class OrderLine(models.Model):
    seller_order = models.ForeignKey(SellerOrder, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey("shop.Product", on_delete=models.PROTECT, related_name="order_lines")
    product_name = models.CharField(_("product"), max_length=120)
    sku = models.CharField(_("SKU"), max_length=40)
    unit_price = models.BigIntegerField(_("unit price (Rp)"))
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    weight_grams = models.PositiveIntegerField(_("unit weight (grams)"))

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.quantity} × {self.product_name}"

    @property
    def line_total(self) -> int:
        return self.unit_price * self.quantity


class PaymentEvent(models.Model):
    """A payment notification we acted on (or chose to ignore); its unique id de-duplicates deliveries."""

    class State(models.TextChoices):
        APPLIED = "applied", _("applied")
        IGNORED = "ignored", _("ignored")
        # Signed by Stripe but unusable (wrong currency, missing or odd amount, malformed): kept for staff.
        REJECTED = "rejected", _("rejected")
        # A refund that arrived before the payment it refunds: applied when the payment lands.
        DEFERRED = "deferred", _("waiting for its payment")

    event_id = models.CharField(max_length=255, unique=True)
    kind = models.CharField(max_length=80)
    order = models.ForeignKey(Order, null=True, blank=True, on_delete=models.SET_NULL, related_name="events")
    state = models.CharField(max_length=10, choices=State.choices, default=State.APPLIED)
    outcome = models.CharField(max_length=120)
    payment_intent = models.CharField(max_length=255, blank=True, db_index=True)
    # The event's object as Stripe sent it, kept for rejected and deferred events so staff can read it.
    payload = models.JSONField(null=True, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("payment event")
        verbose_name_plural = _("payment events")
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.kind} {self.event_id}"


# --- Ledger and payouts ----------------------------------------------------------------------------------
class SellerBankAccount(models.Model):
    """Where a seller's payouts go; exported in the payout CSV."""

    business = models.OneToOneField(
        "adimarko.Business", on_delete=models.CASCADE, related_name="bank_account"
    )
    bank_name = models.CharField(_("bank"), max_length=60)
    account_number = models.CharField(
        _("account number"),
        max_length=30,
        validators=[RegexValidator(r"^[0-9]{6,20}$", _("Enter 6 to 20 digits, without spaces or dots."))],
    )
    account_holder = models.CharField(_("account holder"), max_length=120)

    class Meta:
        verbose_name = _("seller bank account")
        verbose_name_plural = _("seller bank accounts")

    def __str__(self):
        return f"{self.bank_name} {self.account_number}"


class PayoutBatch(models.Model):
    """Money staff transfer to sellers in one go: exported as CSV for the bank, then marked paid."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    total = models.BigIntegerField(_("total (Rp)"), default=0)

    class Meta:
        verbose_name = _("payout batch")
        verbose_name_plural = _("payout batches")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"payout {self.pk}"


class Refund(models.Model):
    """Money given back to a buyer: asked for by staff (recorded before Stripe is called, so a refund event
    that arrives meanwhile is recognised as ours) or made in the Stripe dashboard (recorded from its
    event)."""

    class Source(models.TextChoices):
        STAFF = "staff", _("staff")
        STRIPE = "stripe", _("Stripe dashboard")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="refunds")
    # The seller's part it refunds; empty for a whole-order or dashboard refund (shared across the parts by
    # the rule in docs/payments.md) and for a needs-refund order (nothing was sold).
    seller_order = models.ForeignKey(
        SellerOrder, null=True, blank=True, on_delete=models.PROTECT, related_name="refunds"
    )
    amount = models.BigIntegerField(_("amount (Rp)"), validators=[MinValueValidator(1)])
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    idempotency_key = models.CharField(max_length=120, unique=True)
    stripe_refund_id = models.CharField(max_length=255, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("date"), auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="refund_amount_positive"),
            models.UniqueConstraint(
                fields=["stripe_refund_id"], condition=~Q(stripe_refund_id=""), name="refund_unique_stripe_id"
            ),
        ]

    def __str__(self):
        return f"refund {self.amount} of {self.order_id}"


class LedgerEntry(models.Model):
    """One movement of what the platform owes a seller: positive credits, negative debits."""

    class Kind(models.TextChoices):
        SALE = "sale", _("sale")
        REFUND = "refund", _("refund")
        PAYOUT = "payout", _("payout")

    business = models.ForeignKey(
        "adimarko.Business", verbose_name=_("seller"), on_delete=models.PROTECT, related_name="ledger_entries"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    amount = models.BigIntegerField(_("amount (Rp)"))
    seller_order = models.ForeignKey(
        SellerOrder, null=True, blank=True, on_delete=models.PROTECT, related_name="ledger_entries"
    )
    payout = models.ForeignKey(
        PayoutBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="entries"
    )
    refund = models.ForeignKey(
        Refund, null=True, blank=True, on_delete=models.PROTECT, related_name="ledger_entries"
    )
    description = models.CharField(_("description"), max_length=200)
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A seller order is credited once; each refund debits a seller order at most once (partial refunds
            # make several debits, see docs/payments.md); a batch pays a seller once.
            models.UniqueConstraint(
                fields=["seller_order"],
                condition=Q(kind="sale", seller_order__isnull=False),
                name="ledger_sale_once_per_seller_order",
            ),
            models.UniqueConstraint(
                fields=["refund", "seller_order"],
                condition=Q(refund__isnull=False),
                name="ledger_once_per_refund_part",
            ),
            models.UniqueConstraint(
                fields=["payout", "business"],
                condition=Q(payout__isnull=False),
                name="ledger_once_per_payout",
            ),
            models.CheckConstraint(
                condition=(Q(kind="sale", amount__gte=0) | Q(kind__in=["refund", "payout"], amount__lte=0)),
                name="ledger_sign_by_kind",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount}"


# --- Reviews ---------------------------------------------------------------------------------------------
class Review(models.Model):
    product = models.ForeignKey("shop.Product", on_delete=models.CASCADE, related_name="reviews")
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews")
    order_line = models.ForeignKey(OrderLine, on_delete=models.PROTECT, related_name="+")
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(_("review"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "buyer"],
                name="review_once_per_product",
                violation_error_message=_("You have already reviewed this product."),
            ),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="review_rating_range"),
        ]

    def __str__(self):
        return f"{self.rating}★ {self.product_id}"
