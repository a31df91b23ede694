"""Fixtures shared by the security tests."""

from tests.security.media_urls import disk_storages  # noqa: F401 (upload tests: files on disk, DEBUG media)
