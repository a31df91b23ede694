import re

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

from cms.models import SiteNavigation
from cms.wagtail_hooks import navigation_fragments_forget
from tests.cms import factories

pytestmark = pytest.mark.django_db


def _language_links(html: str) -> dict[str, str]:
    return {code: url for url, code in re.findall(r'<a href="([^"]*)" hreflang="(\w+)"', html)}


def test_language_switcher_goes_to_the_translated_page(client):
    index = factories.news_index()
    article = factories.news_page(index, slug="evaluasi")
    factories.translate(index, "en", slug="news", title="News")
    factories.translate(article, "en", slug="evaluation", title="Evaluation")
    assert _language_links(client.get("/berita/evaluasi/").content.decode()) == {
        "id": "/berita/evaluasi/",
        "en": "/en/news/evaluation/",
    }
    assert _language_links(client.get("/en/news/evaluation/").content.decode()) == {
        "id": "/berita/evaluasi/",
        "en": "/en/news/evaluation/",
    }


def test_untranslated_page_switches_to_the_other_home(client):
    factories.news_index()
    assert _language_links(client.get("/berita/").content.decode())["en"] == "/en/"


def test_django_views_switch_by_path(client):
    assert _language_links(client.get("/akun/masuk/").content.decode()) == {
        "id": "/akun/masuk/",
        "en": "/en/akun/masuk/",
    }


def test_interface_strings_are_translated(client):
    factories.news_index()
    assert "Belum ada berita." in client.get("/berita/").content.decode()
    assert "Langsung ke konten" in client.get("/").content.decode()
    assert "Skip to content" in client.get("/en/").content.decode()


def test_navigation_is_managed_in_wagtail_per_language(client):
    home = factories.home()
    index = factories.news_index()
    factories.translate(index, "en", slug="news", title="News")
    navigation = SiteNavigation.objects.create(
        locale=home.locale,
        header_links=[("link", {"page": index})],
        footer_text="<p>Program Disperindag.</p>",
    )
    SiteNavigation.objects.create(
        locale=factories.home("en").locale,
        translation_key=navigation.translation_key,
        header_links=[("link", {"page": index})],
        footer_text="<p>A Disperindag programme.</p>",
    )
    navigation_fragments_forget()
    indonesian = client.get("/").content.decode()
    assert '<li><a href="/berita/">Berita</a></li>' in indonesian
    assert "Program Disperindag." in indonesian
    english = client.get("/en/").content.decode()
    assert '<li><a href="/en/news/">News</a></li>' in english
    assert "A Disperindag programme." in english


def test_navigation_fragment_is_cached_until_staff_change_it(client, settings):
    settings.CACHES = {
        **settings.CACHES,
        "template_fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "nav"},
    }
    home = factories.home()
    index = factories.news_index()
    navigation = SiteNavigation.objects.create(locale=home.locale, header_links=[("link", {"page": index})])
    client.get("/")
    navigation.header_links = [("link", {"page": index, "label": "Kabar"})]
    navigation.save()
    assert '<a href="/berita/">Berita</a>' in client.get("/").content.decode()
    navigation_fragments_forget()
    assert '<a href="/berita/">Kabar</a>' in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("path", "lang", "text"),
    [("/tidak-ada/", "id", "Halaman tidak ditemukan"), ("/en/nothing-here/", "en", "Page not found")],
)
def test_404_in_the_site_style_and_language(client, path, lang, text):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{text}</h1>" in html
    assert 'class="site-header"' in html


@pytest.mark.parametrize(
    ("lang", "text"), [("id", "Maaf, terjadi kesalahan"), ("en", "Sorry, something went wrong")]
)
def test_500_in_the_site_style_and_language(lang, text):
    with translation.override(lang):
        response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{text}</h1>" in html
    assert "adimarko/css/site.css" in html
