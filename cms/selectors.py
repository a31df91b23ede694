"""Reads of the public site."""

from shop.models import Product


def featured_products(*, limit: int):
    """The latest approved products, with what a product card shows (seller, first photo)."""
    return list(
        Product.objects.public()
        .select_related("business")
        .prefetch_related("photos__image")
        .order_by("-published_at", "-pk")[:limit]
    )


def _open_round():
    """The audition app's open round (incubation.selectors.open_round)."""
    from incubation.audition.selectors import open_round

    return open_round()


def home_open_round():
    """The audition round open for applications, for the home page's call (title, url, closes_on), in the
    visitor's language when the round page is translated."""
    round_page = _open_round()
    return getattr(round_page, "localized", round_page)


def latest_news(*, locale, limit: int):
    from cms.models import NewsPage

    return list(
        NewsPage.objects.live()
        .public()
        .filter(locale=locale)
        .select_related("image")
        .order_by("-date", "-pk")[:limit]
    )
