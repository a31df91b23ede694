"""Every catalogue service that changes what buyers see asks the search index to follow (HELPERS.md)."""

import pytest

from shop import services
from shop.seams import products_changed
from tests.factories import staff_user
from tests.shop.factories import approved_product, product, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def synced():
    # The services notify shop.seams.products_changed, to which search subscribes its index sync
    # (tests/adimarko/core/test_seams.py); the test listens on the seam too.
    calls: list[list[int]] = []

    def listen(*, product_ids):
        calls.append(list(product_ids))

    products_changed.subscribe(listen)
    yield calls
    products_changed.unsubscribe(listen)


def test_each_change_schedules_a_sync_of_that_product(synced):
    item = product()
    assert synced == [[item.pk]]
    services.product_approve(product=item, by=staff_user())
    services.product_stock_set(product=item, on_hand=3)
    photo = services.product_photo_add(product=item, by=None, file=upload(), alt_text="Foto")
    services.product_photo_make_primary(photo=photo)
    services.product_photo_remove(photo=photo)
    services.product_reject(product=item, by=staff_user(), reason="Foto buram")
    services.product_submit(product=item, by=None)
    services.product_archive(product=item, by=None)
    services.product_restore(product=item, by=None)
    assert synced == [[item.pk]] * 10


def test_storefront_decisions_sync_all_products_of_the_business(synced):
    first = approved_product()
    second = approved_product(business=first.business)
    synced.clear()
    storefront = services.storefront_open(business=first.business, by=None)
    services.storefront_decide(storefront=storefront, by=staff_user(), approve=True)
    assert sorted(synced[-1]) == sorted([first.pk, second.pk])
