"""Checks for the real services the suite uses, and the record of versions printed at the end of a run.

A test marked `postgres`, `elasticsearch`, `stripe` or `browser` needs that service. Without it the test skips
on a developer's machine running plain `pytest`, and FAILS when CI=true or under scripts/test.sh: a run that
claims to cover the services must never pass without having exercised them.
"""

import json
import os
import shutil
import subprocess
import urllib.error
import urllib.request

import pytest

# CI=true (set by CI) or ADIMARKO_REQUIRE_SERVICES=1 (set by scripts/test.sh, which starts the services).
IN_CI = os.environ.get("CI", "").lower() == "true" or os.environ.get("ADIMARKO_REQUIRE_SERVICES") == "1"

# service name -> version string, filled in by the checks that ran.
USED: dict[str, str] = {}


def unavailable(service: str, reason: str):
    message = f"{service} is not available: {reason}. Start it with `bash scripts/services.sh start`."
    if IN_CI:
        pytest.fail(f"[CI=true] {message}", pytrace=False)
    pytest.skip(message)


def check_postgres() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        unavailable("PostgreSQL", f"the suite runs on {connection.vendor}; set TEST_DATABASE_URL")
    if "postgresql" not in USED:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            USED["postgresql"] = cursor.fetchone()[0]


def elasticsearch_url() -> str:
    return os.environ.get("TEST_ELASTICSEARCH_URL", "")


def check_elasticsearch() -> None:
    url = elasticsearch_url()
    if not url:
        unavailable("Elasticsearch", "TEST_ELASTICSEARCH_URL is not set")
    from elasticsearch import Elasticsearch

    try:
        # The integ-test-zip node answers 405 to `GET /` (client.info()), so read the local node's info.
        nodes = Elasticsearch(url, request_timeout=5).nodes.info(node_id="_local", metric="_none")
    except Exception as exc:  # connection refused, timeout, ...
        unavailable("Elasticsearch", f"{url} did not answer ({exc.__class__.__name__})")
    [node] = nodes["nodes"].values()
    USED["elasticsearch"] = (
        f"{node['version']} (build {node.get('build_flavor', node.get('build_type', '?'))})"
    )


def stripe_api_base() -> str:
    return os.environ.get("TEST_STRIPE_API_BASE", "")


def check_stripe() -> None:
    base = stripe_api_base()
    if not base:
        unavailable("stripe-mock", "TEST_STRIPE_API_BASE is not set")
    request = urllib.request.Request(f"{base}/v1/customers", headers={"Authorization": "Bearer sk_test_123"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            version = response.headers.get("Stripe-Mock-Version", "")
    except (urllib.error.URLError, OSError) as exc:
        unavailable("stripe-mock", f"{base} did not answer ({exc})")
    # A `go install` build reports "master"; scripts/services.sh reads the module version from the binary.
    declared = dict(
        item.strip().split(" ", 1)
        for item in os.environ.get("SERVICES_VERSIONS", "").split(";")
        if " " in item.strip()
    )
    USED["stripe-mock"] = f"{declared.get('stripe-mock', version or '?')} at {base}"


def chromium_path() -> str:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or ""


def check_browser() -> None:
    path = chromium_path()
    if not path or not os.path.exists(path):
        unavailable("Chromium", "install Debian's chromium package")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("Playwright", "pip install playwright")


def vnu_command() -> list[str]:
    """The Nu HTML Checker command line (scripts/site_tools.sh installs it: VNU_JAVA, VNU_CLASSPATH)."""
    java, classpath = os.environ.get("VNU_JAVA", ""), os.environ.get("VNU_CLASSPATH", "")
    return [java, "-cp", classpath, "nu.validator.client.SimpleCommandLineValidator"]


def vnu_errors(files) -> list[str]:
    """Nu HTML Checker errors in `files` ((name, path) pairs), each as "name line N: message"."""
    result = subprocess.run(
        [*vnu_command(), "--format", "json", *(str(path) for _name, path in files)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    by_file = {str(path): name for name, path in files}
    return [
        f"{by_file.get(m['url'].removeprefix('file:'), m['url'])} line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]


def check_vnu() -> None:
    java, classpath = os.environ.get("VNU_JAVA", ""), os.environ.get("VNU_CLASSPATH", "")
    if not java or not os.path.exists(java):
        unavailable("Nu HTML Checker", "VNU_JAVA is not set; run `bash scripts/site_tools.sh`")
    jar_dir = os.path.dirname(classpath)
    if not classpath or not os.path.exists(os.path.join(jar_dir, ".complete")):
        unavailable(
            "Nu HTML Checker", "VNU_CLASSPATH is not set or incomplete; run `bash scripts/site_tools.sh`"
        )
    version = next((name for name in os.listdir(jar_dir) if name.startswith("validator-")), "validator-?")
    USED["vnu"] = version.removeprefix("validator-").removesuffix(".jar")


def axe_core_path() -> str:
    path = os.environ.get("AXE_CORE_JS", "")
    if not path or not os.path.exists(path):
        unavailable("axe-core", "AXE_CORE_JS is not set; run `bash scripts/site_tools.sh`")
    return path


CHECKS = {
    "postgres": check_postgres,
    "elasticsearch": check_elasticsearch,
    "stripe": check_stripe,
    "browser": check_browser,
    "vnu": check_vnu,
}
