"""Search benchmark: latency of a query mix on Elasticsearch and on the database, full reindex time, and the
database backend's relevance (NDCG@10 on the demo judgments), optionally next to an older checkout's.

    .venv/bin/python tests/benchmarks/search_benchmark.py --products 10000
    .venv/bin/python tests/benchmarks/search_benchmark.py --products 100000 --es-url http://127.0.0.1:59201 \
        --skip-database
    # database search at 100k on PostgreSQL (an empty database of your own; generated once, then kept):
    .venv/bin/python tests/benchmarks/search_benchmark.py --products 100000 --skip-elasticsearch \
        --database-url postgres://adimarko:adimarko@127.0.0.1:55432/bench_search_100k
    # NDCG@10 of the database backend, this code and an older checkout (git worktree add /tmp/old <commit>):
    .venv/bin/python tests/benchmarks/search_benchmark.py --ndcg-only --baseline /tmp/old \
        --ndcg sqlite:///build/ndcg-new.sqlite3 postgres://…/ndcg_new \
        --baseline-ndcg sqlite:///build/ndcg-old.sqlite3 postgres://…/ndcg_old

It builds (once) a throw-away SQLite database `build/bench-search-<n>.sqlite3` with a synthetic catalogue
(tests/benchmarks/catalog.py), indexes it under the prefix `adimarko-bench-<n>`, runs each query kind
`--rounds` times after a warm-up and prints p50/p95 per backend and kind next to the targets. Latency is
measured around `search.service.search_products` / `autocomplete`: the engine round trip plus our own
Python work (query parsing, facet labels), as a page or the API would see it. The database backend reads
its search rows (search/rows.py): after generating a catalogue they are rebuilt with bulk inserts. Targets
for the database depend on the vendor: p95 <= 50 ms on PostgreSQL (meant at 100k products), <= 100 ms on
SQLite (at 10k). NDCG@10 runs `manage.py migrate`, `seed_demo` and `search_evaluate --backend database` in
a subprocess per demo database (`--ndcg URL …`; with `--baseline PATH`, also the checkout at PATH on
`--baseline-ndcg URL …`), so the old and the new code each score their own demo catalogue. The database
kinds run twice: with the backend's result cache off (every search computed: the rows' statement) and on
("… cached": every distinct search of the mix seen once before, as repeated searches meet it). Figures, not
assertions: GUIDE.md wants speed targets in benchmarks, never in timed tests.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

TEXT = ["kopi", "keripik tempe", "gula jawa", "madu randu", "sambal pecel pedas", "anyaman bambu",
        "batik tulis", "kopi bubuk robusta wlingi", "oleh-oleh khas blitar", "jamu kunyit asam"]  # fmt: skip
TYPOS = ["kopu", "kripik tmpe", "gual merah", "madu randuu", "smabal pecel", "anyman bambu"]
PREFIXES = ["kop", "kerip", "gula s", "mad", "samb", "bat", "kopi l", "ren", "emp", "jam"]
TARGETS = {  # (backend, kind) → p95 target in ms, from issue 6
    ("elasticsearch", "faceted"): 50,
    ("elasticsearch", "autocomplete"): 20,
    ("database", "text"): 100,
    ("database", "faceted"): 100,
    ("database", "typo"): 100,
}
POSTGRESQL_TARGETS = {  # issue 18: PostgreSQL's own full-text search, at 100k products
    ("database", "text"): 50,
    ("database", "faceted"): 50,
}


def create_database(url: str) -> None:
    """The PostgreSQL database of `url`, created empty if it does not exist yet."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as server:
        if not server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")


def setup(args):
    if args.database_url.startswith("postgres"):
        create_database(args.database_url)
    os.environ["DJANGO_SETTINGS_MODULE"] = "adimarko.settings.dev"
    os.environ["DEBUG"] = "0"  # no query log growing in memory
    os.environ["DATABASE_URL"] = (
        args.database_url or f"sqlite:///{ROOT / 'build' / f'bench-search-{args.products}.sqlite3'}"
    )
    os.environ["ELASTICSEARCH_URL"] = args.es_url
    os.environ["ELASTICSEARCH_INDEX_PREFIX"] = f"adimarko-bench-{args.products}"
    os.environ["ELASTICSEARCH_TIMEOUT"] = "30"
    os.environ["LOG_LEVEL"] = "WARNING"
    (ROOT / "build").mkdir(exist_ok=True)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def bar(done, total, label):
    print(f"\r{label}: {done}/{total}", end="" if done < total else "\n", flush=True)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class EngineTook:
    """Sums the engine's own `took` (ms inside Elasticsearch, queueing in the node included) of the search
    and multi-search calls made through the app's client, so a query's wall time splits into the engine's
    time, the app's CPU and the rest (HTTP, waiting for a CPU on a shared machine)."""

    def __init__(self):
        self.total = 0.0

    def install(self, client):
        for method in ("search", "msearch"):
            original = getattr(client, method)

            def wrapped(*args, _original=original, **kwargs):
                response = _original(*args, **kwargs)
                self.total += response.body.get("took", 0) if hasattr(response, "body") else 0
                return response

            setattr(client, method, wrapped)


def measure(fn, inputs, rounds, took: EngineTook | None = None):
    """{"wall": [ms], "cpu": [ms of this thread's CPU], "took": [ms the engine reported] (with `took`)}."""
    for item in inputs[:3]:  # warm-up: caches, connections, JIT in the node
        fn(item)
    figures = {"wall": [], "cpu": [], "took": []}
    for i in range(rounds):
        item = inputs[i % len(inputs)]
        took_before = took.total if took else 0.0
        cpu_started, started = time.thread_time(), time.perf_counter()
        fn(item)
        figures["wall"].append((time.perf_counter() - started) * 1000)
        figures["cpu"].append((time.thread_time() - cpu_started) * 1000)
        if took:
            figures["took"].append(took.total - took_before)
    return figures


def query_mix(backend, kecamatan_codes, categories):
    from search.service import autocomplete, search_products
    from search.types import Filters

    def faceted(i):
        filters = Filters(
            kecamatan=[
                kecamatan_codes[i % len(kecamatan_codes)],
                kecamatan_codes[(i * 7) % len(kecamatan_codes)],
            ],
            category=[categories[i % len(categories)]] if i % 2 else [],
            price=["25000-50000", "50000-100000"] if i % 3 else [],
            certification=[],
        )
        return search_products(TEXT[i % len(TEXT)] if i % 4 else "", filters, "relevance", 1, backend=backend)

    n = max(len(TEXT), len(TYPOS), len(PREFIXES))
    return {
        "text": (lambda q: search_products(q, backend=backend), TEXT),
        "faceted": (faceted, list(range(n * 3))),
        "typo": (lambda q: search_products(q, backend=backend), TYPOS),
        "autocomplete": (lambda p: autocomplete(p, 8, backend=backend), PREFIXES),
    }


def ndcg(root: Path, database_url: str) -> tuple[float, float]:
    """(NDCG@10, MRR) of the database backend on the demo catalogue, with the code checked out at `root`."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "adimarko.settings.dev",
        "DATABASE_URL": database_url,
        "ELASTICSEARCH_URL": "",
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
    }
    out = ""
    for command in (["migrate", "-v0"], ["seed_demo"], ["search_evaluate", "--backend", "database"]):
        done = subprocess.run(
            [sys.executable, "manage.py", *command], cwd=root, env=env, capture_output=True, text=True
        )
        if done.returncode:
            sys.exit(f"{' '.join(command)} failed in {root} on {database_url}:\n{done.stderr[-2000:]}")
        out = done.stdout
    [line] = [line for line in out.splitlines() if line.startswith("database ")]
    _name, figure, mrr, _zero = line.split()
    return float(figure), float(mrr)


def print_ndcg(args) -> None:
    runs = [("this code", ROOT, url) for url in args.ndcg]
    if args.baseline:
        runs += [(f"baseline {args.baseline}", Path(args.baseline), url) for url in args.baseline_ndcg]
    print(f"\n{'code':<34} {'demo database':<60} {'NDCG@10':>8} {'MRR':>6}")
    for label, root, url in runs:
        figure, mrr = ndcg(root, url)
        print(f"{label:<34} {url.split('@')[-1]:<60} {figure:>8.3f} {mrr:>6.3f}", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument(
        "--es-url", default=os.environ.get("TEST_ELASTICSEARCH_URL", "http://127.0.0.1:59200")
    )
    parser.add_argument("--database-url", default="", help="default: a SQLite file under build/")
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--skip-elasticsearch", action="store_true")
    parser.add_argument("--skip-database", action="store_true")
    parser.add_argument("--skip-reindex", action="store_true", help="reuse the index of a previous run")
    parser.add_argument(
        "--ndcg",
        nargs="*",
        default=[],
        metavar="URL",
        help="demo databases (empty or seeded) to score the database backend's NDCG@10 on",
    )
    parser.add_argument("--baseline", default="", help="an older checkout (git worktree) to score as well")
    parser.add_argument(
        "--baseline-ndcg",
        nargs="*",
        default=[],
        metavar="URL",
        help="demo databases for the baseline's NDCG@10 (not the ones of --ndcg)",
    )
    parser.add_argument("--ndcg-only", action="store_true", help="no latency: only the NDCG@10 figures")
    parser.add_argument("--json", help="also write the latency and reindex figures to this file")
    args = parser.parse_args(argv)
    if args.ndcg_only:
        print_ndcg(args)
        return
    setup(args)

    from django.core.management import call_command
    from django.db import connection

    from adimarko.core.models import Region
    from search.connection import get_client
    from search.documents import alias_name
    from search.reindex import rebuild_index
    from shop.models import Category, Product

    call_command("migrate", verbosity=0, interactive=False)
    existing = Product.objects.public().count()
    if existing != args.products:
        if existing:
            sys.exit(
                f"{connection.settings_dict['NAME']} holds {existing} products, "
                f"not {args.products}: delete it"
            )
        from tests.benchmarks.catalog import generate

        started = time.perf_counter()
        generate(args.products, progress=lambda d, t: bar(d, t, "generating"))
        print(f"catalogue generated in {time.perf_counter() - started:.1f} s")
    from search.rows import ProductSearchRow, product_rows_rebuild

    if ProductSearchRow.objects.count() != args.products:
        started = time.perf_counter()
        product_rows_rebuild(progress=lambda d, t: bar(d, t, "search rows"))
        print(f"search rows built in {time.perf_counter() - started:.1f} s")
    kecamatan = list(Region.objects.kecamatan().values_list("code", flat=True))
    categories = list(Category.objects.filter(parent__isnull=False).values_list("slug", flat=True))

    rows, figures = [], {}
    print(
        f"\n{args.products:,} public products; "
        f"database {connection.vendor} ({connection.settings_dict['NAME']})"
    )

    def add_row(backend, kind, measured, target):
        wall, cpu, took = measured["wall"], measured["cpu"], measured["took"]
        row = {
            "n": len(wall),
            "wall_p50_ms": percentile(wall, 50),
            "wall_p95_ms": percentile(wall, 95),
            "cpu_ms": percentile(cpu, 50),
            "cpu_p95_ms": percentile(cpu, 95),
            "target_p95_ms": target,
        }
        if took:
            row |= {"took_p50_ms": percentile(took, 50), "took_p95_ms": percentile(took, 95)}
        figures[f"{backend} {kind}"] = row
        rows.append((backend, kind, row))

    if not args.skip_elasticsearch:
        client = get_client()
        if not args.skip_reindex or not client.indices.exists_alias(name=alias_name()):
            stats = rebuild_index(progress=lambda d, t: bar(d, t, "indexing"), chunk_size=1000)
            rate = stats["indexed"] / stats["seconds"]
            figures["elasticsearch full reindex"] = {
                "seconds": stats["seconds"],
                "products": stats["indexed"],
                "products_per_s": round(rate),
                "target_s": 60,
            }
            print(f"full reindex with the alias swap: {stats['seconds']:.1f} s, {rate:,.0f} products/s")
        took = EngineTook()
        took.install(client)
        for kind, (fn, inputs) in query_mix("elasticsearch", kecamatan, categories).items():
            add_row("elasticsearch", kind, measure(fn, inputs, args.rounds, took),
                    TARGETS.get(("elasticsearch", kind)))  # fmt: skip
        [node] = client.nodes.stats(metric="jvm")["nodes"].values()
        heap = node["jvm"]["mem"]
        figures["elasticsearch node"] = {"heap_max_mb": round(heap["heap_max_in_bytes"] / 2**20)}
        print(
            f"node heap: max {heap['heap_max_in_bytes'] / 2**20:.0f} MB, "
            f"used {heap['heap_used_in_bytes'] / 2**20:.0f} MB"
        )
    if not args.skip_database:
        from django.conf import settings

        targets = {**TARGETS, **(POSTGRESQL_TARGETS if connection.vendor == "postgresql" else {})}
        # Twice: every search computed (the result cache off), then with the cache on and every distinct
        # search of the mix seen once before (as repeated searches and regional pages meet it).
        for suffix, seconds in (("", 0), (" cached", 300)):
            settings.SEARCH_DATABASE_CACHE_SECONDS = seconds
            for kind, (fn, inputs) in query_mix("database", kecamatan, categories).items():
                if seconds and kind == "autocomplete":
                    continue  # not cached
                for item in inputs if seconds else ():
                    fn(item)
                add_row("database", kind + suffix, measure(fn, inputs, max(20, args.rounds // 4)),
                        targets.get(("database", kind)))  # fmt: skip

    print(
        f"\n{'backend':<14} {'measure':<14} {'n':>5} {'p50 ms':>9} {'p95 ms':>9} {'app CPU p50':>12} "
        f"{'took p50/p95':>13} {'target p95':>11}  ok"
    )
    for backend, kind, row in rows:
        target = row["target_p95_ms"]
        p95 = row["wall_p95_ms"]
        verdict = "" if target is None else ("yes" if p95 <= target else f"NO (+{p95 - target:.0f} ms)")
        target_text = "" if target is None else f"<= {target:,} ms"
        took_text = f"{row['took_p50_ms']:.0f}/{row['took_p95_ms']:.0f}" if "took_p50_ms" in row else ""
        print(
            f"{backend:<14} {kind:<14} {row['n']:>5} {row['wall_p50_ms']:>9.1f} {p95:>9.1f} "
            f"{row['cpu_ms']:>12.1f} {took_text:>13} {target_text:>11}  {verdict}"
        )
    if "elasticsearch full reindex" in figures:
        stats = figures["elasticsearch full reindex"]
        verdict = "yes" if stats["seconds"] <= 60 else f"NO (+{stats['seconds'] - 60:.0f} s)"
        print(f"full reindex: {stats['seconds']:.1f} s ({stats['products_per_s']:,} products/s), "
              f"target <= 60 s: {verdict}")  # fmt: skip
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    if args.json:
        figures["load_average"] = os.getloadavg()[0]
        Path(args.json).write_text(json.dumps(figures, indent=2))
    if args.ndcg:
        print_ndcg(args)


if __name__ == "__main__":
    main()
