"""What a public page costs once warm (issue 18): no image decoded or resized, a fixed number of SQL queries.

The photos are real files (JPEGs through the photo service, a PNG hero and news images); resizes are counted
by spying on Wagtail's rendition generation (`Filter.run`) and on Pillow's `Image.resize`, which only count
and call through. Query counts are exact: a change that adds one shows up here with the new number.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.images.models import Filter

from cms.models import StandardPage
from shop import services
from shop.models import ProductPhoto
from shop.views import public
from tests.cms import factories as cms_factories
from tests.factories import BusinessFactory, image_bytes, staff_user
from tests.incubation.factories import open_now_round
from tests.shop.factories import product, upload

pytestmark = pytest.mark.django_db

# Exact SQL queries of each warm page, anonymous visitor (printed by the tests when they differ).
QUERIES = {"home": 13, "listing": 7, "product": 8, "storefront": 8, "search": 9}


@pytest.fixture
def site(settings, django_capture_on_commit_callbacks):
    """A seller with a public storefront and six photographed products (three photos uploaded, three reused),
    a home page with a hero image and three news articles with photos, all stored through the services and
    Wagtail's API. Search runs on the database (the engine's own costs are search's benchmark)."""
    settings.ELASTICSEARCH_URL = ""
    # As in production: the navigation and footer fragments are cached in the default cache (the test settings
    # turn fragment caching off with a dummy `template_fragments` cache).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    business = BusinessFactory(name="Kopi Sirah Kencong")
    staff = staff_user()
    with django_capture_on_commit_callbacks(execute=True):  # renditions are made when a photo is stored
        storefront = services.storefront_open(business=business, by=None)
        services.storefront_decide(storefront=storefront, by=staff, approve=True, notify=False)
        items = []
        for n in range(6):
            item = product(
                business=business, name=f"Kopi Sirah {n}", pack_group="kopi", pack_label=f"{n + 1} kg"
            )
            if n < 3:
                content = image_bytes("JPEG", (600, 450), color=(60 * n, 90, 40))
                services.product_photo_add(product=item, by=None, file=upload(content), alt_text=f"Kopi {n}")
            else:
                ProductPhoto.objects.create(
                    product=item, image=items[n - 3].primary_photo.image, alt_text="Kopi"
                )
            items.append(services.product_approve(product=item, by=staff))
        home = cms_factories.home()
        home.hero_image = cms_factories.wagtail_image("Sawah Blitar", size=(1000, 700))
        home.save_revision().publish()
        index = cms_factories.news_index()
        for n in range(3):
            cms_factories.news_page(index, image=cms_factories.wagtail_image(f"Berita {n}", size=(800, 500)))
    return {"business": business, "products": items}


def _urls(site) -> dict[str, str]:
    return {
        "home": "/",
        "listing": reverse("product_list"),
        "product": reverse("product_detail", args=[site["products"][2].slug]),
        "storefront": reverse("storefront_detail", args=[site["business"].slug]),
        "search": reverse("search") + "?q=kopi",
    }


class ResizeSpy:
    """Counts rendition generations (Wagtail) and Pillow resizes, and calls through."""

    def __init__(self, monkeypatch):
        self.renditions = self.resizes = 0
        run, resize = Filter.run, PillowImage.Image.resize

        def counted_run(filter_self, *args, **kwargs):
            self.renditions += 1
            return run(filter_self, *args, **kwargs)

        def counted_resize(image_self, *args, **kwargs):
            self.resizes += 1
            return resize(image_self, *args, **kwargs)

        monkeypatch.setattr(Filter, "run", counted_run)
        monkeypatch.setattr(PillowImage.Image, "resize", counted_resize)


def _warm_get(client, url, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # whatever a first view queues runs now
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("page", ["home", "listing", "product", "storefront", "search"])
def test_a_warm_page_resizes_no_image_and_makes_a_fixed_number_of_queries(
    client, site, monkeypatch, django_capture_on_commit_callbacks, page
):
    url = _urls(site)[page]
    _warm_get(client, url, django_capture_on_commit_callbacks)
    spy = ResizeSpy(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True), CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert (spy.renditions, spy.resizes) == (0, 0), (
        f"{page}: {spy.renditions} renditions, {spy.resizes} resizes"
    )
    assert "/images/" in html and "original_images" not in html  # renditions are shown, not the originals
    print(f"{page}: {len(captured)} queries")
    assert len(captured) == QUERIES[page], "\n".join(query["sql"][:160] for query in captured)
    assert QUERIES["home"] <= 15


def test_home_with_an_open_round_and_highlights_stays_within_15_queries(
    client, site, django_capture_on_commit_callbacks
):
    """As in the demo: an audition round open today and regional highlights linking to pages of two types
    and to another site. The round costs no query of its own (its look-up runs whether or not one is open),
    the highlights one (their linked pages, read together)."""
    round_page = open_now_round(title="Audisi Adi Marko Terbuka")
    home = cms_factories.home()
    region = cms_factories.publish_child(home, StandardPage(title="Kopi Blitar", slug="kopi-blitar"))
    contact = cms_factories.contact_page()
    home.highlights = [
        ("card", {"title": "Kopi lereng Kelud", "text": "Robusta Wlingi.", "link": {"page": region}}),
        ("card", {"title": "Tanya kami", "text": "", "link": {"page": contact}}),
        ("card", {"title": "Dinas", "text": "", "link": {"external_url": "https://blitarkab.go.id/"}}),
    ]
    home.save_revision().publish()
    _warm_get(client, "/", django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True), CaptureQueriesContext(connection) as captured:
        html = client.get("/").content.decode()
    assert f'<h2 id="open-call-title">{round_page.title}</h2>' in html
    assert '<a href="/kopi-blitar/">Kopi lereng Kelud</a>' in html
    assert '<a href="/kontak/">Tanya kami</a>' in html
    assert '<a href="https://blitarkab.go.id/">Dinas</a>' in html
    assert html.count('<article class="news-card') == 3
    assert len(captured) == QUERIES["home"] + 1 == 14, "\n".join(q["sql"][:160] for q in captured)


def test_the_spy_counts_a_resize(site, monkeypatch):
    """The spy is not blind: a rendition made on purpose is counted."""
    spy = ResizeSpy(monkeypatch)
    site["products"][0].primary_photo.image.get_rendition("fill-50x50")
    assert spy.renditions == 1 and spy.resizes >= 1


def test_product_page_json_ld_uses_a_prefetched_rendition(client, site, monkeypatch):
    """The JSON-LD image was an 800×800 rendition the page did not load: Wagtail made it again on every view
    (and threw it away). Now it is the detail photo's large JPEG, already loaded with the photos."""
    url = _urls(site)["product"]
    client.get(url)
    spy = ResizeSpy(monkeypatch)
    html = client.get(url).content.decode()
    assert spy.renditions == 0
    jsonld = html.split('"@type":"Product"', 1)[1].split("</script>", 1)[0]
    assert ".max-1200x1200.format-jpeg.jpg" in jsonld


def test_listing_queries_do_not_grow_with_the_page_size(
    client, site, monkeypatch, django_capture_on_commit_callbacks
):
    counts = {}
    for size in (2, 6):
        monkeypatch.setattr(public, "PAGE_SIZE", size)
        _warm_get(client, reverse("product_list"), django_capture_on_commit_callbacks)
        with CaptureQueriesContext(connection) as captured:
            html = client.get(reverse("product_list")).content.decode()
        assert html.count('<article class="product-card">') == size
        counts[size] = len(captured)
    assert counts[2] == counts[6] == QUERIES["listing"]


def test_home_featured_products_query_count_does_not_grow(client, site, django_capture_on_commit_callbacks):
    """The featured products use the shop's card query: 2 or 6 featured products cost the same queries."""
    home = cms_factories.home()
    counts = {}
    for count in (2, 6):
        home.featured_product_count = count
        home.save_revision().publish()
        _warm_get(client, "/", django_capture_on_commit_callbacks)
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/")
        assert len(response.context["featured_products"]) == count
        counts[count] = len(captured)
    assert counts[2] == counts[6]


def test_search_hits_show_each_products_first_photo_and_a_placeholder_without_one(
    client, site, django_capture_on_commit_callbacks
):
    """Hits read their photo as plain values (search.service.attach_photos → shop.selectors.first_photos):
    the first photo's search-hit rendition (160 px) with its description; no photo, the placeholder."""
    staff = staff_user()
    bare = product(business=site["business"], name="Kopi Sirah Tanpa Foto")
    with django_capture_on_commit_callbacks(execute=True):
        services.product_approve(product=bare, by=staff)
    html = client.get(reverse("search") + "?q=kopi+sirah").content.decode()
    hit_photo = r'<picture><img alt="(Kopi[^"]*)" class="hit-photo" [^>]*src="/media/images/[^"]*fill-160x160'
    assert sorted(re.findall(hit_photo, html)) == ["Kopi", "Kopi", "Kopi", "Kopi 0", "Kopi 1", "Kopi 2"]
    assert html.count('<div class="hit-photo hit-photo--none" aria-hidden="true"></div>') == 1
