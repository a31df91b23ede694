"""Benchmark: checkout start under load, on PostgreSQL with 10 000 products.

    source /tmp/adimarko-services/env   # TEST_DATABASE_URL (and TEST_STRIPE_API_BASE for --card)
    ADIMARKO_TEST_NAMESPACE=orders .venv/bin/python tests/benchmarks/bench_checkout.py [--buyers 100] [--card]

Builds (once, kept between runs) a benchmark database `bench_adimarko_<namespace>` with 10 000 approved
products from 40 sellers, gives each buyer a cart of three products from three sellers, then starts all the
checkouts at once, served by BENCH_WORKERS (16) worker threads with their own connections, and prints
the median, p95 and max of `order_start` (reserve stock, snapshot lines, build the dynamic QRIS) — with
`--card` also the Stripe Checkout Session call against stripe-mock. Figures, not assertions: the target is
p95 <= 200 ms with 100 buyers arriving within one second (`--ramp-ms 1000`).

As in production, the search index updates that checkout causes (stock changed) are queued with
django_tasks_db's DatabaseBackend (`--tasks immediate` runs them inside the request, as the test settings do).
It also prints the app's CPU time and SQL queries per `order_start`, from `--serial` (20) checkouts one after
the other (the thread's CPU time, `time.thread_time()`); `--profile` prints a pyinstrument profile of them.
`--json PATH` writes the figures for tests/benchmarks/run_all.py.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adimarko.settings.test")

PRODUCTS = 10_000
SELLERS = 40
WORKERS = int(os.environ.get("BENCH_WORKERS", "16"))


TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",  # production (adimarko/settings/production.py)
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",  # the test settings
}


def setup_database(*, fresh: bool = False, tasks: str = "database"):
    import django

    if not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set TEST_DATABASE_URL to PostgreSQL (source /tmp/adimarko-services/env).")
    namespace = os.environ.get("ADIMARKO_TEST_NAMESPACE", "default")
    django.setup()
    from django.db import connection
    from django.test.utils import override_settings

    # override_settings sends setting_changed, on which django_tasks drops the backends it already made.
    override_settings(TASKS={"default": {"BACKEND": TASK_BACKENDS[tasks]}}).enable()

    connection.settings_dict["TEST"] = {
        **connection.settings_dict.get("TEST", {}),
        "NAME": f"bench_adimarko_{namespace}",
    }

    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=not fresh)


def populate(buyers: int):
    from django.db import transaction

    from adimarko.core import services as shared
    from adimarko.core.models import Business, Region
    from shop.models import Category, Product
    from shop.orders import services
    from shop.orders.models import CartItem, QrisAccount
    from tests.orders.factories import static_qris_payload

    if not QrisAccount.objects.filter(is_active=True).exists():
        QrisAccount.objects.create(name="Bench", payload=static_qris_payload())
    desa = list(Region.objects.desa().order_by("code")[:SELLERS])
    businesses = list(Business.objects.filter(nib__startswith="77").order_by("nib"))
    for index in range(len(businesses), SELLERS):
        owner = shared.user_register(
            email=f"bench-seller{index}@contoh.test", password="x-bench-2027", first_name="B"
        )
        businesses.append(
            shared.business_create(
                owner=owner,
                name=f"Bench Seller {index}",
                nib=f"77{index:011d}",
                phone=f"0812{5500000 + index:07d}",
                address="Jl. Bench 1",
                desa=desa[index],
                description="",
            )
        )
    category, _ = Category.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    existing = Product.objects.filter(sku__startswith="BENCH-").count()
    if existing < PRODUCTS:
        with transaction.atomic():
            Product.objects.bulk_create(
                [
                    Product(
                        business=businesses[n % SELLERS],
                        sku=f"BENCH-{n:05d}",
                        name=f"Produk Bench {n}",
                        slug=f"produk-bench-{n}",
                        category=category,
                        price=10_000 + (n % 50) * 1000,
                        stock=1_000_000,
                        weight_grams=250 + (n % 4) * 250,
                        origin_desa=desa[n % SELLERS],
                        status=Product.Status.APPROVED,
                    )
                    for n in range(existing, PRODUCTS)
                ],
                batch_size=2000,
            )
    products = list(
        Product.objects.filter(sku__startswith="BENCH-").order_by("sku").values_list("pk", flat=True)
    )
    carts = []
    from adimarko.core.models import User

    for index in range(buyers):
        email = f"bench-buyer{index}@contoh.test"
        user = User.objects.filter(email=email).first() or shared.user_register(
            email=email, password="x-bench-2027", first_name="Pembeli"
        )
        cart = services.cart_for_user(user=user)
        cart.items.all().delete()
        # Three products from three different sellers, spread over the 10k.
        picks = [products[(index * 97 + k * 3331 + k) % len(products)] for k in range(3)]
        CartItem.objects.bulk_create(
            [CartItem(cart=cart, product_id=pk, quantity=1 + k) for k, pk in enumerate(picks)]
        )
        carts.append((user, cart))
    return carts


def run(carts, *, card: bool, ramp_ms: float = 0.0, serial: bool = False):
    """Buyers arrive at t0 (or evenly over `ramp_ms`) and are served by WORKERS threads (an app server's
    workers, each with its persistent connection); a buyer's time runs from their arrival to the end of their
    checkout, queueing included."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    from adimarko.core.models import Region
    from shop.orders import services

    address = {
        "recipient_name": "Pembeli Bench",
        "phone": "081234567890",
        "in_regency": True,
        "desa": Region.objects.get(code="35.05.17.1001"),
        "street": "Jl. Kenanga No. 7",
    }
    failures, cpu_ms, queries = [], [], []

    def checkout(pair, arrival):
        user, cart = pair
        count = [0]

        def counter(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        cpu_started = time.thread_time()
        try:
            with connections["default"].execute_wrapper(counter):
                order = services.order_start(
                    cart=cart, buyer=user, address=address, payment_method="card" if card else "qris"
                )
                if card:
                    services.payment_card_start(
                        order=order, success_url="http://bench/ok", cancel_url="http://bench/no"
                    )
        except Exception as exc:  # noqa: BLE001 - reported by the caller
            failures.append(repr(exc))
            return None
        cpu_ms.append((time.thread_time() - cpu_started) * 1000)
        queries.append(count[0])
        return (time.perf_counter() - arrival) * 1000

    if serial:
        # One after the other on this thread: the app's own CPU time and queries per checkout.
        for pair in carts:
            checkout(pair, time.perf_counter())
        return cpu_ms, queries, failures

    def warm_connection():
        connections["default"].ensure_connection()

    with ThreadPoolExecutor(max_workers=min(WORKERS, len(carts)), initializer=warm_connection) as pool:
        list(pool.map(lambda _n: None, range(WORKERS)))  # start every worker and its connection first
        t0 = time.perf_counter()
        step = ramp_ms / 1000 / max(1, len(carts))
        futures = []
        for index, pair in enumerate(carts):
            arrival = t0 + index * step
            time.sleep(max(0.0, arrival - time.perf_counter()))
            futures.append(pool.submit(checkout, pair, arrival))
        results = [future.result() for future in futures]
        wall = (time.perf_counter() - t0) * 1000
        pool.map(lambda _n: connections.close_all(), range(WORKERS))
    return [r for r in results if r is not None], failures, wall


PARTS: dict[str, float] = {}  # CPU ms spent in the parts `time_parts` wraps, summed over the serial checkouts


def time_parts() -> None:
    """Adds this thread's CPU time in the steps that run after checkout commits (the search rows' refresh, a
    task's enqueue: an INSERT with the database backend) to PARTS, for the breakdown of order_start's CPU."""
    import django_tasks.base

    import search.tasks

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            started = time.thread_time()
            try:
                return fn(*args, **kwargs)
            finally:
                PARTS[name] = PARTS.get(name, 0.0) + (time.thread_time() - started) * 1000

        return wrapper

    search.tasks.refresh_search_rows = timed("search rows refresh", search.tasks.refresh_search_rows)
    django_tasks.base.Task.enqueue = timed("task enqueues", django_tasks.base.Task.enqueue)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[max(0, int(round(p / 100 * len(ordered))) - 1)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--buyers", type=int, default=100)
    parser.add_argument("--ramp-ms", type=float, default=0.0, help="spread the arrivals over this many ms")
    parser.add_argument("--fresh", action="store_true", help="rebuild the benchmark database from scratch")
    parser.add_argument(
        "--card", action="store_true", help="also open a Stripe Checkout Session (stripe-mock)"
    )
    parser.add_argument(
        "--tasks", choices=sorted(TASK_BACKENDS), default="database", help="the django-tasks backend"
    )
    parser.add_argument("--serial", type=int, default=20, help="checkouts one at a time for CPU and queries")
    parser.add_argument("--profile", action="store_true", help="print a pyinstrument profile of those")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    setup_database(fresh=args.fresh, tasks=args.tasks)
    from django.db import connection
    from django_tasks import task_backends

    from shop.models import Product

    carts = populate(max(args.buyers, args.serial))
    # Warm-up: one checkout alone (imports, template caches), then the uncontended latency of one buyer.
    warm = populate(2)
    run(warm[:1], card=args.card)
    single, _, _ = run(populate(1), card=args.card)
    time_parts()
    serial_cpu, serial_queries, serial_failures = run(populate(args.serial), card=args.card, serial=True)
    parts = {name: round(total / max(1, len(serial_cpu)), 2) for name, total in PARTS.items()}
    if args.profile:
        # Another pass for the profile: sampling costs CPU, so the measured pass runs without it.
        from pyinstrument import Profiler

        carts = populate(args.serial)
        profiler = Profiler(interval=0.0005)
        profiler.start()
        run(carts, card=args.card, serial=True)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
    carts = populate(args.buyers)
    cpu_before = time.process_time()
    timings, failures, wall = run(carts, card=args.card, ramp_ms=args.ramp_ms)
    cpu_per_checkout = (time.process_time() - cpu_before) * 1000 / max(1, len(carts))
    timings.sort()
    for failure in failures[:5]:
        print("  failure:", failure)
    if not timings:
        sys.exit("No checkout finished.")
    p95 = timings[max(0, int(round(0.95 * len(timings))) - 1)] if timings else float("nan")
    print(
        f"PostgreSQL {connection.pg_version // 10000}, {Product.objects.count()} products, "
        f"{os.cpu_count()} CPU cores, {WORKERS} workers"
    )
    print(f"checkout start ({'order + Stripe session' if args.card else 'order + QRIS'}):")
    print(f"  1 buyer alone:           {single[0]:.1f} ms")
    print(
        f"  {args.buyers} buyers arriving within {args.ramp_ms:.0f} ms: "
        f"median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, "
        f"max {timings[-1]:.1f} ms, wall {wall:.0f} ms, {len(failures)} failures"
    )
    print(
        f"  app CPU per checkout {cpu_per_checkout:.1f} ms; "
        f"throughput {len(timings) / wall * 1000:.0f} checkouts/s; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(f"  target p95 <= 200 ms: {'met' if p95 <= 200 else f'missed by {p95 - 200:.0f} ms'}")
    cpu_median = statistics.median(serial_cpu) if serial_cpu else float("nan")
    print(
        f"  one at a time ({len(serial_cpu)} checkouts, tasks: {type(task_backends['default']).__name__}): "
        f"app CPU per order_start median {cpu_median:.1f} ms, p95 {percentile(serial_cpu, 95):.1f} ms; "
        f"SQL queries {min(serial_queries)}–{max(serial_queries)}; "
        f"target CPU <= 8 ms: {'met' if cpu_median <= 8 else f'missed by {cpu_median - 8:.1f} ms'}"
    )
    print(
        "  of which, per checkout: "
        + ", ".join(f"{name} {ms:.1f} ms" for name, ms in parts.items())
        + f"; the rest (order_start's own work) {cpu_median - sum(parts.values()):.1f} ms"
    )
    for failure in serial_failures[:3]:
        print("  failure (one at a time):", failure)
    # The CPU floor of the burst: the app's CPU alone (PostgreSQL's comes on top). This benchmark is one
    # process, so its threads run Python one at a time (the GIL); a server with a worker process per core
    # spreads it over the cores.
    floor_ms = args.buyers * cpu_per_checkout
    print(
        f"  CPU floor of the burst: {args.buyers} × {cpu_per_checkout:.1f} ms app CPU = {floor_ms:.0f} ms of "
        f"Python arriving within {args.ramp_ms:.0f} ms, one thread at a time here (one process, the GIL); "
        f"{floor_ms / (os.cpu_count() or 1):.0f} ms with a worker process on each of the {os.cpu_count()} "
        f"cores, if they were idle (load average {os.getloadavg()[0]:.1f})"
    )
    if args.json:
        name = "checkout + Stripe session" if args.card else "checkout (order_start)"
        figures = {
            name: {
                "cpu_ms": round(cpu_median, 2),
                "cpu_p95_ms": round(percentile(serial_cpu, 95), 2),
                "queries": [min(serial_queries), max(serial_queries)],
                "target_cpu_ms": None if args.card else 8,
                "tasks_backend": type(task_backends["default"]).__name__,
                "cpu_parts_ms": parts,
            },
            f"{name}, {args.buyers} buyers within {args.ramp_ms:.0f} ms": {
                "cpu_ms": round(cpu_per_checkout, 2),
                "wall_p50_ms": round(statistics.median(timings), 1),
                "wall_p95_ms": round(p95, 1),
                "target_p95_ms": 200,
                "failures": len(failures),
                "cpu_floor_ms": round(floor_ms),
            },
            "load_average": os.getloadavg()[0],
        }
        Path(args.json).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
