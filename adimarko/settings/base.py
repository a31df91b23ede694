"""Settings shared by every environment. Values that differ per deployment come from the environment."""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()
# A local `.env` file is optional; real deployments set variables in the service manager.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="insecure-dev-key-change-me-3c9f0b1e7a")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # The ground floor (users, businesses, regions; app label "adimarko"), then the roof: programme reporting
    # and the demo orchestrator (docs/architecture.md).
    "adimarko.core",
    "adimarko.reporting",
    "adimarko.demo",
    "cms",
    "shop",
    "shop.orders",
    "incubation",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.locales",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",  # login attempts and lockouts (AXES_* below)
    "ninja",  # serves the API docs' Swagger UI from our static files, not a CDN
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "adimarko.core.csp.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a login refused by django-axes into the lockout page
    # (adimarko.core.throttle.lockout_response).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "adimarko.urls"
WSGI_APPLICATION = "adimarko.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "core" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "shop.orders.context_processors.cart_count",
            ],
        },
    },
]

# --- Database: a SQLite file unless DATABASE_URL says otherwise (postgres://… in production) ---
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)

# --- Cache: per process unless CACHE_URL names a shared one (e.g. redis://… or dbcache://…) -------------
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users ---
AUTH_USER_MODEL = "adimarko.User"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "account_profile"
LOGOUT_REDIRECT_URL = "/"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# --- Login lockout (django-axes) and rate limits (django-ratelimit): docs/security/throttling.md ---
# Axes comes first: it refuses a locked-out account or address before any password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
# Locked after AXES_FAILURE_LIMIT wrong passwords for one account, or from one address, within the cool-off;
# the lock lifts by itself AXES_COOLOFF_MINUTES after the last counted failure (failures during a lock are
# not counted, so the wait shown is true). Staff lift it earlier with `manage axes_reset_username <email>`.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_VERBOSE = False  # no "AXES: BEGIN" banner on every manage command
AXES_USERNAME_FORM_FIELD = "username"  # the login forms' field; emails are matched case-insensitively
AXES_USERNAME_CALLABLE = "adimarko.core.throttle.login_username"
AXES_LOCKOUT_CALLABLE = "adimarko.core.throttle.lockout_response"
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)  # production.py reads the proxy's header
RATELIMIT_IP_META_KEY = "adimarko.core.throttle.client_ip"  # the same client address as the login lockout
# "count/period" (s, m, h, d): password reset emails and contact messages per address and per email.
PASSWORD_RESET_RATE_PER_IP = env("PASSWORD_RESET_RATE_PER_IP", default="5/h")
PASSWORD_RESET_RATE_PER_EMAIL = env("PASSWORD_RESET_RATE_PER_EMAIL", default="3/h")
CONTACT_FORM_RATE_PER_IP = env("CONTACT_FORM_RATE_PER_IP", default="10/h")
CONTACT_FORM_RATE_PER_EMAIL = env("CONTACT_FORM_RATE_PER_EMAIL", default="5/h")
# One password reset for everybody, the rate-limited public one (/akun/sandi/reset/): Wagtail's own
# (/admin/password_reset/) is off, so it cannot be used to send unlimited emails.
WAGTAIL_PASSWORD_RESET_ENABLED = False
# How long a business member invitation stays valid.
BUSINESS_INVITATION_DAYS = env.int("BUSINESS_INVITATION_DAYS", default=14)

# --- Internationalisation: Indonesian first, English second ---
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# Page translation: Wagtail's built-in locales and simple_translation (staff copy a page into the other
# language and edit it); see docs/public-site.md.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin speaks the site's languages: each user's Wagtail profile says which (Indonesian unless they chose
# English on /admin/account/; set when the account is created, see adimarko.core.services.user_register), and
# Wagtail renders its workflow emails in each recipient's language.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# No avatars from Gravatar: it would receive a hash of every admin user's email address.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Approving a course (or module) in "Moderasi materi kelas" also publishes its draft modules and lessons.
WAGTAIL_FINISH_WORKFLOW_ACTION = "incubation.classroom.workflow.publish_approved"

# --- Static and media files ---
STATIC_URL = env("STATIC_URL", default="/static/")
STATIC_ROOT = env("STATIC_ROOT", default=str(BASE_DIR / "static_collected"))
MEDIA_URL = env("MEDIA_URL", default="/media/")
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "media"))
# --- Private uploads (issue 15): certification scans, application and assignment files, Wagtail documents.
# Outside MEDIA_ROOT, no public URL; served only by permission-checked views (docs/security/uploads.md).
PRIVATE_MEDIA_ROOT = env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private_media"))
PRIVATE_STORAGE = {
    "BACKEND": "adimarko.core.storage.PrivateFileSystemStorage",
    "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": PRIVATE_STORAGE,
}
# Every document download goes through Wagtail's serve view and its `before_serve_document` hooks.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# --- end private uploads
# Uploads above this size are refused before Pillow opens them.
IMAGE_UPLOAD_MAX_BYTES = env.int("IMAGE_UPLOAD_MAX_BYTES", default=5 * 1024 * 1024)
# Decompression-bomb guard: refuse images with more pixels than this (about 6000 × 4000).
IMAGE_UPLOAD_MAX_PIXELS = env.int("IMAGE_UPLOAD_MAX_PIXELS", default=24_000_000)
DOCUMENT_UPLOAD_MAX_BYTES = env.int("DOCUMENT_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Email ---
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Adi Marko <noreply@adimarko.blitarkab.go.id>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Public site (cms) ---
# Contact form: where messages go when the contact page names no address, and the anti-spam time check.
CONTACT_FORM_RECIPIENTS = env.list("CONTACT_FORM_RECIPIENTS", default=[])
CONTACT_FORM_MIN_SECONDS = env.int("CONTACT_FORM_MIN_SECONDS", default=3)
CONTACT_FORM_MAX_AGE_SECONDS = env.int("CONTACT_FORM_MAX_AGE_SECONDS", default=24 * 3600)

# --- Background tasks (django-tasks, brought by Wagtail 8): emails and search-index updates. Immediate (run
# in the request, after commit) unless configured; production queues them in the database for `db_worker`. ---
TASKS = {
    "default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend")}
}

# --- Search: Elasticsearch when ELASTICSEARCH_URL is set, the database otherwise ---
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", default="adimarko")
ELASTICSEARCH_TIMEOUT = env.float("ELASTICSEARCH_TIMEOUT", default=2.0)
# After a failure, search answers from the database for this many seconds before asking the engine again.
ELASTICSEARCH_RETRY_AFTER = env.float("ELASTICSEARCH_RETRY_AFTER", default=30.0)
# Ask the node to keep each search's whole answer in its shard request cache (dropped when the index changes).
ELASTICSEARCH_REQUEST_CACHE = env.bool("ELASTICSEARCH_REQUEST_CACHE", default=True)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# The database backend keeps each search's counts and ranked ids this many seconds (0: off), keyed by the
# search rows' generation, so any change to the rows starts afresh (search/backends/database.py).
SEARCH_DATABASE_CACHE_SECONDS = env.int("SEARCH_DATABASE_CACHE_SECONDS", default=300)

# --- Payments (Stripe). Off unless a secret key is set; STRIPE_API_BASE points tests at stripe-mock. ---
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="")
STRIPE_TIMEOUT = env.float("STRIPE_TIMEOUT", default=20.0)

# --- Orders: how long checkout holds stock while the buyer pays, and the platform's commission ---
ORDER_RESERVATION_MINUTES = env.int("ORDER_RESERVATION_MINUTES", default=60)
ORDER_COMMISSION_PERCENT = env.int("ORDER_COMMISSION_PERCENT", default=5)

# --- Incubation: how long one mentoring check-in QR code stays valid ---
MENTORING_CHECKIN_MINUTES = env.int("MENTORING_CHECKIN_MINUTES", default=10)

# --- Wagtail ---
WAGTAIL_SITE_NAME = "Adi Marko"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = IMAGE_UPLOAD_MAX_BYTES
WAGTAILIMAGES_MAX_IMAGE_PIXELS = IMAGE_UPLOAD_MAX_PIXELS
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]

# --- Content-Security-Policy (django-csp; adimarko/core/csp.py; docs/security/csp-and-api.md) ---
# No inline script or style on the site and the API docs. Card payment redirects a form POST to Stripe
# Checkout (Chrome applies form-action to that redirect); video blocks embed youtube-nocookie.com.
CSP_MEDIA_ORIGIN = env("CSP_MEDIA_ORIGIN", default="")  # e.g. https://media.example.org when MEDIA_URL is
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([CSP_MEDIA_ORIGIN] if CSP_MEDIA_ORIGIN else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["https://www.youtube-nocookie.com"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'", "https://checkout.stripe.com"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
# Wagtail's admin (and its page previews, framed by the admin) needs inline script and style: it gets this
# relaxed policy instead, replacing the directives named here.
CONTENT_SECURITY_POLICY_ADMIN = {
    "URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "https:"],
        "frame-src": ["'self'", "https:"],
        "frame-ancestors": ["'self'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # django-tasks logs every task's start and end at INFO; failures still show (and stay in the results).
    "loggers": {"django.server": {"level": "WARNING"}, "django_tasks": {"level": "WARNING"}},
}
