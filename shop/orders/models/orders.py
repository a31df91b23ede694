"""Orders: one `Order` is one payment by one buyer; it holds one `SellerOrder` per seller, and each seller
order holds `OrderLine`s with the price, name and weight snapshotted at checkout. Payment events are kept as
they came; a buyer's "I have paid" on a QRIS order is a `PaymentClaim`."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from adimarko.core.storage import private_storage
from adimarko.core.uploads import stored_name
from adimarko.core.validators import validate_image_upload


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


def payment_proof_path(instance, filename: str) -> str:
    """Where a buyer's photo of their transfer is stored (private storage): a random name with the extension
    of its content, never the name the buyer's phone gave it."""
    return f"orders/payment-proofs/{stored_name(instance, 'proof')}"


class PaymentClaim(models.Model):
    """The buyer says they paid a QRIS order ("I have paid"), optionally with a photo of the transfer. At most
    one per order; it puts the order first in staff's QRIS confirmation queue. The photo is private: only the
    buyer and staff see it (`shop.orders.permissions.can_view_payment_proof`)."""

    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="payment_claim")
    proof = models.FileField(
        _("proof of payment"),
        upload_to=payment_proof_path,
        storage=private_storage,
        max_length=200,
        blank=True,
        validators=[validate_image_upload],
    )
    claimed_at = models.DateTimeField(_("buyer says paid at"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment claim")
        verbose_name_plural = _("payment claims")

    def __str__(self):
        return f"claim {self.order_id}"
