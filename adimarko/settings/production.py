"""Production: PostgreSQL, Elasticsearch, SMTP and Stripe, all from the environment.

`manage.py check --deploy` passes with no warnings when SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL are set.
"""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)

# Emails and search-index updates leave the request: they are queued in the database and run by the worker
# (`adimarko manage db_worker`); a failed task keeps its traceback in the admin's task results.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# The language cookie (set by /i18n/setlang/) only over HTTPS, never read by scripts.
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"  # Wagtail previews override this per view

# --- Client address behind nginx (issue 15: login lockout and rate limits; docs/security/throttling.md).
# nginx (`proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;`) appends the address it saw to the
# header; anything to its left came from the client and is never trusted. AXES_IPWARE_PROXY_COUNT is how many
# of OUR proxies' addresses follow the client's in the header: 0 with nginx alone in front of the app, 1 with
# a load balancer in front of nginx. Not strict: a longer, client-padded header still yields that position.
AXES_IPWARE_META_PRECEDENCE_ORDER = tuple(
    env.list("AXES_IPWARE_META_PRECEDENCE_ORDER", default=["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"])
)
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=0)
IPWARE_STRICT = False
# --- end client address

# WhiteNoise serves static files right after the security middleware (no separate web server needed).
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)

# Hashed names (ManifestStaticFilesStorage) plus gzip copies; WhiteNoise serves the hashed files with
# `Cache-Control: max-age=315360000, public, immutable`, so browsers on slow mobile links fetch them once.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "private": PRIVATE_STORAGE,  # noqa: F405
}

# --- Private file downloads (issue 15): with SENDFILE=nginx the permission-checked views answer with an
# X-Accel-Redirect to an `internal` nginx location serving PRIVATE_MEDIA_ROOT (docs/security/uploads.md).
if env("SENDFILE", default="") == "nginx":
    SENDFILE_BACKEND = "adimarko.core.sendfile_nginx"
    SENDFILE_ROOT = PRIVATE_MEDIA_ROOT  # noqa: F405
    SENDFILE_URL = env("SENDFILE_URL", default="/private-media/")
# --- end private file downloads
