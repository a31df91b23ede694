"""Reads of the public site."""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from adimarko.core.renditions import renditions_prefetch, specs_of
from cms.blocks import active_locale_id
from shop.models import Product
from shop.selectors import with_card_data


def featured_products(*, limit: int):
    """The latest approved products with what a product card shows (the shop's card query: seller, origin,
    category, photos and their card renditions; a fixed number of queries however many are featured)."""
    return list(with_card_data(Product.objects.public().order_by("-published_at", "-pk"))[:limit])


def _open_round():
    """The audition app's open round (incubation.selectors.open_round)."""
    from incubation.audition.selectors import open_round

    return open_round()


def home_open_round():
    """The audition round open for applications, for the home page's call (title, url, closes_on), in the
    visitor's language when the round page is translated (its live translation, else the round itself)."""
    round_page = _open_round()
    locale_id = active_locale_id()
    if not hasattr(type(round_page), "localized") or round_page.locale_id == locale_id or locale_id is None:
        return round_page  # none, or already in the visitor's language: no locale or translation lookup
    # One query, where Wagtail's `.localized` makes two (the active Locale, then the translation).
    translated = (
        type(round_page)
        .objects.live()
        .filter(translation_key=round_page.translation_key, locale_id=locale_id)
        .first()
    )
    return translated or round_page


def public(pages):
    """Wagtail's `PageQuerySet.public()` in the same query: it first reads every view restriction to build
    its filter (one more query per call); here a page is private when a restricted page's path starts its
    own (the restricted page or one of its descendants), tested by a subquery."""
    own_prefix = Substr(OuterRef("path"), 1, Length("page__path"))
    restricted = PageViewRestriction.objects.filter(page__path=own_prefix)
    return pages.exclude(Exists(restricted))


def latest_news(*, locale_id: int, limit: int, renditions: bool = True):
    """The latest public news of a language, with their images and (unless `renditions` is False: the home
    page reads them with its hero's, `home_images`) the news card's renditions."""
    from cms.models import NewsPage

    news = public(NewsPage.objects.live()).filter(locale_id=locale_id).select_related("image")
    if renditions:
        news = news.prefetch_related(renditions_prefetch("image__renditions", specs_of("card")))
    return list(news.order_by("-date", "-pk")[:limit])


def home_images(*, hero_image_id: int | None, news: list):
    """The home page's pictures in one query: the hero image with its hero and share renditions (the
    renditions joined to their image) and the renditions of the news cards' images (loaded with the news),
    put where Wagtail looks first (`prefetched_renditions`). Returns the hero image (None without one); a
    second query reads it when it has no renditions yet."""
    image_model = get_image_model()
    hero_specs, card_specs = specs_of("hero", "share"), specs_of("card")
    news_images = [article.image for article in news if article.image_id is not None]
    wanted = Q(pk__in=[])
    if hero_image_id is not None:
        wanted |= Q(image_id=hero_image_id, filter_spec__in=hero_specs)
    if news_images:
        wanted |= Q(image_id__in={image.pk for image in news_images}, filter_spec__in=card_specs)
    rows = []
    if hero_image_id is not None or news_images:
        rows = list(image_model.get_rendition_model().objects.filter(wanted).select_related("image"))
    for image in news_images:  # an image shown by two articles is two objects: each gets its renditions
        image.prefetched_renditions = [
            rendition
            for rendition in rows
            if rendition.image_id == image.pk and rendition.filter_spec in card_specs
        ]
    if hero_image_id is None:
        return None
    hero_rows = [r for r in rows if r.image_id == hero_image_id and r.filter_spec in hero_specs]
    hero = hero_rows[0].image if hero_rows else image_model.objects.filter(pk=hero_image_id).first()
    if hero is not None:
        hero.prefetched_renditions = hero_rows
    return hero
