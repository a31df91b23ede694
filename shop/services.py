"""Writes of the catalogue: storefronts, products, photos and curation.

Every function is keyword-only and transactional and validates with full_clean(); emails and search-index
updates run after commit (shop.seams.products_changed; search enqueues its work on commit).

Curation rule: a product is public only when approved. A new product waits for curation once submitted; an
approved product whose *material* fields change (MATERIAL_FIELDS: what buyers read or see about the item) goes
back to the queue and is hidden until approved again. Price, stock, weight and pack label are operational and
change without curation (sellers adjust them daily; the order snapshot protects buyers).

Stock rule (docs/stock.md): sellers, the import and every other writer here state what they have *on hand*
(on the shelf, unshipped units included), never `Product.stock`. Under the product's row lock the services set
`stock = on_hand - allocated`, so a write can never put back units that buyers already hold; order-side moves
live in shop/stock.py.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from adimarko.core.mail import email_send
from adimarko.core.models import Business, Certification, Region, User
from adimarko.core.renditions import PRODUCT_PHOTO_SETS, renditions_schedule, specs_of
from shop.models import Category, CurationEvent, Product, ProductPhoto, Storefront
from shop.photos import photo_prepare
from shop.seams import products_changed
from shop.stock import stock_for_on_hand

MATERIAL_FIELDS = ("name", "description", "category", "origin_desa", "certifications", "photos")
MAX_PHOTOS_PER_PRODUCT = 8
# Path segments under /produk/ that a product slug must not shadow.
RESERVED_PRODUCT_SLUGS = {"kategori", "kecamatan"}


def _sync(*products: Product) -> None:
    products_changed.notify(product_ids=[product.pk for product in products])


def _member_emails(business: Business) -> list[str]:
    return list(business.memberships.values_list("user__email", flat=True))


# --- Storefronts ---------------------------------------------------------------------------------------
@transaction.atomic
def storefront_open(*, business: Business, by: User | None, story: str = "") -> Storefront:
    """Open (or reopen) the storefront of a business; it waits for curation before its page is public.

    Called from the seller dashboard and by the incubation journey when a participant graduates. Idempotent:
    an existing pending or approved storefront is returned unchanged (its story is filled in if empty)."""
    storefront = Storefront.objects.select_for_update().filter(business=business).first()
    if storefront is None:
        storefront = Storefront(
            business=business, opened_by=by, story=(story or business.description).strip()
        )
    elif storefront.status == Storefront.Status.REJECTED:
        storefront.status = Storefront.Status.PENDING
        storefront.rejection_reason = ""
    if story and not storefront.story:
        storefront.story = story.strip()
    storefront.full_clean()
    storefront.save()
    return storefront


@transaction.atomic
def storefront_update(*, storefront: Storefront, story: str) -> Storefront:
    storefront.story = story.strip()
    storefront.full_clean()
    storefront.save(update_fields=["story", "updated_at"])
    _sync(*storefront.business.products.all())
    return storefront


@transaction.atomic
def storefront_decide(
    *, storefront: Storefront, by: User, approve: bool, reason: str = "", notify: bool = True
) -> Storefront:
    if storefront.status != Storefront.Status.PENDING:
        raise ValidationError(_("Only a storefront waiting for curation can be approved or rejected."))
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Tell the seller why the storefront is rejected.")})
    storefront.status = Storefront.Status.APPROVED if approve else Storefront.Status.REJECTED
    storefront.rejection_reason = "" if approve else reason.strip()
    storefront.reviewed_at = timezone.now()
    storefront.reviewed_by = by
    storefront.full_clean()
    storefront.save()
    _sync(*storefront.business.products.all())
    storefront_pk = storefront.pk
    if notify:
        transaction.on_commit(lambda: _send_storefront_decision_email(storefront_pk))
    return storefront


def _send_storefront_decision_email(storefront_pk: int) -> None:
    storefront = Storefront.objects.select_related("business").get(pk=storefront_pk)
    with translation.override(settings.LANGUAGE_CODE):
        email_send(
            subject=_("Storefront %(business)s: %(status)s")
            % {"business": storefront.business.name, "status": storefront.get_status_display()},
            body=render_to_string("shop/email/storefront_decision.txt", {"storefront": storefront}),
            to=_member_emails(storefront.business),
        )


# --- Products ------------------------------------------------------------------------------------------
def _unique_product_slug(name: str, business: Business, pack_label: str) -> str:
    base = slugify(f"{name} {pack_label}".strip())[:100] or "produk"
    slug = base
    if slug in RESERVED_PRODUCT_SLUGS or Product.objects.filter(slug=slug).exists():
        slug = f"{base}-{business.slug}"[:130]
    n = 2
    candidate = slug
    while candidate in RESERVED_PRODUCT_SLUGS or Product.objects.filter(slug=candidate).exists():
        candidate, n = f"{slug[:130]}-{n}", n + 1
    return candidate


def _check_references(
    *, product: Product, category, origin_desa, certifications: list[Certification]
) -> dict[str, str]:
    errors = {}
    if category is None or not isinstance(category, Category):
        errors["category"] = _("Choose a category.")
    if origin_desa is None or not isinstance(origin_desa, Region) or origin_desa.level != Region.Level.DESA:
        errors["origin_desa"] = _(
            "Choose the desa or kelurahan in Kabupaten Blitar where the product is made."
        )
    foreign = [cert for cert in certifications if cert.business_id != product.business_id]
    if foreign:
        errors["certifications"] = _("A product can only carry the certifications of its own business.")
    return errors


def _apply_fields(product: Product, fields: dict, certifications: list[Certification] | None) -> set[str]:
    """Set the given fields; return the names of those whose value changed."""
    changed = set()
    for name, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
        if name in ("category", "origin_desa"):
            current, new = getattr(product, f"{name}_id"), getattr(value, "pk", None)
        else:
            current, new = getattr(product, name), value
        if current != new or (product.pk is None and value is not None):
            changed.add(name)
            setattr(product, name, value)
    if certifications is not None and product.pk:
        current = set(product.certifications.values_list("pk", flat=True))
        if current != {cert.pk for cert in certifications}:
            changed.add("certifications")
    return changed


def _save_product(product: Product, certifications: list[Certification] | None) -> None:
    errors = _check_references(
        product=product,
        category=product.category if product.category_id else None,
        origin_desa=product.origin_desa if product.origin_desa_id else None,
        certifications=certifications or [],
    )
    duplicate = (
        Product.objects.filter(business_id=product.business_id, sku=product.sku)
        .exclude(pk=product.pk)
        .exists()
    )
    if duplicate:
        errors["sku"] = _("This business already has a product with SKU %(sku)s.") % {"sku": product.sku}
    try:
        product.full_clean(exclude=[name for name in errors if name != "certifications"])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, messages[0])
    if errors:
        raise ValidationError(errors)
    product.save()
    if certifications is not None:
        product.certifications.set(certifications)


def _record(product: Product, action: str, by: User | None, *, reason: str = "", changed=()) -> None:
    CurationEvent.objects.create(
        product=product, action=action, by=by, reason=reason, changed_fields=",".join(sorted(changed))
    )


@transaction.atomic
def product_create(
    *,
    business: Business,
    by: User | None,
    sku: str,
    name: str,
    category: Category | None,
    price: int | None,
    weight_grams: int | None,
    origin_desa: Region | None,
    description: str = "",
    on_hand: int = 0,
    certifications=(),
    pack_group: str = "",
    pack_label: str = "",
    submit: bool = True,
) -> Product:
    """Create a product. With `submit` it goes straight to the curation queue, else it stays a draft.

    `on_hand`: the units the seller has; nothing is held for orders yet, so all of them are available."""
    product = Product(business=business)
    _apply_fields(
        product,
        {
            "sku": sku,
            "name": name,
            "description": description,
            "category": category,
            "price": price,
            "stock": stock_for_on_hand(product, on_hand=on_hand),
            "weight_grams": weight_grams,
            "origin_desa": origin_desa,
            "pack_group": slugify(pack_group or ""),
            "pack_label": pack_label,
        },
        None,
    )
    product.slug = _unique_product_slug(product.name, business, product.pack_label)
    if submit:
        product.status = Product.Status.PENDING
        product.submitted_at = timezone.now()
    _save_product(product, list(certifications))
    if submit:
        _record(product, CurationEvent.Action.SUBMITTED, by)
    _sync(product)
    return product


@transaction.atomic
def product_update(
    *,
    product: Product,
    by: User | None,
    sku: str,
    name: str,
    category: Category | None,
    price: int | None,
    weight_grams: int | None,
    origin_desa: Region | None,
    description: str = "",
    on_hand: int = 0,
    on_hand_seen: int | None = None,
    certifications=(),
    pack_group: str = "",
    pack_label: str = "",
    submit: bool = False,
) -> Product:
    """Change a product. A material change to an approved product sends it back to curation (hidden until
    approved again); `submit` sends a draft or rejected product to curation.

    `on_hand` is what the seller has now, held units included; `on_hand_seen` is the figure their form showed
    when they opened it (None: no form, e.g. the import). See `stock_for_on_hand` for the stale-form rule."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    changed = _apply_fields(
        product,
        {
            "sku": sku,
            "name": name,
            "description": description,
            "category": category,
            "price": price,
            "stock": stock_for_on_hand(product, on_hand=on_hand, on_hand_seen=on_hand_seen),
            "weight_grams": weight_grams,
            "origin_desa": origin_desa,
            "pack_group": slugify(pack_group or ""),
            "pack_label": pack_label,
        },
        list(certifications),
    )
    material = changed & set(MATERIAL_FIELDS)
    action = None
    if product.status == Product.Status.APPROVED and material:
        action = CurationEvent.Action.RESUBMITTED
    elif submit and product.status in (Product.Status.DRAFT, Product.Status.REJECTED):
        action = CurationEvent.Action.SUBMITTED
    if action:
        product.status = Product.Status.PENDING
        product.submitted_at = timezone.now()
        product.rejection_reason = ""
    _save_product(product, list(certifications))
    if action:
        _record(product, action, by, changed=material)
    _sync(product)
    return product


@transaction.atomic
def product_stock_set(*, product: Product, on_hand: int, on_hand_seen: int | None = None) -> Product:
    """Set what the seller has on hand (not material: no curation); buyers can buy what is not held."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    product.stock = stock_for_on_hand(product, on_hand=on_hand, on_hand_seen=on_hand_seen)
    product.full_clean()
    product.save(update_fields=["stock", "updated_at"])
    _sync(product)
    return product


def _transition(product: Product, allowed_from: tuple[str, ...], message: str) -> Product:
    product = Product.objects.select_for_update().get(pk=product.pk)
    if product.status not in allowed_from or product.archived_at is not None:
        raise ValidationError(message)
    return product


@transaction.atomic
def product_submit(*, product: Product, by: User | None) -> Product:
    """Send a draft (or a rejected product after fixing it) to the curation queue."""
    product = _transition(
        product,
        (Product.Status.DRAFT, Product.Status.REJECTED),
        _("Only a draft or a rejected product can be sent to curation."),
    )
    product.status = Product.Status.PENDING
    product.submitted_at = timezone.now()
    product.rejection_reason = ""
    product.save(update_fields=["status", "submitted_at", "rejection_reason", "updated_at"])
    _record(product, CurationEvent.Action.SUBMITTED, by)
    _sync(product)
    return product


@transaction.atomic
def product_approve(*, product: Product, by: User, notify: bool = True) -> Product:
    product = _transition(
        product, (Product.Status.PENDING,), _("Only a product waiting for curation can be approved.")
    )
    now = timezone.now()
    product.status = Product.Status.APPROVED
    product.rejection_reason = ""
    product.reviewed_at = now
    product.reviewed_by = by
    product.published_at = product.published_at or now
    product.save(
        update_fields=[
            "status",
            "rejection_reason",
            "reviewed_at",
            "reviewed_by",
            "published_at",
            "updated_at",
        ]
    )
    _record(product, CurationEvent.Action.APPROVED, by)
    _sync(product)
    product_pk = product.pk
    if notify:
        transaction.on_commit(lambda: _send_product_decision_email(product_pk))
    return product


@transaction.atomic
def product_reject(*, product: Product, by: User, reason: str, notify: bool = True) -> Product:
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Tell the seller why the product is rejected.")})
    product = _transition(
        product, (Product.Status.PENDING,), _("Only a product waiting for curation can be rejected.")
    )
    product.status = Product.Status.REJECTED
    product.rejection_reason = reason.strip()
    product.reviewed_at = timezone.now()
    product.reviewed_by = by
    product.save(update_fields=["status", "rejection_reason", "reviewed_at", "reviewed_by", "updated_at"])
    _record(product, CurationEvent.Action.REJECTED, by, reason=product.rejection_reason)
    _sync(product)
    product_pk = product.pk
    if notify:
        transaction.on_commit(lambda: _send_product_decision_email(product_pk))
    return product


def _send_product_decision_email(product_pk: int) -> None:
    product = Product.objects.select_related("business").get(pk=product_pk)
    with translation.override(settings.LANGUAGE_CODE):
        if product.status == Product.Status.APPROVED:
            subject = _("Your product %(name)s is now on sale") % {"name": product.name}
        else:
            subject = _("Your product %(name)s needs changes") % {"name": product.name}
        email_send(
            subject=subject,
            body=render_to_string(
                "shop/email/product_decision.txt",
                {"product": product, "base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")},
            ),
            to=_member_emails(product.business),
        )


@transaction.atomic
def product_archive(*, product: Product, by: User | None) -> Product:
    """Take a product off sale; it keeps its history (orders point at it) and can be restored."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    if product.archived_at is None:
        product.archived_at = timezone.now()
        product.save(update_fields=["archived_at", "updated_at"])
        _sync(product)
    return product


@transaction.atomic
def product_restore(*, product: Product, by: User | None) -> Product:
    product = Product.objects.select_for_update().get(pk=product.pk)
    if product.archived_at is not None:
        product.archived_at = None
        product.save(update_fields=["archived_at", "updated_at"])
        _sync(product)
    return product


# --- Photos --------------------------------------------------------------------------------------------
@transaction.atomic
def product_photo_add(*, product: Product, by: User | None, file, alt_text: str = "") -> ProductPhoto:
    """Check, clean (orientation applied, metadata stripped) and store a photo as a Wagtail image.

    The description for screen readers is optional: without one the photo is described by the product's
    name ("Kopi Robusta 250 g", then "Kopi Robusta 250 g, foto 2" …), so only the file itself can be refused.
    A new photo is material: an approved product goes back to curation."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    existing = product.photos.count()
    if existing >= MAX_PHOTOS_PER_PRODUCT:
        raise ValidationError(
            _("A product can have at most %(count)s photos.") % {"count": MAX_PHOTOS_PER_PRODUCT}
        )
    alt_text = (alt_text or "").strip() or _photo_default_description(product, number=existing + 1)
    try:
        prepared = photo_prepare(file)
    except ValidationError as exc:
        raise ValidationError({"image": exc.messages}) from exc
    image = get_image_model()(
        title=alt_text[:255], file=prepared.file, width=prepared.width, height=prepared.height
    )
    image.uploaded_by_user = by
    image.save()
    position = (product.photos.aggregate(last=Max("position"))["last"] or 0) + 1
    photo = ProductPhoto(product=product, image=image, alt_text=alt_text, position=position)
    photo.full_clean()
    photo.save()
    renditions_schedule(image=image, specs=specs_of(*PRODUCT_PHOTO_SETS))
    if product.status == Product.Status.APPROVED:
        product.status = Product.Status.PENDING
        product.submitted_at = timezone.now()
        product.save(update_fields=["status", "submitted_at", "updated_at"])
        _record(product, CurationEvent.Action.RESUBMITTED, by, changed={"photos"})
    _sync(product)
    return photo


def _photo_default_description(product: Product, *, number: int) -> str:
    """What a photo without a description is called, in the site's language (stored text)."""
    if number == 1:
        return product.name
    with translation.override(settings.LANGUAGE_CODE):
        return _("%(name)s, photo %(number)s") % {"name": product.name, "number": number}


@transaction.atomic
def product_photo_remove(*, photo: ProductPhoto) -> None:
    product, image = photo.product, photo.image
    photo.delete()
    if not ProductPhoto.objects.filter(image=image).exists():
        image.delete()
    _sync(product)


@transaction.atomic
def product_photo_make_primary(*, photo: ProductPhoto) -> ProductPhoto:
    """Move a photo to the front (the card and search results show the first photo)."""
    others = list(photo.product.photos.exclude(pk=photo.pk).order_by("position", "pk"))
    for position, item in enumerate([photo, *others]):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    _sync(photo.product)
    return photo
