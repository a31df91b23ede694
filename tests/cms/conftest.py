import pytest

from cms.wagtail_hooks import fragment_cache


@pytest.fixture(autouse=True)
def _fresh_fragment_cache():
    """Cached navigation and footer fragments must not leak from one test into another."""
    fragment_cache().clear()
    yield
    fragment_cache().clear()
