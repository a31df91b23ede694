import json
import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from wagtail.models import Site

from cms.models import SiteSettings
from tests.cms import factories

pytestmark = pytest.mark.django_db


def _jsonld(html: str) -> list[dict]:
    return [
        json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    ]


def _head(html: str) -> str:
    return html.split("</head>")[0]


def test_page_head_has_meta_canonical_alternates_and_opengraph(client, django_capture_on_commit_callbacks):
    index = factories.news_index(seo_title="Berita Adi Marko", search_description="Kabar program.")
    factories.translate(index, "en", slug="news", title="News", search_description="Programme news.")
    index.og_image = factories.wagtail_image("Sampul berita")
    index.save_revision().publish()

    # An image from the admin has no renditions yet: the first view shows the original and queues them.
    with django_capture_on_commit_callbacks(execute=True):
        first = _head(client.get("/berita/").content.decode())
    assert re.search(r'<meta property="og:image" content="http://testserver/[^"]+/original_images/', first)
    head = _head(client.get("/berita/").content.decode())
    assert "<title>Berita Adi Marko · Adi Marko</title>" in head
    assert '<meta name="description" content="Kabar program.">' in head
    assert '<link rel="canonical" href="http://localhost/berita/">' in head
    assert '<link rel="alternate" hreflang="en" href="http://localhost/en/news/">' in head
    assert '<link rel="alternate" hreflang="id" href="http://localhost/berita/">' in head
    assert '<link rel="alternate" hreflang="x-default" href="http://localhost/berita/">' in head
    assert '<meta property="og:locale" content="id_ID">' in head
    assert re.search(
        r'<meta property="og:image" content="http://testserver/[^"]+\.fill-1200x630\.png">', head
    )

    english = _head(client.get("/en/news/").content.decode())
    assert '<meta name="description" content="Programme news.">' in english
    assert '<meta property="og:locale" content="en_US">' in english


def test_home_has_organization_jsonld_with_settings(client):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.whatsapp_number = "081234567890"
    site_settings.instagram_url = "https://www.instagram.com/disperindagkabblitar"
    site_settings.save()
    [organization] = _jsonld(client.get("/").content.decode())
    assert organization["@type"] == "Organization"
    assert organization["url"] == "http://testserver/"
    assert organization["sameAs"] == ["https://www.instagram.com/disperindagkabblitar"]
    assert organization["contactPoint"]["telephone"] == "081234567890"


def test_news_article_has_newsarticle_and_breadcrumb_jsonld(client):
    index = factories.news_index()
    article = factories.news_page(index, title="Evaluasi Smart City", author_name="Tim Humas")
    data = {item["@type"]: item for item in _jsonld(client.get(article.url).content.decode())}
    news = data["NewsArticle"]
    assert news["headline"] == "Evaluasi Smart City"
    assert news["datePublished"] == article.date.isoformat()
    assert news["author"] == {"@type": "Person", "name": "Tim Humas"}
    assert news["inLanguage"] == "id"
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [(c["position"], c["name"]) for c in crumbs] == [
        (1, "Adi Marko"),
        (2, "Berita"),
        (3, "Evaluasi Smart City"),
    ]


def test_product_jsonld_include_gives_idr_offer_and_rating():
    product = factories.product(price=45_000, stock=0, rating_average=Decimal("4.50"), rating_count=12)
    request = RequestFactory().get(f"/produk/{product.slug}/")
    html = render_to_string("cms/includes/jsonld_product.html", {"product": product}, request=request)
    [data] = _jsonld(html)
    assert data["@type"] == "Product"
    assert data["sku"] == product.sku
    assert data["brand"]["name"] == product.business.name
    assert data["offers"]["price"] == "45000"
    assert data["offers"]["priceCurrency"] == "IDR"
    assert data["offers"]["availability"] == "https://schema.org/OutOfStock"
    assert data["offers"]["url"] == f"http://testserver/produk/{product.slug}/"
    assert data["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": "4.50",
        "reviewCount": 12,
        "bestRating": "5",
        "worstRating": "1",
    }
    assert data["image"][0].startswith("http://testserver/")


def test_product_without_reviews_has_no_rating_and_text_cannot_break_out():
    product = factories.product(name="Keripik </script><script>alert(1)</script>", photo=False)
    request = RequestFactory().get("/produk/x/")
    html = render_to_string("cms/includes/jsonld_product.html", {"product": product}, request=request)
    assert html.count("</script>") == 1
    [data] = _jsonld(html)
    assert "aggregateRating" not in data
    assert data["name"] == "Keripik </script><script>alert(1)</script>"
    assert data["offers"]["availability"] == "https://schema.org/InStock"


def test_sitemap_lists_pages_of_both_languages(client):
    index = factories.news_index()
    factories.translate(index, "en", slug="news", title="News")
    # /sitemap.xml is the index of the sections (issue 17: products and storefronts joined the pages)
    sitemap_index = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/sitemap-pages.xml" in re.findall(r"<loc>(.*?)</loc>", sitemap_index)
    xml = client.get("/sitemap-pages.xml").content.decode()
    locations = re.findall(r"<loc>(.*?)</loc>", xml)
    assert locations == [
        "http://localhost/",
        "http://localhost/berita/",
        "http://localhost/en/",
        "http://localhost/en/news/",
    ]


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "Disallow: /admin/\n" in body
    assert "Disallow: /en/keranjang/\n" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_faq_page_has_faqpage_jsonld(client):
    from cms.models import FaqPage

    answer = "<p>IKM yang <b>berdomisili</b> di Kabupaten Blitar.</p>"
    factories.publish_child(
        factories.home(),
        FaqPage(
            title="Tanya jawab",
            slug="tanya-jawab",
            questions=[("question", {"question": "Siapa yang boleh mendaftar?", "answer": answer})],
        ),
    )
    html = client.get("/tanya-jawab/").content.decode()
    [faq] = [item for item in _jsonld(html) if item["@type"] == "FAQPage"]
    assert faq["mainEntity"] == [
        {
            "@type": "Question",
            "name": "Siapa yang boleh mendaftar?",
            "acceptedAnswer": {"@type": "Answer", "text": "IKM yang berdomisili di Kabupaten Blitar."},
        }
    ]
    assert "<summary>Siapa yang boleh mendaftar?</summary>" in html


def test_product_page_carries_the_product_jsonld(client):
    from django.urls import reverse

    product = factories.product(price=62_000)
    html = client.get(reverse("product_detail", args=[product.slug])).content.decode()
    [data] = [item for item in _jsonld(html) if item["@type"] == "Product"]
    assert data["offers"]["price"] == "62000"
    assert data["offers"]["priceCurrency"] == "IDR"
    assert data["offers"]["url"] == f"http://testserver/produk/{product.slug}/"
