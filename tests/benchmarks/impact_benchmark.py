"""Benchmark: the staff impact dashboard with five years of programme data, on PostgreSQL.

    source /tmp/adimarko-services/env   # TEST_DATABASE_URL
    ADIMARKO_TEST_NAMESPACE=impact .venv/bin/python tests/benchmarks/impact_benchmark.py [--runs 7] [--fresh]

Builds (once, kept between runs; `--fresh` rebuilds it) a benchmark database `bench_adimarko_<namespace>` with
five years of generated programme data (tests/benchmarks/impact_data.py: rounds 2022–2026 of ~300 submitted
applications each, cohorts of 50 with 45 graduates, ~370 sellers, ~3 000 products, 20 000 buyers and ~100 000
seller orders). The rows go in with bulk_create: through the services the checkouts alone would take hours.
Generating takes a few minutes and ends with ANALYZE.

Then it signs in a staff user with django.test.Client and requests the impact dashboard unfiltered and with a
round, a cohort, a sector and a one-year period filter, and the CSV and XLSX exports (URL names that do not
exist yet are skipped with a note), `--runs` times each after one warm-up request, and prints the median and
max server time (the whole request through Django: middleware, selectors, template or export) and the SQL
queries of one request; it also times `impact_dashboard(filters=ImpactFilter())` called directly. Figures,
not assertions (GUIDE.md): the target is a dashboard under 1 000 ms.
"""

import argparse
import json
import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adimarko.settings.test")
os.environ["TEST_ELASTICSEARCH_URL"] = ""  # the dashboard does not search; leave the shared node alone

TARGET_MS = 1_000


def setup_database(*, fresh: bool = False) -> None:
    import django

    if not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set TEST_DATABASE_URL to PostgreSQL (source /tmp/adimarko-services/env).")
    namespace = os.environ.get("ADIMARKO_TEST_NAMESPACE", "default")
    django.setup()
    from django.db import connection

    connection.settings_dict["TEST"] = {
        **connection.settings_dict.get("TEST", {}),
        "NAME": f"bench_adimarko_{namespace}",
    }
    # serialize=False: the test runner's copy of the data for rollback emulation is not needed here.
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=not fresh, serialize=False)


def populate() -> None:
    """Generate the programme unless a previous run did (generation is one transaction: all or nothing)."""
    from django.db import connection
    from tqdm import tqdm

    from incubation.models import RoundPage
    from tests.benchmarks.impact_data import generate
    from tests.benchmarks.impact_marketplace import check_consistency

    if RoundPage.objects.filter(title="Audisi Adi Marko 2022").exists():
        print(f"using the data generated earlier in {connection.settings_dict['NAME']} (--fresh rebuilds it)")
        return
    logging.getLogger("wagtail").setLevel(logging.WARNING)  # no "Page created" lines between the bars
    started = time.perf_counter()
    generate(progress=lambda **kwargs: tqdm(**kwargs, leave=False, file=sys.stdout))
    print(f"generated in {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    problems = {name: count for name, count in check_consistency().items() if count}
    if problems:
        sys.exit(f"generated data is inconsistent: {problems}")


def row_counts() -> list[tuple[str, int]]:
    from django.db.models import Count

    from adimarko.core.models import Business, User
    from incubation.models import Application, Cohort, Enrollment, RoundPage
    from shop.models import Product, Storefront
    from shop.orders.models import LedgerEntry, Order, OrderLine, SellerOrder

    submitted = Application.objects.submitted()
    statuses = dict(submitted.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    counted = SellerOrder.objects.filter(paid_at__isnull=False).exclude(
        status__in=["pending_payment", "cancelled", "refunded"]
    )
    per_year = {
        year: counted.filter(paid_at__year=year).count() for year in range(2022, 2027)
    }  # WIB years (USE_TZ with TIME_ZONE Asia/Jakarta)
    return [
        ("audition rounds", RoundPage.objects.count()),
        ("applications (all)", Application.objects.count()),
        ("applications submitted", submitted.count()),
        ("  " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())), 0),
        ("cohorts", Cohort.objects.count()),
        ("enrollments", Enrollment.objects.count()),
        ("graduates", Enrollment.objects.filter(status="graduated").count()),
        ("businesses", Business.objects.count()),
        ("alumni businesses", Business.objects.filter(alumni_year__isnull=False).count()),
        ("storefronts approved", Storefront.objects.filter(status="approved").count()),
        ("products", Product.objects.count()),
        ("users", User.objects.count()),
        ("orders (checkouts)", Order.objects.count()),
        ("seller orders", SellerOrder.objects.count()),
        ("  counted sales per year " + ", ".join(f"{y} {n}" for y, n in per_year.items()), 0),
        ("order lines", OrderLine.objects.count()),
        ("ledger entries", LedgerEntry.objects.count()),
    ]


def staff_client():
    from django.test import Client

    from adimarko.core.models import User
    from adimarko.core.roles import Role
    from tests.benchmarks.impact_data import STAFF_EMAIL
    from tests.factories import staff_user

    user = User.objects.filter(email=STAFF_EMAIL).first() or staff_user(email=STAFF_EMAIL, first_name="Staf")
    from adimarko.core import services

    services.user_role_grant(user=user, role=Role.STAFF)
    client = Client()
    client.force_login(user)
    return client


def measure(fn, runs: int):
    """One warm-up call, then `runs` timed calls. Returns (wall ms, app CPU ms, the SQL queries of the last
    call, result of the last call). Wall-clock time on a shared machine includes waiting for a CPU; the
    app's CPU time (this process only, not PostgreSQL's) does not."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fn()
    timings, cpu, result, queries = [], [], None, []
    for _run in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started, cpu_started = time.perf_counter(), time.process_time()
            result = fn()
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        queries = captured.captured_queries
    return timings, cpu, queries, result


def get(client, url):
    def fetch():
        response = client.get(url)
        # Streamed exports are produced while they are read: read them inside the timing.
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response.status_code, len(body)

    return fetch


def requests_to_time():
    """(label, url name, args, query) of every request; the filters use real rows of the generated data."""
    from incubation.models import Cohort, RoundPage

    round_2024 = RoundPage.objects.get(title="Audisi Adi Marko 2024")
    cohort_2025 = Cohort.objects.get(round__title="Audisi Adi Marko 2025")
    year = "start=2025-01-01&end=2025-12-31"
    return [
        ("dashboard, no filter", "impact_dashboard", [], ""),
        ("dashboard, round 2024", "impact_dashboard", [], f"round={round_2024.pk}"),
        ("dashboard, cohort 2025", "impact_dashboard", [], f"cohort={cohort_2025.pk}"),
        ("dashboard, sector coffee", "impact_dashboard", [], "sector=coffee"),
        ("dashboard, year 2025", "impact_dashboard", [], year),
        ("dashboard, all filters", "impact_dashboard", [], f"round={round_2024.pk}&sector=snack&{year}"),
        ("export CSV, no filter", "impact_export", ["csv"], ""),
        ("export XLSX, no filter", "impact_export", ["xlsx"], ""),
        ("export XLSX, year 2025", "impact_export", ["xlsx"], year),
    ]


def verdict(timings: list[float]) -> str:
    median, worst = statistics.median(timings), max(timings)
    if worst < TARGET_MS:
        return "met"
    if median < TARGET_MS:
        return f"median met, max over by {worst - TARGET_MS:.0f} ms"
    return f"missed by {median - TARGET_MS:.0f} ms"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per request (after one warm-up)")
    parser.add_argument("--fresh", action="store_true", help="rebuild the benchmark database from scratch")
    parser.add_argument("--slowest", type=int, default=5, help="print the selector's N slowest SQL queries")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    figures = {}
    setup_database(fresh=args.fresh)
    populate()

    from django.db import connection
    from django.urls import NoReverseMatch, reverse

    print(
        f"\nPostgreSQL {connection.pg_version // 10000} ({connection.settings_dict['NAME']}), "
        f"{os.cpu_count()} CPU cores, load average {os.getloadavg()[0]:.1f}"
    )
    print("generated rows:")
    for label, count in row_counts():
        print(f"  {label:<32} {count:>9,}" if count else f"  {label}")

    print(f"\n{'request':<30} {'runs':>4} {'median ms':>10} {'max ms':>9} {'app CPU':>8} {'queries':>8} "
          f"{'status':>6} {'bytes':>10}  target < {TARGET_MS:,} ms")  # fmt: skip
    client = staff_client()
    for label, name, url_args, query in requests_to_time():
        try:
            url = reverse(name, args=url_args)
        except NoReverseMatch:
            print(f"{label:<30} skipped: no URL named {name!r} {url_args or ''} yet")
            continue
        timings, cpu, queries, (status, size) = measure(
            get(client, f"{url}?{query}" if query else url), args.runs
        )
        note = verdict(timings) if name == "impact_dashboard" else ""
        if status != 200:
            note = f"HTTP {status}: not the page, figures not meaningful"
        print_row(label, timings, cpu, len(queries), status, f"{size:,}", note)
        if status == 200:
            figures[label] = row_figures(timings, cpu, len(queries), name == "impact_dashboard")

    try:
        from adimarko.reporting.selectors import ImpactFilter, impact_dashboard
    except ImportError as exc:
        print(f"\nselector impact_dashboard skipped: {exc}")
    else:
        timings, cpu, queries, _result = measure(lambda: impact_dashboard(filters=ImpactFilter()), args.runs)
        print_row("impact_dashboard() selector", timings, cpu, len(queries), "", "", verdict(timings))
        figures["impact_dashboard() selector"] = row_figures(timings, cpu, len(queries), True)
        if args.slowest:
            total = sum(float(q["time"]) for q in queries) * 1000
            print(
                f"\nslowest SQL of the selector (last run; its {len(queries)} queries took {total:.0f} ms):"
            )
            for query in sorted(queries, key=lambda q: -float(q["time"]))[: args.slowest]:
                sql = query["sql"]
                print(f"  {float(query['time']) * 1000:>7.0f} ms  {sql[:80]} … {sql[-60:]}")
    if args.json:
        figures["load_average"] = os.getloadavg()[0]
        Path(args.json).write_text(json.dumps(figures, indent=2))


def row_figures(timings, cpu, queries, targeted) -> dict:
    """One row of tests/benchmarks/run_all.py's table (the target: the median under TARGET_MS)."""
    ordered = sorted(timings)
    return {
        "cpu_ms": round(statistics.median(cpu), 1),
        "queries": queries,
        "wall_p50_ms": round(statistics.median(ordered), 1),
        "wall_p95_ms": round(ordered[max(0, int(round(0.95 * len(ordered))) - 1)], 1),
        "target_p50_ms": TARGET_MS if targeted else None,
    }


def print_row(label, timings, cpu, queries, status, size, note):
    median, worst, cpu_median = statistics.median(timings), max(timings), statistics.median(cpu)
    print(f"{label:<30} {len(timings):>4} {median:>10.1f} {worst:>9.1f} {cpu_median:>8.1f} {queries:>8} "
          f"{status:>6} {size:>10}  {note}")  # fmt: skip


if __name__ == "__main__":
    main()
