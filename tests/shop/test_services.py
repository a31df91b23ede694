import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from shop import services
from shop.models import CurationEvent, Product, Storefront
from tests.factories import BusinessFactory, desa, staff_user
from tests.shop.factories import approved_product, category, product

pytestmark = pytest.mark.django_db


def test_a_submitted_product_waits_for_curation_and_is_not_public():
    item = product()
    assert item.status == Product.Status.PENDING
    assert item.submitted_at is not None
    assert not Product.objects.public().filter(pk=item.pk).exists()
    assert list(item.curation_events.values_list("action", flat=True)) == [CurationEvent.Action.SUBMITTED]


def test_a_draft_stays_private_until_submitted():
    item = product(submit=False)
    assert item.status == Product.Status.DRAFT
    item = services.product_submit(product=item, by=None)
    assert item.status == Product.Status.PENDING


def test_approval_publishes_and_emails_the_seller_on_commit(django_capture_on_commit_callbacks):
    owner_business = BusinessFactory()
    item = product(business=owner_business)
    with django_capture_on_commit_callbacks(execute=True):
        item = services.product_approve(product=item, by=staff_user())
    assert item.status == Product.Status.APPROVED
    assert item.published_at is not None
    assert Product.objects.public().filter(pk=item.pk).exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [owner_business.memberships.get().user.email]
    assert item.name in mail.outbox[0].subject


def test_rejection_needs_a_reason_and_tells_the_seller(django_capture_on_commit_callbacks):
    item = product()
    with pytest.raises(ValidationError) as excinfo:
        services.product_reject(product=item, by=staff_user(), reason="  ")
    assert "reason" in excinfo.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        item = services.product_reject(
            product=item, by=staff_user(), reason="Foto buram, ganti foto yang terang."
        )
    assert item.status == Product.Status.REJECTED
    assert item.rejection_reason == "Foto buram, ganti foto yang terang."
    assert "Foto buram" in mail.outbox[0].body


def test_no_email_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    item = product()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.product_approve(product=item, by=staff_user())
    # The email waits for the commit (the search rows' sync is another callback, tests/search).
    assert [cb.__qualname__.split(".")[0] for cb in callbacks].count("product_approve") == 1
    assert mail.outbox == []


@pytest.mark.parametrize("status", ["draft", "approved", "rejected"])
def test_only_pending_products_can_be_decided(status):
    item = product(submit=status != "draft")
    if status == "approved":
        item = services.product_approve(product=item, by=staff_user())
    elif status == "rejected":
        item = services.product_reject(product=item, by=staff_user(), reason="Kurang jelas")
    with pytest.raises(ValidationError):
        services.product_approve(product=item, by=staff_user())
    with pytest.raises(ValidationError):
        services.product_reject(product=item, by=staff_user(), reason="Lagi")


def test_a_rejected_product_can_be_fixed_and_resubmitted():
    item = services.product_reject(product=product(), by=staff_user(), reason="Deskripsi kurang")
    item = services.product_submit(product=item, by=None)
    assert item.status == Product.Status.PENDING
    assert item.rejection_reason == ""


def _update(item, **changes):
    values = {
        "sku": item.sku,
        "name": item.name,
        "description": item.description,
        "category": item.category,
        "price": item.price,
        "on_hand": item.on_hand,
        "weight_grams": item.weight_grams,
        "origin_desa": item.origin_desa,
        "certifications": list(item.certifications.all()),
        "pack_group": item.pack_group,
        "pack_label": item.pack_label,
    }
    values.update(changes)
    return services.product_update(product=item, by=None, **values)


@pytest.mark.parametrize(
    "changes",
    [
        {"name": "Kopi Robusta Lanang"},
        {"description": "Deskripsi baru yang berbeda."},
        {"category": "gula"},
        {"origin_desa": "35.05.01.2001"},
    ],
)
def test_a_material_change_sends_an_approved_product_back_to_curation(changes):
    item = approved_product()
    if "category" in changes:
        changes["category"] = category(changes["category"])
    if "origin_desa" in changes:
        changes["origin_desa"] = desa(changes["origin_desa"])
    item = _update(item, **changes)
    assert item.status == Product.Status.PENDING
    assert not Product.objects.public().filter(pk=item.pk).exists()
    event = item.curation_events.first()
    assert event.action == CurationEvent.Action.RESUBMITTED
    assert event.changed_fields == next(iter(changes))


def test_price_stock_and_weight_change_without_curation():
    item = approved_product()
    item = _update(item, price=52000, on_hand=3, weight_grams=270, pack_label="250 g")
    assert item.status == Product.Status.APPROVED
    assert (item.price, item.stock, item.weight_grams) == (52000, 3, 270)


def test_negative_price_and_zero_weight_are_field_errors():
    with pytest.raises(ValidationError) as excinfo:
        product(price=-5000, weight_grams=0)
    errors = excinfo.value.message_dict
    assert errors["price"] == ["Harga minimal Rp 1 (rupiah bulat)."]
    assert errors["weight_grams"] == ["Berat kirim minimal 1 gram."]
    assert Product.objects.count() == 0


def test_duplicate_sku_in_one_business_is_a_field_error():
    business = BusinessFactory()
    product(business=business, sku="KOPI-250")
    with pytest.raises(ValidationError) as excinfo:
        product(business=business, sku="KOPI-250")
    assert list(excinfo.value.message_dict) == ["sku"]


def test_a_product_cannot_carry_another_business_certificate():
    from adimarko.core.services import certification_add

    other = BusinessFactory()
    foreign = certification_add(business=other, kind="halal", number="ID35110012345678")
    with pytest.raises(ValidationError) as excinfo:
        product(certifications=[foreign])
    assert "certifications" in excinfo.value.message_dict


def test_slugs_are_unique_and_avoid_reserved_words():
    first = product(name="Kopi Bubuk", pack_label="250 g")
    second = product(name="Kopi Bubuk", pack_label="250 g")
    reserved = product(name="Kategori")
    assert first.slug == "kopi-bubuk-250-g"
    assert second.slug != first.slug and second.slug.startswith("kopi-bubuk-250-g")
    assert reserved.slug != "kategori"


def test_archive_hides_and_restore_shows_again():
    item = approved_product()
    services.product_archive(product=item, by=None)
    assert not Product.objects.public().filter(pk=item.pk).exists()
    services.product_restore(product=item, by=None)
    assert Product.objects.public().filter(pk=item.pk).exists()


def test_storefront_open_is_idempotent_and_waits_for_curation(django_capture_on_commit_callbacks):
    business = BusinessFactory(description="Keripik tempe renyah.")
    storefront = services.storefront_open(business=business, by=None)
    again = services.storefront_open(business=business, by=None, story="Cerita baru")
    assert storefront.pk == again.pk
    assert storefront.status == Storefront.Status.PENDING
    assert again.story == "Keripik tempe renyah."
    with pytest.raises(ValidationError):
        services.storefront_decide(storefront=again, by=staff_user(), approve=False, reason="")
    with django_capture_on_commit_callbacks(execute=True):
        decided = services.storefront_decide(
            storefront=again, by=staff_user(), approve=False, reason="Lengkapi cerita"
        )
    assert decided.status == Storefront.Status.REJECTED
    assert len(mail.outbox) == 1
    reopened = services.storefront_open(business=business, by=None)
    assert reopened.status == Storefront.Status.PENDING
    assert reopened.rejection_reason == ""
