"""Demo regional branding pages: an index, one page per kecamatan, one per signature commodity, in Indonesian
(/wilayah/…) and as English translations (/en/wilayah/…, same slugs).

Deterministic and idempotent: pages are found by slug under the index and updated, never duplicated; an
English page is the translation of its Indonesian page (same translation key).
"""

from collections.abc import Callable

from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from adimarko.core.models import Region
from search.pages import CommodityPage, KecamatanPage, RegionIndexPage
from search.rows import product_rows_rebuild
from search.service import search_products
from search.services import curated_product_add
from shop.models import Product

INDEX_SLUG = "wilayah"

# The English pages: index (title, intro, story), then per commodity page (title, intro, story paragraphs).
INDEX_EN = (
    "Regional Products",
    "Meet the 22 kecamatan of Kabupaten Blitar and their signature products, then buy straight from the "
    "small businesses that make them.",
    "Bela Beli Produk Blitar: one village, one signature product.",
)
COMMODITIES_EN = {
    "kopi-blitar": (
        "Blitar Coffee",
        "Red-picked robusta from the slopes of Mount Kelud: Wlingi, Gandusari, Garum, Nglegok.",
        (
            "Smallholder coffee gardens on Kelud's southern slopes grow at 400–900 m. Farmers pick the red "
            "cherries, dry them on bamboo racks and roast them together in their groups.",
            "Through Adi Marko, small roasteries learn to photograph their products, write descriptions and "
            "sell beyond the city.",
        ),
    ),
    "gula-merah-blitar": (
        "Blitar Palm Sugar",
        "Block coconut sugar and granulated palm sugar from the sap tappers of the south coast: Bakung, "
        "Wonotirto, Panggungrejo.",
        (
            "Tappers climb the coconut palms twice a day for the sap, then boil it over wood fires until it "
            "thickens and is moulded in coconut shells.",
        ),
    ),
    "keripik-blitar": (
        "Blitar Chips",
        "Srengat tempe chips, Talun banana chips, Udanawu cassava chips: Blitar's favourite gifts to take "
        "home.",
        ("Srengat's thin tempe chips are sliced paper-thin and fried twice.",),
    ),
    "sambal-pecel-blitar": (
        "Blitar Sambal Pecel",
        "Blitar's peanut sauce for pecel, hot or mild, from Kanigoro and around.",
        (
            "Roasted peanuts, chillies, palm sugar and lime leaves: the Blitar pecel recipe that travellers "
            "take home.",
        ),
    ),
    "madu-blitar": (
        "Blitar Honey",
        "Kapok, longan and stingless-bee honey from the beekeepers of Kademangan, Talun and Doko.",
        ("Beekeepers move their hives with the flowering seasons of kapok and longan.",),
    ),
    "kerajinan-blitar": (
        "Blitar Crafts",
        "Ponggok bamboo weaving, Wonotirto pandan weaving, Nglegok pottery, hand-drawn batik and ikat "
        "weaving.",
        ("Craftspeople work at home and in village workshops; many now take orders through WhatsApp.",),
    ),
}

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


def _translate(page: Page, locale: Locale, **fields) -> Page:
    """The page's translation into `locale` (its parent's translation must exist), created or updated and
    published with `fields`."""
    translated = page.get_translation_or_none(locale)
    if translated is None:
        translated = page.copy_for_translation(locale)
    translated = type(page).objects.get(pk=translated.pk)  # fresh: tree fields may have changed
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


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
    english = _translate_regions(index, kecamatan)
    progress(f"{english} English regional pages")
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
    return {
        "region_pages": len(kecamatan),
        "commodity_pages": len(COMMODITIES),
        "english_region_pages": english,
        "curated_picks": picks,
    }


def _translate_regions(index: RegionIndexPage, kecamatan: list[Region]) -> int:
    """English translations of the index and its pages (/en/wilayah/…): the same slugs, English text."""
    english, _created = Locale.objects.get_or_create(language_code="en")
    title, intro, story = INDEX_EN
    _translate(index, english, title=title, intro=intro, body=_story([story]))
    pages = 1
    for page in CommodityPage.objects.child_of(index):
        if page.slug in COMMODITIES_EN:
            title, intro, paragraphs = COMMODITIES_EN[page.slug]
            _translate(page, english, title=title, intro=intro, body=_story(paragraphs))
            pages += 1
    names = {region.pk: region for region in kecamatan}
    for page in KecamatanPage.objects.child_of(index).filter(region__in=kecamatan):
        region = names[page.region_id]
        _translate(
            page,
            english,
            title=f"Kecamatan {region.name}",
            intro=f"Products of small businesses from the villages of Kecamatan {region.name}, "
            "Kabupaten Blitar.",
            body=_story([f"Kecamatan {region.name} (Kemendagri code {region.code})."]),
        )
        pages += 1
    return pages
