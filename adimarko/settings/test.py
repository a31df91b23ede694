"""Test settings: fast hashing, immediate tasks, in-memory email.

The real services come from scripts/services.sh through TEST_* variables: TEST_DATABASE_URL runs the whole
suite on PostgreSQL, TEST_ELASTICSEARCH_URL and TEST_STRIPE_API_BASE reach the search node and stripe-mock.
"""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production-4f1d2c"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ALLOWED_HOSTS = ["*"]

DATABASES = {"default": env.db("TEST_DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'test.sqlite3'}")}
ELASTICSEARCH_URL = os.environ.get("TEST_ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = "adimarko-test"

# Several checkouts of the project can share one PostgreSQL server and Elasticsearch node (parallel
# branches, parallel CI jobs): a namespace keeps their test databases and indices apart.
TEST_NAMESPACE = os.environ.get("ADIMARKO_TEST_NAMESPACE", "")
if TEST_NAMESPACE:
    if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        DATABASES["default"]["TEST"] = {"NAME": f"test_adimarko_{TEST_NAMESPACE}"}
    ELASTICSEARCH_INDEX_PREFIX = f"adimarko-test-{TEST_NAMESPACE}"
STRIPE_API_BASE = os.environ.get("TEST_STRIPE_API_BASE", "")
# stripe-mock accepts any key of the right shape.
STRIPE_SECRET_KEY = "sk_test_123" if STRIPE_API_BASE else ""
STRIPE_WEBHOOK_SECRET = "whsec_test_adimarko"

MEDIA_ROOT = str(BASE_DIR / "build" / "test-media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {"BACKEND": "adimarko.core.storage.PrivateInMemoryStorage"},  # issue 15: private uploads
}

# Template fragments (the public site's cached menu and footer) are not cached in tests, so counts of queries
# and page contents do not depend on test order; tests/cms enables a real cache where it tests the caching.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "template_fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
# Likewise the database search's result cache: tests/search/test_database_cache.py turns it on.
SEARCH_DATABASE_CACHE_SECONDS = 0
