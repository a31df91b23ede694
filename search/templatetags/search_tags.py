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


@register.inclusion_tag("search/includes/curated_pick_panel.html", takes_context=True)
def curated_pick_panel(context, product):
    """Staff only: pick or drop a product as curator's pick, from its page. Costs one query, for staff."""
    from search.permissions import can_pick_products
    from search.selectors import curated_pick_for

    request = context["request"]
    if not can_pick_products(request.user)[0] or not product.is_public:
        return {"show": False}
    return {
        "show": True,
        "product": product,
        "pick": curated_pick_for(product),
        "next": request.get_full_path(),
    }
