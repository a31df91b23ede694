"""The marketplace of the impact benchmark's programme (see tests/benchmarks/impact_data.py): storefronts,
products and five years of checkouts.

Each checkout is built the way shop.orders.services.checkout.order_start and payments.order_mark_paid would
leave it: one Order per buyer payment, one SellerOrder per seller (subtotal = its lines, shipping from the
shipping table, commission = ORDER_COMMISSION_PERCENT of the goods), a ledger sale entry when paid and a
refund entry when refunded; then the fulfilment steps a seller order has reached by END.
"""

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import accumulate

from django.utils.text import slugify

from tests.benchmarks.impact_data import (
    BATCH,
    COURIERS,
    EARLY_SELLERS_PER_ROUND,
    END,
    FOUNDING_SELLERS,
    HOUR_WEIGHT,
    LAUNCH,
    LEAVES,
    MODIFIERS,
    MONTH_WEIGHT,
    NEW_BUYER_SHARE,
    OTHER_SELLERS,
    PACKAGED,
    PRICE_INDEX,
    PRODUCTS,
    SECTOR_LEAVES,
    SELLER_ORDERS,
    WIB,
    YEAR_SHARE,
    YEARS,
    explicit_timestamps,
)

SELLERS_PER_CHECKOUT = ((1, 2, 3), (55, 30, 15))
LINES_PER_SELLER = ((1, 2, 3), (55, 30, 15))
QUANTITY = ((1, 2, 3, 4, 5, 6), (65, 22, 8, 2, 2, 1))
CANCELLED_SHARE, REFUNDED_SHARE, SELLER_REFUND_SHARE = 0.05, 0.01, 0.015
MAX_CHECKOUTS_PER_BUYER = 60  # about once a month over five years
PENDING_WINDOW = timedelta(hours=3)  # checkouts this close to END still wait for payment


@dataclass(eq=False)  # one seller is one storefront: compared by identity
class Seller:
    business: object
    opens_at: datetime  # storefront approved
    weight: float  # how much buyers like it
    products: list = field(default_factory=list)

    @property
    def first_sale_at(self) -> datetime:
        return min(p.published_at for p in self.products)


def storefronts_create(programme) -> None:
    """Most graduates open a storefront that staff approve within days; some wait, some never open one.
    A few graduates of later rounds sold before they applied; the other sellers open from the launch on."""
    from shop.models import Storefront

    rng, rows = programme.rng, []

    def storefront(business, opened, status, weight):
        opened = max(opened, business.created_at + timedelta(days=rng.randint(3, 30)))  # registered first
        reviewed = opened + timedelta(hours=rng.randint(20, 140)) if status != "pending" else None
        rows.append(
            Storefront(
                business=business,
                story=business.description,
                status=status,
                rejection_reason="Foto produk belum jelas." if status == "rejected" else "",
                opened_by=business.bench_owner,
                created_at=opened,
                updated_at=reviewed or opened,  # explicit_timestamps: auto_now is off (as shop 0007 fills it)
                reviewed_at=reviewed,
                reviewed_by=programme.staff if reviewed else None,
            )
        )
        if status == "approved" and reviewed < END - timedelta(days=2):
            programme.sellers.append(Seller(business=business, opens_at=reviewed, weight=weight))

    for year in YEARS:
        graduates = programme.graduates[year]
        early = set(rng.sample(graduates, EARLY_SELLERS_PER_ROUND)) if year >= 2024 else set()
        for business in graduates:
            weight = rng.lognormvariate(0, 0.9) * 1.6  # incubated sellers sell better
            if business in early:
                opened = programme.between(LAUNCH + timedelta(days=30), datetime(year - 1, 12, 1, tzinfo=WIB))
                storefront(business, opened, "approved", weight)
                continue
            roll = rng.random()
            if roll < 0.06:
                continue  # graduated, never opened a storefront
            graduated_at = business.bench_graduated_at
            opened = programme.between(graduated_at, graduated_at + timedelta(days=3))
            storefront(business, opened, "pending" if roll < 0.12 else "approved", weight)
    for index, business in enumerate(programme.other_sellers):
        if index < FOUNDING_SELLERS:
            opened = LAUNCH - timedelta(days=rng.randint(4, 10))
        else:
            opened = programme.between(LAUNCH, END - timedelta(days=150))
        status = "approved" if index < OTHER_SELLERS else rng.choice(["pending", "rejected"])
        storefront(business, opened, status, rng.lognormvariate(0, 0.9))
    with explicit_timestamps(Storefront):
        Storefront.objects.bulk_create(rows, batch_size=BATCH)


def products_create(programme) -> int:
    """PRODUCTS products, at least one per selling storefront; mostly in the business's own sector. The
    first is published with the storefront's approval, the others over time (later ones still wait for
    curation); a few are archived."""
    from shop.models import Category, Product

    rng = programme.rng
    leaves = {c.slug: c for c in Category.objects.filter(slug__in=LEAVES)}
    counts = {id(s): 1 for s in programme.sellers}
    for seller in rng.choices(
        programme.sellers, [s.weight + 1 for s in programme.sellers], k=PRODUCTS - len(programme.sellers)
    ):
        counts[id(seller)] += 1
    rows, n = [], 0
    for seller in programme.sellers:
        business = seller.business
        for k in range(counts[id(seller)]):
            n += 1
            sector = business.bench_sector if rng.random() < 0.8 else "other"
            leaf = rng.choice(SECTOR_LEAVES[sector])
            kinds, base, weights = LEAVES[leaf]
            weight = rng.choice(weights)
            pack = ""
            if leaf in PACKAGED:
                pack = f"{weight // 1000} kg" if weight >= 1000 else f"{weight} g"
            name = f"{rng.choice(kinds)} {rng.choice(MODIFIERS)} {pack}".strip()
            price = max(2_000, round(base * rng.uniform(0.6, 1.8) * (weight / weights[0]) ** 0.8 / 500) * 500)
            submitted = seller.opens_at - timedelta(hours=2) if k == 0 else None
            published = seller.opens_at + timedelta(hours=1) if k == 0 else None
            if k:
                submitted = seller.opens_at + timedelta(days=rng.expovariate(1 / 120))
                published = submitted + timedelta(hours=rng.randint(4, 72))
            status, archived = "approved", None
            if published >= END:
                status, published = "pending", None
                submitted = min(submitted, END - timedelta(hours=1))
            elif k and rng.random() < 0.03:
                archived = programme.between(
                    published + timedelta(days=20), max(END, published + timedelta(days=21))
                )
                archived = min(archived, END)
            product = Product(
                business=business,
                sku=f"{leaf[:3].upper()}-{k + 1:03d}",
                name=name,
                slug=f"{slugify(name)}-{n}",
                description=f"{name} dari {business.name}, Kecamatan {business.desa.parent.name}.",
                category=leaves[leaf],
                price=price,
                stock=rng.choice([0, 5, 12, 25, 50, 100, 250]),
                weight_grams=weight,
                origin_desa=business.desa,
                status=status,
                pack_label=pack,
                submitted_at=submitted,
                reviewed_at=published,
                reviewed_by=programme.staff if published else None,
                published_at=published,
                archived_at=archived,
                created_at=submitted - timedelta(hours=rng.randint(1, 48)),
                updated_at=archived or published or submitted,
            )
            rows.append(product)
            if published:
                seller.products.append(product)
    with explicit_timestamps(Product):
        Product.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _seller_counts(rng, target: int) -> list[int]:
    counts, left = [], target
    while left:
        k = min(left, rng.choices(*SELLERS_PER_CHECKOUT)[0])
        counts.append(k)
        left -= k
    return counts


def _checkout_times(rng, year: int, n: int) -> list[datetime]:
    """n instants in the year (from the launch, until END): busier months, busier evenings, growing."""
    first = max(date(year, 1, 1), (LAUNCH + timedelta(days=2)).date())
    last = min(date(year, 12, 31), END.date() - timedelta(days=1))
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    cum = list(accumulate(MONTH_WEIGHT[d.month - 1] * (1 + 0.5 * i / len(days)) for i, d in enumerate(days)))
    times = []
    for day in rng.choices(days, cum_weights=cum, k=n):
        hour = rng.choices(range(24), HOUR_WEIGHT)[0]
        times.append(
            datetime(day.year, day.month, day.day, hour, tzinfo=WIB) + timedelta(seconds=rng.randrange(3600))
        )
    if year == END.year:  # the last evening: a few checkouts still open at END
        times[-5:] = [END - timedelta(minutes=rng.randint(5, 170)) for _ in range(5)]
    return sorted(times)


def _unit_price(price: int, year: int) -> int:
    return max(500, round(price * PRICE_INDEX[year] / 500) * 500)


class OrderWriter:
    """Builds and writes the orders in batches."""

    def __init__(self, programme):
        from django.conf import settings

        from shop.orders.models import ShippingRate

        self.p = programme
        self.rng = programme.rng
        self.rates = list(ShippingRate.objects.order_by("max_weight_grams"))
        self.commission_percent = settings.ORDER_COMMISSION_PERCENT
        self.orders, self.seller_orders, self.lines, self.entries = [], [], [], []
        self.sequence = 0
        self.tracking = 0

    def run(self) -> None:
        from shop.orders.services.checkout import shipping_cost

        self.shipping_cost = shipping_cost
        rng, p = self.rng, self.p
        sellers = sorted((s for s in p.sellers if s.products), key=lambda s: s.first_sale_at)
        opens = [s.first_sale_at for s in sellers]
        history, next_buyer = [], 0  # buyer index per checkout: frequent buyers come back more often
        checkouts = [0] * len(p.buyers)
        bar = p.progress(total=SELLER_ORDERS, desc="orders", unit="seller order")
        targets = {year: round(SELLER_ORDERS * YEAR_SHARE[year]) for year in YEARS}
        targets[YEARS[-1]] = SELLER_ORDERS - sum(targets[y] for y in YEARS[:-1])
        active, cum = 0, []
        for year in YEARS:
            counts = _seller_counts(rng, targets[year])
            for k, when in zip(counts, _checkout_times(rng, year, len(counts)), strict=True):
                now_active = bisect_right(opens, when)
                if now_active != active:
                    active = now_active
                    cum = list(accumulate(s.weight for s in sellers[:active]))
                if not active:
                    continue  # nobody sells yet
                picked = []
                for _try in range(12):
                    seller = rng.choices(sellers[:active], cum_weights=cum)[0]
                    if seller not in picked:
                        picked.append(seller)
                    if len(picked) == k:
                        break
                if not history or (next_buyer < len(p.buyers) and rng.random() < NEW_BUYER_SHARE):
                    buyer_index, next_buyer = next_buyer, next_buyer + 1
                else:  # a returning buyer: half by how often they bought, half any earlier buyer
                    buyer_index = rng.choice(history) if rng.random() < 0.5 else rng.randrange(next_buyer)
                    if checkouts[buyer_index] >= MAX_CHECKOUTS_PER_BUYER:
                        buyer_index = rng.randrange(next_buyer)
                history.append(buyer_index)
                checkouts[buyer_index] += 1
                self.checkout(year=year, when=when, buyer_index=buyer_index, sellers=picked)
                bar.update(len(picked))
                if len(self.orders) >= BATCH:
                    self.flush()
        self.flush()
        bar.close()

    def checkout(self, *, year: int, when: datetime, buyer_index: int, sellers: list) -> None:
        from shop.orders.models import LedgerEntry, Order, OrderLine, SellerOrder

        rng, p = self.rng, self.p
        buyer, address = p.buyers[buyer_index], p.addresses[buyer_index]
        self.sequence += 1
        method = "card" if rng.random() < 0.35 else "qris"
        pending = when > END - PENDING_WINDOW
        roll = rng.random()
        cancelled = not pending and roll < CANCELLED_SHARE
        refunded = not pending and not cancelled and roll < CANCELLED_SHARE + REFUNDED_SHARE
        paid_at = None
        if not pending and not cancelled:
            paid_at = when + timedelta(minutes=rng.uniform(1, 6) if method == "card" else rng.uniform(3, 55))
        reference = f"AM{when:%y%m%d}-{self.sequence:06X}"
        order = Order(
            reference=reference,
            buyer=buyer,
            email=buyer.email,
            status="pending_payment" if pending else "cancelled" if cancelled else "paid",
            payment_method=method,
            recipient_name=f"{buyer.first_name} {buyer.last_name}",
            phone=buyer.phone,
            in_regency=address["in_regency"],
            desa=address["desa"],
            street=address["street"],
            city=address["city"],
            province=address["province"],
            postal_code=address["desa"].postal_code if address["in_regency"] else address["postal_code"],
            reserved_until=when + timedelta(minutes=60),
            stripe_session_id=f"cs_test_bench{self.sequence:08d}" if method == "card" else "",
            stripe_payment_intent=f"pi_bench{self.sequence:08d}" if method == "card" and paid_at else "",
            payment_confirmed_by=p.staff if method == "qris" and paid_at else None,
            created_at=when,
            paid_at=paid_at,
            cancelled_at=when + timedelta(minutes=60) if cancelled else None,
        )
        parts = []
        for seller in sellers:
            available = [
                product
                for product in seller.products
                if product.published_at <= when
                and (product.archived_at is None or product.archived_at > when)
            ]
            picks = rng.sample(available, min(len(available), rng.choices(*LINES_PER_SELLER)[0]))
            seller_order = SellerOrder(order=order, business=seller.business, subtotal=0, weight_grams=0)
            for product in picks:
                quantity = rng.choices(*QUANTITY)[0]
                line = OrderLine(
                    seller_order=seller_order,
                    product=product,
                    product_name=product.name,
                    sku=product.sku,
                    unit_price=_unit_price(product.price, year),
                    quantity=quantity,
                    weight_grams=product.weight_grams,
                )
                seller_order.subtotal += line.unit_price * quantity
                seller_order.weight_grams += product.weight_grams * quantity
                self.lines.append(line)
            seller_order.shipping = self.shipping_cost(
                weight_grams=seller_order.weight_grams, in_regency=order.in_regency, rates=self.rates
            )
            seller_order.commission = seller_order.subtotal * self.commission_percent // 100
            self._fulfil(seller_order, order=order, refunded=refunded)
            if seller_order.paid_at:
                self.entries.append(
                    LedgerEntry(
                        business=seller.business,
                        kind="sale",
                        seller_order=seller_order,
                        amount=seller_order.seller_amount,
                        created_at=seller_order.paid_at,
                        description=f"Pesanan {reference}",
                    )
                )
            if seller_order.refunded_at:
                self.entries.append(
                    LedgerEntry(
                        business=seller.business,
                        kind="refund",
                        seller_order=seller_order,
                        amount=-seller_order.seller_amount,
                        created_at=seller_order.refunded_at,
                        description=f"Pengembalian dana pesanan {reference}",
                    )
                )
            parts.append(seller_order)
        order.subtotal = sum(part.subtotal for part in parts)
        order.shipping_total = sum(part.shipping for part in parts)
        order.total = order.subtotal + order.shipping_total
        if paid_at and all(part.status == "refunded" for part in parts):
            order.status = "refunded"
        self.orders.append(order)
        self.seller_orders.extend(parts)

    def _fulfil(self, seller_order, *, order, refunded: bool) -> None:
        """Status and timestamps the seller order has reached by END (the steps the services record)."""
        rng = self.rng
        if order.status == "pending_payment":
            seller_order.status = "pending_payment"
            return
        if order.status == "cancelled":
            seller_order.status, seller_order.cancelled_at = "cancelled", order.cancelled_at
            return
        paid = seller_order.paid_at = order.paid_at
        if refunded or rng.random() < SELLER_REFUND_SHARE:
            refund_at = paid + timedelta(hours=rng.randint(6, 120))
            if refund_at < END:
                seller_order.status, seller_order.refunded_at = "refunded", refund_at
                return
        steps = [("processing_at", rng.uniform(2, 20))]
        steps.append(("shipped_at", steps[-1][1] + rng.uniform(6, 30)))
        steps.append(("delivered_at", steps[-1][1] + rng.uniform(24, 96)))
        steps.append(("completed_at", steps[-1][1] + rng.uniform(48, 72)))
        seller_order.status = "paid"
        for name, hours in steps:
            at = paid + timedelta(hours=hours)
            if at > END:
                break
            setattr(seller_order, name, at)
            seller_order.status = name.removesuffix("_at")
        if seller_order.shipped_at:
            courier, prefix = rng.choice(COURIERS)
            self.tracking += 1
            seller_order.courier, seller_order.tracking_number = courier, f"{prefix}{self.tracking:010d}"

    def flush(self) -> None:
        from shop.orders.models import LedgerEntry, Order, OrderLine, SellerOrder

        with explicit_timestamps(Order, LedgerEntry):
            Order.objects.bulk_create(self.orders)
            SellerOrder.objects.bulk_create(self.seller_orders)
            OrderLine.objects.bulk_create(self.lines)
            LedgerEntry.objects.bulk_create(self.entries)
        self.orders, self.seller_orders, self.lines, self.entries = [], [], [], []


def finish(programme) -> None:
    """Denormalised figures the services keep: units sold per product, and buyers who joined before they
    bought."""
    from datetime import timedelta as td

    from django.db.models import DateTimeField, ExpressionWrapper, F, Min, OuterRef, Subquery, Sum, Value
    from django.db.models.functions import Coalesce, Least

    from adimarko.core.models import User
    from shop.models import Product
    from shop.orders.models import Order, OrderLine

    sold = (
        OrderLine.objects.filter(product=OuterRef("pk"), seller_order__paid_at__isnull=False)
        .exclude(seller_order__status="refunded")
        .values("product")
        .annotate(units=Sum("quantity"))
        .values("units")
    )
    Product.objects.update(sales_count=Coalesce(Subquery(sold), 0))
    first_order = Order.objects.filter(buyer=OuterRef("pk")).values("buyer").annotate(first=Min("created_at"))
    before = ExpressionWrapper(
        Subquery(first_order.values("first")) - Value(td(hours=2)), output_field=DateTimeField()
    )
    User.objects.filter(email__startswith="pembeli").update(
        date_joined=Coalesce(Least(F("date_joined"), before), F("date_joined"))
    )


def check_consistency() -> dict[str, int]:
    """Rows that break the sums the checkout keeps; all must be 0."""
    from django.db.models import F, Q, Sum

    from shop.orders.models import Order, SellerOrder

    seller_orders = SellerOrder.objects.annotate(goods=Sum(F("lines__unit_price") * F("lines__quantity")))
    orders = Order.objects.annotate(
        goods=Sum("seller_orders__subtotal"), shipping=Sum("seller_orders__shipping")
    )
    return {
        "seller orders whose subtotal is not their lines": seller_orders.exclude(subtotal=F("goods")).count(),
        "orders whose totals are not their seller orders": orders.exclude(
            Q(subtotal=F("goods")) & Q(shipping_total=F("shipping"))
        ).count(),
        "counted sales without a ledger sale entry": SellerOrder.objects.filter(paid_at__isnull=False)
        .exclude(ledger_entries__kind="sale")
        .count(),
    }
