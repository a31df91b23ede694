"""The seller's photo form (issue 17): the description is plain Indonesian and optional, so a chosen file is
never lost to another field's error; removing a photo asks first, without script."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from shop.models import ProductPhoto
from shop.services import product_photo_add
from tests.factories import BusinessFactory
from tests.shop.factories import product, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(client):
    business = BusinessFactory()
    client.force_login(business.memberships.get().user)
    return product(business=business, name="Keripik Tempe 200 g")


def test_the_description_field_speaks_plain_indonesian(client, item):
    html = client.get(reverse("seller_product_edit", args=[item.pk])).content.decode()
    assert "Keterangan foto (untuk pembaca layar)" in html
    assert "Boleh dikosongkan." in html
    assert "Teks alternatif" not in html


def test_a_photo_uploaded_without_description_is_kept(client, item):
    url = reverse("seller_photo_add", args=[item.pk])

    response = client.post(url, {"image": upload(), "alt_text": ""})

    assert response.status_code == 302
    assert list(item.photos.values_list("alt_text", flat=True)) == ["Keripik Tempe 200 g"]
    client.post(url, {"image": upload(), "alt_text": ""})
    assert list(item.photos.order_by("position").values_list("alt_text", flat=True)) == [
        "Keripik Tempe 200 g",
        "Keripik Tempe 200 g, foto 2",
    ]


def test_the_only_refusal_left_is_the_file_itself(client, item):
    response = client.post(
        reverse("seller_photo_add", args=[item.pk]), {"image": upload(b"bukan foto"), "alt_text": "Depan"}
    )
    assert response.status_code == 400
    assert list(response.context["photo_form"].errors) == ["image"]
    assert not item.photos.exists()


def test_removing_a_photo_asks_first_and_works_without_script(client, item):
    photo = product_photo_add(product=item, by=None, file=upload(), alt_text="Kemasan depan")
    url = reverse("seller_photo_remove", args=[item.pk, photo.pk])

    for response in (client.get(url), client.post(url)):  # the link, or the old button without confirm
        html = response.content.decode()
        assert response.status_code == 200
        assert gettext("Remove this photo?") in html
        assert f'action="{url}"' in html and 'name="confirm" value="yes"' in html
        assert f'href="{reverse("seller_product_edit", args=[item.pk])}"' in html
    assert ProductPhoto.objects.filter(pk=photo.pk).exists()

    response = client.post(url, {"confirm": "yes"})

    assert response.status_code == 302 and response["Location"] == reverse(
        "seller_product_edit", args=[item.pk]
    )
    assert not ProductPhoto.objects.filter(pk=photo.pk).exists()
