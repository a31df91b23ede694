"""Catalogue data for search tests: categories and approved products (the catalogue services live on the
catalog branch; search only reads products, so plain factories on the models are enough here)."""

import itertools

import factory
from django.utils import timezone
from django.utils.text import slugify

from adimarko.core.models import Region
from search.models import CuratedProduct
from search.rows import product_rows_sync
from shop.models import Category, Product
from tests.factories import BusinessFactory

_numbers = itertools.count(1)


def desa_in(kecamatan_name: str, index: int = 0) -> Region:
    return Region.objects.desa().filter(parent__name=kecamatan_name).order_by("code")[index]


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kategori {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    business = factory.SubFactory(BusinessFactory)
    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    name = factory.Sequence(lambda n: f"Produk {n}")
    slug = factory.LazyAttribute(lambda o: f"{slugify(o.name)}-{next(_numbers)}")
    description = ""
    category = factory.SubFactory(CategoryFactory)
    price = 25_000
    stock = 10
    weight_grams = 250
    origin_desa = factory.LazyFunction(lambda: desa_in("Wlingi"))
    status = Product.Status.APPROVED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def search_row(obj, create, extracted, **kwargs):
        """The database backend's row, as the catalogue services' on-commit sync writes it (factories bypass
        the services, and a test's transaction never commits)."""
        if create:
            product_rows_sync(product_ids=[obj.pk])


def curate(product: Product) -> CuratedProduct:
    return CuratedProduct.objects.create(product=product, note="Pilihan kurator")
