"""Reads of the catalogue. Each returns a queryset (or list) with what its page needs joined or prefetched, so
the number of SQL queries per page does not grow with the number of products shown."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from adimarko.core.models import Business, Region
from adimarko.core.renditions import IMAGE_VALUES, renditions_for, renditions_prefetch, stored_renditions
from shop.models import Category, Product, ProductPhoto, Storefront
from shop.photos import CARD_SPECS, DETAIL_SPECS, THUMBNAIL_SPECS


@dataclass(frozen=True)
class Sort:
    key: str
    label: str
    order_by: tuple[str, ...]


SORTS = {
    sort.key: sort
    for sort in (
        Sort("terbaru", _("Newest"), ("-published_at", "-pk")),
        Sort("terlaris", _("Best selling"), ("-sales_count", "-pk")),
        Sort("harga-terendah", _("Lowest price"), ("price", "pk")),
        Sort("harga-tertinggi", _("Highest price"), ("-price", "-pk")),
        Sort("nama", _("Name A–Z"), ("name", "pk")),
    )
}
DEFAULT_SORT = "terbaru"


def photos_prefetch(specs: tuple[str, ...]) -> Prefetch:
    """A product's photos with their images and these renditions (three queries, any number of products)."""
    photos = ProductPhoto.objects.select_related("image").prefetch_related(
        renditions_prefetch("image__renditions", specs)
    )
    return Prefetch("photos", queryset=photos)


def with_card_data(queryset: QuerySet, *, photo_specs: tuple[str, ...] = CARD_SPECS) -> QuerySet:
    """What `shop/includes/product_card.html` shows: seller, origin, first photo and its card renditions (or
    the renditions named in `photo_specs`, for a card of another size)."""
    return queryset.select_related("business", "origin_desa__parent", "category").prefetch_related(
        photos_prefetch(photo_specs)
    )


def with_thumbnails(products: list[Product]) -> list[Product]:
    """Give products already read (e.g. a cart's) their photos and thumbnail renditions, in two queries,
    for `{% product_picture photo.image "thumbnail" %}`."""
    prefetch_related_objects(products, photos_prefetch(THUMBNAIL_SPECS))
    return products


# --- Categories and regions ----------------------------------------------------------------------------
# Categories and kecamatan change only through migrations and the admin: listings read them from the cache.
NAVIGATION_CACHE_SECONDS = 300


def category_tree() -> list[Category]:
    """Top-level categories with their children (two levels; two queries, then cached for a few minutes)."""
    tree = cache.get("shop:category-tree")
    if tree is None:
        tree = list(
            Category.objects.filter(parent__isnull=True).prefetch_related(
                Prefetch("children", queryset=Category.objects.order_by("position", "name"))
            )
        )
        cache.set("shop:category-tree", tree, NAVIGATION_CACHE_SECONDS)
    return tree


def category_and_descendant_ids(category: Category) -> list[int]:
    ids, frontier = [category.pk], [category.pk]
    while frontier:
        frontier = list(Category.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.extend(frontier)
    return ids


def category_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """Leaf categories grouped by their parent, for a <select> with <optgroup>s (names in the active
    language)."""
    groups = []
    for root in category_tree():
        children = list(root.children.all())
        groups.append(
            (
                root.display_name,
                [(child.pk, child.display_name) for child in children] or [(root.pk, root.display_name)],
            )
        )
    return groups


def kecamatan_slug(kecamatan: Region) -> str:
    return slugify(kecamatan.name)


def kecamatan_by_slug(slug: str) -> Region | None:
    for kecamatan in Region.objects.kecamatan():
        if kecamatan_slug(kecamatan) == slug or kecamatan.code == slug:
            return kecamatan
    return None


def kecamatan_choices() -> list[tuple[str, str]]:
    choices = cache.get("shop:kecamatan-choices")
    if choices is None:
        choices = [(kecamatan_slug(k), k.name) for k in Region.objects.kecamatan().order_by("name")]
        cache.set("shop:kecamatan-choices", choices, NAVIGATION_CACHE_SECONDS)
    return choices


# --- Public listings -----------------------------------------------------------------------------------
def public_products(*, category: Category | None = None, kecamatan: Region | None = None) -> QuerySet:
    """The public products of a category (its sub-categories included) and of a kecamatan: the one filter
    behind the site's listings and the API's product list, so both give the same products."""
    products = Product.objects.public()
    if category is not None:
        products = products.filter(category_id__in=category_and_descendant_ids(category))
    if kecamatan is not None:
        products = products.filter(origin_desa__parent=kecamatan)
    return products


def _order(sort: str) -> tuple[str, ...]:
    return SORTS.get(sort, SORTS[DEFAULT_SORT]).order_by


def product_listing(
    *, category: Category | None = None, kecamatan: Region | None = None, sort: str = DEFAULT_SORT
) -> QuerySet:
    """Public products with their card data, in one queryset (for small lists and other apps)."""
    return with_card_data(public_products(category=category, kecamatan=kecamatan).order_by(*_order(sort)))


def product_listing_ids(
    *, category: Category | None = None, kecamatan: Region | None = None, sort: str = DEFAULT_SORT
) -> QuerySet:
    """Ids of the public products in listing order. Paginate these, then read the page's cards with
    `product_cards`: sorting and slicing the narrow product rows alone lets PostgreSQL use the listing
    indexes instead of joining every matching row to its seller and region before sorting."""
    products = public_products(category=category, kecamatan=kecamatan).order_by(*_order(sort))
    return products.values_list("pk", flat=True)


# --- Product cards ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CardPhoto:
    alt_text: str
    renditions: dict  # {spec: rendition}, as adimarko.core.templatetags.renditions.picture_html takes them


@dataclass(frozen=True)
class ProductCard:
    """What `shop/includes/product_card.html` shows of a product, as plain values. A listing reads its page
    of cards with `product_cards` (no model instances: building ~15 per card was most of a long page's
    CPU); a product instance becomes one through `product_card`."""

    pk: int
    url: str
    name: str
    pack_label: str
    price: int
    in_stock: bool
    seller: str
    origin: str | None  # the kecamatan of the origin desa; None without an origin desa
    photo: CardPhoto | None


def product_card(product: Product, *, photo_specs: tuple[str, ...] = CARD_SPECS) -> ProductCard:
    """The card of a product instance read with `with_card_data` (home page, related products, storefront)."""
    photo = product.primary_photo
    parent = product.origin_desa.parent if product.origin_desa_id else None
    return ProductCard(
        pk=product.pk,
        url=reverse("product_detail", args=[product.slug]),
        name=product.name,
        pack_label=product.pack_label,
        price=product.price,
        in_stock=product.in_stock,
        seller=product.business.name,
        origin=(parent.name if parent else "") if product.origin_desa_id else None,
        photo=CardPhoto(photo.alt_text, renditions_for(photo.image, photo_specs)) if photo else None,
    )


def product_cards(ids: list[int], *, photo_specs: tuple[str, ...] = CARD_SPECS) -> list[ProductCard]:
    """The cards of the products with these ids, in the order given, in three queries (products with seller
    and origin, photos with their images, the first photos' renditions), read as values: what
    `product_card` gives for the same products, at a fraction of the CPU."""
    ids = list(ids)
    rows = Product.objects.filter(pk__in=ids).values_list(
        "pk", "slug", "name", "pack_label", "price", "stock", "business__name", "origin_desa_id",
        "origin_desa__parent__name",
    )  # fmt: skip
    photos = first_photos(ids, photo_specs=photo_specs)
    # Product URLs differ only by the slug (a slug needs no quoting): reverse once, not per card.
    before, _placeholder, after = reverse("product_detail", args=["-"]).rpartition("-")
    cards = {}
    for pk, slug, name, pack_label, price, stock, seller, origin_desa_id, origin in rows:
        cards[pk] = ProductCard(
            pk=pk,
            url=f"{before}{slug}{after}",
            name=name,
            pack_label=pack_label,
            price=price,
            in_stock=stock > 0,
            seller=seller,
            origin=(origin or "") if origin_desa_id else None,
            photo=photos.get(pk),
        )
    return [cards[pk] for pk in ids if pk in cards]


def first_photos(ids, *, photo_specs: tuple[str, ...]) -> dict[int, CardPhoto]:
    """{product id: its first photo with these renditions}, read as values in two queries (photos with
    their images, the renditions): for cards and search hits, which show one photo each."""
    found: dict[int, tuple[str, dict]] = {}
    photo_rows = ProductPhoto.objects.filter(product_id__in=list(ids)).values_list(  # in the photo order
        "product_id", "alt_text", *(f"image__{field}" for field in IMAGE_VALUES)
    )
    for product_id, alt_text, *image in photo_rows:
        if product_id not in found:
            found[product_id] = (alt_text, dict(zip(IMAGE_VALUES, image, strict=True)))
    renditions = stored_renditions({image["id"]: image for _alt, image in found.values()}, photo_specs)
    return {pk: CardPhoto(alt_text, renditions[image["id"]]) for pk, (alt_text, image) in found.items()}


def product_detail_queryset() -> QuerySet:
    return Product.objects.select_related(
        "business__desa__parent", "business__storefront", "category__parent", "origin_desa__parent"
    ).prefetch_related(photos_prefetch(DETAIL_SPECS + THUMBNAIL_SPECS), "certifications")


def pack_sizes(*, product: Product) -> list[Product]:
    """The other pack sizes of the same item (same business and pack group), public ones only."""
    if not product.pack_group:
        return []
    return list(
        Product.objects.public()
        .filter(business_id=product.business_id, pack_group=product.pack_group)
        .exclude(pk=product.pk)
        .order_by("weight_grams", "price")
        .only("pk", "slug", "name", "pack_label", "price", "stock", "weight_grams")
    )


def related_products(*, product: Product, limit: int = 4) -> list[Product]:
    """Other public products of the same category (other pack sizes of this item are offered separately)."""
    products = Product.objects.public().filter(category_id=product.category_id).exclude(pk=product.pk)
    if product.pack_group:
        products = products.exclude(business_id=product.business_id, pack_group=product.pack_group)
    # The best sellers are picked in a subquery on the narrow product rows, then loaded with their card data.
    best = products.order_by("-sales_count", "-pk").values("pk")[:limit]
    found = list(with_card_data(Product.objects.filter(pk__in=best)))
    return sorted(found, key=lambda item: (-item.sales_count, -item.pk))


def valid_certifications(*, product: Product) -> list:
    """Certifications shown as badges: only those still valid today."""
    return [cert for cert in product.certifications.all() if cert.is_valid]


# --- Storefronts ---------------------------------------------------------------------------------------
def storefront_detail_queryset() -> QuerySet:
    return Storefront.objects.select_related("business__desa__parent").prefetch_related(
        "business__certifications"
    )


def storefront_products(*, business: Business) -> QuerySet:
    return with_card_data(Product.objects.public().filter(business=business).order_by("-published_at", "-pk"))


# --- Seller dashboard and curation ---------------------------------------------------------------------
def seller_products(*, business: Business, archived: bool = False) -> QuerySet:
    products = Product.objects.filter(business=business, archived_at__isnull=not archived)
    return (
        products.select_related("category")
        .prefetch_related(photos_prefetch(THUMBNAIL_SPECS))
        .order_by("name", "pk")
    )


def businesses_for_seller(*, user) -> QuerySet:
    return Business.objects.for_member(user).select_related("storefront").order_by("name")


def curation_queue() -> QuerySet:
    return (
        Product.objects.awaiting_curation()
        .select_related("business", "category", "origin_desa__parent")
        .prefetch_related(photos_prefetch(THUMBNAIL_SPECS))
        .order_by("submitted_at", "pk")
    )


def storefronts_awaiting_curation() -> QuerySet:
    return Storefront.objects.filter(status=Storefront.Status.PENDING).select_related(
        "business__desa__parent"
    )
