"""A newcomer sent from an application to register their business comes back to the application (issue 17)."""

import pytest
from django.urls import reverse
from django.utils.http import urlencode

from adimarko.core.models import Business
from tests.factories import UserFactory, business_form_data
from tests.incubation.factories import open_now_round

pytestmark = pytest.mark.django_db


def _create_url(next_url: str) -> str:
    return f"{reverse('business_create')}?{urlencode({'next': next_url})}"


def test_applicant_without_business_registers_it_and_lands_back_on_the_application(client):
    round = open_now_round()
    client.force_login(UserFactory())
    start = reverse("audition_application_start", args=[round.pk])

    response = client.get(start)
    assert response.status_code == 302 and response["Location"] == _create_url(start)

    response = client.post(_create_url(start), business_form_data() | {"next": start})

    assert response.status_code == 302 and response["Location"] == start
    business = Business.objects.get()
    page = client.get(start)
    assert page.status_code == 200
    assert f'value="{business.pk}"' in page.content.decode()


def test_next_survives_a_failed_business_form(client):
    round = open_now_round()
    client.force_login(UserFactory())
    start = reverse("audition_application_start", args=[round.pk])

    # The query's next is only on the first GET: the form posts to the bare URL and carries it hidden.
    failed = client.post(reverse("business_create"), business_form_data(nib="12345") | {"next": start})
    assert failed.status_code == 200 and not Business.objects.exists()
    assert f'<input type="hidden" name="next" value="{start}">' in failed.content.decode()

    fixed = client.post(reverse("business_create"), business_form_data() | {"next": start})
    assert fixed.status_code == 302 and fixed["Location"] == start


def test_form_page_carries_the_query_next_in_a_hidden_field(client):
    client.force_login(UserFactory())
    response = client.get(_create_url("/audisi/7/daftar/"))
    assert '<input type="hidden" name="next" value="/audisi/7/daftar/">' in response.content.decode()


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/x", "//evil.example/x", "javascript:alert(1)", "http://testserver/x", "x/y"],
)
def test_an_unsafe_next_is_ignored(client, next_url):
    client.force_login(UserFactory())
    form_page = client.get(_create_url(next_url)).content.decode()
    assert 'name="next"' not in form_page

    response = client.post(reverse("business_create"), business_form_data() | {"next": next_url})

    business = Business.objects.get()
    assert response["Location"] == reverse("business_edit", args=[business.slug])
