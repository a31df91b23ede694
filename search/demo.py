"""Demo regional branding pages: an index, one page per kecamatan, one per signature commodity.

Deterministic and idempotent: pages are found by slug under the index and updated, never duplicated.
"""

from collections.abc import Callable

from django.utils.text import slugify
from wagtail.models import Page, Site

from adimarko.core.models import Region
from search.pages import CommodityPage, KecamatanPage, RegionIndexPage
from search.rows import product_rows_rebuild
from search.service import search_products
from search.services import curated_product_add
from shop.models import Product

INDEX_SLUG = "wilayah"

# (title, commodity text, intro, story paragraphs)
COMMODITIES = (
    (
        "Kopi Blitar",
        "kopi",
        "Robusta petik merah dari lereng Gunung Kelud: Wlingi, Gandusari, Garum, Nglegok.",
        (
            "Kebun kopi rakyat di lereng selatan Kelud tumbuh di ketinggian 400–900 m. Petani memetik buah "
            "merah, menjemur di para-para bambu, lalu menyangrai sendiri dalam kelompok.",
            "Lewat Adi Marko, roastery kecil belajar memotret produk, menulis deskripsi, "
            "dan menjual ke luar kota.",
        ),
    ),
    (
        "Gula Merah Blitar",
        "gula merah",
        "Gula kelapa cetak dan gula semut dari penderes nira di pesisir selatan: "
        "Bakung, Wonotirto, Panggungrejo.",
        (
            "Penderes memanjat pohon kelapa dua kali sehari untuk mengambil nira, "
            "lalu memasaknya di tungku kayu "
            "sampai mengental dan dicetak dalam batok.",
        ),
    ),
    (
        "Keripik Blitar",
        "keripik",
        "Keripik tempe Srengat, keripik pisang Talun, keripik singkong Udanawu: oleh-oleh khas Blitar.",
        ("Keripik tempe tipis Srengat dibuat dari tempe yang diiris setipis kertas dan digoreng dua kali.",),
    ),
    (
        "Sambal Pecel Blitar",
        "sambal pecel",
        "Bumbu pecel kacang khas Blitar, pedas dan sedang, dari Kanigoro dan sekitarnya.",
        (
            "Kacang tanah sangrai, cabai, gula merah dan daun jeruk: "
            "resep pecel Blitar yang dibawa pulang pemudik.",
        ),
    ),
    (
        "Madu Blitar",
        "madu",
        "Madu randu, madu kelengkeng dan madu klanceng dari peternak lebah Kademangan, Talun dan Doko.",
        ("Peternak menggembalakan kotak lebah mengikuti musim bunga randu dan kelengkeng.",),
    ),
    (
        "Kerajinan Blitar",
        "kerajinan",
        "Anyaman bambu Ponggok, anyaman pandan Wonotirto, gerabah Nglegok, batik tulis dan tenun ikat.",
        ("Perajin bekerja di rumah dan di sanggar desa; banyak yang kini menerima pesanan lewat WhatsApp.",),
    ),
)


def _story(paragraphs) -> list[tuple[str, str]]:
    return [("paragraph", f"<p>{text}</p>") for text in paragraphs]


def _home() -> Page:
    """The default site's (Indonesian) home page; the English home is its translation."""
    return Site.objects.get(is_default_site=True).root_page.specific


def _upsert(parent: Page, model, *, slug: str, **fields):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    page.save_revision().publish()
    return page


def build_regions(progress: Callable[[str], None] = lambda _msg: None) -> dict[str, int]:
    index = _upsert(
        _home(),
        RegionIndexPage,
        slug=INDEX_SLUG,
        title="Produk Unggulan Wilayah",
        intro="Kenali 22 kecamatan Kabupaten Blitar dan produk unggulannya, "
        "lalu beli langsung dari pelaku IKM.",
        body=_story(["Bela Beli Produk Blitar: satu desa, satu produk unggulan."]),
    )
    for title, commodity, intro, paragraphs in COMMODITIES:
        _upsert(index, CommodityPage, slug=slugify(title), title=title, commodity=commodity, intro=intro,
                body=_story(paragraphs))  # fmt: skip
        progress(f"commodity page {title}")
    kecamatan = list(Region.objects.kecamatan().order_by("name"))
    for region in kecamatan:
        _upsert(
            index,
            KecamatanPage,
            slug=slugify(region.name),
            title=f"Kecamatan {region.name}",
            region=region,
            intro=f"Produk IKM dari desa-desa di Kecamatan {region.name}, Kabupaten Blitar.",
            body=_story([f"Kecamatan {region.name} (kode Kemendagri {region.code})."]),
        )
    progress(f"{len(kecamatan)} kecamatan pages")
    # Curators' picks: the best-selling public product of each signature commodity. The demo is built in one
    # transaction, so the search rows its services leave for the commit are written here first.
    product_rows_rebuild()
    picks = 0
    for _title, commodity, _intro, _paragraphs in COMMODITIES:
        top = search_products(commodity, page_size=1, backend="database", recover=False).hits
        if top:
            product = Product.objects.get(pk=top[0].id)
            curated_product_add(product=product, note=f"Pilihan kurator: {commodity}")
            picks += 1
    return {"region_pages": len(kecamatan), "commodity_pages": len(COMMODITIES), "curated_picks": picks}
