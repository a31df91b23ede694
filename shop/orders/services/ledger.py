"""The seller ledger: credits from paid seller orders, debits from refunds and payouts.

The balance of a seller is the sum of their entries. A payout batch pays every seller with a positive balance
that has a bank account on file, in one transaction; staff export it as CSV for the bank and mark it paid.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.orders.models import LedgerEntry, PayoutBatch, SellerBankAccount

ACCOUNT_NUMBER_SEPARATORS = re.compile(r"[\s.\-]+")


def bank_account_number_clean(value: str) -> str:
    """An account number as people type it (spaces, dots, dashes) → digits only; letters or a length outside
    6–20 digits are refused."""
    digits = ACCOUNT_NUMBER_SEPARATORS.sub("", value or "")
    if not (digits.isascii() and digits.isdigit()):
        raise ValidationError(
            _("Use digits only; spaces, dots and dashes between them are fine."), code="invalid"
        )
    if not 6 <= len(digits) <= 20:
        raise ValidationError(
            _("Enter 6 to 20 digits; this number has %(count)s.") % {"count": len(digits)}, code="length"
        )
    return digits


@transaction.atomic
def bank_account_save(
    *, business, bank_name: str, account_number: str, account_holder: str
) -> SellerBankAccount:
    account = SellerBankAccount.objects.filter(business=business).first() or SellerBankAccount(
        business=business
    )
    account.bank_name = bank_name.strip()
    try:
        account.account_number = bank_account_number_clean(account_number)
    except ValidationError as exc:
        raise ValidationError({"account_number": exc.error_list}) from exc
    account.account_holder = account_holder.strip()
    account.full_clean()
    account.save()
    return account


@transaction.atomic
def payout_batch_create(*, by) -> PayoutBatch | None:
    """Pay out every positive balance of a seller with a bank account; None when nobody is owed anything."""
    # Lock the ledger rows being paid so two staff creating batches at once cannot pay the same money twice.
    list(LedgerEntry.objects.select_for_update().values_list("pk", flat=True))
    balances = (
        LedgerEntry.objects.filter(business__bank_account__isnull=False)
        .values("business")
        .annotate(balance=Sum("amount"))
        .filter(balance__gt=0)
        .order_by("business")
    )
    rows = list(balances)
    if not rows:
        return None
    batch = PayoutBatch.objects.create(created_by=by, total=sum(row["balance"] for row in rows))
    entries = []
    for row in rows:
        entry = LedgerEntry(
            business_id=row["business"],
            kind=LedgerEntry.Kind.PAYOUT,
            amount=-row["balance"],
            payout=batch,
            description=_("Payout batch %(number)s") % {"number": batch.pk},
        )
        entry.full_clean()
        entries.append(entry)
    LedgerEntry.objects.bulk_create(entries)
    return batch


@transaction.atomic
def payout_batch_mark_paid(*, batch: PayoutBatch) -> PayoutBatch:
    batch = PayoutBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.paid_at is None:
        batch.paid_at = timezone.now()
        batch.save(update_fields=["paid_at"])
    return batch
