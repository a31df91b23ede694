"""Permission matrix: every role against seller A's products (dashboard, edit, archive, import, export)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from shop import permissions
from shop.models import Product
from tests.shop.factories import approved_product, product

ROLES = ["anonymous", "buyer", "seller_a", "seller_b", "jury", "trainer", "staff"]
ALLOWED = {"seller_a", "staff"}

pytestmark = pytest.mark.django_db


def _client(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])
    return client


def _expect(response, role):
    if role == "anonymous":
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
    elif role in ALLOWED:
        assert response.status_code in (200, 302), response.status_code
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_dashboard_of_business_a(client, people, role):
    item = approved_product(business=people["business_a"], sku="KOPI-250")
    response = _client(client, people, role).get(
        reverse("seller_dashboard"), {"usaha": people["business_a"].slug}
    )
    _expect(response, role)
    if role in ALLOWED:
        assert item.sku in response.content.decode()


def test_seller_b_dashboard_lists_only_b_products(client, people):
    approved_product(business=people["business_a"], sku="KOPI-A-250")
    approved_product(business=people["business_b"], sku="GULA-B-500")
    client.force_login(people["seller_b"])
    html = client.get(reverse("seller_dashboard")).content.decode()
    assert "GULA-B-500" in html
    assert "KOPI-A-250" not in html


@pytest.mark.parametrize("role", ROLES)
def test_edit_page_of_a_product_of_a(client, people, role):
    item = product(business=people["business_a"], submit=False)
    response = _client(client, people, role).get(reverse("seller_product_edit", args=[item.pk]))
    _expect(response, role)


@pytest.mark.parametrize("role", ROLES)
def test_changing_a_product_of_a(client, people, role):
    item = approved_product(business=people["business_a"])
    data = {
        "name": item.name,
        "sku": item.sku,
        "description": item.description,
        "category": item.category_id,
        "price": 99000,
        "stock": item.stock,
        "weight_grams": item.weight_grams,
        "origin_desa": item.origin_desa_id,
    }
    response = _client(client, people, role).post(reverse("seller_product_edit", args=[item.pk]), data)
    _expect(response, role)
    item.refresh_from_db()
    assert item.price == (99000 if role in ALLOWED else 45000)


@pytest.mark.parametrize("role", ROLES)
def test_archiving_a_product_of_a(client, people, role):
    item = approved_product(business=people["business_a"])
    response = _client(client, people, role).post(reverse("seller_product_archive", args=[item.pk]))
    _expect(response, role)
    item.refresh_from_db()
    assert (item.archived_at is not None) == (role in ALLOWED)


@pytest.mark.parametrize("role", ROLES)
def test_importing_into_business_a(client, people, role):
    csv = (
        b"sku,name,description,category,price_idr,stock,weight_grams,kecamatan,desa\n"
        b"IMP-1,Gula Semut 250 g,Gula semut kelapa,gula,18000,10,260,Wlingi,Beru\n"
    )
    response = _client(client, people, role).post(
        f"{reverse('seller_product_import')}?usaha={people['business_a'].slug}",
        {"file": SimpleUploadedFile("produk.csv", csv, "text/csv")},
    )
    _expect(response, role)
    imported = Product.objects.filter(business=people["business_a"], sku="IMP-1").exists()
    assert imported == (role in ALLOWED)


@pytest.mark.parametrize("role", ROLES)
def test_exporting_business_a(client, people, role):
    approved_product(business=people["business_a"], sku="KOPI-EXP-1")
    response = _client(client, people, role).get(
        reverse("seller_product_export"), {"usaha": people["business_a"].slug}
    )
    _expect(response, role)
    assert (b"KOPI-EXP-1" in response.content) == (role in ALLOWED)


@pytest.mark.parametrize("role", ROLES)
def test_preview_of_an_unpublished_product_of_a(client, people, role):
    item = product(business=people["business_a"], submit=False)
    response = _client(client, people, role).get(reverse("product_detail", args=[item.slug]))
    assert response.status_code == (200 if role in ALLOWED else 404)


@pytest.mark.parametrize("role", ROLES)
def test_public_product_is_visible_to_every_role(client, people, role):
    item = approved_product(business=people["business_a"])
    response = _client(client, people, role).get(reverse("product_detail", args=[item.slug]))
    assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_curation_queue_is_for_staff_only(client, people, role):
    item = product(business=people["business_a"])
    response = _client(client, people, role).get(reverse("curation_queue"))
    if role == "anonymous":
        assert response.status_code == 302
    elif role == "staff":
        assert response.status_code == 200 and item.name in response.content.decode()
    else:
        assert response.status_code == 403
    approve = _client(client, people, role).post(
        reverse("curation_product", args=[item.pk]), {"decision": "approve"}
    )
    item.refresh_from_db()
    assert (item.status == Product.Status.APPROVED) == (role == "staff")
    if role not in ("anonymous", "staff"):
        assert approve.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_permission_functions_give_a_reason(people, role):
    from django.contrib.auth.models import AnonymousUser

    user = people[role] or AnonymousUser()
    item = product(business=people["business_a"], submit=False)
    allowed, reason = permissions.can_edit_product(user, item)
    assert allowed == (role in ALLOWED)
    assert (reason == "") == allowed
    assert permissions.can_import_for_any_seller(user)[0] == (role == "staff")
    assert permissions.can_curate(user)[0] == (role == "staff")
    assert permissions.can_manage_products(user, people["business_b"])[0] == (role in {"seller_b", "staff"})
