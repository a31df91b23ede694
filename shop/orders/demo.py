"""Demo orders in every state, built through the order services (called by adimarko.demo.orchestrator).

Deterministic (fixed seed, fixed buyers) and idempotent: once the demo buyers have orders, nothing is added.
Uses whatever public products exist; with none, it builds nothing.
"""

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import lokal

from adimarko.core import services as shared
from adimarko.core.models import Region, User
from adimarko.core.roles import Role
from shop.models import Product
from shop.orders import services
from shop.orders.models import (
    LedgerEntry,
    Order,
    OrderLine,
    PaymentEvent,
    PayoutBatch,
    QrisAccount,
    Review,
    SellerOrder,
)
from shop.payments.stripe import to_minor_unit

SEED = 3505
DEMO_BUYERS = (
    ("pembeli@adimarko.test", "Rina", "Kusuma"),
    ("pembeli2@adimarko.test", "Andi", "Wijaya"),
    ("pembeli3@adimarko.test", "Maya", "Sari"),
)
DEMO_PASSWORD = "blitar-demo-2027"
COURIERS = ("jne", "jnt", "pos", "sicepat")
# Where each demo order ends up: (payment method, final state).
SCENARIOS = (
    ("qris", "pending_payment"),
    ("card", "pending_payment"),
    ("qris", "paid"),
    ("card", "paid"),
    ("qris", "processing"),
    ("card", "shipped"),
    ("qris", "shipped"),
    ("qris", "delivered"),
    ("card", "delivered"),
    ("qris", "completed"),
    ("card", "completed"),
    ("qris", "completed"),
    ("qris", "cancelled"),
    ("card", "cancelled"),
    ("qris", "refunded"),
    ("qris", "partly_refunded"),
    # Paid by card after its reservation lapsed and another buyer took the last units: staff refund it.
    ("card", "needs_refund"),
)
WIB = ZoneInfo("Asia/Jakarta")
# The completed orders were placed in the programme's earlier years (index in SCENARIOS → when it was
# placed), so the sales figures have a history: the services stamp "now", _backdate moves the order back.
PAST_ORDERS = {
    9: datetime(2024, 12, 6, 10, 15, tzinfo=WIB),
    10: datetime(2025, 7, 19, 14, 40, tzinfo=WIB),
    11: datetime(2025, 10, 3, 9, 5, tzinfo=WIB),
}


def _tlv(tag: str, value: str) -> str:
    return f"{tag}{len(value):02d}{value}"


def platform_qris_payload() -> str:
    """A well-formed static QRIS for the demo platform account (a made-up NMID; CRC by lokal-id)."""
    account = _tlv("00", "ID.CO.QRIS.WWW") + _tlv("02", "ID1027350500001") + _tlv("03", "UMI")
    body = "".join(
        [
            _tlv("00", "01"),
            _tlv("01", "11"),
            _tlv("51", account),
            _tlv("52", "5499"),
            _tlv("53", "360"),
            _tlv("58", "ID"),
            _tlv("59", "ADI MARKO DISPERINDAG"),
            _tlv("60", "BLITAR"),
            _tlv("61", "66171"),
            "6304",
        ]
    )
    return body + lokal.qris_crc(body)


def _buyers() -> list[User]:
    users = []
    for email, first, last in DEMO_BUYERS:
        user = User.objects.filter(email=email).first() or shared.user_register(
            email=email, password=DEMO_PASSWORD, first_name=first, last_name=last
        )
        shared.user_role_grant(user=user, role=Role.BUYER)
        users.append(user)
    return users


def _pay(order: Order, staff: User) -> None:
    if order.payment_method == Order.PaymentMethod.QRIS:
        services.qris_payment_confirm(order=order, by=staff)
        return
    # What Stripe's signed webhook would deliver, handed to the same service the webhook view calls.
    services.stripe_event_handle(
        event={
            "id": f"evt_demo_{order.reference}",
            "type": "checkout.session.completed",
            "data": {
                "object": {
                    "client_reference_id": order.reference,
                    "payment_status": "paid",
                    "amount_total": to_minor_unit(order.total),
                    "currency": "idr",
                    "payment_intent": f"pi_demo_{order.reference}",
                }
            },
        }
    )


def build_orders(progress: Callable[[str], None] = lambda _msg: None) -> dict[str, int]:
    buyers = _buyers()
    if not QrisAccount.objects.filter(is_active=True).exists():
        account = QrisAccount(name="QRIS Disperindag Kabupaten Blitar", payload=platform_qris_payload())
        account.full_clean()
        account.save()
    staff = User.objects.filter(email="staf@adimarko.test").first()
    existing = Order.objects.filter(buyer__in=buyers)
    products = list(Product.objects.public().filter(stock__gte=5).select_related("business").order_by("pk"))
    by_seller: dict[int, list[Product]] = {}
    for product in products:
        by_seller.setdefault(product.business_id, []).append(product)
    sellers = sorted(by_seller)
    if existing.exists() or len(sellers) < 2 or staff is None:
        return _totals(buyers)
    rng = random.Random(SEED)
    desa = list(Region.objects.desa().select_related("parent").order_by("code"))
    for index, (method, state) in enumerate(SCENARIOS):
        buyer = buyers[index % len(buyers)]
        chosen = rng.sample(sellers, k=2 if index % 3 else 1)
        items = [(rng.choice(by_seller[seller]), rng.randint(1, 2)) for seller in chosen]
        cart = services.cart_for_user(user=buyer)
        for product, quantity in items:
            services.cart_item_add(cart=cart, product=product, quantity=quantity)
        if index % 4 == 3:
            address = {
                "recipient_name": f"{buyer.first_name} {buyer.last_name}",
                "phone": "081234567890",
                "in_regency": False,
                "street": f"Jl. Pahlawan No. {index + 3}",
                "city": "Kota Surabaya",
                "province": "Jawa Timur",
                "postal_code": "60175",
            }
        else:
            address = {
                "recipient_name": f"{buyer.first_name} {buyer.last_name}",
                "phone": "081234567890",
                "in_regency": True,
                "desa": rng.choice(desa),
                "street": f"Jl. Merdeka No. {index + 1} RT 01/RW 02",
            }
        order = services.order_start(cart=cart, buyer=buyer, address=address, payment_method=method)
        if state == "needs_refund":
            _late_after_sold_out(order, buyers[(index + 1) % len(buyers)], address, staff)
        else:
            _advance(order, state, staff, rng)
        if index in PAST_ORDERS:
            _backdate(order, PAST_ORDERS[index])
        progress(f"order {index + 1}/{len(SCENARIOS)} {order.reference} {state}")
    # Bank accounts for the sellers who sold, then one payout batch already transferred.
    for number, business_id in enumerate(
        SellerOrder.objects.filter(paid_at__isnull=False).values_list("business_id", flat=True).distinct()
    ):
        from adimarko.core.models import Business

        business = Business.objects.get(pk=business_id)
        services.bank_account_save(
            business=business,
            bank_name=("BRI", "BNI", "Bank Jatim", "Mandiri")[number % 4],
            account_number=f"0123{3505000 + business_id:010d}",
            account_holder=business.name,
        )
    batch = services.payout_batch_create(by=staff)
    if batch is not None:
        services.payout_batch_mark_paid(batch=batch)
    return _totals(buyers)


def _advance(order: Order, state: str, staff: User, rng: random.Random) -> None:
    if state == "pending_payment":
        return
    if state == "cancelled":
        services.order_release(order=order, reason="demo: payment abandoned")
        return
    _pay(order, staff)
    order.refresh_from_db()
    if state in ("refunded", "partly_refunded"):
        first = order.seller_orders.order_by("pk").first()
        services.order_refund(
            order=order, seller_order=first if state == "partly_refunded" else None, by=staff
        )
        return
    steps = {
        "paid": [],
        "processing": ["processing"],
        "shipped": ["processing", "shipped"],
        "delivered": ["processing", "shipped", "delivered"],
        "completed": ["processing", "shipped", "delivered", "completed"],
    }[state]
    for seller_order in order.seller_orders.order_by("pk"):
        for step in steps:
            services.seller_order_advance(
                seller_order=seller_order,
                status=step,
                courier=rng.choice(COURIERS),
                tracking_number=f"BLT{rng.randint(10**9, 10**10 - 1)}",
            )
        if state in ("delivered", "completed"):
            for line in seller_order.lines.all():
                if not Review.objects.filter(product=line.product, buyer=order.buyer).exists():
                    services.review_create(
                        buyer=order.buyer,
                        order_line=line,
                        rating=rng.choice((4, 5, 5, 3)),
                        text=rng.choice(
                            ("Mantap, sesuai foto.", "Pengiriman cepat.", "Rasanya enak, akan beli lagi.")
                        ),
                    )


def _late_after_sold_out(order: Order, rival: User, address: dict, staff: User) -> None:
    """The reservation lapses, another buyer buys every unit left of the same products (paid by QRIS), then
    Stripe's payment for the first order arrives: it is recorded as paid — needs refund."""
    services.order_release(order=order, reason="demo: reservation lapsed")
    cart = services.cart_for_user(user=rival)
    for line in OrderLine.objects.filter(seller_order__order=order).select_related("product"):
        line.product.refresh_from_db()
        services.cart_item_add(cart=cart, product=line.product, quantity=line.product.stock)
    sold_out = services.order_start(cart=cart, buyer=rival, address=address, payment_method="qris")
    services.qris_payment_confirm(order=sold_out, by=staff)
    _pay(order, staff)


def _backdate(order: Order, placed: datetime) -> None:
    """Move a completed order's whole timeline (order, payment, seller orders, ledger, reviews) back."""
    paid = placed + timedelta(minutes=20)
    order.refresh_from_db()
    # The order number carries the day it was placed (AMyymmdd-XXXXXX), and so do the texts quoting it.
    old, new = order.reference, f"AM{placed:%y%m%d}-{order.reference.rsplit('-', 1)[1]}"
    Order.objects.filter(pk=order.pk).update(
        reference=new,
        stripe_payment_intent=order.stripe_payment_intent.replace(old, new),
        created_at=placed,
        paid_at=paid,
        reserved_until=placed + (order.reserved_until - order.created_at),
    )
    for event in PaymentEvent.objects.filter(order=order):
        PaymentEvent.objects.filter(pk=event.pk).update(
            event_id=event.event_id.replace(old, new), received_at=paid
        )
    seller_orders = SellerOrder.objects.filter(order=order)
    seller_orders.update(
        paid_at=paid,
        processing_at=paid + timedelta(days=1),
        shipped_at=paid + timedelta(days=2),
        delivered_at=paid + timedelta(days=4),
        completed_at=paid + timedelta(days=7),
    )
    for entry in LedgerEntry.objects.filter(seller_order__in=seller_orders):
        LedgerEntry.objects.filter(pk=entry.pk).update(
            created_at=paid, description=entry.description.replace(old, new)
        )
    Review.objects.filter(order_line__seller_order__in=seller_orders).update(
        created_at=paid + timedelta(days=8)
    )


def _totals(buyers) -> dict[str, int]:
    return {
        "orders": Order.objects.filter(buyer__in=buyers).count(),
        "seller_orders": SellerOrder.objects.filter(order__buyer__in=buyers).count(),
        "reviews": Review.objects.filter(buyer__in=buyers).count(),
        "payout_batches": PayoutBatch.objects.count(),
    }
