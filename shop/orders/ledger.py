"""The ledger check: every rupiah owed to sellers is explained by paid orders, refunds and payouts."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Sum

from shop.orders.models import LedgerEntry, Order, PayoutBatch, SellerOrder


@dataclass
class LedgerReport:
    problems: list[str]
    sellers: int
    seller_orders: int
    credited: int
    refunded: int
    paid_out: int

    @property
    def owed(self) -> int:
        return self.credited - self.refunded - self.paid_out

    @property
    def ok(self) -> bool:
        return not self.problems


def ledger_check() -> LedgerReport:
    problems: list[str] = []
    entries = defaultdict(dict)
    for entry in LedgerEntry.objects.filter(seller_order__isnull=False).values(
        "seller_order_id", "kind", "amount", "business_id"
    ):
        entries[entry["seller_order_id"]][entry["kind"]] = entry
    checked = 0
    for seller_order in SellerOrder.objects.select_related("order").iterator(chunk_size=2000):
        checked += 1
        mine = entries.pop(seller_order.pk, {})
        label = f"{seller_order.order.reference} / seller {seller_order.business_id}"
        expected = seller_order.seller_amount
        if seller_order.paid_at is not None:
            sale = mine.get(LedgerEntry.Kind.SALE)
            if sale is None:
                problems.append(f"{label}: paid but never credited")
            elif sale["amount"] != expected or sale["business_id"] != seller_order.business_id:
                problems.append(f"{label}: credited {sale['amount']}, expected {expected}")
        elif LedgerEntry.Kind.SALE in mine:
            problems.append(f"{label}: credited but never paid")
        refund = mine.get(LedgerEntry.Kind.REFUND)
        if seller_order.status == SellerOrder.Status.REFUNDED:
            if refund is None:
                problems.append(f"{label}: refunded but never debited")
            elif refund["amount"] != -expected:
                problems.append(f"{label}: refund debited {refund['amount']}, expected {-expected}")
        elif refund is not None:
            problems.append(f"{label}: debited a refund that did not happen")
        if seller_order.order.status == Order.Status.PAID and seller_order.status in (
            SellerOrder.Status.PENDING_PAYMENT,
            SellerOrder.Status.CANCELLED,
        ):
            problems.append(f"{label}: order paid but this part is {seller_order.status}")
    for seller_order_id in entries:
        problems.append(f"seller order {seller_order_id}: ledger entries without a seller order")
    for order in Order.objects.annotate(
        parts=Sum("seller_orders__subtotal"), ship=Sum("seller_orders__shipping")
    ):
        if (order.parts or 0) != order.subtotal or (order.ship or 0) != order.shipping_total:
            problems.append(f"{order.reference}: seller orders do not add up to the order total")
    for batch in PayoutBatch.objects.annotate(paid=Sum("entries__amount")):
        if -(batch.paid or 0) != batch.total:
            problems.append(f"payout batch {batch.pk}: entries {-(batch.paid or 0)} ≠ total {batch.total}")
    sums = {
        row["kind"]: row["total"] for row in LedgerEntry.objects.values("kind").annotate(total=Sum("amount"))
    }
    return LedgerReport(
        problems=problems,
        sellers=LedgerEntry.objects.values("business").distinct().count(),
        seller_orders=checked,
        credited=sums.get(LedgerEntry.Kind.SALE, 0) or 0,
        refunded=-(sums.get(LedgerEntry.Kind.REFUND, 0) or 0),
        paid_out=-(sums.get(LedgerEntry.Kind.PAYOUT, 0) or 0),
    )
