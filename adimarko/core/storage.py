"""Private file storage: uploads that only permission-checked views may serve.

`STORAGES["private"]` is a storage outside MEDIA_ROOT without a public URL (`url()` refuses). Certification
scans, application documents, assignment files and Wagtail documents live there; the views
in adimarko/core/views/files.py, incubation/views and Wagtail's document serve view stream them after their
checks. See docs/security/uploads.md.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.files.storage import FileSystemStorage, InMemoryStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils._os import safe_join
from django.utils.functional import LazyObject, empty


class PrivateStorageMixin:
    def url(self, name):
        raise NotImplementedError("Private files have no public URL; link to their permission-checked view.")


class PrivateFileSystemStorage(PrivateStorageMixin, FileSystemStorage):
    """Files on disk under PRIVATE_MEDIA_ROOT (never under MEDIA_ROOT, which may be published)."""

    def __init__(self, location=None, **kwargs):
        super().__init__(location=location or settings.PRIVATE_MEDIA_ROOT, base_url=None, **kwargs)


class PrivateInMemoryStorage(PrivateStorageMixin, InMemoryStorage):
    """The test settings' private storage. No local path: views stream the file (as for a remote storage)."""

    def path(self, name):
        raise NotImplementedError("In-memory files have no local path.")

    def _relative_path(self, name):  # InMemoryStorage resolves names through path(); do it without
        return os.path.relpath(safe_join(self.location, name), self.location)


class _PrivateFiles(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


private_files = _PrivateFiles()


def private_storage():
    """For `FileField(storage=private_storage)`: resolves STORAGES["private"] lazily (also after a test's
    override_settings)."""
    return private_files


@receiver(setting_changed)
def _private_storage_changed(*, setting, **kwargs):
    if setting in ("STORAGES", "PRIVATE_MEDIA_ROOT"):
        private_files._wrapped = empty


def wagtail_documents_use_private_storage() -> None:
    """Wagtail's Document keeps its files in the default (public) storage; ours go to the private one, so a
    document is only reachable through Wagtail's serve view and its `before_serve_document` hooks.

    The storage is a runtime choice like STORAGES, not a schema change: the field still deconstructs without
    it, so Wagtail's own migrations stay as they are (no swappable document model needed)."""
    from wagtail.documents import get_document_model

    field = get_document_model()._meta.get_field("file")
    if field.storage is private_files:
        return
    field.storage = private_files
    deconstruct = field.deconstruct

    def deconstruct_without_storage():
        name, path, args, kwargs = deconstruct()
        kwargs.pop("storage", None)
        return name, path, args, kwargs

    field.deconstruct = deconstruct_without_storage


@checks.register(checks.Tags.security, deploy=False)
def check_private_media_root(app_configs=None, **kwargs):
    """PRIVATE_MEDIA_ROOT inside MEDIA_ROOT would publish private files wherever MEDIA_ROOT is served."""
    private, media = getattr(settings, "PRIVATE_MEDIA_ROOT", ""), settings.MEDIA_ROOT
    if not private or not media:
        return []
    private_path, media_path = Path(private).resolve(), Path(media).resolve()
    if private_path == media_path or media_path in private_path.parents:
        return [
            checks.Error(
                "PRIVATE_MEDIA_ROOT is inside MEDIA_ROOT: private uploads would be public.",
                hint="Set PRIVATE_MEDIA_ROOT to a directory outside MEDIA_ROOT.",
                id="adimarko.E015",
            )
        ]
    return []
