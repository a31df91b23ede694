"""The seller dashboard (/penjual/): products, photos, storefront, import and export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from adimarko.core import exports
from adimarko.core.models import Business
from adimarko.core.roles import Role, has_role
from adimarko.core.web import add_service_errors, call_service, confirmed
from shop import importing, permissions, selectors, services
from shop.forms import ImportForm, PhotoForm, ProductForm, StorefrontForm
from shop.models import Product, ProductPhoto, Storefront
from shop.stock import STOCK_CHANGED
from shop.views import require


def _business(request) -> Business:
    """The business the dashboard acts for: `?usaha=<slug>` or the user's first business."""
    require(permissions.can_use_seller_dashboard(request.user))
    slug = request.GET.get("usaha") or request.POST.get("usaha")
    if slug:
        business = get_object_or_404(Business.objects.with_region(), slug=slug)
    else:
        business = selectors.businesses_for_seller(user=request.user).first()
        if business is None:
            return None
    require(permissions.can_manage_products(request.user, business))
    return business


def _dashboard_url(business: Business) -> str:
    return f"{reverse('seller_dashboard')}?usaha={business.slug}"


def _product(request, pk) -> Product:
    product = get_object_or_404(Product.objects.select_related("business"), pk=pk)
    require(permissions.can_edit_product(request.user, product))
    return product


@login_required
def dashboard(request):
    business = _business(request)
    if business is None:  # staff without a business of their own
        return redirect("curation_queue")
    archived = request.GET.get("arsip") == "1"
    return render(
        request,
        "shop/seller/dashboard.html",
        {
            "business": business,
            "businesses": selectors.businesses_for_seller(user=request.user),
            "storefront": Storefront.objects.filter(business=business).first(),
            "products": selectors.seller_products(business=business, archived=archived),
            "archived": archived,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def product_create(request):
    business = _business(request)
    if business is None:
        return redirect("seller_dashboard")
    form = ProductForm(request.POST or None, business=business)
    if request.method == "POST" and form.is_valid():
        try:
            product = services.product_create(
                business=business, by=request.user, submit="submit" in request.POST, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The product has been saved. Add photos so curators can review it."))
            return redirect("seller_product_edit", pk=product.pk)
    return render(request, "shop/seller/product_form.html", {"form": form, "business": business})


def _edit_context(product, *, form=None, photo_form=None) -> dict:
    return {
        "product": product,
        "business": product.business,
        "form": form
        or ProductForm(initial=ProductForm.initial_for(product), business=product.business, product=product),
        "photo_form": photo_form or PhotoForm(),
        "photos": list(product.photos.select_related("image")),
        "events": product.curation_events.select_related("by")[:10],
        "material_fields": services.MATERIAL_FIELDS,
    }


def _stock_changed(exc: ValidationError) -> bool:
    errors = getattr(exc, "error_dict", {}).get("stock", [])
    return any(error.code == STOCK_CHANGED for error in errors)


@login_required
@require_http_methods(["GET", "POST"])
def product_edit(request, pk):
    product = _product(request, pk)
    form = None
    if request.method == "POST":
        form = ProductForm(request.POST, business=product.business, product=product)
        if form.is_valid():
            try:
                product = services.product_update(
                    product=product,
                    by=request.user,
                    submit="submit" in request.POST,
                    on_hand_seen=form.cleaned_data["stock_seen"],
                    **form.service_kwargs(),
                )
            except ValidationError as exc:
                product.refresh_from_db()
                if _stock_changed(exc):  # show the figure on hand now; saving again goes through
                    form = form.with_current_stock(product)
                add_service_errors(form, exc)
            else:
                if product.status == Product.Status.PENDING:
                    messages.success(request, _("Saved. The product waits for curation before it is public."))
                else:
                    messages.success(request, _("The product has been saved."))
                return redirect("seller_product_edit", pk=product.pk)
    status = 400 if form is not None else 200
    return render(request, "shop/seller/product_form.html", _edit_context(product, form=form), status=status)


@login_required
@require_POST
def product_submit(request, pk):
    product = _product(request, pk)
    call_service(
        request,
        services.product_submit,
        product=product,
        by=request.user,
        success=_("The product has been sent to curation."),
    )
    return redirect("seller_product_edit", pk=product.pk)


@login_required
@require_POST
def product_archive(request, pk):
    product = _product(request, pk)
    services.product_archive(product=product, by=request.user)
    messages.success(request, _("%(name)s has been archived.") % {"name": product.name})
    return redirect(_dashboard_url(product.business))


@login_required
@require_POST
def product_restore(request, pk):
    product = _product(request, pk)
    services.product_restore(product=product, by=request.user)
    messages.success(request, _("%(name)s has been restored.") % {"name": product.name})
    return redirect("seller_product_edit", pk=product.pk)


@login_required
@require_POST
def photo_add(request, pk):
    product = _product(request, pk)
    photo_form = PhotoForm(request.POST, request.FILES)
    if photo_form.is_valid():
        try:
            services.product_photo_add(
                product=product,
                by=request.user,
                file=photo_form.cleaned_data["image"],
                alt_text=photo_form.cleaned_data["alt_text"],
            )
        except ValidationError as exc:
            add_service_errors(photo_form, exc)
        else:
            messages.success(request, _("The photo has been added."))
            return redirect("seller_product_edit", pk=product.pk)
    return render(
        request, "shop/seller/product_form.html", _edit_context(product, photo_form=photo_form), status=400
    )


def _photo(request, pk, photo_pk) -> ProductPhoto:
    product = _product(request, pk)
    return get_object_or_404(
        ProductPhoto.objects.select_related("product", "image"), pk=photo_pk, product=product
    )


@login_required
@require_http_methods(["GET", "POST"])
def photo_remove(request, pk, photo_pk):
    """Removing a photo cannot be undone: a confirmation step first, without script."""
    photo = _photo(request, pk, photo_pk)
    if not confirmed(request):
        return render(
            request, "shop/seller/photo_remove_confirm.html", {"photo": photo, "product": photo.product}
        )
    services.product_photo_remove(photo=photo)
    messages.success(request, _("The photo has been removed."))
    return redirect("seller_product_edit", pk=pk)


@login_required
@require_POST
def photo_primary(request, pk, photo_pk):
    services.product_photo_make_primary(photo=_photo(request, pk, photo_pk))
    return redirect("seller_product_edit", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def storefront_edit(request):
    business = _business(request)
    if business is None:
        return redirect("seller_dashboard")
    storefront = Storefront.objects.filter(business=business).first()
    form = StorefrontForm(
        request.POST or None, initial={"story": storefront.story if storefront else business.description}
    )
    if request.method == "POST" and form.is_valid():
        if storefront is None:
            services.storefront_open(business=business, by=request.user, story=form.cleaned_data["story"])
            messages.success(request, _("Your storefront has been opened and waits for curation."))
        else:
            require(permissions.can_edit_storefront(request.user, storefront))
            services.storefront_update(storefront=storefront, story=form.cleaned_data["story"])
            messages.success(request, _("The storefront has been saved."))
        return redirect(_dashboard_url(business))
    return render(
        request,
        "shop/seller/storefront_form.html",
        {"form": form, "business": business, "storefront": storefront},
    )


@login_required
@require_http_methods(["GET", "POST"])
def product_import(request):
    business = _business(request)
    if business is None:
        return redirect("seller_dashboard")
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = importing.import_products(
                file=upload,
                filename=upload.name,
                by=request.user,
                business=business,
                allow_seller_column=permissions.can_import_for_any_seller(request.user)[0],
                allow_image_paths=False,
            )
        except importing.ImportRejected as exc:
            report = exc.problems
        else:
            messages.success(
                request,
                _("Import finished: %(created)s created, %(updated)s updated.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect(_dashboard_url(business))
    return render(
        request,
        "shop/seller/import.html",
        {
            "form": form,
            "business": business,
            "report": report,
            "columns": importing.COLUMNS,
            "is_staff": has_role(request.user, Role.STAFF),
        },
        status=400 if report else 200,
    )


@login_required
def product_export(request):
    business = _business(request)
    if business is None:
        return redirect("seller_dashboard")
    fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    content, content_type = importing.export_products(
        products=selectors.seller_products(business=business).prefetch_related("certifications"), fmt=fmt
    )
    return exports.download(content, filename=f"produk-{business.slug}.{fmt}", content_type=content_type)
