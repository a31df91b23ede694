"""Local development: the embedded default (SQLite, database search, console email; `adimarko demo` writes
its emails to files under EMAIL_FILE_PATH instead)."""

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = env.bool("DEBUG", default=True)
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# Used by the file email backend, which `adimarko demo` and `adimarko seed-demo` choose (adimarko/cli.py).
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(BASE_DIR / "build" / "demo-mail"))
