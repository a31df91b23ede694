"""Curator's picks: staff pick products from their page or drop them from the list; search ranks them
higher."""

import pytest
from django.urls import reverse

from adimarko.core.roles import Role
from search import service
from search.models import CuratedProduct
from tests.factories import UserFactory
from tests.search.factories import ProductFactory

pytestmark = pytest.mark.django_db

ROLES = {
    "buyer": (Role.BUYER,),
    "seller": (Role.SELLER,),
    "jury": (Role.JURY,),
    "trainer": (Role.TRAINER,),
}


@pytest.fixture
def staff(client):
    user = UserFactory(roles=(Role.STAFF,))
    client.force_login(user)
    return user


@pytest.fixture(autouse=True)
def database_search(settings):
    settings.ELASTICSEARCH_URL = ""


def test_anonymous_visitors_are_sent_to_log_in(client):
    product = ProductFactory()
    response = client.get(reverse("curated_picks"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    response = client.post(reverse("curated_pick_change", args=[product.pk]), {"action": "add"})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert not CuratedProduct.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_pick_products(client, role):
    product = ProductFactory(name="Kopi Lereng Kelud")
    client.force_login(UserFactory(roles=ROLES[role]))
    assert client.get(reverse("curated_picks")).status_code == 403
    response = client.post(reverse("curated_pick_change", args=[product.pk]), {"action": "add"})
    assert response.status_code == 403
    assert not CuratedProduct.objects.exists()
    page = client.get(reverse("product_detail", args=[product.slug])).content.decode()
    assert reverse("curated_pick_change", args=[product.pk]) not in page


def test_staff_pick_a_product_from_its_page_and_search_ranks_it_first(client, staff):
    plain = ProductFactory(name="Kopi Robusta Biasa", sales_count=50)
    picked = ProductFactory(name="Kopi Robusta Pilihan", sales_count=1)
    page = reverse("product_detail", args=[picked.slug])
    assert "Jadikan pilihan kurator" in client.get(page).content.decode()

    form = {"action": "add", "note": "Petik merah", "next": page}
    response = client.post(reverse("curated_pick_change", args=[picked.pk]), form)

    assert response.status_code == 302 and response["Location"] == page
    pick = CuratedProduct.objects.get()
    assert (pick.product, pick.note, pick.picked_by) == (picked, "Petik merah", staff)
    result = service.search_products("kopi robusta", backend="database")
    assert [(hit.id, hit.curated) for hit in result.hits] == [(picked.pk, True), (plain.pk, False)]
    listing = client.get(reverse("curated_picks")).content.decode()
    assert "Kopi Robusta Pilihan" in listing and "Petik merah" in listing


def test_staff_drop_a_pick(client, staff):
    product = ProductFactory()
    CuratedProduct.objects.create(product=product)
    response = client.post(reverse("curated_pick_change", args=[product.pk]), {"action": "remove"})
    assert response.status_code == 302 and response["Location"] == reverse("curated_picks")
    assert not CuratedProduct.objects.exists()


@pytest.mark.parametrize(
    "fields, post",
    [
        ({"status": "pending"}, {"action": "add"}),
        ({}, {"action": "add", "note": "x" * 201}),
    ],
    ids=["not on sale", "note too long"],
)
def test_bad_picks_are_refused_with_a_message(client, staff, fields, post):
    product = ProductFactory(**fields)
    response = client.post(reverse("curated_pick_change", args=[product.pk]), post, follow=True)
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not CuratedProduct.objects.exists()


def test_the_way_back_stays_on_this_site(client, staff):
    product = ProductFactory()
    response = client.post(
        reverse("curated_pick_change", args=[product.pk]),
        {"action": "add", "next": "https://contoh.example/"},
    )
    assert response["Location"] == reverse("curated_picks")


def test_an_unknown_product_is_404(client, staff):
    assert client.post(reverse("curated_pick_change", args=[999999]), {"action": "add"}).status_code == 404
