"""Demo catalogue: storefronts and products of the 33 demo businesses, built through the catalogue services.

Deterministic and idempotent: a product is found again by (business, SKU); photos are drawn with Pillow.
Most products are approved; a few wait for curation, were rejected or are drafts, so every screen has data.
"""

import io
import re
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont

from adimarko.core.models import Business, User
from shop import services
from shop.models import Category, Product, Storefront

# theme → items: (name, category slug, description, ((pack label, grams, price), ...))
THEMES: dict[str, tuple] = {
    "kopi": (
        (
            "Kopi Robusta Bubuk",
            "kopi",
            "Robusta petik merah, sangrai sedang, digiling halus untuk kopi tubruk.",
            (("250 g", 260, 45000), ("500 g", 515, 85000), ("1 kg", 1030, 160000)),
        ),
        (
            "Kopi Robusta Biji Sangrai",
            "kopi",
            "Biji robusta sangrai medium-dark untuk espresso dan V60.",
            (("250 g", 260, 50000),),
        ),
        (
            "Kopi Arabika Kelud",
            "kopi",
            "Arabika dari lereng Kelud, proses natural, aroma buah.",
            (("200 g", 210, 70000),),
        ),
    ),
    "luwak": (
        (
            "Kopi Luwak Liar",
            "kopi",
            "Kopi luwak liar (bukan kandang), kemasan kotak hadiah.",
            (("100 g", 150, 150000), ("200 g", 260, 280000)),
        ),
        ("Kopi Robusta Bubuk", "kopi", "Robusta Wlingi untuk sehari-hari.", (("250 g", 260, 45000),)),
        (
            "Kopi Tubruk Jahe",
            "kopi",
            "Kopi bubuk dengan jahe emprit, hangat di badan.",
            (("200 g", 210, 35000),),
        ),
        (
            "Kopi Drip Bag Robusta",
            "kopi",
            "Isi 10 kantong drip, praktis untuk kantor.",
            (("10 x 10 g", 150, 40000),),
        ),
    ),
    "gula": (
        (
            "Gula Kelapa Cetak",
            "gula",
            "Gula kelapa cetak tradisional dari nira pilihan, tanpa pemutih.",
            (("500 g", 510, 14000), ("1 kg", 1020, 26000)),
        ),
        (
            "Gula Semut Kelapa Organik",
            "gula",
            "Gula semut (kristal) kelapa, larut cepat, untuk kopi dan kue.",
            (("250 g", 260, 18000), ("500 g", 515, 32000)),
        ),
        (
            "Gula Aren Cair",
            "gula",
            "Gula kelapa cair untuk es kopi susu dan kolak.",
            (("250 ml", 320, 22000),),
        ),
    ),
    "tempe": (
        (
            "Keripik Tempe Original",
            "keripik",
            "Keripik tempe tipis, renyah, resep keluarga.",
            (("200 g", 210, 15000), ("500 g", 515, 35000)),
        ),
        (
            "Keripik Tempe Pedas",
            "keripik",
            "Keripik tempe dengan bumbu cabai dan daun jeruk.",
            (("200 g", 210, 16000),),
        ),
        (
            "Keripik Tempe Sagu",
            "keripik",
            "Keripik tempe sagu dengan bumbu rempah.",
            (("250 g", 260, 18000),),
        ),
        (
            "Keripik Tempe Bawang",
            "keripik",
            "Gurih bawang putih, cocok untuk lauk.",
            (("200 g", 210, 15000),),
        ),
    ),
    "pisang": (
        (
            "Keripik Pisang Agung Manis",
            "keripik",
            "Pisang agung iris tipis, manis gula kelapa.",
            (("250 g", 260, 17000), ("500 g", 515, 32000)),
        ),
        ("Keripik Pisang Balado", "keripik", "Pedas manis balado.", (("250 g", 260, 18000),)),
        ("Keripik Pisang Asin", "keripik", "Gurih asin, tanpa MSG.", (("250 g", 260, 17000),)),
        ("Sale Pisang Kering", "manisan", "Sale pisang kepok, dijemur matahari.", (("250 g", 260, 18000),)),
    ),
    "singkong": (
        (
            "Keripik Singkong Original",
            "keripik",
            "Keripik singkong tipis renyah.",
            (("250 g", 260, 12000), ("500 g", 515, 22000)),
        ),
        ("Keripik Singkong Pedas Manis", "keripik", "Bumbu cabai dan gula kelapa.", (("250 g", 260, 13000),)),
        ("Keripik Singkong Balado", "keripik", "Balado merah khas Blitar.", (("250 g", 260, 13000),)),
        ("Tiwul Instan", "manisan", "Tiwul singkong siap kukus.", (("500 g", 515, 15000),)),
    ),
    "gadung": (
        (
            "Keripik Gadung Original",
            "keripik",
            "Gadung diolah aman, direndam dan dijemur berhari-hari.",
            (("250 g", 260, 20000), ("500 g", 515, 38000)),
        ),
        ("Keripik Gadung Pedas", "keripik", "Gadung dengan taburan cabai.", (("250 g", 260, 21000),)),
        ("Keripik Talas", "keripik", "Talas iris tipis.", (("200 g", 210, 16000),)),
        ("Keripik Ubi Ungu", "keripik", "Ubi ungu renyah tanpa pewarna.", (("200 g", 210, 16000),)),
    ),
    "sambal": (
        (
            "Sambal Pecel Sedang",
            "sambal",
            "Sambal pecel kacang tanah sangrai, daun jeruk, gula kelapa.",
            (("250 g", 260, 20000), ("500 g", 515, 38000)),
        ),
        (
            "Sambal Pecel Pedas",
            "sambal",
            "Untuk penggemar pedas.",
            (("250 g", 260, 21000), ("500 g", 515, 40000)),
        ),
        ("Bumbu Rujak Cingur", "sambal", "Bumbu petis untuk rujak cingur.", (("200 g", 210, 22000),)),
    ),
    "madu": (
        (
            "Madu Randu Murni",
            "madu",
            "Madu bunga randu dari peternak lebah lokal, tidak dipanaskan.",
            (("250 ml", 350, 55000), ("500 ml", 700, 100000)),
        ),
        (
            "Madu Kelengkeng",
            "madu",
            "Madu kelengkeng harum, panen kemarau.",
            (("250 ml", 350, 65000), ("500 ml", 700, 120000)),
        ),
        ("Bee Pollen", "madu", "Serbuk sari lebah, kemasan toples.", (("100 g", 160, 60000),)),
    ),
    "klanceng": (
        (
            "Madu Klanceng",
            "madu",
            "Madu lebah trigona, asam segar, kaya propolis.",
            (("150 ml", 250, 85000), ("300 ml", 450, 160000)),
        ),
        ("Propolis Cair", "madu", "Ekstrak propolis klanceng.", (("30 ml", 80, 75000),)),
        ("Madu Randu Murni", "madu", "Madu randu untuk sehari-hari.", (("250 ml", 350, 55000),)),
        ("Sarang Madu Klanceng", "madu", "Potongan sarang klanceng dalam toples.", (("200 g", 320, 95000),)),
    ),
    "jamu": (
        (
            "Jamu Kunyit Asam",
            "jamu",
            "Kunyit, asam jawa dan gula kelapa; siap minum, simpan di kulkas.",
            (("250 ml", 280, 8000), ("1 liter", 1080, 28000)),
        ),
        (
            "Jamu Beras Kencur",
            "jamu",
            "Beras kencur segar.",
            (("250 ml", 280, 8000), ("1 liter", 1080, 28000)),
        ),
        ("Wedang Uwuh Celup", "jamu", "Rempah kering untuk diseduh, isi 10.", (("10 sachet", 120, 25000),)),
    ),
    "bambu": (
        (
            "Tampah Bambu 50 cm",
            "anyaman",
            "Tampah anyaman bambu untuk menampi dan wadah tumpeng.",
            (("1 buah", 600, 35000),),
        ),
        (
            "Besek Bambu",
            "anyaman",
            "Besek untuk hantaran dan nasi kotak.",
            (("isi 10", 800, 25000), ("isi 50", 3500, 110000)),
        ),
        ("Keranjang Bambu Belanja", "anyaman", "Keranjang kokoh dengan pegangan.", (("1 buah", 900, 60000),)),
        ("Kap Lampu Bambu", "anyaman", "Kap lampu gantung anyaman.", (("1 buah", 700, 85000),)),
    ),
    "pandan": (
        ("Tikar Pandan", "anyaman", "Tikar pandan alami 150 x 200 cm.", (("1 lembar", 2500, 85000),)),
        (
            "Tas Anyaman Pandan",
            "anyaman",
            "Tas jinjing pandan dengan lapisan kain.",
            (("1 buah", 450, 65000),),
        ),
        ("Dompet Pandan", "anyaman", "Dompet kecil dengan ritsleting.", (("1 buah", 120, 30000),)),
        ("Topi Pandan", "anyaman", "Topi pantai anyaman pandan.", (("1 buah", 200, 45000),)),
        ("Tatakan Gelas Pandan", "anyaman", "Set tatakan gelas.", (("isi 6", 150, 25000),)),
    ),
    "kayu": (
        (
            "Talenan Kayu Jati",
            "kerajinan-kayu",
            "Talenan dari kayu jati limbah, dilapis minyak food grade.",
            (("30 cm", 900, 75000), ("40 cm", 1400, 110000)),
        ),
        (
            "Kotak Tisu Ukir",
            "kerajinan-kayu",
            "Kotak tisu jati dengan ukiran bunga.",
            (("1 buah", 800, 90000),),
        ),
        (
            "Miniatur Candi Penataran",
            "kerajinan-kayu",
            "Miniatur kayu Candi Penataran.",
            (("1 buah", 1200, 250000),),
        ),
        ("Sendok Kayu Sonokeling", "kerajinan-kayu", "Set sendok masak.", (("isi 3", 300, 45000),)),
    ),
    "emping": (
        (
            "Emping Melinjo Tipis",
            "kerupuk",
            "Emping melinjo tipis tanpa pengawet, siap goreng.",
            (("250 g", 260, 30000), ("500 g", 515, 55000)),
        ),
        (
            "Emping Melinjo Pedas Manis",
            "kerupuk",
            "Emping matang bumbu pedas manis.",
            (("200 g", 210, 32000),),
        ),
        ("Emping Jagung", "kerupuk", "Emping jagung siap goreng.", (("250 g", 260, 15000),)),
        ("Keripik Melinjo", "kerupuk", "Keripik melinjo matang.", (("200 g", 210, 28000),)),
    ),
    "batik": (
        (
            "Kain Batik Tulis Motif Kendi",
            "batik",
            "Batik tulis pewarna alam, 2 x 1,15 m.",
            (("2 m", 400, 450000),),
        ),
        (
            "Kain Batik Cap Mangga Podang",
            "batik",
            "Batik cap motif mangga podang, 2 m.",
            (("2 m", 400, 175000),),
        ),
        ("Selendang Batik Tulis", "batik", "Selendang sutra batik tulis.", (("1 lembar", 150, 175000),)),
        (
            "Kemeja Batik Pria",
            "batik",
            "Kemeja batik cap lengan pendek.",
            (("M", 350, 185000), ("L", 370, 185000)),
        ),
    ),
    "tenun": (
        ("Kain Tenun Ikat", "tenun", "Tenun ikat ATBM, 2 m.", (("2 m", 500, 350000),)),
        ("Tas Tenun", "tenun", "Tas selempang tenun ikat.", (("1 buah", 400, 125000),)),
        ("Syal Tenun", "tenun", "Syal tenun katun.", (("1 buah", 150, 90000),)),
        ("Sarung Tenun", "tenun", "Sarung tenun motif kotak.", (("1 buah", 600, 225000),)),
        ("Dompet Tenun", "tenun", "Dompet kartu tenun.", (("1 buah", 80, 40000),)),
    ),
    "rengginang": (
        (
            "Rengginang Ketan Original",
            "kerupuk",
            "Rengginang ketan siap goreng.",
            (("250 g", 260, 16000), ("500 g", 515, 30000)),
        ),
        ("Rengginang Terasi", "kerupuk", "Rengginang dengan terasi udang.", (("250 g", 260, 17000),)),
        ("Rengginang Lorjuk", "kerupuk", "Rengginang lorjuk khas pesisir.", (("250 g", 260, 25000),)),
        ("Opak Gambir", "manisan", "Opak gambir renyah.", (("200 g", 210, 18000),)),
    ),
    "sale": (
        (
            "Sale Pisang Basah",
            "manisan",
            "Sale pisang basah legit.",
            (("250 g", 260, 18000), ("500 g", 515, 33000)),
        ),
        ("Sale Pisang Goreng", "manisan", "Sale pisang goreng tepung.", (("250 g", 260, 20000),)),
        ("Keripik Pisang Agung Manis", "keripik", "Keripik pisang manis.", (("250 g", 260, 17000),)),
        ("Pisang Sale Kering", "manisan", "Sale kering tanpa gula tambahan.", (("250 g", 260, 19000),)),
    ),
    "dodol": (
        (
            "Dodol Nanas",
            "manisan",
            "Dodol dari nanas petani Ponggok.",
            (("250 g", 260, 20000), ("500 g", 515, 38000)),
        ),
        ("Selai Nanas", "manisan", "Selai nanas untuk roti dan nastar.", (("200 g", 300, 22000),)),
        ("Keripik Nanas", "keripik", "Keripik nanas vakum goreng.", (("100 g", 110, 25000),)),
        ("Sirup Nanas", "jamu", "Sirup nanas segar.", (("500 ml", 650, 30000),)),
    ),
    "kerupuk": (
        (
            "Kerupuk Ikan Tongkol",
            "kerupuk",
            "Kerupuk ikan tongkol mentah, siap goreng.",
            (("250 g", 260, 25000), ("500 g", 515, 45000)),
        ),
        ("Kerupuk Udang", "kerupuk", "Kerupuk udang asli pesisir selatan.", (("250 g", 260, 35000),)),
        ("Terasi Udang", "sambal", "Terasi udang rebon.", (("100 g", 120, 15000),)),
        ("Ikan Asin Teri", "sambal", "Teri nasi kering.", (("200 g", 210, 30000),)),
    ),
    "sukun": (
        ("Keripik Sukun", "keripik", "Keripik sukun renyah.", (("200 g", 210, 15000), ("400 g", 410, 28000))),
        ("Tepung Sukun", "manisan", "Tepung sukun bebas gluten.", (("500 g", 515, 25000),)),
        ("Brownies Sukun", "manisan", "Brownies panggang dari tepung sukun.", (("1 loyang", 600, 45000),)),
        ("Stik Sukun Keju", "keripik", "Stik sukun rasa keju.", (("200 g", 210, 17000),)),
    ),
    "gerabah": (
        ("Kendi Gerabah", "gerabah", "Kendi tanah liat untuk air minum dingin.", (("1 liter", 1500, 45000),)),
        (
            "Pot Gerabah Hias",
            "gerabah",
            "Pot hias motif ukir.",
            (("20 cm", 1800, 30000), ("30 cm", 3500, 55000)),
        ),
        ("Cobek Tanah Liat", "gerabah", "Cobek dan ulekan tanah liat.", (("1 set", 2000, 35000),)),
        ("Celengan Gerabah", "gerabah", "Celengan bentuk ayam.", (("1 buah", 700, 20000),)),
    ),
}

# First matching keyword in the business name picks its theme (demo businesses: adimarko/core/demo.py).
THEME_KEYWORDS = (
    ("luwak", "luwak"),
    ("kopi", "kopi"),
    ("gula", "gula"),
    ("tempe", "tempe"),
    ("sale", "sale"),
    ("pisang", "pisang"),
    ("singkong", "singkong"),
    ("gadung", "gadung"),
    ("sambal", "sambal"),
    ("klanceng", "klanceng"),
    ("madu", "madu"),
    ("jamu", "jamu"),
    ("bambu", "bambu"),
    ("pandan", "pandan"),
    ("kayu", "kayu"),
    ("emping", "emping"),
    ("batik", "batik"),
    ("tenun", "tenun"),
    ("rengginang", "rengginang"),
    ("dodol", "dodol"),
    ("kerupuk", "kerupuk"),
    ("sukun", "sukun"),
    ("gerabah", "gerabah"),
)
COLOURS = {
    "kopi": (92, 58, 33),
    "gula": (166, 104, 41),
    "keripik": (214, 160, 45),
    "kerupuk": (226, 190, 120),
    "sambal": (170, 40, 30),
    "madu": (222, 150, 20),
    "manisan": (196, 90, 60),
    "jamu": (200, 160, 30),
    "anyaman": (150, 120, 70),
    "kerajinan-kayu": (110, 75, 45),
    "gerabah": (160, 80, 50),
    "batik": (60, 50, 90),
    "tenun": (120, 40, 70),
}
REJECTION_REASON = (
    "Foto kemasan kurang jelas dan deskripsi belum menyebut komposisi. Perbaiki lalu ajukan lagi."
)


def _theme(business: Business) -> str:
    name = business.name.lower()
    return next(theme for keyword, theme in THEME_KEYWORDS if keyword in name)


def _sku(name: str, label: str) -> str:
    initials = "".join(word[:3] for word in re.findall(r"[A-Za-z]+", name)).upper()[:15]
    size = re.sub(r"[^0-9A-Za-z]", "", label).upper()[:8]
    return f"{initials}-{size}"


def _photo(name: str, label: str, category_slug: str) -> SimpleUploadedFile:
    colour = COLOURS.get(category_slug, (11, 110, 79))
    image = Image.new("RGB", (640, 640), tuple(min(255, c + 120) for c in colour))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((150, 110, 490, 560), radius=36, fill=colour, outline=(255, 255, 255), width=6)
    draw.rectangle((150, 110, 490, 170), fill=tuple(max(0, c - 40) for c in colour))
    font = ImageFont.load_default(size=30)
    small = ImageFont.load_default(size=24)
    words, lines = name.split(), [""]
    for word in words:
        if len(lines[-1]) + len(word) > 14:
            lines.append("")
        lines[-1] = f"{lines[-1]} {word}".strip()
    for i, line in enumerate(lines[:4]):
        draw.text((320, 250 + i * 40), line, fill="white", font=font, anchor="mm")
    draw.text((320, 470), label, fill="white", font=small, anchor="mm")
    draw.text((320, 600), "Produk Blitar", fill=colour, font=small, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return SimpleUploadedFile(f"{_sku(name, label).lower()}.jpg", buffer.getvalue(), "image/jpeg")


def build_catalog(businesses: list[Business], progress: Callable[[str], None] = lambda _msg: None) -> dict:
    curator = User.objects.get(email="staf@adimarko.test")
    categories = {category.slug: category for category in Category.objects.all()}
    counter = 0
    for index, business in enumerate(businesses, start=1):
        storefront = services.storefront_open(business=business, by=curator)
        if storefront.status == Storefront.Status.PENDING and index != len(businesses):
            services.storefront_decide(storefront=storefront, by=curator, approve=True, notify=False)
        certifications = list(business.certifications.all())
        for name, category_slug, description, packs in THEMES[_theme(business)]:
            group = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") if len(packs) > 1 else ""
            for label, grams, price in packs:
                counter += 1
                sku = _sku(name, label)
                if Product.objects.filter(business=business, sku=sku).exists():
                    continue
                crafts = category_slug in ("anyaman", "kerajinan-kayu", "gerabah", "batik", "tenun")
                product = services.product_create(
                    business=business,
                    by=business.memberships.first().user,
                    sku=sku,
                    name=name,
                    description=f"{description} Dibuat di {business.desa}.",
                    category=categories[category_slug],
                    price=price,
                    on_hand=(counter * 7) % 60,
                    weight_grams=grams,
                    origin_desa=business.desa,
                    certifications=[] if crafts else certifications,
                    pack_group=group,
                    pack_label=label,
                    submit=counter % 29 != 7,
                )
                services.product_photo_add(
                    product=product,
                    by=None,
                    file=_photo(name, label, category_slug),
                    alt_text=f"Kemasan {name} {label}",
                )
                if product.status != Product.Status.PENDING:
                    continue
                if counter % 23 == 5:
                    services.product_reject(
                        product=product, by=curator, reason=REJECTION_REASON, notify=False
                    )
                elif counter % 17 != 3:
                    services.product_approve(product=product, by=curator, notify=False)
        progress(f"catalogue {index}/{len(businesses)} {business.name}")
    products = Product.objects.filter(business__in=businesses)
    return {
        "storefronts": Storefront.objects.filter(business__in=businesses).count(),
        "products": products.count(),
        "products_public": products.public().count(),
    }
