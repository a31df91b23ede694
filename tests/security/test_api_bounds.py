"""Bad numbers and strings in the API and the staff impact pages: a clear 4xx, never a 500 (issue 15, items 6
and 10). Every number is bounded, only Western digits count as digits, and the OpenAPI schema declares the
422 and 404 the API really answers."""

import pytest
from django.test import Client

from tests.factories import staff_user
from tests.search.factories import ProductFactory

pytestmark = pytest.mark.django_db

HUGE = "9" * 23


@pytest.fixture
def client():
    # A 500 must show up as a response, not as an exception re-raised into the test.
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/api/v1/products", {"page": HUGE}, "page"),
        ("/api/v1/products", {"page": "10001"}, "page"),
        ("/api/v1/products", {"page": "0"}, "page"),
        ("/api/v1/products", {"page": "٣"}, "page"),  # Arabic-Indic three
        ("/api/v1/products", {"page": "３"}, "page"),  # full-width three
        ("/api/v1/products", {"kecamatan": "٣٥.٠٥"}, "kecamatan"),
        ("/api/v1/products", {"category": "a\x00b"}, "category"),
        ("/api/v1/products", {"seller": "x" * 141}, "seller"),
        ("/api/v1/search", {"page": HUGE}, "page"),
        ("/api/v1/search", {"page_size": "٢٠"}, "page_size"),
        ("/api/v1/search", {"price_min": "١٠٠"}, "price_min"),
        ("/api/v1/search", {"price_max": HUGE}, "price_max"),
        ("/api/v1/search", {"q": "kopi\x00"}, "q"),
        ("/api/v1/search", {"q": "x" * 5001}, "q"),
        ("/api/v1/search", {"kecamatan": "35.05\x00"}, "kecamatan"),
        ("/api/v1/facets", {"price_min": HUGE}, "price_min"),
        ("/api/v1/autocomplete", {"limit": HUGE}, "limit"),
        ("/api/v1/autocomplete", {"q": "gula\x00"}, "q"),
    ],
)
def test_api_refuses_bad_parameters_with_422(client, path, params, field):
    response = client.get(path, params)
    assert response.status_code == 422, response.content
    [error] = response.json()["detail"]
    assert field in error["loc"]


@pytest.mark.parametrize("slug", ["a\x00b", "x" * 141, "kopi%20bubuk", "٣"])
def test_api_product_slug_is_bounded(client, slug):
    response = client.get(f"/api/v1/products/{slug}")
    assert response.status_code in (404, 422), response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"


def test_api_products_page_past_the_last_is_404_with_a_reason(client):
    ProductFactory()
    assert client.get("/api/v1/products", {"page": "1"}).json()["count"] == 1
    response = client.get("/api/v1/products", {"page": "2"})
    assert response.status_code == 404
    assert response.json() == {"detail": "Page 2 is past the last page (1)."}


def test_api_products_empty_catalogue_still_has_page_one(client):
    body = client.get("/api/v1/products").json()
    assert (body["count"], body["pages"], body["items"]) == (0, 1, [])


def test_openapi_declares_every_status_the_api_answers(client):
    schema = client.get("/api/v1/openapi.json").json()
    responses = {path: set(operation["get"]["responses"]) for path, operation in schema["paths"].items()}
    assert responses == {
        "/api/v1/search": {"200", "422"},
        "/api/v1/facets": {"200", "422"},
        "/api/v1/autocomplete": {"200", "422"},
        "/api/v1/products": {"200", "404", "422"},
        "/api/v1/products/{slug}": {"200", "404", "422"},
    }
    page = next(p for p in schema["paths"]["/api/v1/products"]["get"]["parameters"] if p["name"] == "page")
    assert (page["schema"]["minimum"], page["schema"]["maximum"]) == (1, 10_000)


# --- The staff impact pages read numbers from the query string too ---


@pytest.fixture
def staff(client):
    client.force_login(staff_user())
    return client


@pytest.mark.parametrize(
    "params",
    [
        {"round": HUGE},
        {"round": "-1"},
        {"round": "٣"},
        {"cohort": HUGE},
        {"cohort": "1e9"},
        {"start": "99999-01-01"},
        {"round": "1\x00"},
    ],
)
def test_impact_dashboard_ignores_bad_filters_with_an_error(staff, params):
    response = staff.get("/staf/dampak/", params)
    assert response.status_code == 200
    [name] = params
    assert response.context["form"].errors[name]


@pytest.mark.parametrize(
    "params",
    [
        {"round_id": HUGE},
        {"round_id": "٣"},
        {"round_id": "-5"},
        {"kecamatan": "35.05\x00"},
        {"page": HUGE},
        {"round": HUGE},
    ],
)
def test_impact_businesses_answers_bad_numbers_without_500(staff, params):
    response = staff.get("/staf/dampak/usaha/", {"stage": "applicants", **params})
    assert response.status_code in (200, 404)
    if "round_id" in params or "kecamatan" in params:
        assert response.status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_impact_export_with_a_huge_round_is_not_a_500(staff, fmt):
    assert staff.get(f"/staf/dampak/unduh.{fmt}", {"round": HUGE}).status_code in (200, 404)


ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def test_impact_round_in_arabic_indic_digits_is_refused(staff):
    from tests.incubation.factories import round_page

    audition = round_page()
    assert staff.get("/staf/dampak/", {"round": str(audition.pk)}).context["form"].is_valid()
    response = staff.get("/staf/dampak/", {"round": str(audition.pk).translate(ARABIC_INDIC)})
    assert response.context["form"].errors["round"]
    drill = staff.get(
        "/staf/dampak/usaha/", {"stage": "applicants", "round_id": str(audition.pk).translate(ARABIC_INDIC)}
    )
    assert drill.status_code == 404


def test_api_search_facet_code_in_arabic_indic_digits_is_unknown_not_matched(client):
    body = client.get("/api/v1/search", {"kecamatan": "٣٥.٠٥.١٧"}).json()
    assert body["notices"] and body["facets"]
    kecamatan = next(facet for facet in body["facets"] if facet["name"] == "kecamatan")
    assert not any(value["selected"] for value in kecamatan["values"])
