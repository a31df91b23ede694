import pytest

from cms.models.news import NEWS_PER_PAGE
from tests.cms import factories

pytestmark = pytest.mark.django_db


def test_news_index_lists_newest_first_and_filters_by_category_and_tag(client):
    index = factories.news_index()
    smart_city = factories.news_category("Smart City", "smart-city")
    programme = factories.news_category("Program", "program")
    evaluation = factories.news_page(
        index, title="Evaluasi Smart City", categories=[smart_city], tags=["evaluasi"]
    )
    audition = factories.news_page(index, title="Audisi dibuka", categories=[programme], tags=["audisi"])

    response = client.get("/berita/")
    assert [page.title for page in response.context["news"]] == [audition.title, evaluation.title]

    filtered = client.get("/berita/?kategori=smart-city")
    assert [page.title for page in filtered.context["news"]] == ["Evaluasi Smart City"]
    assert 'aria-current="page">Smart City</a>' in filtered.content.decode()

    tagged = client.get("/berita/?tag=audisi")
    assert [page.title for page in tagged.context["news"]] == ["Audisi dibuka"]


def test_news_index_paginates_and_survives_bad_page_numbers(client):
    index = factories.news_index()
    for _ in range(NEWS_PER_PAGE + 2):
        factories.news_page(index)
    first = client.get("/berita/")
    assert len(first.context["news"]) == NEWS_PER_PAGE
    assert "Halaman 1 dari 2" in first.content.decode()
    second = client.get("/berita/?page=2")
    assert len(second.context["news"]) == 2
    assert client.get("/berita/?page=abc").status_code == 200
    assert client.get("/berita/?page=999").context["news"].number == 2


def test_news_index_without_articles_shows_an_empty_state(client):
    factories.news_index()
    assert "Belum ada berita." in client.get("/berita/").content.decode()


def test_news_article_shows_byline_categories_tags_and_breadcrumbs(client):
    index = factories.news_index()
    smart_city = factories.news_category()
    article = factories.news_page(
        index,
        title="Evaluasi Smart City",
        author_name="Tim Humas Disperindag",
        categories=[smart_city],
        tags=["smart economy"],
    )
    html = client.get(article.url).content.decode()
    assert "<h1>Evaluasi Smart City</h1>" in html
    assert "oleh Tim Humas Disperindag" in html
    assert f'<time datetime="{article.date:%Y-%m-%d}">' in html
    assert '<a href="/berita/?kategori=smart-city">Smart City</a>' in html
    assert '<a href="/berita/?tag=smart-economy">#smart economy</a>' in html
    assert '<nav class="breadcrumbs"' in html
    assert '<li aria-current="page">Evaluasi Smart City</li>' in html


def test_english_article_shows_the_english_category(client):
    index = factories.news_index()
    category = factories.news_category("Program", "program")
    factories.news_category("Programme", "programme", language="en", source=category)
    article = factories.news_page(index, title="Audisi dibuka", categories=[category])
    factories.translate(index, "en", slug="news", title="News")
    english = factories.translate(article, "en", slug="audition-opens", title="Audition opens")

    html = client.get(english.url).content.decode()
    assert '<a href="/en/news/?kategori=programme">Programme</a>' in html
    listing = client.get("/en/news/?kategori=programme")
    assert [page.title for page in listing.context["news"]] == ["Audition opens"]
