"""The harness itself: a service-backed test without its service skips locally and fails under CI=true."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TARGET = "tests/shop/test_stripe_gateway.py::test_checkout_session_is_created_on_the_stripe_api_server"


def run_without_stripe(**env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"CI", "ADIMARKO_REQUIRE_SERVICES", "TEST_STRIPE_API_BASE"}
    } | env
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", TARGET],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_service_skips_on_a_developer_machine():
    result = run_without_stripe()
    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout


@pytest.mark.parametrize("env", [{"CI": "true"}, {"ADIMARKO_REQUIRE_SERVICES": "1"}])
def test_missing_service_fails_under_ci(env):
    result = run_without_stripe(**env)
    assert result.returncode == 1, result.stdout
    assert "stripe-mock is not available" in result.stdout
    assert "1 error" in result.stdout or "1 failed" in result.stdout
