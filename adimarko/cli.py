"""The `adimarko` command: a thin wrapper around manage.py.

adimarko demo [ADDR]     migrate, build the demo data (once), serve on http://127.0.0.1:8000
adimarko seed-demo       build (or refresh) the demo data only
adimarko manage ARGS     any manage.py command
adimarko COMMAND ARGS    shorthand for `adimarko manage COMMAND ARGS` (dashes become underscores)

The demo's emails are written to build/demo-mail/ (one .log file per sending), not printed.
"""

import os
import sys

USAGE = __doc__
DEFAULT_ADDRESS = "127.0.0.1:8000"
DEV_SETTINGS = "adimarko.settings.dev"
# Django's autoreloader runs the server in a child process started again from this very command line, with
# this variable set to "true" (django.utils.autoreload.DJANGO_AUTORELOAD_ENV). The child only serves: the
# parent has already migrated and seeded, and a reload must not do it again.
RELOADER_CHILD = "RUN_MAIN"


def _manage(argv: list[str]) -> None:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["adimarko", *argv])


def _demo_mail_to_files() -> None:
    """The demo's emails (~160 while seeding) go to files under EMAIL_FILE_PATH (dev settings:
    build/demo-mail/), where a person can read them, instead of flooding the terminal. An EMAIL_BACKEND set
    in the environment wins."""
    if os.environ["DJANGO_SETTINGS_MODULE"] == DEV_SETTINGS:
        os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")


def demo(address: str) -> None:
    """Migrate and seed once, then serve. The reloader's child (and every reload) only serves."""
    _demo_mail_to_files()
    if os.environ.get(RELOADER_CHILD) != "true":
        print("Migrating the database…", flush=True)
        _manage(["migrate", "--noinput", "--verbosity", "0"])
        print("Building the demo data (about a minute on a fresh database)…", flush=True)
        _manage(["seed_demo"])
    # serve_demo is runserver ending its start-up with the demo's URL and logins.
    _manage(["serve_demo", address])


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEV_SETTINGS)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(USAGE)
        return
    command, rest = argv[0], argv[1:]
    if command == "demo":
        demo(rest[0] if rest else DEFAULT_ADDRESS)
    elif command == "manage":
        _manage(rest)
    else:
        if command == "seed-demo":
            _demo_mail_to_files()
        _manage([command.replace("-", "_"), *rest])


if __name__ == "__main__":
    main()
