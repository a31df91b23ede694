"""Public catalogue pages: listings, product page, storefront."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from adimarko.core.pagination import paginate
from shop import permissions, selectors
from shop.models import Category

PAGE_SIZE = 24


def _listing(request, *, category=None, kecamatan=None):
    sort = request.GET.get("urut", selectors.DEFAULT_SORT)
    if sort not in selectors.SORTS:
        sort = selectors.DEFAULT_SORT
    if category is None and request.GET.get("kategori"):
        category = Category.objects.filter(slug=request.GET["kategori"]).first()
    if kecamatan is None and request.GET.get("kecamatan"):
        kecamatan = selectors.kecamatan_by_slug(request.GET["kecamatan"])
    ids = selectors.product_listing_ids(category=category, kecamatan=kecamatan, sort=sort)
    page = paginate(request, ids, per_page=PAGE_SIZE)
    return render(
        request,
        "shop/product_list.html",
        {
            "page": page,
            "products": selectors.product_cards(list(page.object_list)),
            "category": category,
            "kecamatan": kecamatan,
            "kecamatan_slug": selectors.kecamatan_slug(kecamatan) if kecamatan else "",
            "categories": selectors.category_tree(),
            "kecamatan_choices": selectors.kecamatan_choices(),
            "sorts": selectors.SORTS.values(),
            "sort": sort,
        },
    )


def product_list(request):
    return _listing(request)


def product_category(request, slug):
    return _listing(request, category=get_object_or_404(Category, slug=slug))


def product_kecamatan(request, slug):
    kecamatan = selectors.kecamatan_by_slug(slug)
    if kecamatan is None:
        raise Http404
    return _listing(request, kecamatan=kecamatan)


def product_detail(request, slug):
    product = get_object_or_404(selectors.product_detail_queryset(), slug=slug)
    if not permissions.can_view_product(request.user, product)[0]:
        # Unpublished products do not exist for buyers; their sellers and staff see a preview.
        raise Http404
    photos = list(product.photos.all())
    return render(
        request,
        "shop/product_detail.html",
        {
            "product": product,
            "business": product.business,
            "photos": photos,
            "certifications": selectors.valid_certifications(product=product),
            "pack_sizes": selectors.pack_sizes(product=product),
            "related": selectors.related_products(product=product),
            "preview": not product.is_public,
        },
    )


def storefront_detail(request, slug):
    storefront = get_object_or_404(selectors.storefront_detail_queryset(), business__slug=slug)
    if not permissions.can_view_storefront(request.user, storefront)[0]:
        raise Http404
    business = storefront.business
    page = paginate(request, selectors.storefront_products(business=business), per_page=PAGE_SIZE)
    return render(
        request,
        "shop/storefront_detail.html",
        {
            "storefront": storefront,
            "business": business,
            "page": page,
            "products": page.object_list,
            "certifications": [cert for cert in business.certifications.all() if cert.is_valid],
            "preview": not storefront.is_public,
        },
    )
