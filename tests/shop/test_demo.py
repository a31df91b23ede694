import pytest
from django.db.models import Count

from adimarko.demo import build_demo
from adimarko.models import Business
from shop.models import Product, ProductPhoto, Storefront

pytestmark = pytest.mark.django_db


def test_demo_catalogue_is_large_varied_and_idempotent():
    totals = build_demo()
    assert totals["products"] >= 150
    assert Business.objects.filter(products__isnull=False).distinct().count() == 33
    statuses = dict(Product.objects.values_list("status").annotate(n=Count("pk")))
    assert statuses["approved"] > 0.75 * totals["products"]
    assert statuses["pending"] >= 3 and statuses["rejected"] >= 3 and statuses["draft"] >= 3
    assert totals["products_public"] == statuses["approved"]
    assert ProductPhoto.objects.values("product").distinct().count() == totals["products"]
    kopi = Product.objects.get(
        business__slug="kopi-sirah-kencong", name="Kopi Robusta Bubuk", pack_label="250 g"
    )
    assert (kopi.price, kopi.weight_grams, kopi.category.slug) == (45000, 260, "kopi")
    # The other pack sizes of the same coffee are linked.
    assert (
        kopi.pack_group
        and Product.objects.filter(pack_group=kopi.pack_group, business=kopi.business).count() == 3
    )
    assert Storefront.objects.filter(status=Storefront.Status.APPROVED).count() == 32
    # Alumni are the graduates of the demo cohorts (tests/adimarko/test_demo.py), and every one of them sells.
    alumni = Business.objects.filter(alumni_year__isnull=False)
    assert alumni.count() >= 10
    assert not alumni.exclude(storefront__status=Storefront.Status.APPROVED).exists()
    counts = (Product.objects.count(), ProductPhoto.objects.count(), Storefront.objects.count())
    assert build_demo() == totals
    assert counts == (Product.objects.count(), ProductPhoto.objects.count(), Storefront.objects.count())
