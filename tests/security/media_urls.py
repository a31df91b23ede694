"""The site's URLs plus what adimarko/urls.py adds in DEBUG: MEDIA_ROOT served by django.views.static (read at
request time, so a test's MEDIA_ROOT applies). Used to check that no private file is reachable by guessing
a /media/ path."""

import pytest
from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from adimarko.urls import urlpatterns as site_patterns


def debug_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.*)$", debug_media), *site_patterns]


@pytest.fixture
def disk_storages(settings, tmp_path):
    """Public and private uploads on disk, as in development and production, with DEBUG media serving."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {"BACKEND": "adimarko.core.storage.PrivateFileSystemStorage"},
    }
    settings.ROOT_URLCONF = "tests.security.media_urls"
    return tmp_path
