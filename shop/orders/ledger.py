"""The ledger check: every rupiah owed to sellers is explained by paid orders, refunds and payouts, and every
rupiah given back to buyers by the order's refunds."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from shop.orders.models import LedgerEntry, Order, PayoutBatch, Refund, SellerOrder
from shop.orders.services.refunds import seller_debit


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
    """Every paid seller order is credited once with its seller amount; its refund debits add up to the share
    of that amount its refunds make (`seller_debit` on its cumulative `amount_refunded`, docs/payments.md),
    never more than it was credited; a part refunded in full is REFUNDED; nothing else has entries."""
    problems: list[str] = []
    entries: dict[int, dict] = defaultdict(lambda: {"sales": [], "refunded": 0, "refunds": 0})
    for entry in LedgerEntry.objects.filter(seller_order__isnull=False).values(
        "seller_order_id", "kind", "amount", "business_id"
    ):
        mine = entries[entry["seller_order_id"]]
        if entry["kind"] == LedgerEntry.Kind.SALE:
            mine["sales"].append(entry)
        elif entry["kind"] == LedgerEntry.Kind.REFUND:
            mine["refunds"] += 1
            mine["refunded"] += entry["amount"]
            if entry["business_id"] is not None and "business_id" not in mine:
                mine["business_id"] = entry["business_id"]
    checked = 0
    for seller_order in SellerOrder.objects.select_related("order").iterator(chunk_size=2000):
        checked += 1
        mine = entries.pop(seller_order.pk, {"sales": [], "refunded": 0, "refunds": 0})
        label = f"{seller_order.order.reference} / seller {seller_order.business_id}"
        expected = seller_order.seller_amount
        if seller_order.paid_at is not None:
            if not mine["sales"]:
                problems.append(f"{label}: paid but never credited")
            for sale in mine["sales"]:
                if sale["amount"] != expected or sale["business_id"] != seller_order.business_id:
                    problems.append(f"{label}: credited {sale['amount']}, expected {expected}")
        elif mine["sales"]:
            problems.append(f"{label}: credited but never paid")
        refunded = seller_order.amount_refunded
        if refunded > seller_order.total:
            problems.append(f"{label}: refunded {refunded}, more than its total {seller_order.total}")
        if refunded and seller_order.paid_at is None:
            problems.append(f"{label}: refunded {refunded} but never paid")
        debit = -seller_debit(seller_order=seller_order, refunded=min(refunded, seller_order.total))
        if mine["refunded"] != debit:
            problems.append(f"{label}: refunds debited {mine['refunded']}, expected {debit}")
        if mine["refunded"] < -expected:
            problems.append(f"{label}: refunds debited {mine['refunded']}, more than it was credited")
        if mine["refunds"] and mine.get("business_id") != seller_order.business_id:
            problems.append(f"{label}: a refund was debited from another seller")
        in_full = seller_order.paid_at is not None and refunded == seller_order.total
        if (seller_order.status == SellerOrder.Status.REFUNDED) != in_full:
            problems.append(
                f"{label}: {seller_order.status} with {refunded} of {seller_order.total} refunded"
            )
        if seller_order.order.status == Order.Status.PAID and seller_order.status in (
            SellerOrder.Status.PENDING_PAYMENT,
            SellerOrder.Status.CANCELLED,
        ):
            problems.append(f"{label}: order paid but this part is {seller_order.status}")
    for seller_order_id in entries:
        problems.append(f"seller order {seller_order_id}: ledger entries without a seller order")
    refunds_succeeded = dict(
        Refund.objects.filter(status=Refund.Status.SUCCEEDED)
        .values("order")
        .annotate(total=Sum("amount"))
        .values_list("order", "total")
    )
    for order in Order.objects.annotate(
        parts=Sum("seller_orders__subtotal"),
        ship=Sum("seller_orders__shipping"),
        parts_refunded=Sum("seller_orders__amount_refunded"),
        sold=Count("seller_orders", filter=Q(seller_orders__paid_at__isnull=False)),
    ):
        if (order.parts or 0) != order.subtotal or (order.ship or 0) != order.shipping_total:
            problems.append(f"{order.reference}: seller orders do not add up to the order total")
        if order.amount_refunded != refunds_succeeded.get(order.pk, 0):
            problems.append(f"{order.reference}: refunded {order.amount_refunded}, its refunds say otherwise")
        if order.amount_refunded > (order.amount_received or order.total):
            problems.append(f"{order.reference}: refunded more than was received")
        # A needs-refund order sold nothing: its money goes back without touching any seller's part.
        if order.sold and (order.parts_refunded or 0) != order.amount_refunded:
            problems.append(f"{order.reference}: seller orders' refunds do not add up to the order's")
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
