"""A synthetic Blitar catalogue for benchmarks, generated from realistic vocabulary (deterministic, seeded).

Rows go in with bulk_create (not the catalogue services): 100 000 products through full_clean() would
benchmark the validation, not search. Run only against a throw-away database.
"""

import random

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

SEED = 3505

# category (parent, child) → product kinds
KINDS = {
    ("Minuman", "Kopi"): ["Kopi Bubuk Robusta", "Kopi Bubuk Arabika", "Biji Kopi Sangrai", "Kopi Luwak",
                         "Kopi Tubruk", "Kopi Lanang", "Kopi Excelsa"],
    ("Minuman", "Jamu"): ["Jamu Kunyit Asam", "Jamu Beras Kencur", "Wedang Uwuh", "Sirup Jahe Merah"],
    ("Minuman", "Madu"): ["Madu Randu", "Madu Kelengkeng", "Madu Klanceng", "Madu Hutan", "Madu Kaliandra"],
    ("Makanan", "Gula"): ["Gula Kelapa Cetak", "Gula Semut", "Gula Merah", "Gula Aren", "Gula Jawa Batok"],
    ("Makanan", "Keripik"): ["Keripik Tempe", "Keripik Pisang", "Keripik Singkong", "Kripik Gadung",
                            "Keripik Sukun", "Keripik Talas", "Keripik Bayam"],
    ("Makanan", "Sambal"): ["Sambal Pecel", "Bumbu Pecel", "Sambal Bawang", "Sambal Teri", "Sambal Terasi"],
    ("Makanan", "Camilan"): ["Rengginang", "Emping Melinjo", "Dodol Nanas", "Sale Pisang", "Kerupuk Ikan",
                            "Kerupuk Udang", "Jenang Ketan"],
    ("Kerajinan", "Anyaman"): ["Anyaman Bambu", "Tampah Bambu", "Besek Bambu", "Tas Pandan", "Tikar Pandan"],
    ("Kerajinan", "Kain"): ["Batik Tulis", "Batik Cap", "Tenun Ikat", "Selendang Batik"],
    ("Kerajinan", "Gerabah"): ["Kendi Gerabah", "Pot Gerabah", "Celengan Gerabah", "Ukiran Kayu Jati"],
}  # fmt: skip
MODIFIERS = ["Original", "Pedas", "Manis", "Balado", "Premium", "Super", "Organik", "Asli", "Spesial",
             "Khas Blitar", "Kemasan Hadiah", "Grade A", "Tradisional", "Rendah Gula"]  # fmt: skip
PACKS = ["100 g", "200 g", "250 g", "500 g", "1 kg"]
PHRASES = [
    "Dibuat oleh pelaku IKM di desa {desa}, Kecamatan {kecamatan}.",
    "Bahan baku pilihan dari petani sekitar {kecamatan}.",
    "Tanpa pengawet dan pewarna buatan.",
    "Cocok untuk oleh-oleh khas Blitar.",
    "Diproduksi dengan resep keluarga turun-temurun.",
    "Dikemas rapat dalam standing pouch dengan zipper.",
    "Tahan hingga enam bulan di suhu ruang.",
    "Sudah dipasarkan ke Surabaya, Malang dan Jakarta.",
]
PRICE_BASE = {"Kopi": 30_000, "Jamu": 12_000, "Madu": 80_000, "Gula": 20_000, "Keripik": 15_000,
              "Sambal": 18_000, "Camilan": 15_000, "Anyaman": 45_000, "Kain": 250_000,
              "Gerabah": 40_000}  # fmt: skip


def generate(n_products: int, *, progress=lambda done, total: None) -> None:
    from adimarko.core.models import Business, Region
    from shop.models import Category, Product

    rng = random.Random(SEED)
    desa = list(Region.objects.desa().select_related("parent").order_by("code"))
    with transaction.atomic():
        categories = {}
        for parent_name, child_name in KINDS:
            parent, _ = Category.objects.get_or_create(
                slug=slugify(parent_name), defaults={"name": parent_name}
            )
            child, _ = Category.objects.get_or_create(
                slug=f"{slugify(parent_name)}-{slugify(child_name)}",
                defaults={"name": child_name, "parent": parent},
            )
            categories[(parent_name, child_name)] = child
        n_businesses = max(20, n_products // 40)
        businesses = []
        for i in range(n_businesses):
            kind = rng.choice(list(KINDS))
            place = rng.choice(desa)
            name = f"{rng.choice(KINDS[kind]).split()[0]} {place.name} {i}"
            businesses.append(
                Business(
                    name=name, slug=f"bench-{slugify(name)}-{i}", nib=f"{8000000000000 + i:013d}",
                    phone=f"+62812{5000000 + i:07d}", address="Jl. Raya", desa=place,
                    alumni_year=rng.choice([None, None, None, 2021, 2022, 2023, 2024]),
                )
            )  # fmt: skip
        Business.objects.bulk_create(businesses, batch_size=2000)
        businesses = list(Business.objects.filter(slug__startswith="bench-").order_by("pk"))
    now = timezone.now()
    batch, done = [], 0
    for i in range(n_products):
        business = businesses[i % len(businesses)]
        kind = rng.choice(list(KINDS))
        base_name = rng.choice(KINDS[kind])
        name = f"{base_name} {rng.choice(MODIFIERS)} {rng.choice(PACKS)}"
        place = business.desa if rng.random() < 0.8 else rng.choice(desa)
        kecamatan = place.parent.name if place.parent_id else ""
        description = " ".join(
            phrase.format(desa=place.name, kecamatan=kecamatan) for phrase in rng.sample(PHRASES, 3)
        )
        rated = rng.random() < 0.6
        batch.append(
            Product(
                business=business, sku=f"B{i:07d}", name=name, slug=f"{slugify(name)}-{i}",
                description=f"{base_name} dari {kecamatan}. {description}", category=categories[kind],
                price=int(PRICE_BASE[kind[1]] * rng.uniform(0.5, 3.0)) // 500 * 500 + 500,
                stock=rng.choice([0, 3, 10, 25, 100]), weight_grams=rng.choice([100, 250, 500, 1000]),
                origin_desa=place, status=Product.Status.APPROVED, pack_group="", pack_label="",
                rating_average=round(rng.uniform(3.0, 5.0), 2) if rated else None,
                rating_count=rng.randint(1, 200) if rated else 0, sales_count=rng.randint(0, 2000),
                published_at=now - timezone.timedelta(minutes=rng.randint(0, 60 * 24 * 700)),
            )
        )  # fmt: skip
        if len(batch) == 2000:
            Product.objects.bulk_create(batch)
            done += len(batch)
            batch = []
            progress(done, n_products)
    if batch:
        Product.objects.bulk_create(batch)
        progress(n_products, n_products)
