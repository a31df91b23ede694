"""Settings, CLI and gates that a fresh deployment relies on."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from adimarko import cli

ROOT = Path(__file__).resolve().parents[2]


def run(args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")} | env
    return subprocess.run(args, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)


def test_production_settings_pass_check_deploy_without_warnings():
    result = run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SETTINGS_MODULE="adimarko.settings.production",
        SECRET_KEY="x" * 20 + "-production-secret-with-enough-entropy-1234567890",
        ALLOWED_HOSTS="adimarko.blitarkab.go.id",
        DATABASE_URL="postgres://adimarko:secret@127.0.0.1:5432/adimarko",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run(
        [sys.executable, "manage.py", "check"], DJANGO_SETTINGS_MODULE="adimarko.settings.production"
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_cli_help_lists_the_commands(capsys):
    cli.main(["--help"])
    out = capsys.readouterr().out
    for command in ("adimarko demo", "adimarko seed-demo", "adimarko manage"):
        assert command in out


def test_cli_runs_manage_commands():
    result = run(["adimarko", "manage", "check"], DJANGO_SETTINGS_MODULE="adimarko.settings.test")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    shorthand = run(["adimarko", "check"], DJANGO_SETTINGS_MODULE="adimarko.settings.test")
    assert shorthand.returncode == 0, shorthand.stderr


@pytest.mark.parametrize("settings_module", ["adimarko.settings.dev", "adimarko.settings.test"])
def test_migrations_are_committed(settings_module):
    result = run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        DJANGO_SETTINGS_MODULE=settings_module,
    )
    assert result.returncode == 0, result.stdout + result.stderr
