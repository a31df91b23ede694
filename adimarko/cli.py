"""The `adimarko` command: a thin wrapper around manage.py.

adimarko demo            migrate, build the demo data, serve on http://127.0.0.1:8000
adimarko seed-demo       build (or refresh) the demo data only
adimarko manage ARGS     any manage.py command
adimarko COMMAND ARGS    shorthand for `adimarko manage COMMAND ARGS` (dashes become underscores)
"""

import os
import sys

USAGE = __doc__


def _manage(argv: list[str]) -> None:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["adimarko", *argv])


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adimarko.settings.dev")
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(USAGE)
        return
    command, rest = argv[0], argv[1:]
    if command == "demo":
        address = rest[0] if rest else "127.0.0.1:8000"
        _manage(["migrate", "--noinput"])
        _manage(["seed_demo"])
        print(f"\nAdi Marko demo: http://{address}/  (logins: see README, 'Demo logins')\n", flush=True)
        _manage(["runserver", address])
    elif command == "manage":
        _manage(rest)
    else:
        _manage([command.replace("-", "_"), *rest])


if __name__ == "__main__":
    main()
