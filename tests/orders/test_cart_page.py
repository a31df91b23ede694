"""The cart page's lines (photo, link, pack size, remove), the checkout lines and the header's cart count."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.base import ContentFile
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.text import slugify
from wagtail.images import get_image_model

from shop.models import ProductPhoto
from shop.orders import services
from shop.orders.context_processors import cart_count
from shop.orders.models import Cart
from shop.orders.views.cart import SESSION_KEY
from shop.photos import THUMBNAIL_SPECS
from tests.factories import image_bytes
from tests.orders.factories import ProductFactory, buyer

pytestmark = pytest.mark.django_db


def _with_photo(product):
    image = get_image_model().objects.create(
        title="Kemasan", file=ContentFile(image_bytes(size=(200, 200)), name="kemasan.png")
    )
    image.get_renditions(*THUMBNAIL_SPECS)  # made at upload in the app; made here so the page only reads them
    ProductPhoto.objects.create(product=product, image=image, alt_text=f"Kemasan {product.name}")
    return product


def _luwak(label: str, price: int, **fields):
    slug = slugify(f"Kopi Luwak Liar {label}")
    return ProductFactory(name="Kopi Luwak Liar", slug=slug, pack_label=label, price=price, **fields)


def _cart_line(html: str, slug: str) -> str:
    """The cart table row of one product."""
    start = html.index(f'href="/produk/{slug}/"')
    return html[html.rindex("<tr>", 0, start) : html.index("</tr>", start)]


def test_cart_lines_show_photo_link_and_pack_size(client):
    small = _with_photo(_luwak("100 g", 150_000))
    large = _luwak("200 g", 280_000, business=small.business)
    client.post(reverse("orders:cart_add", args=[small.pk]), {"quantity": 1})
    client.post(reverse("orders:cart_add", args=[large.pk]), {"quantity": 2})

    html = client.get(reverse("orders:cart")).content.decode()

    first = _cart_line(html, small.slug)
    assert '<a class="cart-line__link" href="/produk/kopi-luwak-liar-100-g/">' in first
    assert re.search(r'<img[^>]*class="cart-line__photo"', first)  # the product card's thumbnail set
    assert 'Kopi Luwak Liar <span class="cart-line__pack">100 g</span>' in first
    assert "Rp 150.000" in first
    second = _cart_line(html, large.slug)
    assert 'Kopi Luwak Liar <span class="cart-line__pack">200 g</span>' in second
    assert '<span class="cart-line__photo cart-line__photo--none" aria-hidden="true"></span>' in second
    assert "Rp 560.000" in second


def test_cart_page_queries_do_not_grow_with_its_lines(client, django_assert_max_num_queries):
    business = ProductFactory().business
    for n in range(6):
        product = _with_photo(ProductFactory(business=business, pack_label=f"{n + 1}00 g"))
        client.post(reverse("orders:cart_add", args=[product.pk]), {"quantity": 1})
    with django_assert_max_num_queries(10):
        response = client.get(reverse("orders:cart"))
    assert response.content.decode().count('class="cart-line__photo"') == 6


def test_remove_button_is_a_csrf_protected_post_per_line(client):
    product = _luwak("100 g", 150_000)
    client.post(reverse("orders:cart_add", args=[product.pk]), {"quantity": 2})
    html = client.get(reverse("orders:cart")).content.decode()
    line = _cart_line(html, product.slug)
    action = reverse("orders:cart_remove", args=[product.pk])
    form = f'<form method="post" action="{action}" class="inline">'
    assert f'{form}<input type="hidden" name="csrfmiddlewaretoken"' in line
    assert 'aria-label="Hapus Kopi Luwak Liar dari keranjang">Hapus</button>' in line

    strict = Client(enforce_csrf_checks=True)
    strict.cookies = client.cookies
    assert strict.post(action).status_code == 403  # no token: refused
    assert client.get(action).status_code == 405  # a link or a prefetch never removes anything
    assert Cart.objects.get().items.count() == 1


def test_remove_takes_the_line_out_and_a_second_remove_is_harmless(client):
    kept, removed = _luwak("200 g", 280_000), _luwak("100 g", 150_000)
    for product in (kept, removed):
        client.post(reverse("orders:cart_add", args=[product.pk]), {"quantity": 1})
    action = reverse("orders:cart_remove", args=[removed.pk])

    response = client.post(action, follow=True)
    assert response.redirect_chain == [(reverse("orders:cart"), 302)]
    html = response.content.decode()
    assert "Kopi Luwak Liar sudah dihapus dari keranjang Anda." in html
    assert list(Cart.objects.get().items.values_list("product_id", flat=True)) == [kept.pk]

    again = client.post(action, follow=True)  # a second click, another tab
    assert again.status_code == 200 and "sudah dihapus" not in again.content.decode()
    assert list(Cart.objects.get().items.values_list("product_id", flat=True)) == [kept.pk]
    # Someone without a cart, or a product that no longer exists: back to the cart, nothing breaks.
    assert Client().post(action).status_code == 302
    assert client.post(reverse("orders:cart_remove", args=[999_999])).status_code == 302


def test_cart_item_remove_says_whether_the_line_was_there():
    product = ProductFactory()
    cart = services.cart_for_user(user=buyer())
    services.cart_item_add(cart=cart, product=product, quantity=3)
    assert services.cart_item_remove(cart=cart, product=product) is True
    assert services.cart_item_remove(cart=cart, product=product) is False
    assert not cart.items.exists()


def test_checkout_lines_show_the_pack_size(client):
    user = buyer()
    product = _luwak("100 g", 150_000)
    services.cart_item_add(cart=services.cart_for_user(user=user), product=product, quantity=2)
    client.force_login(user)
    html = client.get(reverse("orders:checkout")).content.decode()
    line = html[html.index("2 × Kopi Luwak Liar") :]
    assert re.sub(r"<[^>]+>", "", line[: line.index("</li>")]) == "2 × Kopi Luwak Liar 100 g · Rp 150.000"


# --- the header's cart count ----------------------------------------------------------------------------


def _request(*, user=None, session_cart=None):
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    request.session = SessionStore()
    if session_cart is not None:
        request.session[SESSION_KEY] = session_cart
    return request


def test_cart_count_costs_no_query_without_a_cart_and_one_with_it(django_assert_num_queries):
    product = ProductFactory(stock=10)
    anonymous_cart = Cart.objects.create()
    services.cart_item_add(cart=anonymous_cart, product=product, quantity=2)
    user = buyer()
    services.cart_item_add(cart=services.cart_for_user(user=user), product=product, quantity=3)
    services.cart_item_add(cart=Cart.objects.get(user=user), product=ProductFactory(), quantity=1)

    with django_assert_num_queries(0):
        context = cart_count(_request())  # not even asked yet: pages without the header pay nothing
        assert context["cart_count"]() == 0
    with django_assert_num_queries(1):
        count = cart_count(_request(session_cart=anonymous_cart.pk))["cart_count"]
        assert (count(), count()) == (2, 2)  # asked twice, read once
    with django_assert_num_queries(1):
        assert cart_count(_request(user=user))["cart_count"]() == 4
    # A session pointing at a buyer's cart (merged at login) is not the visitor's.
    buyers_cart = Cart.objects.get(user=user).pk
    with django_assert_num_queries(1):
        assert cart_count(_request(session_cart=buyers_cart))["cart_count"]() == 0


def test_header_shows_the_cart_count_with_an_accessible_label(client):
    first, second = ProductFactory(stock=10), ProductFactory(stock=10)
    html = client.get(reverse("orders:cart")).content.decode()
    assert 'class="cart-count"' not in html  # an empty cart shows no badge
    client.post(reverse("orders:cart_add", args=[first.pk]), {"quantity": 2})
    client.post(reverse("orders:cart_add", args=[second.pk]), {"quantity": 1})

    html = client.get(reverse("product_list")).content.decode()
    link = html[html.index(f'href="{reverse("orders:cart")}"') :]
    link = link[: link.index("</a>")]
    assert (
        '<span class="cart-count"><span aria-hidden="true">3</span>'
        '<span class="visually-hidden">3 barang di keranjang</span></span>'
    ) in link
