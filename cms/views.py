from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

# Private areas crawlers have no business in: accounts, business profiles, seller and staff areas, cart,
# checkout and orders (the last ones arrive with the marketplace), in both languages.
PRIVATE_PATHS = ("akun/", "usaha/", "penjual/", "staf/", "juri/", "keranjang/", "checkout/", "pesanan/")
DISALLOWED_PREFIXES = (
    "/admin/",
    *(f"/{path}" for path in PRIVATE_PATHS),
    *(f"/en/{path}" for path in PRIVATE_PATHS),
)


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {prefix}" for prefix in DISALLOWED_PREFIXES), ""]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
