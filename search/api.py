"""The public JSON API at /api/v1/ (django-ninja): search, facets, autocomplete and products.

Schema at /api/v1/openapi.json, interactive docs at /api/v1/docs (Swagger UI from our own static files).
Read-only and anonymous. Every parameter is bounded (numbers, lengths, Western digits, no control characters)
and an invalid one gets a 422 with the offending field; a missing product or a page past the last is a 404.
Both are declared in the schema. Unknown facet values and a search engine outage are not errors: the answer
lists them in `notices` (and says which backend answered).
"""

from typing import Annotated, Literal

from django.db.models import F
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError
from ninja.openapi.docs import Swagger
from pydantic import Field

from search import service
from search.templatetags.search_tags import product_url_for
from search.types import MAX_PAGE, MAX_PRICE, PAGE_SIZE, Filters
from shop import selectors as shop_selectors
from shop.models import Category, Product

api = NinjaAPI(
    title="Adi Marko API",
    version="1",
    description="Products of Kabupaten Blitar's IKM: search with facets, autocomplete and product details.",
    urls_namespace="api-v1",
    # No online validator badge: the docs page talks to this site only (Content-Security-Policy).
    docs=Swagger(settings={"validatorUrl": None}),
)

SortName = Literal["relevance", "price_asc", "price_desc", "newest", "rating"]
MAX_PRODUCT_PAGE = 10_000  # of PAGE_SIZE products: far more than the catalogue holds

# Text without control characters (PostgreSQL refuses NUL in a string) and of a bounded length.
_NO_CONTROL = r"^[^\x00-\x1F\x7F]*$"
Text = Annotated[str, Field(max_length=200, pattern=_NO_CONTROL)]
# Longer queries are cut by the search service, not refused.
SearchText = Annotated[str, Field(max_length=5000, pattern=_NO_CONTROL)]
Slug = Annotated[str, Field(min_length=1, max_length=140, pattern=r"^[-a-zA-Z0-9_]+$")]
SlugFilter = Annotated[str, Field(max_length=140, pattern=r"^[-a-zA-Z0-9_]*$")]  # "" = no filter
RegionCode = Annotated[str, Field(max_length=13, pattern=r"^[0-9.]*$")]  # Western digits only


class ErrorOut(Schema):
    detail: str


class ValidationErrorItem(Schema):
    type: str
    loc: list[str | int]
    msg: str


class ValidationErrorOut(Schema):
    detail: list[ValidationErrorItem]


# What every operation may answer besides its 200: a 422 naming each invalid parameter.
INVALID = {422: ValidationErrorOut}


class SearchParameters(Schema):
    q: SearchText = ""
    # Facet values: an unknown one (misspelt, Arabic-Indic digits) is a notice in the answer, not a 422.
    kecamatan: list[Text] = Field([], max_length=30)
    category: list[Text] = Field([], max_length=30)
    certification: list[Text] = Field([], max_length=30)
    seller: list[Text] = Field([], max_length=30)
    price: list[Text] = Field([], max_length=30)
    desa: list[Text] = Field([], max_length=30)
    price_min: int | None = Query(None, ge=0, le=MAX_PRICE)
    price_max: int | None = Query(None, ge=0, le=MAX_PRICE)
    in_stock: bool = False
    sort: SortName = "relevance"
    page: int = Query(1, ge=1, le=MAX_PAGE)
    page_size: int = Query(PAGE_SIZE, ge=1, le=50)

    def filters(self) -> Filters:
        low, high = self.price_min, self.price_max
        if low is not None and high is not None and low > high:
            low, high = high, low
        return Filters(
            kecamatan=self.kecamatan[:30],
            category=self.category[:30],
            certification=self.certification[:30],
            seller=self.seller[:30],
            price=self.price[:30],
            desa=self.desa[:30],
            price_min=low,
            price_max=high,
            in_stock=self.in_stock,
        )


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class FacetOut(Schema):
    name: str
    label: str
    values: list[FacetValueOut]


class HitOut(Schema):
    id: int
    slug: str
    name: str
    pack_label: str
    url: str
    price: int
    seller: str
    seller_name: str
    kecamatan: str
    kecamatan_name: str
    desa_name: str
    category: str
    certifications: list[str]
    rating: float
    rating_count: int
    sales_count: int
    in_stock: bool
    curated: bool
    alumni: bool
    alumni_year: int | None
    highlights: dict[str, str]


class CategoryOut(Schema):
    slug: str
    name: str


class SearchOut(Schema):
    query: str
    backend: str
    total: int
    page: int
    pages: int
    page_size: int
    notices: list[str]
    suggestions: list[str]
    recovery: str
    suggested_categories: list[CategoryOut]
    hits: list[HitOut]
    facets: list[FacetOut]


class FacetsOut(Schema):
    backend: str
    total: int
    notices: list[str]
    facets: list[FacetOut]


class SuggestionOut(Schema):
    name: str
    slug: str
    url: str


class AutocompleteOut(Schema):
    backend: str
    suggestions: list[SuggestionOut]


class ProductOut(Schema):
    id: int
    slug: str
    sku: str
    name: str
    pack_label: str
    url: str
    description: str
    price: int
    stock: int
    in_stock: bool
    weight_grams: int
    category: CategoryOut
    seller: str
    seller_name: str
    kecamatan: str
    desa: str
    origin: str
    certifications: list[str]
    rating: float | None
    rating_count: int
    sales_count: int
    published_at: str | None


def _facets(result) -> list[dict]:
    return [
        {"name": f.name, "label": f.label, "values": [v.__dict__ for v in f.values]}
        for f in result.facets.values()
    ]


def _search(params: SearchParameters, *, page_size=None):
    return service.search_products(
        params.q, params.filters(), params.sort, params.page, page_size=page_size or params.page_size
    )


@api.get("/search", response={200: SearchOut, **INVALID}, summary="Search products", tags=["search"])
def search(request, params: Query[SearchParameters]):
    result = _search(params)
    hits = []
    for hit in result.hits:
        data = {key: value for key, value in hit.__dict__.items() if key not in {"product", "score"}}
        hits.append({**data, "url": product_url_for(hit.slug, hit.name)})
    return {
        "query": result.query.text,
        "backend": result.backend,
        "total": result.total,
        "page": result.page,
        "pages": result.pages,
        "page_size": result.page_size,
        "notices": result.notices,
        "suggestions": result.suggestions,
        "recovery": result.recovery,
        "suggested_categories": [{"slug": s, "name": n} for s, n in result.suggested_categories],
        "hits": hits,
        "facets": _facets(result),
    }


@api.get(
    "/facets", response={200: FacetsOut, **INVALID}, summary="Facet counts for a search", tags=["search"]
)
def facets(request, params: Query[SearchParameters]):
    result = _search(params, page_size=1)
    return {
        "backend": result.backend,
        "total": result.total,
        "notices": result.notices,
        "facets": _facets(result),
    }


@api.get(
    "/autocomplete",
    response={200: AutocompleteOut, **INVALID},
    summary="Product names for a prefix",
    tags=["search"],
)
def autocomplete(request, q: Text = "", limit: int = Query(8, ge=1, le=20)):
    suggestions, backend = service.autocomplete(q, limit)
    return {
        "backend": backend,
        "suggestions": [{**s, "url": product_url_for(s["slug"], s["name"])} for s in suggestions],
    }


def _product(product: Product) -> dict:
    today = timezone.localdate()
    business, desa = product.business, product.origin_desa
    return {
        "id": product.pk,
        "slug": product.slug,
        "sku": product.sku,
        "name": product.name,
        "pack_label": product.pack_label,
        "url": product_url_for(product.slug, product.name),
        "description": product.description,
        "price": int(product.price),
        "stock": product.stock,
        "in_stock": product.in_stock,
        "weight_grams": product.weight_grams,
        "category": {"slug": product.category.slug, "name": product.category.name},
        "seller": business.slug,
        "seller_name": business.name,
        "kecamatan": desa.parent.name if desa.parent_id else "",
        "desa": desa.name,
        "origin": desa.code,
        "certifications": sorted({c.kind for c in product.certifications.all() if c.is_valid_on(today)}),
        "rating": float(product.rating_average) if product.rating_average is not None else None,
        "rating_count": product.rating_count,
        "sales_count": product.sales_count,
        "published_at": product.published_at.isoformat() if product.published_at else None,
    }


def _with_api_data(products):
    return products.select_related("business", "category", "origin_desa__parent").prefetch_related(
        "certifications"
    )


def _public_products(*, category: str = ""):
    """Public products; with `category`, those of that category and its sub-categories, as on the site (an
    unknown category has no products)."""
    if not category:
        return _with_api_data(shop_selectors.public_products())
    chosen = Category.objects.filter(slug=category).first()
    if chosen is None:
        return _with_api_data(Product.objects.none())
    return _with_api_data(shop_selectors.public_products(category=chosen))


class ProductPageOut(Schema):
    count: int
    page: int
    pages: int
    items: list[ProductOut]


@api.get(
    "/products",
    response={200: ProductPageOut, 404: ErrorOut, **INVALID},
    summary="Public products, newest first",
    description="A page past the last one is a 404 (the first page always exists, even when empty).",
    tags=["products"],
)
def products(
    request,
    category: SlugFilter = "",
    kecamatan: RegionCode = "",
    seller: SlugFilter = "",
    page: int = Query(1, ge=1, le=MAX_PRODUCT_PAGE),
):
    qs = _public_products(category=category).order_by(F("published_at").desc(nulls_last=True), "-pk")
    if kecamatan:
        qs = qs.filter(origin_desa__parent_id=kecamatan)
    if seller:
        qs = qs.filter(business__slug=seller)
    count = qs.count()
    pages = max(1, -(-count // PAGE_SIZE))
    if page > pages:
        raise HttpError(404, f"Page {page} is past the last page ({pages}).")
    start = (page - 1) * PAGE_SIZE
    return {
        "count": count,
        "page": page,
        "pages": pages,
        "items": [_product(product) for product in qs[start : start + PAGE_SIZE]],
    }


@api.get(
    "/products/{slug}",
    response={200: ProductOut, 404: ErrorOut, **INVALID},
    summary="One public product",
    tags=["products"],
)
def product(request, slug: Slug):
    return _product(get_object_or_404(_public_products(), slug=slug))
