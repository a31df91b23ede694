"""Catalogue page benchmark: product page and listing server time on PostgreSQL with 10,000 products.

Prints figures (median, p95, SQL queries per page); it is not a test and asserts nothing. Run:

    source /tmp/adimarko-services/env   # or set TEST_DATABASE_URL to a PostgreSQL server
    ADIMARKO_TEST_NAMESPACE=catalog .venv/bin/python tests/benchmarks/bench_catalog.py [--products 10000]

It keeps its own database (bench_adimarko_<namespace>) between runs, so only the first run seeds the data
(`--fresh` drops it and seeds again).
"Server time" is the time Django takes to answer a request in-process (middleware, views, SQL, templates),
measured with Django's test client: no network, no web server.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adimarko.settings.test")
os.environ["TEST_ELASTICSEARCH_URL"] = ""  # database only: index updates are not what is measured here


def _setup(namespace: str, *, fresh: bool = False):
    import django
    from django.conf import settings

    if not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set TEST_DATABASE_URL to a PostgreSQL server (source /tmp/adimarko-services/env).")
    # As in production (settings/production.py): keep the database connection between requests.
    settings.DATABASES["default"]["CONN_MAX_AGE"] = 60
    settings.STORAGES = {
        **settings.STORAGES,  # the others (e.g. "private") as the settings have them
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(ROOT / "build" / f"bench-media-{namespace}")},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    django.setup()
    from django.db import connection

    # No setup_test_environment(): its template instrumentation (signals on every render) is test-only cost.
    connection.settings_dict["TEST"]["NAME"] = f"bench_adimarko_{namespace}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=not fresh)


def _seed(target: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from adimarko.core import services as adimarko_services
    from adimarko.core.models import Region, User
    from shop import services
    from shop.models import Category, Product, ProductPhoto
    from tests.factories import image_bytes

    existing = Product.objects.count()
    if existing >= target:
        print(f"data: {existing} products already seeded")
        return
    print(f"seeding {target} products …", flush=True)
    rng = random.Random(3505)
    desa = list(Region.objects.desa())
    leaves = list(Category.objects.filter(parent__isnull=False))
    with transaction.atomic():
        businesses = []
        for n in range(200):
            owner = User.objects.create_user(email=f"bench{n}@contoh.test", password="x", first_name="Bench")
            businesses.append(
                adimarko_services.business_create(
                    owner=owner,
                    name=f"Usaha Bench {n}",
                    nib=f"{9900000000000 + n:013d}",
                    phone=f"0813{4000000 + n:07d}",
                    address="Jl. Merdeka 1",
                    desa=rng.choice(desa),
                )
            )
        for business in businesses[:50]:
            adimarko_services.certification_add(
                business=business, kind="halal", number=f"ID{business.pk:014d}", expires_on="2030-01-31"
            )
        now = timezone.now()
        products = []
        for n in range(existing, target):
            business = businesses[n % len(businesses)]
            products.append(
                Product(
                    business=business,
                    sku=f"B-{n:05d}",
                    name=f"{rng.choice(['Kopi', 'Keripik', 'Gula Semut', 'Madu', 'Sambal'])} Bench {n}",
                    slug=f"bench-{n}",
                    description="Produk Blitar untuk pengukuran. " * 8,
                    category=rng.choice(leaves),
                    price=rng.randrange(5, 500) * 1000,
                    stock=rng.randrange(0, 80),
                    weight_grams=rng.choice([100, 250, 500, 1000]),
                    origin_desa=business.desa,
                    status=Product.Status.APPROVED,
                    published_at=now - timezone.timedelta(minutes=n),
                    pack_group=f"item-{n // 3}",
                    pack_label=f"{250 * (1 + n % 3)} g",
                    sales_count=rng.randrange(0, 500),
                )
            )
        Product.objects.bulk_create(products, batch_size=1000)
        # 40 real photos through the photo service; the other products share their images.
        photographed = list(Product.objects.order_by("pk")[:40])
        images = []
        for item in photographed:
            photo = services.product_photo_add(
                product=item,
                by=None,
                file=_upload(image_bytes("JPEG", (900, 900), color=(rng.randrange(256), 90, 40))),
                alt_text=f"Foto {item.name}",
            )
            images.append(photo.image)
        Product.objects.filter(pk__in=[p.pk for p in photographed]).update(status=Product.Status.APPROVED)
        ProductPhoto.objects.bulk_create(
            [
                ProductPhoto(product_id=pk, image=images[i % len(images)], alt_text="Foto produk", position=0)
                for i, pk in enumerate(
                    Product.objects.exclude(pk__in=[p.pk for p in photographed]).values_list("pk", flat=True)
                )
            ],
            batch_size=2000,
        )
        for item in Product.objects.filter(business__in=businesses[:50])[:2000]:
            item.certifications.add(item.business.certifications.first())
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"data: {Product.objects.count()} products, {ProductPhoto.objects.count()} photos", flush=True)


def _upload(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("bench.jpg", content, "image/jpeg")


CPU_TIMES: list[float] = []


def _measure(client, urls: list[str], repeat: int) -> tuple[list[float], list[int]]:
    """Wall-clock server time per request (and, in CPU_TIMES, this process's CPU time for it)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], []
    CPU_TIMES.clear()
    for _ in range(repeat):
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                cpu = time.process_time()
                start = time.perf_counter()
                response = client.get(url)
                elapsed = time.perf_counter() - start
                CPU_TIMES.append((time.process_time() - cpu) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            times.append(elapsed * 1000)
            queries.append(len(captured))
    return times, queries


def _report(name: str, times: list[float], queries: list[int], target: float | None) -> dict:
    ordered = sorted(times)
    median = statistics.median(ordered)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    verdict = ""
    if target is not None:
        verdict = "meets" if median <= target else f"MISSES by {median - target:.1f} ms"
        verdict = f"  target median <= {target:.0f} ms: {verdict}"
    print(
        f"{name:<34} n={len(times):>4}  median {median:6.1f} ms  p95 {p95:6.1f} ms  "
        f"(app CPU median {statistics.median(CPU_TIMES):5.1f} ms)  "
        f"SQL queries {min(queries)}–{max(queries)}{verdict}"
    )
    return {
        "cpu_ms": round(statistics.median(CPU_TIMES), 2),
        "queries": [min(queries), max(queries)],
        "wall_p50_ms": round(median, 1),
        "wall_p95_ms": round(p95, 1),
        "target_p50_ms": target,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--fresh", action="store_true", help="drop the benchmark database and seed again")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    namespace = os.environ.get("ADIMARKO_TEST_NAMESPACE", "catalog")
    _setup(namespace, fresh=args.fresh)
    _seed(args.products)

    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from shop.models import Product
    from shop.views import public

    print(f"PostgreSQL {connection.pg_version // 10000}, {Product.objects.public().count()} public products")
    print(
        f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} "
        "(other work on the machine slows wall-clock times)"
    )
    client = Client()
    rng = random.Random(7)
    slugs = list(Product.objects.public().order_by("?").values_list("slug", flat=True)[:100])
    product_urls = [reverse("product_detail", args=[slug]) for slug in slugs]
    listing_urls = [
        reverse("product_list"),
        reverse("product_list") + "?urut=harga-terendah&halaman=20",
        reverse("product_category", args=["kopi"]) + "?urut=terlaris",
        reverse("product_category", args=["makanan"]),
        reverse("product_kecamatan", args=["wlingi"]),
        reverse("product_list") + "?halaman=100",
    ]
    rng.shuffle(listing_urls)
    # Warm up: renditions are generated on first use and then read from the database.
    _measure(client, product_urls + listing_urls, 1)
    for size in (12, 24, 48, 96):
        public.PAGE_SIZE = size
        _measure(client, [reverse("product_list")], 1)
    public.PAGE_SIZE = 24

    figures = {}
    times, queries = _measure(client, product_urls, args.repeat)
    figures["product page (in-process)"] = _report("product page /produk/<slug>/", times, queries, 25)
    times, queries = _measure(client, listing_urls, args.repeat * 10)
    figures["listing, 24 per page (in-process)"] = _report(
        "listing /produk/… (24 per page)", times, queries, 40
    )

    print("queries per listing page by page size (must not grow):")
    for size in (12, 24, 48, 96):
        public.PAGE_SIZE = size
        times, queries = _measure(client, [reverse("product_list")], 5)
        print(
            f"  {size:>3} products per page: {max(queries)} queries, median {statistics.median(times):.1f} ms"
        )
        figures[f"listing, {size} per page: queries"] = {"queries": [min(queries), max(queries)]}
    public.PAGE_SIZE = 24
    if args.json:
        figures["load_average"] = os.getloadavg()[0]
        Path(args.json).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
