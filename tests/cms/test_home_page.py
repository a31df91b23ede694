import pytest
from wagtail.models import Site

from cms.models import HomePage

pytestmark = pytest.mark.django_db


def test_home_page_is_the_default_site_root():
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert HomePage.objects.count() == 1


def test_home_page_uses_edited_hero_text(client):
    home = HomePage.objects.get()
    home.hero_title = "Bela Beli Produk Blitar"
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert '<h1 id="hero-title">Bela Beli Produk Blitar</h1>' in html
    assert "htmx.min.js" in html
    assert 'class="skip-link"' in html
