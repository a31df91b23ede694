import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_fragment_cache():
    """Cached navigation and footer fragments must not leak from one test into another."""
    cache.clear()
    yield
    cache.clear()
