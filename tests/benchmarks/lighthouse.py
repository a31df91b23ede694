"""Lighthouse (mobile) on the key pages of a production-like server: prints Performance, Accessibility and the
bytes transferred (all, and before images) per page, and checks the budgets of the public-site issue.

Run through `bash scripts/lighthouse.sh [PATH ...]` (installs Lighthouse, builds a demo database).
A benchmark, not a test: it prints figures and exits 1 when a budget is missed. With BENCH_JSON=<file> in the
environment it also writes the figures there (tests/benchmarks/run_all.py).

Add pages to PATHS as they are built, or pass paths on the command line.
"""

import json
import os
import socketserver
import subprocess
import sys
import threading
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

BASE_DIR = Path(__file__).resolve().parents[2]
WORK = BASE_DIR / "build" / "lighthouse"

# (path, Performance budget, Accessibility budget)
PATHS = [
    ("/", 90, 95),
    ("/berita/", 90, 95),
    ("/berita/evaluasi-smart-city-adi-marko/", 90, 95),
    ("/kontak/", 90, 95),
    ("/produk/", 90, 95),
    ("/cari/?q=kopi", 90, 95),
    ("/produk/kopi-robusta-bubuk-250-g/", 90, 95),
]
BYTES_BEFORE_IMAGES_BUDGET = 150 * 1024


def _environment() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="adimarko.settings.production",
        SECRET_KEY="lighthouse-benchmark-secret-key-0123456789abcdef",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"sqlite:///{WORK / 'db.sqlite3'}",
        STATIC_ROOT=str(WORK / "static"),
        MEDIA_ROOT=str(WORK / "media"),
        SECURE_SSL_REDIRECT="False",
        SECURE_HSTS_SECONDS="0",
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
    )


class _ThreadedServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def _prepare_site():
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)

    from django.conf import settings
    from django.core.wsgi import get_wsgi_application
    from whitenoise import WhiteNoise

    # Production serves media from a web server or object storage; here WhiteNoise stands in for it, looking
    # files up per request (autorefresh) so renditions made while a page renders are served too.
    application = WhiteNoise(get_wsgi_application(), autorefresh=True)
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    application.add_files(settings.MEDIA_ROOT, prefix=settings.MEDIA_URL)
    return application


def _lighthouse(url: str) -> dict:
    command = [
        os.environ.get("LIGHTHOUSE_BIN", "lighthouse"),
        url,
        "--only-categories=performance,accessibility",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
    ]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed for {url}: {result.stderr[-2000:]}")
    return json.loads(result.stdout)


def _figures(report: dict) -> dict:
    requests = report["audits"]["network-requests"]["details"]["items"]
    origin = "/".join(report["finalDisplayedUrl"].split("/", 3)[:3])  # scheme://host:port
    third_party = {r["url"] for r in requests if not r["url"].startswith(origin)}
    blocking = report["audits"]["render-blocking-resources"].get("details", {}).get("items", [])
    return {
        "performance": round(report["categories"]["performance"]["score"] * 100),
        "accessibility": round(report["categories"]["accessibility"]["score"] * 100),
        "bytes": sum(r.get("transferSize", 0) for r in requests),
        "bytes_before_images": sum(
            r.get("transferSize", 0) for r in requests if r.get("resourceType") != "Image"
        ),
        "requests": len(requests),
        "third_party": len(third_party),
        "lcp_ms": round(report["audits"]["largest-contentful-paint"]["numericValue"]),
        "render_blocking": len(blocking),
        "third_party_render_blocking": sum(1 for item in blocking if not item["url"].startswith(origin)),
    }


def main(argv: list[str]) -> int:
    _environment()
    sys.path.insert(0, str(BASE_DIR))
    paths = [(path, 90, 95) for path in argv] or PATHS
    application = _prepare_site()
    server = make_server(
        "127.0.0.1", 0, application, server_class=_ThreadedServer, handler_class=_QuietHandler
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    print(f"Lighthouse mobile on {base} (production settings, demo data)\n")
    header = (
        f"{'page':45} {'perf':>4} {'a11y':>4} {'KB all':>7} {'KB pre-img':>10} {'req':>4} {'3rd':>3} "
        f"{'block':>5} {'LCP ms':>6}"
    )
    print(header)
    failures, results = [], {}
    try:
        for path, performance_budget, accessibility_budget in paths:
            figures = _figures(_lighthouse(base + path))
            results[f"Lighthouse mobile {path}"] = {
                "performance": figures["performance"],
                "accessibility": figures["accessibility"],
                "bytes_before_images": figures["bytes_before_images"],
                "at_least": {"performance": performance_budget, "accessibility": accessibility_budget},
                "at_most": {"bytes_before_images": BYTES_BEFORE_IMAGES_BUDGET},
            }
            print(
                f"{path:45} {figures['performance']:>4} {figures['accessibility']:>4} "
                f"{figures['bytes'] / 1024:>7.1f} {figures['bytes_before_images'] / 1024:>10.1f} "
                f"{figures['requests']:>4} {figures['third_party']:>3} {figures['render_blocking']:>5} "
                f"{figures['lcp_ms']:>6}",
                flush=True,
            )
            if figures["performance"] < performance_budget:
                failures.append(f"{path}: Performance {figures['performance']} < {performance_budget}")
            if figures["accessibility"] < accessibility_budget:
                failures.append(f"{path}: Accessibility {figures['accessibility']} < {accessibility_budget}")
            if figures["bytes_before_images"] > BYTES_BEFORE_IMAGES_BUDGET:
                failures.append(f"{path}: {figures['bytes_before_images']} bytes before images > 150 KB")
            if figures["third_party_render_blocking"]:
                count = figures["third_party_render_blocking"]
                failures.append(f"{path}: {count} render-blocking third-party requests")
    finally:
        server.shutdown()
    print(
        "\nbudgets: Performance >= 90, Accessibility >= 95, <= 150 KB before images, "
        "no render-blocking third-party request ('block' counts our own stylesheet)"
    )
    print("\n".join(failures) if failures else "all budgets met")
    if os.environ.get("BENCH_JSON"):
        Path(os.environ["BENCH_JSON"]).write_text(json.dumps(results | {"load_average": os.getloadavg()[0]}))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
