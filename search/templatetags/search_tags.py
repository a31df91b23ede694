from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()

# The catalogue's product page (branch `catalog`); until it exists, a hit links to a search for its name.
PRODUCT_URL_NAMES = ("product_detail", "shop:product_detail")


def product_url_for(slug: str, name: str = "") -> str:
    for url_name in PRODUCT_URL_NAMES:
        try:
            return reverse(url_name, kwargs={"slug": slug})
        except NoReverseMatch:
            continue
    from urllib.parse import urlencode

    return f"{reverse('search')}?{urlencode({'q': name or slug})}"


@register.filter
def product_url(hit) -> str:
    return product_url_for(hit.slug, hit.name)
