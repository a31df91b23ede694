"""Staff pages for the curator's picks (/staf/pilihan-kurator/): list them, pick a product, drop a pick."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from adimarko.core.pagination import paginate
from adimarko.core.permissions import require
from adimarko.core.web import safe_next
from search import permissions, selectors, services
from shop.models import Product


@login_required
@require_GET
def curated_picks(request):
    require(permissions.can_pick_products(request.user))
    page = paginate(request, selectors.curated_picks(), per_page=50)
    return render(request, "search/picks.html", {"page": page})


@login_required
@require_POST
def curated_pick_change(request, product_pk: int):
    require(permissions.can_pick_products(request.user))
    product = get_object_or_404(Product, pk=product_pk)
    if request.POST.get("action") == "remove":
        services.curated_product_remove(product=product)
        messages.success(request, _("%(name)s is no longer a curator's pick.") % {"name": product.name})
    else:
        try:
            services.curated_product_add(product=product, by=request.user, note=request.POST.get("note", ""))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("%(name)s is now a curator's pick.") % {"name": product.name})
    return redirect(safe_next(request, request.POST.get("next")) or "curated_picks")
