"""Issue 15 item 8: a business profile (story, WhatsApp number) is public only once its storefront is
approved by curation; applicants and businesses waiting for or refused by curation are 404 to everyone but
their members and staff."""

import pytest
from django.urls import reverse

from adimarko.core.permissions import can_view_business_public
from adimarko.core.roles import Role
from adimarko.core.selectors import business_is_public, businesses_public
from shop import services as shop_services
from tests.factories import BusinessFactory, UserFactory, staff_user
from tests.shop.factories import approved_product

pytestmark = pytest.mark.django_db

KINDS = ("approved", "pending", "rejected", "none")
ROLES = ("anonymous", "buyer", "member", "other_member", "jury", "trainer", "staff")
# Who sees the profile of each kind of business.
SEES = {
    "approved": set(ROLES),
    "pending": {"member", "staff"},
    "rejected": {"member", "staff"},
    "none": {"member", "staff"},
}


def business_of_kind(kind: str, *, phone: str):
    business = BusinessFactory(phone=phone, description="Cerita usaha rahasia")
    if kind == "none":
        return business
    storefront = shop_services.storefront_open(business=business, by=None)
    if kind != "pending":
        shop_services.storefront_decide(
            storefront=storefront, by=staff_user(), approve=kind == "approved", reason="Foto kurang jelas"
        )
    return business


def user_of_role(role: str, business):
    if role == "anonymous":
        return None
    if role == "member":
        return business.memberships.get().user
    if role == "other_member":
        return BusinessFactory().memberships.get().user
    if role == "staff":
        return staff_user()
    roles = {"buyer": (Role.BUYER,), "jury": (Role.JURY,), "trainer": (Role.TRAINER,)}[role]
    return UserFactory(roles=roles)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", ROLES)
def test_public_profile_page_by_role_and_curation(client, role, kind):
    business = business_of_kind(kind, phone="081298765432")
    user = user_of_role(role, business)
    if user:
        client.force_login(user)
    response = client.get(reverse("business_public", args=[business.slug]))
    html = response.content.decode()
    if role in SEES[kind]:
        assert response.status_code == 200
        assert "https://wa.me/6281298765432" in html
        assert ("Pratinjau" in html or "Preview" in html) is (kind != "approved")
    else:
        assert response.status_code == 404
        assert "6281298765432" not in html
        assert "Cerita usaha rahasia" not in html
        assert business.name not in html


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", ROLES)
def test_permission_function_matrix(role, kind):
    business = business_of_kind(kind, phone="081298765433")
    user = user_of_role(role, business)
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    allowed, reason = can_view_business_public(user, business)
    assert allowed is (role in SEES[kind])
    assert (reason == "") is allowed


def test_selectors_list_only_curated_businesses():
    businesses = {kind: business_of_kind(kind, phone=f"08129876544{i}") for i, kind in enumerate(KINDS)}
    assert list(businesses_public()) == [businesses["approved"]]
    assert {kind for kind, b in businesses.items() if business_is_public(business=b)} == {"approved"}


def test_unknown_and_uncurated_business_answer_the_same_404(client):
    business = business_of_kind("pending", phone="081298765450")
    unknown = client.get(reverse("business_public", args=["tidak-ada"]))
    hidden = client.get(reverse("business_public", args=[business.slug]))
    assert unknown.status_code == hidden.status_code == 404
    assert "Halaman tidak ditemukan" in hidden.content.decode()


def test_public_product_page_never_links_to_an_uncurated_business(client):
    """A product approved before its storefront: the product page names the seller but links to neither the
    business profile nor the storefront, both of which are 404 to the public."""
    business = business_of_kind("pending", phone="081298765451")
    product = approved_product(business=business)
    html = client.get(reverse("product_detail", args=[product.slug])).content.decode()
    assert business.name in html
    assert reverse("business_public", args=[business.slug]) not in html
    assert reverse("storefront_detail", args=[business.slug]) not in html


def test_my_businesses_lists_only_the_users_own(client):
    mine, other = BusinessFactory(name="Usaha Saya"), business_of_kind("approved", phone="081298765452")
    client.force_login(mine.memberships.get().user)
    html = client.get(reverse("business_list")).content.decode()
    assert "Usaha Saya" in html and other.name not in html


def test_sitemap_and_robots_keep_business_profiles_out(client):
    business = business_of_kind("pending", phone="081298765453")
    assert "Disallow: /usaha/" in client.get("/robots.txt").content.decode()
    sections = ("pages", "products", "storefronts")
    bodies = [client.get(reverse("sitemap_section", args=[section])).content.decode() for section in sections]
    assert all("<urlset" in body for body in bodies)
    assert [body for body in bodies if f"/usaha/{business.slug}/" in body] == []
