import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from adimarko.core.services import certification_add
from search import service
from search.connection import get_client
from search.documents import alias_name
from search.reindex import rebuild_index
from search.rows import product_rows_rebuild
from tests.factories import BusinessFactory
from tests.search.factories import CategoryFactory, ProductFactory, curate, desa_in


@pytest.fixture(autouse=True)
def _fresh_engine_state():
    """Each test starts with the engine considered healthy (the circuit breaker is process-wide)."""
    service.ENGINE.succeeded()
    yield
    service.ENGINE.succeeded()


@pytest.fixture
def es_index(settings):
    """A private index prefix on the real node for one test; every index under it is deleted afterwards."""
    from tests import realservices

    settings.ELASTICSEARCH_URL = realservices.elasticsearch_url()
    settings.ELASTICSEARCH_TIMEOUT = 30.0
    settings.ELASTICSEARCH_INDEX_PREFIX = f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{uuid.uuid4().hex[:8]}"
    client = get_client()
    yield client
    client.indices.delete(index=f"{alias_name()}*", ignore_unavailable=True, allow_no_indices=True)


@dataclass
class Backend:
    name: str
    client: object = None

    def index(self):
        """Make the backend see the database: a new index, or the database backend's search rows rebuilt."""
        if self.name == "elasticsearch":
            rebuild_index()
        else:
            product_rows_rebuild()

    def refresh(self):
        if self.name == "elasticsearch":
            self.client.indices.refresh(index=alias_name())

    def search(self, query="", filters=None, sort="relevance", page=1, **kwargs):
        return service.search_products(query, filters, sort, page, backend=self.name, **kwargs)

    def autocomplete(self, prefix, limit=8):
        suggestions, used = service.autocomplete(prefix, limit, backend=self.name)
        assert used == self.name
        return suggestions

    def supports(self, capability: str) -> bool:
        return capability in service.BACKENDS[self.name].CAPABILITIES


@pytest.fixture(
    params=[pytest.param("elasticsearch", marks=pytest.mark.elasticsearch), pytest.param("database")],
)
def backend(request, settings, db):
    if request.param == "elasticsearch":
        client = request.getfixturevalue("es_index")
        return Backend("elasticsearch", client)
    settings.ELASTICSEARCH_URL = ""
    return Backend("database")


@dataclass
class Catalog:
    kopi_wlingi: object
    kopi_garum: object
    keripik_tempe: object
    keripik_pisang: object
    gula_kelapa: object
    jamu: object
    batik: object
    madu: object
    categories: dict
    businesses: dict

    @property
    def all(self):
        return [
            self.kopi_wlingi, self.kopi_garum, self.keripik_tempe, self.keripik_pisang, self.gula_kelapa,
            self.jamu, self.batik, self.madu,
        ]  # fmt: skip


@pytest.fixture
def catalog(db):
    """Eight Blitar products across five kecamatan and a two-level category tree."""
    makanan = CategoryFactory(name="Makanan", slug="makanan")
    minuman = CategoryFactory(name="Minuman", slug="minuman")
    kerajinan = CategoryFactory(name="Kerajinan", slug="kerajinan")
    kopi = CategoryFactory(name="Kopi", slug="kopi", parent=minuman)
    keripik = CategoryFactory(name="Keripik", slug="keripik", parent=makanan)
    gula = CategoryFactory(name="Gula", slug="gula", parent=makanan)
    sirah = BusinessFactory(name="Kopi Sirah Kencong", desa=desa_in("Wlingi"))
    srengat = BusinessFactory(name="Keripik Srengat Jaya", desa=desa_in("Srengat"))
    srengat.alumni_year = 2024
    srengat.save(update_fields=["alumni_year"])
    bakung = BusinessFactory(name="Gula Kelapa Bu Sumi", desa=desa_in("Bakung"))
    garum = BusinessFactory(name="Kopi Karangrejo", desa=desa_in("Garum"))
    today = timezone.localdate()
    certification_add(
        business=sirah, kind="halal", number="ID35-0001", expires_on=today + timedelta(days=300)
    )
    certification_add(business=sirah, kind="pirt", number="2063505010001-27")
    certification_add(business=srengat, kind="halal", number="ID35-0002")
    certification_add(business=bakung, kind="halal", number="ID35-0003")
    # Expired: not a badge, not a facet value.
    certification_add(
        business=bakung, kind="pirt", number="2063505010003-20", expires_on=today - timedelta(days=1)
    )
    now = timezone.now()
    days = timedelta(days=1)
    products = dict(
        kopi_wlingi=ProductFactory(
            business=sirah, name="Kopi Bubuk Robusta Wlingi", category=kopi, price=35_000,
            description="Kopi robusta petik merah dari lereng Kelud, disangrai sendiri.",
            origin_desa=desa_in("Wlingi"), rating_average=Decimal("4.80"), rating_count=12, sales_count=40,
            published_at=now - 10 * days,
        ),
        kopi_garum=ProductFactory(
            business=garum, name="Biji Kopi Sangrai Garum", category=kopi, price=60_000,
            description="Biji kopi sangrai medium untuk kedai.", origin_desa=desa_in("Garum"),
            rating_average=Decimal("4.20"), rating_count=5, sales_count=8, published_at=now - 2 * days,
        ),
        keripik_tempe=ProductFactory(
            business=srengat, name="Keripik Tempe Sagu", category=keripik, price=15_000,
            description="Keripik tempe tipis dan renyah, resep keluarga.", origin_desa=desa_in("Srengat"),
            rating_average=Decimal("4.50"), rating_count=30, sales_count=120, published_at=now - 30 * days,
        ),
        keripik_pisang=ProductFactory(
            business=srengat, name="Kripik Pisang Agung Balado", category=keripik, price=18_000,
            description="Kripik pisang agung pedas manis.", origin_desa=desa_in("Srengat"),
            rating_average=None, rating_count=0, sales_count=3, published_at=now - 1 * days,
        ),
        gula_kelapa=ProductFactory(
            business=bakung, name="Gula Kelapa Cetak", category=gula, price=22_000,
            description="Gula kelapa dari nira pilihan penderes Bakung.", origin_desa=desa_in("Bakung"),
            rating_average=Decimal("4.90"), rating_count=7, sales_count=55, published_at=now - 5 * days,
        ),
        jamu=ProductFactory(
            business=bakung, name="Minuman Jamu Kunyit Asam", category=minuman, price=12_000,
            description="Jamu kunyit asam siap minum, tanpa pengawet.", origin_desa=desa_in("Bakung"),
            sales_count=9, published_at=now - 3 * days,
        ),
        batik=ProductFactory(
            business=garum, name="Batik Tulis Motif Kendi", category=kerajinan, price=450_000,
            description="Kain batik tulis <asli> Blitar.", origin_desa=desa_in("Garum"), stock=0,
            sales_count=1, published_at=now - 50 * days,
        ),
        madu=ProductFactory(
            business=sirah, name="Madu Randu Murni", category=minuman, price=95_000,
            description="Madu randu murni dari peternak lebah.", origin_desa=desa_in("Wlingi"),
            rating_average=Decimal("3.50"), rating_count=2, sales_count=20, published_at=now - 7 * days,
        ),
    )  # fmt: skip
    for product in products.values():  # here a business's certificates cover all its products
        product.certifications.set(product.business.certifications.all())
    # Not public: never found.
    ProductFactory(business=sirah, name="Kopi Draf Rahasia", category=kopi, status="draft", published_at=None)
    ProductFactory(business=sirah, name="Kopi Diarsipkan", category=kopi, archived_at=now)
    return Catalog(
        **products,
        categories={c.slug: c for c in (makanan, minuman, kerajinan, kopi, keripik, gula)},
        businesses={"sirah": sirah, "srengat": srengat, "bakung": bakung, "garum": garum},
    )


@pytest.fixture
def indexed(backend, catalog):
    backend.index()
    return catalog


__all__ = ["curate"]
