"""Public pages under gunicorn with the production settings: CPU ms per request and SQL queries, warm, at
10,000 products on PostgreSQL (home, product page, listing at 12/24/48/96 per page, storefront, search).

Prints medians; it is not a test and asserts nothing. Run:

    source /tmp/adimarko-services/env   # or set TEST_DATABASE_URL to a PostgreSQL server
    .venv/bin/python tests/benchmarks/bench_pages.py [--products 10000] [--rounds 5] [--requests 20] [--cold]

Entry point for other tools: `run(*, products=10_000, rounds=5, requests=20, namespace="pages", fresh=False,
cold=False, checkout=None, es_url="", out=print) -> dict` (figures by page: cpu_ms, queries, and with
cold=True the first request's seconds after a deploy). `checkout` is another work tree of the project (a
`git worktree` of an older commit) to measure with the same script.

How: a child process (this file with --prepare, test settings) creates and seeds its own database
bench_adimarko_<namespace> once (the demo, then 10,000 products as tests/benchmarks/bench_catalog.py seeds
them) and makes the renditions (`manage.py renditions_backfill` where the checkout has it); static files are
collected once. Then gunicorn serves the checkout with adimarko.settings.production (one sync worker;
tests/benchmarks/gunicorn_pages.py logs each request's queries). Each page is requested a few times to warm it
up, then `rounds` times `requests` times; the worker's CPU time is read from /proc/<pid>/schedstat
(nanoseconds; /proc/<pid>/stat otherwise) before and after each round and divided by the requests: the median
of the rounds is printed.
With --es-url the database is indexed into that Elasticsearch node (prefix adimarko-bench-pages-<namespace>)
and /cari/ is measured once more with the engine answering ("search-es"; the "search" row is the database
backend). With --cold the renditions are deleted, gunicorn restarted, and the first request to each page is
timed (a fresh deploy's first visitor). That is done last; the next run makes the renditions again.
"""

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parents[2]
GUNICORN_CONFIG = HERE.with_name("gunicorn_pages.py")
PORT = int(os.environ.get("BENCH_PAGES_PORT", "8797"))  # run_all.py gives its own
SIZES = (12, 24, 48, 96)


# --- The child process: database, seed, static files, renditions, URLs ------------------------------------
def _prepare(namespace: str, products: int, fresh: bool, cold: bool) -> None:
    sys.path.insert(0, str(Path.cwd()))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adimarko.settings.test")
    os.environ["TEST_ELASTICSEARCH_URL"] = ""
    import django
    from django.conf import settings

    media = Path.cwd() / "build" / f"bench-media-{namespace}"
    settings.MEDIA_ROOT = str(media)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(media)},
        },
    }
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    connection.settings_dict["TEST"]["NAME"] = f"bench_adimarko_{namespace}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=not fresh)
    from shop.models import Product

    if not Product.objects.exists():
        from adimarko.demo.orchestrator import build_demo

        print("building the demo …", file=sys.stderr, flush=True)
        build_demo()
        _images_on_cms_pages()
    if Product.objects.count() < products:
        from tests.benchmarks.bench_catalog import _seed

        _seed(Product.objects.count() + products - Product.objects.filter(sku__startswith="B-").count())
    from wagtail.images import get_image_model

    renditions = get_image_model().get_rendition_model().objects
    if cold:
        renditions.all().delete()
    else:
        try:
            call_command("renditions_backfill", verbosity=0)
        except Exception as exc:  # an older checkout has no such command: renditions are made on first use
            print(f"no renditions_backfill: {exc}", file=sys.stderr)
    print(json.dumps(_urls() | {"database": connection.settings_dict["NAME"], "media": str(media)}))


def _images_on_cms_pages() -> None:
    """A hero image on the home pages and a photo on every news article, as an editor would add them."""
    import io

    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    from cms.models import HomePage, NewsPage
    from tests.factories import image_bytes

    Image = get_image_model()

    def image(title, color):
        return Image.objects.create(
            title=title,
            file=ImageFile(io.BytesIO(image_bytes("JPEG", (1600, 1000), color=color)), name="b.jpg"),
        )

    hero = image("Hero", (200, 120, 40))
    for page in HomePage.objects.all():
        page.hero_image = hero
        page.save_revision().publish()
    for n, page in enumerate(NewsPage.objects.all()):
        page.image = image(f"Berita {n}", (40, 90 + n, 160))
        page.save_revision().publish()


def _urls() -> dict:
    from django.urls import reverse

    from adimarko.core.models import Business
    from shop.models import Product

    slugs = list(
        Product.objects.public().filter(photos__isnull=False).order_by("pk").values_list("slug", flat=True)
    )
    business = Business.objects.filter(storefront__isnull=False, products__status="approved").first()
    return {
        "home": ["/"],
        "product": [
            reverse("product_detail", args=[slug]) for slug in slugs[:: max(1, len(slugs) // 20)][:20]
        ],
        "listing": [reverse("product_list")],
        "storefront": [reverse("storefront_detail", args=[business.slug])] if business else [],
        "search": [reverse("search") + "?q=kopi", reverse("search") + "?q=keripik+pisang"],
    }


# --- The parent: gunicorn, requests, CPU ----------------------------------------------------------------
def _worker_cpu_ns(master_pid: int) -> int:
    total = 0
    for child in Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split():
        schedstat = Path(f"/proc/{child}/schedstat")
        if schedstat.exists():
            total += int(schedstat.read_text().split()[0])
        else:
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) * 1_000_000_000 // os.sysconf("SC_CLK_TCK")
    return total


def _get(path: str, timeout: float = 120) -> tuple[int, float]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        status = 0
    return status, time.perf_counter() - start


class _Server:
    def __init__(self, checkout: Path, env: dict, page_size: int | None = None):
        self.checkout, self.env = checkout, dict(env)
        if page_size:
            self.env["BENCH_PAGE_SIZE"] = str(page_size)

    def __enter__(self):
        command = [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONFIG), "-b", f"127.0.0.1:{PORT}"]
        self.process = subprocess.Popen(
            [*command, "tests.benchmarks.bench_pages:application"], cwd=self.checkout, env=self.env
        )
        for _ in range(300):
            time.sleep(0.2)
            if _get("/health/", timeout=5)[0] == 200:
                return self
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


_django_application = None


def application(environ, start_response):
    """The WSGI app gunicorn serves: the checkout's adimarko.wsgi, with the listing's page size from
    BENCH_PAGE_SIZE (the views' module constant; the page's query string cannot change it)."""
    global _django_application
    if _django_application is None:
        from adimarko.wsgi import application as django_application

        if size := os.environ.get("BENCH_PAGE_SIZE"):
            from shop.views import public

            public.PAGE_SIZE = int(size)
        _django_application = django_application
    return _django_application(environ, start_response)


def _measure(server: _Server, paths: list[str], *, rounds: int, requests: int, log: Path) -> dict:
    for path in paths:  # warm-up; an older checkout makes renditions now, maybe past gunicorn's timeout
        for _ in range(8):
            if _get(path)[0] == 200:
                break
        for _ in range(2):
            _get(path)
    master = server.process.pid
    per_round = []
    log.write_text("")
    for _ in range(rounds):
        before = _worker_cpu_ns(master)
        count = 0
        for n in range(requests):
            status, _seconds = _get(paths[n % len(paths)])
            assert status == 200, (paths[n % len(paths)], status)
            count += 1
        per_round.append((_worker_cpu_ns(master) - before) / count / 1e6)
    rows = [line.split("\t") for line in log.read_text().splitlines()]
    queries = sorted(int(row[2]) for row in rows)
    in_worker = [int(row[3]) / 1e6 for row in rows]
    return {
        "cpu_ms": round(statistics.median(per_round), 1),
        "cpu_ms_rounds": [round(v, 1) for v in per_round],
        "cpu_ms_in_request": round(statistics.median(in_worker), 1),
        "queries": [queries[0], queries[-1]],
    }


def run(
    *,
    products: int = 10_000,
    rounds: int = 5,
    requests: int = 20,
    namespace: str = "pages",
    fresh: bool = False,
    cold: bool = False,
    checkout: str | Path | None = None,
    es_url: str = "",
    out=print,
) -> dict:
    """Measure the public pages; return {page: {"cpu_ms", "queries", …}} and print a table with `out`."""
    checkout = Path(checkout or ROOT).resolve()
    database_url = os.environ.get("TEST_DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        raise SystemExit("Set TEST_DATABASE_URL to a PostgreSQL server (source /tmp/adimarko-services/env).")
    prepare = [sys.executable, str(HERE), "--prepare", "--namespace", namespace, "--products", str(products)]
    env = {**os.environ, "PYTHONPATH": str(checkout), "TEST_ELASTICSEARCH_URL": ""}
    urls = json.loads(
        subprocess.run(
            prepare + (["--fresh"] if fresh else []), cwd=checkout, env=env, check=True, capture_output=True,
            text=True,
        ).stdout.splitlines()[-1]
    )  # fmt: skip
    base, _sep, _name = database_url.rpartition("/")
    log = Path(f"/tmp/bench-pages-{namespace}-{os.getpid()}.log")
    server_env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "adimarko.settings.production",
        "SECRET_KEY": "bench-pages-not-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"{base}/{urls['database']}",
        "SECURE_SSL_REDIRECT": "false",
        "MEDIA_ROOT": urls["media"],
        "STATIC_ROOT": str(checkout / "build" / f"bench-static-{namespace}"),
        "ELASTICSEARCH_URL": "",
        "BENCH_REQUEST_LOG": str(log),
    }
    if not (Path(server_env["STATIC_ROOT"]) / "staticfiles.json").exists():
        collect = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"]
        subprocess.run(collect, cwd=checkout, env=server_env, check=True)
    results: dict = {}
    out(f"checkout {checkout} ({_commit(checkout)}), {products} products, gunicorn, production settings")
    with _Server(checkout, server_env) as server:
        for page in ("home", "product", "listing", "storefront", "search"):
            if urls[page]:
                results[page] = _measure(server, urls[page], rounds=rounds, requests=requests, log=log)
    if es_url:  # /cari/ once more, answered by Elasticsearch: the bench database indexed under its own prefix
        es_env = {**server_env, "ELASTICSEARCH_URL": es_url,
                  "ELASTICSEARCH_INDEX_PREFIX": f"adimarko-bench-pages-{namespace}"}  # fmt: skip
        reindex = [sys.executable, "manage.py", "search_reindex"]
        subprocess.run(reindex, cwd=checkout, env=es_env, check=True, capture_output=True)
        with _Server(checkout, es_env) as server:
            results["search-es"] = _measure(server, urls["search"], rounds=rounds, requests=requests, log=log)
    for size in SIZES:
        with _Server(checkout, server_env, page_size=size) as server:
            results[f"listing-{size}"] = _measure(
                server, urls["listing"], rounds=rounds, requests=max(10, requests // 2), log=log
            )
    for page, figures in results.items():
        out(
            f"{page:<12} CPU {figures['cpu_ms']:6.1f} ms/request (rounds {figures['cpu_ms_rounds']}; "
            f"in-request {figures['cpu_ms_in_request']:.1f})  "
            f"SQL queries {figures['queries'][0]}–{figures['queries'][1]}"
        )
    small, large = results["listing-12"]["cpu_ms"], results["listing-96"]["cpu_ms"]
    out(f"listing growth: {(large - small) / (96 - 12):.2f} ms per extra card (12 → 96)")
    if cold:
        subprocess.run(prepare + ["--cold"], cwd=checkout, env=env, check=True, capture_output=True)
        with _Server(checkout, server_env) as server:
            for page in ("home", "listing", "product", "storefront", "search"):
                if urls[page]:
                    status, seconds = _get(urls[page][0], timeout=120)
                    results.setdefault(page, {})["cold_first_request_s"] = round(seconds, 2)
                    out(f"{page:<12} first request, no renditions: {seconds:.2f} s (HTTP {status})")
    log.unlink(missing_ok=True)
    return results


def _commit(checkout: Path) -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=checkout, capture_output=True, text=True
    )
    return done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=20, help="requests per round and page")
    parser.add_argument("--namespace", default=os.environ.get("ADIMARKO_TEST_NAMESPACE", "pages"))
    parser.add_argument("--fresh", action="store_true", help="drop the benchmark database and seed again")
    parser.add_argument("--cold", action="store_true", help="also time the first requests without renditions")
    parser.add_argument("--checkout", help="another work tree of the project to measure (default: this one)")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--es-url", default="", help="also measure /cari/ answered by this Elasticsearch")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        _prepare(args.namespace, args.products, args.fresh, args.cold)
        return
    results = run(
        products=args.products, rounds=args.rounds, requests=args.requests, namespace=args.namespace,
        fresh=args.fresh, cold=args.cold, checkout=args.checkout, es_url=args.es_url,
    )  # fmt: skip
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
