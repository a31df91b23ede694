"""Product cards (issue 18): a listing reads its page of cards as plain values (shop.selectors.product_cards)
and shows exactly what a card built from the product instance shows, with no model instance per card."""

import pytest
from django.db.models.signals import post_init
from django.template.loader import render_to_string
from django.urls import reverse

from shop import selectors, services
from shop.models import Product, ProductPhoto
from shop.views import public
from tests.factories import desa, image_bytes, staff_user
from tests.shop.factories import product, upload

pytestmark = pytest.mark.django_db

SRENGAT_DESA = "35.05.03.2001"


def _photographed(*, name, colors, run_tasks=True, capture, **fields):
    """A public product with photos stored through the service (their renditions made when `run_tasks`)."""
    item = product(name=name, **fields)
    with capture(execute=run_tasks):
        for n, color in enumerate(colors):
            content = image_bytes("JPEG", (600, 450), color=color)
            services.product_photo_add(product=item, by=None, file=upload(content), alt_text=f"{name} {n}")
    return services.product_approve(product=Product.objects.get(pk=item.pk), by=staff_user(), notify=False)


@pytest.fixture
def shelf(django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    two_photos = _photographed(
        name='Kopi <b>"Sirah"</b> & Gula', colors=[(200, 40, 40), (40, 200, 40)], capture=capture,
        pack_label="250 g", price=47_500,
    )  # fmt: skip
    # The second stored photo comes first: the card shows the photo with the lowest position.
    first, second = ProductPhoto.objects.filter(product=two_photos).order_by("pk")
    ProductPhoto.objects.filter(pk=first.pk).update(position=2)
    ProductPhoto.objects.filter(pk=second.pk).update(position=1)
    no_photo = services.product_approve(
        product=product(name="Gula Semut", on_hand=0, origin_desa=desa(SRENGAT_DESA)), by=staff_user()
    )
    not_rendered = _photographed(  # stored, its renditions not made yet (before a backfill)
        name="Keripik Pisang", colors=[(90, 90, 200)], run_tasks=False, capture=capture
    )
    return {"two_photos": two_photos, "no_photo": no_photo, "not_rendered": not_rendered}


def _cards_html(products) -> list[str]:
    return [render_to_string("shop/includes/product_card.html", {"product": item}) for item in products]


def test_a_card_read_as_values_shows_what_the_product_instance_shows(
    shelf, django_capture_on_commit_callbacks
):
    ids = [shelf["two_photos"].pk, shelf["no_photo"].pk, shelf["not_rendered"].pk]
    instances = {p.pk: p for p in selectors.with_card_data(Product.objects.filter(pk__in=ids))}
    with django_capture_on_commit_callbacks():  # the missing renditions are queued, not made
        from_instances = _cards_html(instances[pk] for pk in ids)
        cards = selectors.product_cards(ids)
        from_values = _cards_html(cards)
    assert [card.pk for card in cards] == ids
    assert from_values == from_instances
    two_photos, no_photo, not_rendered = from_values
    url = reverse("product_detail", args=[shelf["two_photos"].slug])
    assert f'<a class="product-card__link" href="{url}">' in two_photos
    assert "Kopi &lt;b&gt;&quot;Sirah&quot;&lt;/b&gt; &amp; Gula" in two_photos  # escaped, as before
    assert "Sirah&quot;&lt;/b&gt; &amp; Gula 1" in two_photos  # the first photo by position
    assert 'type="image/webp"' in two_photos and ".fill-320x320.format-jpeg" in two_photos
    assert '<span class="product-card__pack">250 g</span>' in two_photos and "47.500" in two_photos
    assert "Stok habis" not in two_photos and "· Wlingi" in two_photos
    assert "product-card__nophoto" in no_photo and "Stok habis" in no_photo and "· Srengat" in no_photo
    original = ProductPhoto.objects.get(product=shelf["not_rendered"]).image.file.url
    assert f'src="{original}"' in not_rendered and "image/webp" not in not_rendered


def test_the_listing_builds_no_model_instance_per_card(client, shelf, monkeypatch):
    """The listing used to build ~15 model instances per card (product, seller, regions, category, photos,
    images, renditions): now the instances a page builds do not depend on how many cards it shows."""
    services.product_archive(product=shelf["not_rendered"], by=None)  # its stand-in picture is an instance
    for n in range(4):
        services.product_approve(product=product(name=f"Kopi Wlingi {n}"), by=staff_user(), notify=False)
    built = []

    def count(sender, instance, **kwargs):
        built.append(sender.__name__)

    post_init.connect(count)
    try:
        counts = {}
        for size in (2, 6):
            monkeypatch.setattr(public, "PAGE_SIZE", size)
            client.get(reverse("product_list"))  # warm
            built.clear()
            html = client.get(reverse("product_list")).content.decode()
            assert html.count('<article class="product-card">') == size
            counts[size] = sorted(built)
    finally:
        post_init.disconnect(count)
    assert counts[2] == counts[6]
    assert "Product" not in counts[6] and "Rendition" not in counts[6]


def test_listing_shows_a_price_stock_and_curation_change_at_once(client, shelf):
    item = shelf["two_photos"]
    services.product_stock_set(product=item, on_hand=0)
    Product.objects.filter(pk=item.pk).update(price=52_000)
    html = client.get(reverse("product_list")).content.decode()
    card = html.split(f'href="{reverse("product_detail", args=[item.slug])}"', 1)[1].split("</article>", 1)[0]
    assert "52.000" in card and "Stok habis" in card
    services.product_archive(product=item, by=None)
    assert f'href="{reverse("product_detail", args=[item.slug])}"' not in (
        client.get(reverse("product_list")).content.decode()
    )
