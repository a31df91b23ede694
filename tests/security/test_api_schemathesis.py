"""Schemathesis against /api/v1/openapi.json (issue 15): generated calls, valid and invalid, to each operation
of the app itself (WSGI, in process, on the suite's database). No server error, no status code or content type
the schema does not declare. Bounded and derandomised: a few hundred calls, the same ones every run."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import content_type_conformance, not_a_server_error, status_code_conformance

from tests.search.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance]
EXAMPLES = {GenerationMode.POSITIVE: 50, GenerationMode.NEGATIVE: 50}  # per operation: under a minute in all


@pytest.fixture
def catalogue():
    """A few public products in two categories, so filters and pages have something to find."""
    kopi, madu = CategoryFactory(name="Kopi"), CategoryFactory(name="Madu")
    return [ProductFactory(category=kopi if i % 2 else madu, price=10_000 + 1_000 * i) for i in range(5)]


@pytest.fixture
def wsgi_app():
    """The app as WSGI, with requests inside the test's transaction: like Django's test client, do not close
    the connection at the end of each request."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _exercise(operation, mode: GenerationMode) -> None:
    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        case.call_and_validate(checks=CHECKS)

    run()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
def test_api_conforms_to_its_schema(catalogue, wsgi_app, mode):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {operation.path for operation in operations} == {
        "/api/v1/search",
        "/api/v1/facets",
        "/api/v1/autocomplete",
        "/api/v1/products",
        "/api/v1/products/{slug}",
    }
    for operation in operations:
        _exercise(operation, mode)
