"""The seller ledger and payouts: bank accounts, payout batches, refunds and ledger entries."""

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shop.orders.models.orders import Order, SellerOrder


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
