"""Every benchmark in one command: each runs in its own process and writes its figures as JSON; this prints
one table of them (CPU ms per request, SQL queries, wall p50/p95, target, met?) with the machine, its load
average and the date, and writes it to docs/benchmarks/latest.md.

    source /tmp/adimarko-services/env            # PostgreSQL, Elasticsearch, stripe-mock
    bash scripts/bench.sh                        # all, full size (tens of minutes; first runs seed databases)
    bash scripts/bench.sh --quick                # reduced sizes: a smoke run of every benchmark
    bash scripts/bench.sh --only checkout search-es --es-url http://127.0.0.1:59201

Benchmarks (`--only`/`--skip` take these names): checkout (tests/benchmarks/bench_checkout.py, index updates
queued as in production, 100 buyers within 1 s), search-es (search_benchmark.py on Elasticsearch, 100k
products: faceted, autocomplete, full reindex), search-db (search_benchmark.py, database backend on SQLite,
10k), search-pg (the same on PostgreSQL, 100k), pages (bench_pages.py, gunicorn with the production
settings), catalog (bench_catalog.py, in-process), impact (impact_benchmark.py), lighthouse
(scripts/lighthouse.sh). Each writes its log to build/benchmarks/<name>.log. Figures, not assertions: the
table says which targets were met on this run.
Elasticsearch at 100k wants its own 1 GB node (docs/benchmarks.md says how to start one; `--es-url`).
"""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "tests" / "benchmarks"
LOGS = ROOT / "build" / "benchmarks"
LATEST = ROOT / "docs" / "benchmarks" / "latest.md"

ORDER = ["checkout", "search-es", "search-db", "search-pg", "pages", "catalog", "impact", "lighthouse"]


def commands(*, quick: bool, es_url: str, namespace: str) -> dict[str, tuple[list[str], dict]]:
    """name → (argv without --json, extra environment)."""
    py = sys.executable

    # Quick runs keep databases of their own: a benchmark seeded small does not grow to the full size.
    namespace = f"{namespace}_quick" if quick else namespace

    def ns(name):
        return {"ADIMARKO_TEST_NAMESPACE": f"{namespace}_{name}"}

    search_size = ["--products", "2000", "--rounds", "30"] if quick else ["--products", "100000"]
    # PostgreSQL's own full-text search at 100k: a database of its own beside the test database (created
    # and filled on the first run, ~15 minutes; kept).
    # BENCH_SEARCH_PG_URL points at an existing one instead.
    base = os.environ.get("TEST_DATABASE_URL", "postgres://adimarko:adimarko@127.0.0.1:55432/adimarko")
    pg_search_url = os.environ.get("BENCH_SEARCH_PG_URL") or (
        base.rsplit("/", 1)[0] + f"/bench_adimarko_{namespace}_search_pg"
    )
    return {
        "checkout": (
            [py, str(BENCH / "bench_checkout.py"), "--ramp-ms", "1000"]
            + (["--buyers", "20", "--serial", "5"] if quick else ["--buyers", "100"]),
            ns("checkout"),
        ),
        "search-es": (
            [py, str(BENCH / "search_benchmark.py"), "--es-url", es_url, "--skip-database", *search_size],
            {},
        ),
        "search-db": (
            [py, str(BENCH / "search_benchmark.py"), "--skip-elasticsearch"]
            + (["--products", "2000", "--rounds", "30"] if quick else ["--products", "10000"]),
            {},
        ),
        "search-pg": (
            [py, str(BENCH / "search_benchmark.py"), "--skip-elasticsearch", "--database-url", pg_search_url]
            + (["--products", "2000", "--rounds", "30"] if quick else ["--products", "100000"]),
            {},
        ),
        "pages": (
            [py, str(BENCH / "bench_pages.py"), "--namespace", f"{namespace}_pages", "--es-url", es_url]
            + (["--products", "1000", "--rounds", "2", "--requests", "5"] if quick else []),
            {"BENCH_PAGES_PORT": "8798"},  # not the port of someone running bench_pages.py by hand
        ),
        "catalog": (
            [py, str(BENCH / "bench_catalog.py")]
            + (["--products", "1000", "--repeat", "1"] if quick else []),
            ns("catalog"),
        ),
        "impact": (
            [py, str(BENCH / "impact_benchmark.py")] + (["--runs", "2"] if quick else []),
            ns("impact"),
        ),
        "lighthouse": (["bash", str(ROOT / "scripts" / "lighthouse.sh"), *(["/"] if quick else [])], {}),
    }


def run_one(name: str, argv: list[str], env: dict) -> dict:
    """Runs one benchmark in its own process; its output goes to the terminal and to its log. Returns its
    figures ({row: {...}}), or {"<name>": {"error": ...}} when it wrote none."""
    LOGS.mkdir(parents=True, exist_ok=True)
    out = LOGS / f"{name}.json"
    out.unlink(missing_ok=True)
    # lighthouse.sh takes page paths as arguments: its JSON file comes through the environment.
    argv = argv if name == "lighthouse" else [*argv, "--json", str(out)]
    env = {**os.environ, **env, "BENCH_JSON": str(out), "PYTHONUNBUFFERED": "1"}
    started = time.monotonic()
    print(f"\n== {name}: {' '.join(argv)}", flush=True)
    with open(LOGS / f"{name}.log", "w") as log:
        process = subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        for line in process.stdout:
            sys.stdout.write(line)
            log.write(line)
        code = process.wait()
    seconds = time.monotonic() - started
    print(f"== {name}: exit {code} after {seconds:.0f} s", flush=True)
    if not out.exists():
        return {name: {"error": f"no figures (exit {code}; log build/benchmarks/{name}.log)"}}
    return normalise(name, json.loads(out.read_text()))


# bench_pages.py prints no targets: the CPU ms per request under gunicorn with production settings.
PAGE_CPU_TARGETS = {"home": 30, "product": 20, "listing": 25, "search-es": 25}


def normalise(name: str, figures: dict) -> dict:
    """{row name: figures} with the benchmark's name in front; drops the figures that are not rows."""
    rows = {}
    for key, value in figures.items():
        if isinstance(value, dict):
            if name == "pages" and key in PAGE_CPU_TARGETS:
                value = {"target_cpu_ms": PAGE_CPU_TARGETS[key], **value}
            rows[f"{name}: {key}"] = value
    if "load_average" in figures and rows:
        next(iter(rows.values()))["load_average"] = figures["load_average"]
    return rows


def _ms(value) -> str:
    return "" if value is None else f"{value:.1f}"


def _queries(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        low, high = value
        return str(low) if low == high else f"{low}–{high}"
    return str(value)


def checks(figures: dict) -> list[tuple[str, bool]]:
    """(target, met) for every target a row states."""
    out = []
    for key, label, measured in (
        ("target_cpu_ms", "CPU ≤ {} ms", "cpu_ms"),
        ("target_p50_ms", "p50 ≤ {} ms", "wall_p50_ms"),
        ("target_p95_ms", "p95 ≤ {} ms", "wall_p95_ms"),
        ("target_s", "≤ {} s", "seconds"),
    ):
        target = figures.get(key)
        if target is not None and figures.get(measured) is not None:
            out.append((label.format(f"{target:,}"), figures[measured] <= target))
    for measured, target in figures.get("at_least", {}).items():
        out.append((f"{measured} ≥ {target:,}", figures[measured] >= target))
    for measured, target in figures.get("at_most", {}).items():
        out.append((f"{measured} ≤ {target:,}", figures[measured] <= target))
    return out


NOTES = {
    "took_p50_ms": "engine took p50 {:.0f} ms",
    "took_p95_ms": "p95 {:.0f} ms",
    "cpu_p95_ms": "CPU p95 {:.1f} ms",
    "products_per_s": "{:,} products/s",
    "products": "{:,} products",
    "failures": "{} failures",
    "cpu_floor_ms": "CPU floor {:,} ms in one process (GIL)",
    "tasks_backend": "tasks: {}",
    "cpu_ms_in_request": "in-request CPU {:.1f} ms",
    "performance": "Performance {}",
    "accessibility": "Accessibility {}",
    "bytes_before_images": "{:,} B before images",
    "heap_max_mb": "heap {} MB",
    "load_average": "load {:.1f}",
}


def table_rows(results: dict) -> list[list[str]]:
    """One row per figure dict: what | CPU ms/request | queries | wall p50 / p95 | target | met? | notes."""
    rows = []
    for what, figures in results.items():
        if "error" in figures:
            rows.append([what, "", "", "", "", "not run", figures["error"]])
            continue
        if figures.get("seconds") is not None:
            wall = f"{figures['seconds']:.1f} s"
        elif figures.get("wall_p95_ms") is not None:
            wall = f"{_ms(figures.get('wall_p50_ms'))} / {_ms(figures['wall_p95_ms'])}"
        else:
            wall = ""
        verdicts = checks(figures)
        target = "; ".join(label for label, _met in verdicts)
        missed = [label for label, met in verdicts if not met]
        met = "" if not verdicts else ("yes" if not missed else "no")
        notes = ", ".join(template.format(figures[key]) for key, template in NOTES.items() if key in figures)
        rows.append(
            [what, _ms(figures.get("cpu_ms")), _queries(figures.get("queries")), wall, target, met, notes]
        )
    return rows


def python_loop_ms() -> float:
    """This thread's CPU ms for an empty 200,000-step Python loop (best of 5): a yardstick to compare the
    CPU figures of runs on different machines or loads (caches shared with other processes slow it)."""
    best = float("inf")
    for _ in range(5):
        started = time.thread_time()
        for _step in range(200_000):
            pass
        best = min(best, (time.thread_time() - started) * 1000)
    return round(best, 1)


def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        ram_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal:")
        )
    except (OSError, StopIteration):
        ram_kb = 0
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": os.cpu_count(),
        "model": model or platform.processor() or "unknown",
        "ram_gb": round(ram_kb / 2**20, 1),
        "load_average": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        "python": platform.python_version(),
        "loop_ms": python_loop_ms(),
    }


def table_markdown(results: dict, info: dict, *, command: str = "", runs: list[str] = ()) -> str:
    header = ["what", "CPU ms/request", "queries", "wall p50 / p95 ms", "target", "met?", "notes"]
    lines = [
        "# Latest benchmark run",
        "",
        "Written by `tests/benchmarks/run_all.py` (`bash scripts/bench.sh`); figures, not assertions. "
        "Wall times on a shared machine include waiting for a CPU: read them with the load average and the "
        "CPU column.",
        "",
        f"- date: {info['date']}",
        f"- machine: {info['cpus']} CPUs ({info['model']}), {info['ram_gb']} GB RAM, Python {info['python']}",
        f"- load average at the end (1, 5, 15 min): {info['load_average']}",
        f"- CPU yardstick: an empty 200,000-step Python loop took {info['loop_ms']} ms of CPU at the end "
        "(compare runs by it)",
    ]
    if command:
        lines.append(f"- command: `{command}`")
    if runs:
        lines.append(f"- each benchmark's run ended (UTC): {', '.join(runs)}")
    lines += ["", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in table_rows(results):
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    return "\n".join(lines) + "\n"


def write_table(
    results: dict, path: Path = LATEST, *, info: dict | None = None, command: str = "", runs: list[str] = ()
) -> str:
    text = table_markdown(results, info or machine(), command=command, runs=runs)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return text


def print_table(results: dict) -> None:
    header = ["what", "CPU ms", "queries", "wall p50/p95", "target", "met?"]
    rows = [row[:6] for row in table_rows(results)]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="reduced sizes: a smoke run")
    parser.add_argument("--only", nargs="+", choices=ORDER, default=[], metavar="NAME")
    parser.add_argument("--skip", nargs="+", choices=ORDER, default=[], metavar="NAME")
    parser.add_argument(
        "--es-url",
        default=os.environ.get("BENCH_ELASTICSEARCH_URL")
        or os.environ.get("TEST_ELASTICSEARCH_URL", "http://127.0.0.1:59200"),
        help="Elasticsearch for search-es (default $BENCH_ELASTICSEARCH_URL, else $TEST_ELASTICSEARCH_URL)",
    )
    parser.add_argument(
        "--namespace",
        default=os.environ.get("ADIMARKO_TEST_NAMESPACE", "bench"),
        help="prefix of the benchmark databases (bench_adimarko_<namespace>_<name>)",
    )
    parser.add_argument(
        "--table-only",
        action="store_true",
        help="run nothing: the table from the figures the last runs left in build/benchmarks/<name>.json",
    )
    parser.add_argument(
        "--out", default=str(LATEST), help="the Markdown table (default docs/benchmarks/latest.md)"
    )
    args = parser.parse_args(argv)
    names = [name for name in ORDER if (not args.only or name in args.only) and name not in args.skip]
    available = commands(quick=args.quick, es_url=args.es_url, namespace=args.namespace)
    results, runs = {}, []
    for name in names:
        if args.table_only:
            path = LOGS / f"{name}.json"
            if not path.exists():
                continue
            results |= normalise(name, json.loads(path.read_text()))
        else:
            argv_one, env = available[name]
            results |= run_one(name, argv_one, env)
        path = LOGS / f"{name}.json"
        if path.exists():
            finished = datetime.datetime.fromtimestamp(path.stat().st_mtime, datetime.UTC)
            runs.append(f"{name} {finished:%Y-%m-%d %H:%M}")
    (LOGS / "all.json").write_text(json.dumps(results, indent=2))
    command = "bash scripts/bench.sh " + " ".join(argv if argv is not None else sys.argv[1:])
    text = write_table(results, Path(args.out), command=command.strip(), runs=runs)
    print()
    print_table(results)
    print("\n".join(line for line in text.splitlines() if line.startswith("- ")))
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
