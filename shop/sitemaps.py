"""The marketplace in /sitemap.xml: public product pages and open storefronts, in both languages.

Django's sitemap framework does the languages (`i18n`: one <url> per item and language, Indonesian at `/`,
English under `/en/`), the hreflang alternates of each URL with an `x-default` (the Indonesian page), and the
pagination at 50,000 URLs per file that the sitemap index (`/sitemap.xml`) lists.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse

from shop.models import Product, Storefront


class MarketplaceSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class ProductSitemap(MarketplaceSitemap):
    """Products buyers may see (approved by curation, not archived), last changed when the product was."""

    def items(self):
        return Product.objects.public().only("slug", "updated_at").order_by("pk")

    def location(self, product):
        return reverse("product_detail", args=[product.slug])

    def lastmod(self, product):
        return product.updated_at

    def get_latest_lastmod(self):
        # One query, not a pass over every product (the framework's default) for the index.
        return Product.objects.public().aggregate(latest=Max("updated_at"))["latest"]


class StorefrontSitemap(MarketplaceSitemap):
    """Storefronts approved by curation. A storefront's page shows the storefront, its business and its public
    products: it last changed when the latest of them did."""

    def items(self):
        public = Q(business__products__status=Product.Status.APPROVED, business__products__archived_at=None)
        return (
            Storefront.objects.filter(status=Storefront.Status.APPROVED)
            .select_related("business")
            .only("updated_at", "business__slug", "business__updated_at")
            .annotate(latest_product=Max("business__products__updated_at", filter=public))
            .order_by("pk")
        )

    def location(self, storefront):
        return reverse("storefront_detail", args=[storefront.business.slug])

    def lastmod(self, storefront):
        changes = (storefront.updated_at, storefront.business.updated_at, storefront.latest_product)
        return max(change for change in changes if change is not None)
