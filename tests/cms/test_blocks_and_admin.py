import subprocess
import sys

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Locale, Site

from adimarko.core.blocks import video_embed_url
from cms.blocks import BodyBlock, CardBlock, LinkBlock
from cms.demo import SMART_CITY_SLUG, build_site
from cms.models import NewsPage, SiteNavigation, StandardPage
from tests.cms import factories
from tests.factories import staff_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?t=3", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://example.com/video.mp4", None),
    ],
)
def test_video_urls_become_privacy_friendly_players(url, embed):
    assert video_embed_url(url) == embed


def test_video_block_renders_a_lazy_player_or_a_plain_link():
    body = BodyBlock()
    html = body.render(
        body.to_python(
            [
                {
                    "type": "video",
                    "value": {"url": "https://youtu.be/dQw4w9WgXcQ", "title": "Kelas foto produk"},
                },
                {"type": "video", "value": {"url": "https://example.com/v.mp4", "title": "Rekaman"}},
            ]
        )
    )
    assert (
        '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="Kelas foto produk" '
        'loading="lazy"' in html
    )
    assert '<a href="https://example.com/v.mp4" rel="noopener">Tonton videonya: Rekaman</a>' in html


def test_link_block_needs_a_page_or_an_address_unless_optional():
    block = LinkBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"label": "Kosong"}))
    assert (
        block.clean(block.to_python({"external_url": "https://blitarkab.go.id"})).url
        == "https://blitarkab.go.id"
    )
    card = CardBlock()
    value = card.clean(card.to_python({"title": "Tanpa tautan", "link": {}}))
    assert value["link"].url == ""


def test_link_block_follows_the_page_into_the_visitors_language():
    from django.utils import translation

    index = factories.news_index()
    factories.translate(index, "en", slug="news", title="News")
    value = LinkBlock().to_python({"page": index.pk})
    with translation.override("en"):
        assert (value.url, value.text) == ("/en/news/", "News")
    with translation.override("id"):
        assert (value.url, value.text) == ("/berita/", "Berita")


def test_demo_builds_both_languages_with_the_smart_city_story_idempotently():
    first = build_site()
    second = build_site()
    assert first == second
    story = NewsPage.objects.get(slug=SMART_CITY_SLUG)
    english = story.get_translation(factories.home("en").locale)
    assert english.title == "Adi Marko presented at Kabupaten Blitar's Smart City evaluation"
    assert [c.slug for c in story.categories.all()] == ["smart-city"]
    assert SiteNavigation.objects.count() == 2
    assert NewsPage.objects.count() == 6


@pytest.mark.parametrize(
    "model", ["standardpage", "newsindexpage", "programmepage", "faqpage", "contactpage"]
)
def test_staff_can_create_each_page_type_in_wagtail(client, model):
    staff = staff_user()
    client.force_login(staff)
    home = factories.home()
    response = client.get(f"/admin/pages/add/cms/{model}/{home.pk}/")
    assert response.status_code == 200


def test_staff_can_translate_a_page_and_edit_navigation_settings_and_messages(client):
    build_site()
    client.force_login(staff_user())
    page = factories.publish_child(
        factories.home(), StandardPage(title="Kebijakan baru", slug="kebijakan-baru")
    )
    translate_url = reverse("simple_translation:submit_page_translation", args=[page.pk])
    assert client.get(translate_url).status_code == 200
    response = client.post(translate_url, {"locales": [Locale.objects.get(language_code="en").pk]})
    assert response.status_code == 302
    assert page.get_translation(Locale.objects.get(language_code="en")).url_path == "/home/kebijakan-baru/"
    navigation = SiteNavigation.objects.first()
    assert client.get(f"/admin/snippets/cms/sitenavigation/edit/{navigation.pk}/").status_code == 200
    site = Site.objects.get(is_default_site=True)
    assert client.get(f"/admin/settings/cms/sitesettings/{site.pk}/").status_code == 200
    assert client.get("/admin/snippets/cms/contactmessage/").status_code == 200


def test_production_serves_hashed_static_files_through_whitenoise():
    code = (
        "from django.conf import settings;"
        "print(settings.STORAGES['staticfiles']['BACKEND']);"
        "print(settings.MIDDLEWARE[1])"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        capture_output=True,
        text=True,
        env={
            "DJANGO_SETTINGS_MODULE": "adimarko.settings.production",
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "adimarko.example",
            "DATABASE_URL": "sqlite:///:memory:",
            "PATH": "/usr/bin:/bin",
        },
        check=True,
    )
    assert result.stdout.split() == [
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]


def test_a_link_looks_up_the_visitors_locale_once_not_per_link(django_assert_num_queries):
    """Wagtail's `page.localized` reads the active Locale from the database on every call; a page with six
    links made six look-ups. The locale id is cached, and a page already in the visitor's language needs no
    query at all; a translated page is still followed into the visitor's language."""
    from django.utils import translation

    page = factories.publish_child(factories.home(), StandardPage(title="Tentang", slug="tentang"))
    factories.translate(page, "en", slug="about", title="About")
    links = [LinkBlock().to_python({"page": page.pk, "label": "", "external_url": ""}) for _ in range(6)]
    assert links[0].url == "/tentang/"  # reads the locale id once into the cache
    with django_assert_num_queries(0):
        assert {(link.url, link.text) for link in links} == {("/tentang/", "Tentang")}
    with translation.override("en"):
        assert (links[0].url, links[0].text) == ("/en/about/", "About")
