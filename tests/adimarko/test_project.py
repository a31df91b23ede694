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


def _demo_calls(monkeypatch, *, reloader_child: bool, argv=("demo", "127.0.0.1:8123")):
    """Run `adimarko demo` with manage.py commands recorded instead of run; returns the commands."""
    calls = []
    monkeypatch.setattr(cli, "_manage", calls.append)
    monkeypatch.setattr(os, "environ", {**os.environ, "DJANGO_SETTINGS_MODULE": cli.DEV_SETTINGS})
    os.environ.pop("EMAIL_BACKEND", None)
    if reloader_child:
        os.environ[cli.RELOADER_CHILD] = "true"
    else:
        os.environ.pop(cli.RELOADER_CHILD, None)
    cli.main(list(argv))
    return calls


def test_cli_demo_migrates_and_seeds_once_then_serves(monkeypatch, capsys):
    calls = _demo_calls(monkeypatch, reloader_child=False)
    assert calls == [
        ["migrate", "--noinput", "--verbosity", "0"],
        ["seed_demo"],
        ["serve_demo", "127.0.0.1:8123"],
    ]
    assert os.environ["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"


def test_cli_demo_in_the_reloaders_child_only_serves(monkeypatch):
    """Django's autoreloader starts the server again from the same command line with RUN_MAIN=true (and
    again on every code change): that child must not migrate or build the demo a second time."""
    assert cli.RELOADER_CHILD == __import__("django.utils.autoreload").utils.autoreload.DJANGO_AUTORELOAD_ENV
    assert _demo_calls(monkeypatch, reloader_child=True) == [["serve_demo", "127.0.0.1:8123"]]
    assert _demo_calls(monkeypatch, reloader_child=True, argv=("demo",)) == [["serve_demo", "127.0.0.1:8000"]]


def test_cli_demo_keeps_an_email_backend_chosen_in_the_environment(monkeypatch):
    calls = []
    monkeypatch.setattr(cli, "_manage", calls.append)
    monkeypatch.setattr(
        os,
        "environ",
        {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": cli.DEV_SETTINGS,
            "EMAIL_BACKEND": "x.Backend",
            "RUN_MAIN": "true",
        },
    )
    cli.main(["demo"])
    assert os.environ["EMAIL_BACKEND"] == "x.Backend"


def test_serve_demo_ends_its_start_up_with_the_url_and_the_logins(settings):
    from io import StringIO

    from adimarko.core.demo import DEMO_LOGINS, DEMO_PASSWORD
    from adimarko.demo.management.commands.serve_demo import Command

    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = "/tmp/demo-mail"
    out = StringIO()
    command = Command(stdout=out, no_color=True)
    command.addr, command._raw_ipv6, command.protocol = "127.0.0.1", False, "http"
    command.on_bind(8123)
    lines = out.getvalue().rstrip("\n").splitlines()
    assert lines[-1] == "Adi Marko demo: http://127.0.0.1:8123/"
    assert lines[-2 - len(DEMO_LOGINS)] == f"Demo logins (password {DEMO_PASSWORD}):"
    assert [line.split()[0] for line in lines[-1 - len(DEMO_LOGINS) : -1]] == [
        login.email for login in DEMO_LOGINS
    ]
    assert "Emails sent by the demo: /tmp/demo-mail/ (one .log file per sending)" in lines
