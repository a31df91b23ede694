"""Seller dashboard and staff curation through the web forms."""

import pytest
from django.core import mail
from django.urls import reverse

from shop.models import Product, Storefront
from tests.factories import BusinessFactory, staff_user
from tests.shop.factories import product, product_form_data

pytestmark = pytest.mark.django_db


_form = product_form_data


@pytest.fixture
def seller_client(client):
    business = BusinessFactory()
    client.force_login(business.memberships.get().user)
    client.business = business
    return client


def test_create_a_product_and_send_it_to_curation(seller_client):
    url = f"{reverse('seller_product_create')}?usaha={seller_client.business.slug}"
    response = seller_client.post(url, {**_form(), "submit": "1"})
    item = Product.objects.get(sku="KT-200")
    assert response.status_code == 302 and response["Location"] == reverse(
        "seller_product_edit", args=[item.pk]
    )
    assert item.status == Product.Status.PENDING
    assert (item.price, item.weight_grams, item.pack_group) == (15000, 210, "keripik-tempe")


def test_save_without_submitting_keeps_a_draft(seller_client):
    url = f"{reverse('seller_product_create')}?usaha={seller_client.business.slug}"
    seller_client.post(url, _form())
    assert Product.objects.get(sku="KT-200").status == Product.Status.DRAFT


def test_negative_price_and_zero_weight_are_field_errors_in_the_form(seller_client):
    url = f"{reverse('seller_product_create')}?usaha={seller_client.business.slug}"
    response = seller_client.post(url, _form(price="-1000", weight_grams="0"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["price"] == ["Harga minimal Rp 1 (rupiah bulat)."]
    assert form.errors["weight_grams"] == ["Berat kirim minimal 1 gram."]
    assert 'id="id_price_error"' in response.content.decode()
    assert Product.objects.count() == 0


def test_duplicate_sku_shows_on_the_sku_field(seller_client):
    product(business=seller_client.business, sku="KT-200")
    url = f"{reverse('seller_product_create')}?usaha={seller_client.business.slug}"
    response = seller_client.post(url, _form())
    assert "KT-200" in response.context["form"].errors["sku"][0]


def test_open_a_storefront_from_the_dashboard(seller_client):
    url = f"{reverse('seller_storefront')}?usaha={seller_client.business.slug}"
    seller_client.post(url, {"story": "Usaha keluarga sejak 1995."})
    storefront = Storefront.objects.get(business=seller_client.business)
    assert storefront.status == Storefront.Status.PENDING and storefront.story == "Usaha keluarga sejak 1995."


def test_a_user_without_a_business_gets_a_clear_refusal(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get(reverse("seller_dashboard"))
    assert response.status_code == 403


def test_staff_reject_with_reason_then_approve_through_the_queue(client, django_capture_on_commit_callbacks):
    item = product()
    client.force_login(staff_user())
    response = client.post(reverse("curation_product", args=[item.pk]), {"decision": "reject", "reason": ""})
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.status == Product.Status.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("curation_product", args=[item.pk]), {"decision": "reject", "reason": "Foto kurang jelas"}
        )
    item.refresh_from_db()
    assert (item.status, item.rejection_reason) == (Product.Status.REJECTED, "Foto kurang jelas")
    owner = item.business.memberships.get().user
    assert mail.outbox[-1].to == [owner.email] and "Foto kurang jelas" in mail.outbox[-1].body
    client.force_login(owner)
    client.post(reverse("seller_product_submit", args=[item.pk]))
    client.force_login(staff_user())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("curation_product", args=[item.pk]), {"decision": "approve"})
    item.refresh_from_db()
    assert item.status == Product.Status.APPROVED
    assert "kini dijual" in mail.outbox[-1].subject
