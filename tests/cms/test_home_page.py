import datetime

import pytest
from wagtail.models import Locale, Site

from cms.models import HomePage, StandardPage
from shop.models import Product
from tests.cms import factories

pytestmark = pytest.mark.django_db


def test_home_page_is_the_default_site_root_with_an_english_translation():
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.locale.language_code == "id"
    english = home.get_translation(Locale.objects.get(language_code="en"))
    assert (english.slug, english.url, english.live) == ("home", "/en/", True)
    assert HomePage.objects.count() == 2


def test_home_page_uses_edited_hero_text(client):
    home = factories.home()
    home.hero_title = "Bela Beli Produk Blitar"
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert '<h1 id="hero-title">Bela Beli Produk Blitar</h1>' in html
    assert "htmx.min.js" in html
    assert 'class="skip-link"' in html


def test_home_features_the_latest_public_products_only(client, django_assert_max_num_queries):
    older = factories.product(name="Gula Kelapa Bakung")
    newer = factories.product(name="Sambal Pecel Kanigoro")
    factories.product(name="Keripik Belum Dikurasi", status=Product.Status.PENDING)
    home = factories.home()
    home.featured_product_count = 2
    home.save_revision().publish()

    response = client.get("/")

    assert [p.name for p in response.context["featured_products"]] == [newer.name, older.name]
    html = response.content.decode()
    assert "Keripik Belum Dikurasi" not in html
    assert "Rp 45.000" in html
    assert 'alt="Kemasan Sambal Pecel Kanigoro"' in html


def test_featured_products_do_not_query_per_product(django_assert_max_num_queries):
    from cms import selectors

    for _ in range(5):
        factories.product()
    with django_assert_max_num_queries(3):
        products = selectors.featured_products(limit=8)
        names = [(p.business.name, p.primary_photo.image.title) for p in products]
    assert len(names) == 5


def test_open_call_section_shows_only_with_an_open_round(client, monkeypatch):
    assert "open-call" not in client.get("/").content.decode()

    class Round:
        title = "Audisi Adi Marko 2027"
        url = "/audisi/2027/"
        closes_on = datetime.date(2027, 3, 31)

    monkeypatch.setattr("cms.selectors._open_round", lambda: Round())
    html = client.get("/").content.decode()
    assert "Audisi Adi Marko 2027" in html
    assert 'href="/audisi/2027/"' in html
    assert "31 Maret 2027" in html


def test_latest_news_is_in_the_language_of_the_home_page(client):
    index = factories.news_index()
    article = factories.news_page(index, title="Evaluasi Smart City")
    index_en = factories.translate(index, "en", slug="news", title="News")
    factories.translate(article, "en", title="Smart City evaluation")

    assert "Evaluasi Smart City" in client.get("/").content.decode()
    english = client.get("/en/").content.decode()
    assert "Smart City evaluation" in english
    assert "Evaluasi Smart City" not in english
    assert index_en.url == "/en/news/"


def test_highlights_and_figures_are_editable(client):
    home = factories.home()
    story = factories.publish_child(home, StandardPage(title="Kopi Blitar", slug="kopi-blitar"))
    card = {"title": "Kopi lereng Kelud", "text": "Robusta Wlingi.", "link": {"page": story}}
    home.highlights = [("card", card)]
    home.figures = [("figure", {"value": "50+", "label": "alumni setiap tahun"})]
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert '<a href="/kopi-blitar/">Kopi lereng Kelud</a>' in html
    assert "<dd>50+</dd>" in html


def test_home_announces_the_open_audition_round(client):
    from tests.incubation.factories import open_now_round

    round_page = open_now_round()
    html = client.get("/").content.decode()
    assert f'<h2 id="open-call-title">{round_page.title}</h2>' in html
    assert f'href="{round_page.url}"' in html


def test_home_page_has_a_labelled_search_box_that_searches_products(client):
    html = client.get("/").content.decode()
    assert '<form class="home-search" method="get" action="/cari/" role="search">' in html
    assert '<label for="home-search-q">Cari produk</label>' in html
    assert 'id="home-search-q" type="search" name="q"' in html
    assert 'placeholder="kopi, keripik tempe, gula merah…"' in html
    english = client.get("/en/").content.decode()
    assert 'action="/en/cari/"' in english and '<label for="home-search-q">Search products</label>' in english


def test_demo_regional_highlights_lead_to_their_regional_pages(client):
    from adimarko.core.models import Region
    from cms.demo import build_home_highlights
    from search.models import CommodityPage, KecamatanPage, RegionIndexPage

    index = factories.publish_child(factories.home(), RegionIndexPage(title="Wilayah", slug="wilayah"))
    factories.publish_child(index, CommodityPage(title="Kopi Blitar", slug="kopi-blitar", commodity="kopi"))
    for name in ("Bakung", "Kanigoro"):
        region = Region.objects.kecamatan().get(name=name)
        factories.publish_child(
            index, KecamatanPage(title=f"Kecamatan {name}", slug=name.lower(), region=region)
        )

    assert build_home_highlights() == {"home highlights": 3}
    assert build_home_highlights() == {"home highlights": 3}  # idempotent

    for path in ("/", "/en/"):
        html = client.get(path).content.decode()
        highlights = html[html.index('id="highlights-title"') :]
        highlights = highlights[: highlights.index("</section>")]
        assert highlights.count('<article class="card">') == 3
        assert '<a href="/wilayah/kopi-blitar/">' in highlights
        assert '<a href="/wilayah/bakung/">' in highlights
        assert '<a href="/wilayah/kanigoro/">' in highlights
        assert "/program" not in highlights


def test_latest_news_leaves_out_news_in_a_private_section(client):
    """The home page's news are public ones only, as Wagtail's `.public()` would pick them (a view
    restriction on an index hides its articles; a restriction on an article hides that article)."""
    from wagtail.models import PageViewRestriction

    from cms import selectors

    public_index = factories.news_index()
    private_index = factories.news_index(title="Internal", slug="internal")
    shown = factories.news_page(public_index, title="Kabar terbuka")
    hidden_article = factories.news_page(public_index, title="Kabar tertutup")
    under_private = factories.news_page(private_index, title="Kabar internal")
    PageViewRestriction.objects.create(page=private_index, restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(page=hidden_article, restriction_type=PageViewRestriction.LOGIN)
    # A sibling whose path merely starts like the restricted one's is not in its section.
    assert not shown.path.startswith(hidden_article.path)

    from cms.models import NewsPage

    expected = set(NewsPage.objects.live().public().values_list("pk", flat=True))
    found = set(selectors.public(NewsPage.objects.live()).values_list("pk", flat=True))
    assert found == expected == {shown.pk}
    news = selectors.latest_news(locale_id=shown.locale_id, limit=3)
    assert [article.pk for article in news] == [shown.pk]
    html = client.get("/").content.decode()
    assert "Kabar terbuka" in html
    assert "Kabar tertutup" not in html and under_private.title not in html


def test_open_round_is_followed_into_the_visitors_language_in_one_query(django_assert_num_queries):
    from django.utils import translation

    from cms import selectors
    from cms.blocks import active_locale_id
    from tests.incubation.factories import open_now_round

    round_page = open_now_round(title="Audisi Adi Marko 2027")
    factories.translate(round_page, "en", title="Adi Marko Audition 2027")
    with translation.override("en"):
        active_locale_id()  # the locale id is cached, as after the first view
        with django_assert_num_queries(2):  # the open round, then its English translation
            assert selectors.home_open_round().title == "Adi Marko Audition 2027"
    with translation.override("id"):
        active_locale_id()
        with django_assert_num_queries(1):  # already in the visitor's language
            assert selectors.home_open_round().title == "Audisi Adi Marko 2027"


def test_home_images_reads_the_hero_and_the_news_pictures_in_one_query(django_assert_num_queries):
    """The hero's hero/share renditions and the news cards' renditions come in one query, also for two
    articles showing the same photo and a hero that is a news photo too."""
    from adimarko.core.renditions import specs_of
    from cms import selectors

    shared = factories.wagtail_image("Sawah", size=(800, 500))
    other = factories.wagtail_image("Pasar", size=(800, 500))
    for spec in specs_of("hero", "share", "card"):
        shared.get_rendition(spec)
    for spec in specs_of("card"):
        other.get_rendition(spec)
    index = factories.news_index()
    for image in (shared, shared, other):
        factories.news_page(index, image=image)
    news = selectors.latest_news(locale_id=index.locale_id, limit=3, renditions=False)
    with django_assert_num_queries(1):
        hero = selectors.home_images(hero_image_id=shared.pk, news=news)
    assert hero.pk == shared.pk
    assert sorted(r.filter_spec for r in hero.prefetched_renditions) == sorted(specs_of("hero", "share"))
    assert [sorted(r.filter_spec for r in a.image.prefetched_renditions) for a in news] == [
        sorted(specs_of("card"))
    ] * 3
    with django_assert_num_queries(0):
        assert selectors.home_images(hero_image_id=None, news=[]) is None
