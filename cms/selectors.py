"""Reads of the public site."""

from django.db.models import Exists, OuterRef
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


def latest_news(*, locale_id: int, limit: int):
    """The latest public news of a language, with their images and the news card's renditions."""
    from cms.models import NewsPage

    return list(
        public(NewsPage.objects.live())
        .filter(locale_id=locale_id)
        .select_related("image")
        .prefetch_related(renditions_prefetch("image__renditions", specs_of("card")))
        .order_by("-date", "-pk")[:limit]
    )


def image_with_renditions(image_id: int | None, *set_names: str):
    """The image with its renditions of these sets, in one query when they exist (the renditions joined to
    their image), else two. None when there is no image."""
    if image_id is None:
        return None
    image_model = get_image_model()
    rendition_model = image_model.get_rendition_model()
    wanted = rendition_model.objects.filter(image_id=image_id, filter_spec__in=specs_of(*set_names))
    renditions = list(wanted.select_related("image"))
    image = renditions[0].image if renditions else image_model.objects.filter(pk=image_id).first()
    if image is not None:
        image.prefetched_renditions = renditions
    return image
