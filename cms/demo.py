"""Demo content of the public site in Indonesian and English, built through Wagtail's page API.

Deterministic and idempotent: pages are found by slug under their parent in their language and updated; the
English pages are translations (same translation key) of the Indonesian ones.
"""

import datetime
from collections.abc import Callable

from django.db import transaction
from wagtail.models import Locale, Page, Site

from adimarko.core.datafiles import read_json
from cms.models import (
    ContactPage,
    FaqPage,
    HomePage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    ProgrammePage,
    SiteNavigation,
    SiteSettings,
    StandardPage,
)
from cms.wagtail_hooks import navigation_fragments_forget
from search.pages import CommodityPage, KecamatanPage

SMART_CITY_SLUG = "evaluasi-smart-city-adi-marko"


def _paragraph(text: str) -> tuple[str, str]:
    return ("paragraph", "".join(f"<p>{part}</p>" for part in text.split("\n\n")))


def _figures(pairs) -> list[tuple[str, dict]]:
    return [("figure", {"value": value, "label": label}) for value, label in pairs]


def _card(title: str, text: str, page: Page | None = None) -> dict:
    return {"title": title, "text": text, "link": {"label": "", "page": page, "external_url": ""}}


def _link(page: Page) -> tuple[str, dict]:
    return ("link", {"label": "", "page": page, "external_url": ""})


def _publish(page: Page, fields: dict) -> Page:
    # A fresh copy: publishing saves the whole object, and a stale one would reset tree fields (numchild)
    # changed since it was loaded, e.g. by adding children.
    page = type(page).objects.get(pk=page.pk)
    for name, value in fields.items():
        if name == "tags":
            page.tags.set(value)
        elif name == "categories":
            page.categories.set(value)
        else:
            setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _child(parent: Page, model, slug: str, fields: dict) -> Page:
    """The child of `parent` with this slug, created or updated and published."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        plain = {name: value for name, value in fields.items() if name not in ("tags", "categories")}
        page = model(slug=slug, locale=parent.locale, **plain)
        parent.add_child(instance=page)
    return _publish(page, fields)


def _translation(page: Page, locale: Locale, slug: str, fields: dict) -> Page:
    translated = page.get_translation_or_none(locale)
    if translated is None:
        translated = page.copy_for_translation(locale)
    return _publish(translated.specific, {"slug": slug, **fields})


def _bilingual(
    parent: Page, parent_en: Page, model, slugs: tuple[str, str], fields_id: dict, fields_en: dict
):
    page = _child(parent, model, slugs[0], fields_id)
    translated = _translation(page, parent_en.locale, slugs[1], fields_en)
    return page, translated


def _category(locale: Locale, slug: str, name: str, source: NewsCategory | None = None) -> NewsCategory:
    category = NewsCategory.objects.filter(locale=locale, slug=slug).first()
    if category is None:
        category = NewsCategory(locale=locale, slug=slug, name=name)
        if source is not None:
            category.translation_key = source.translation_key
    category.name = name
    category.full_clean()
    category.save()
    return category


# The news articles, news categories, questions and home-page figures, in Indonesian ("id") and English.
SITE = read_json("cms", "demo_site.json")
NEWS: list[dict] = SITE["news"]
CATEGORIES: list[dict] = SITE["categories"]
FAQ: list[dict] = SITE["faq"]
FIGURES: dict[str, list[list[str]]] = SITE["figures"]


def _questions(language: str) -> list[tuple[str, dict]]:
    return [
        ("question", {"question": item[language]["question"], "answer": f"<p>{item[language]['answer']}</p>"})
        for item in FAQ
    ]


def _locales() -> tuple[Locale, Locale]:
    indonesian = Locale.get_default()
    english, _created = Locale.objects.get_or_create(language_code="en")
    return indonesian, english


def _home_pair(english: Locale) -> tuple[HomePage, HomePage]:
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    home_en = home.get_translation_or_none(english)
    if home_en is None:
        home_en = home.copy_for_translation(english)
        _publish(home_en, {"slug": "home"})
    return home, home_en.specific


@transaction.atomic
def build_site(progress: Callable[[str], None] = lambda _msg: None) -> dict[str, int]:
    indonesian, english = _locales()
    home, home_en = _home_pair(english)
    progress("public site: pages")

    programme, programme_en = _bilingual(
        home,
        home_en,
        ProgrammePage,
        ("program", "programme"),
        {
            "title": "Tentang Adi Marko",
            "introduction": "Audisi dan Inkubasi Marketing Online untuk IKM Kabupaten Blitar, "
            "program dimensi "
            "smart economy Disperindag.",
            "body": [
                _paragraph(
                    "Adi Marko memilih IKM lewat audisi tahunan, melatih mereka dalam pemasaran daring di "
                    "ruang kerja bersama Disperindag, dan membuka toko bagi lulusannya di pasar daring ini."
                )
            ],
            "steps": [
                (
                    "step",
                    _card("Daftar audisi", "Isi formulir usaha, produk dan dokumen sebelum batas waktu."),
                ),
                ("step", _card("Dinilai juri", "Juri menilai usaha Anda; sekitar 50 IKM terbaik terpilih.")),
                (
                    "step",
                    _card("Ikut inkubasi", "Kelas foto produk, listing marketplace dan promosi digital."),
                ),
                ("step", _card("Lulus dan berjualan", "Buka toko dengan lencana Alumni Adi Marko.")),
            ],
            "figures": _figures(FIGURES["id"]),
        },
        {
            "title": "About Adi Marko",
            "introduction": "Online marketing audition and incubation for small and medium industries of "
            "Kabupaten Blitar, Disperindag's smart economy programme.",
            "body": [
                _paragraph(
                    "Adi Marko selects small industries through a yearly audition, trains them in online "
                    "marketing at Disperindag's co-working space, and opens a shop for its graduates on "
                    "this marketplace."
                )
            ],
            "steps": [
                ("step", _card("Apply to the audition", "Fill in your business, products and documents.")),
                ("step", _card("Jury review", "A jury scores your business; about 50 are selected.")),
                (
                    "step",
                    _card("Incubation", "Product photography, marketplace listings, digital promotion."),
                ),
                ("step", _card("Graduate and sell", "Open a shop with the Adi Marko Alumni badge.")),
            ],
            "figures": _figures(FIGURES["en"]),
        },
    )

    news_index, news_index_en = _bilingual(
        home,
        home_en,
        NewsIndexPage,
        ("berita", "news"),
        {"title": "Berita", "introduction": "Kabar terbaru Adi Marko dan Smart City Kabupaten Blitar."},
        {"title": "News", "introduction": "The latest from Adi Marko and Smart City Kabupaten Blitar."},
    )
    categories = {}
    for names in CATEGORIES:
        category = _category(indonesian, names["slug"], names["id"])
        _category(english, names["slug"], names["en"], source=category)
        categories[names["slug"]] = category
    articles = 0
    for item in NEWS:
        fields = {
            "date": datetime.date.fromisoformat(item["date"]),
            "author_name": item["author_name"],
            "categories": [categories[item["category"]]],
            "tags": item["tags"],
        }
        bodies = []
        for language in ("id", "en"):
            text = item[language]
            body = [_paragraph("\n\n".join(text["body"]))]
            if "quote" in text:
                body.append(("quote", {"text": text["quote"], "attribution": text["attribution"]}))
            bodies.append(
                {**fields, "title": text["title"], "introduction": text["introduction"], "body": body}
            )
        _bilingual(news_index, news_index_en, NewsPage, item["slugs"], *bodies)
        articles += 1

    faq, faq_en = _bilingual(
        home,
        home_en,
        FaqPage,
        ("tanya-jawab", "faq"),
        {
            "title": "Tanya jawab",
            "introduction": "Pertanyaan yang sering diajukan tentang audisi, inkubasi dan pasar Adi Marko.",
            "questions": _questions("id"),
        },
        {
            "title": "Frequently asked questions",
            "introduction": "Common questions about the Adi Marko audition, incubation and marketplace.",
            "questions": _questions("en"),
        },
    )
    contact, contact_en = _bilingual(
        home,
        home_en,
        ContactPage,
        ("kontak", "contact"),
        {
            "title": "Kontak",
            "introduction": "Ada pertanyaan tentang Adi Marko? Kirim pesan, kami menjawab dalam dua "
            "hari kerja.",
            "to_address": "adimarko@disperindag.blitarkab.test",
        },
        {
            "title": "Contact",
            "introduction": "Questions about Adi Marko? Send us a message; we answer within two "
            "working days.",
            "to_address": "adimarko@disperindag.blitarkab.test",
        },
    )
    privacy, privacy_en = _bilingual(
        home,
        home_en,
        StandardPage,
        ("privasi", "privacy"),
        {
            "title": "Kebijakan privasi",
            "introduction": "Bagaimana Adi Marko menyimpan dan melindungi data pribadi sesuai UU PDP.",
            "body": [
                _paragraph(
                    "Kami hanya mengumpulkan data yang diperlukan untuk audisi, inkubasi dan transaksi. Anda "
                    "dapat mengekspor dan menghapus data Anda kapan saja."
                )
            ],
        },
        {
            "title": "Privacy policy",
            "introduction": "How Adi Marko stores and protects personal data under the Personal Data "
            "Protection Law (UU PDP).",
            "body": [
                _paragraph(
                    "We collect only the data needed for the audition, incubation and orders. You can export "
                    "and delete your data at any time."
                )
            ],
        },
    )

    progress("public site: home, navigation, settings")
    _publish(
        home,
        {
            "hero_title": "Produk Blitar, dipasarkan secara online",
            "figures": _figures(FIGURES["id"]),
        },
    )
    _publish(
        home_en,
        {
            "hero_title": "Blitar products, sold online",
            "figures": _figures(FIGURES["en"]),
        },
    )
    for locale, text in (
        (indonesian, "<p>Adi Marko adalah program Smart Economy Disperindag Kabupaten Blitar.</p>"),
        (english, "<p>Adi Marko is a Smart Economy programme of Disperindag Kabupaten Blitar.</p>"),
    ):
        navigation = SiteNavigation.objects.filter(locale=locale).first() or SiteNavigation(locale=locale)
        source = SiteNavigation.objects.filter(locale=indonesian).first()
        if source is not None and navigation.pk is None:
            navigation.translation_key = source.translation_key
        # Links point at the Indonesian pages: LinkBlock follows them into the visitor's language.
        navigation.header_links = [_link(programme), _link(news_index), _link(faq), _link(contact)]
        navigation.footer_links = [_link(programme), _link(privacy), _link(contact)]
        navigation.footer_text = text
        navigation.full_clean()
        navigation.save()
    navigation_fragments_forget()

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.whatsapp_number = "081234567890"
    site_settings.email = "adimarko@disperindag.blitarkab.test"
    site_settings.address = "Disperindag Kabupaten Blitar\nJl. Semeru No. 86, Kanigoro, Blitar"
    site_settings.instagram_url = "https://www.instagram.com/disperindagkabblitar"
    site_settings.full_clean()
    site_settings.save()

    return {
        "site pages": Page.objects.type(
            HomePage, ProgrammePage, NewsIndexPage, NewsPage, FaqPage, ContactPage, StandardPage
        ).count(),
        "news articles": articles * 2,
        "faq questions": len(FAQ) * 2,
    }


# The home page's regional highlights: (Indonesian card, English card, the regional page it leads to). The
# Indonesian page: the card's link follows it into the visitor's language (its translation under /en/).
HIGHLIGHTS = (
    (
        ("Kopi lereng Kelud", "Robusta petik merah dari Wlingi dan Gandusari."),
        ("Kelud slope coffee", "Red-picked robusta from Wlingi and Gandusari."),
        lambda: CommodityPage.objects.live().filter(commodity="kopi", locale__language_code="id").first(),
    ),
    (
        ("Gula kelapa Bakung", "Gula cetak dan gula semut dari penderes nira."),
        ("Bakung coconut sugar", "Block and granulated sugar from sap tappers."),
        lambda: (
            KecamatanPage.objects.live().filter(region__name="Bakung", locale__language_code="id").first()
        ),
    ),
    (
        ("Sambal pecel Kanigoro", "Resep khas Blitar dengan kacang sangrai."),
        ("Kanigoro sambal pecel", "Blitar's own recipe with roasted peanuts."),
        lambda: (
            KecamatanPage.objects.live().filter(region__name="Kanigoro", locale__language_code="id").first()
        ),
    ),
)


@transaction.atomic
def build_home_highlights(progress: Callable[[str], None] = lambda _msg: None) -> dict[str, int]:
    """The home page's "Regional highlights" cards, each leading to its regional page (/wilayah/<slug>/).

    Run after search's `build_regions`, which makes those pages (the orchestrator calls it in that order);
    a card whose page is missing has no link rather than a wrong one.
    """
    _indonesian, english = _locales()
    home, home_en = _home_pair(english)
    targets = [find() for _id, _en, find in HIGHLIGHTS]
    for page, language in ((home, 0), (home_en, 1)):
        cards = [
            ("card", _card(*highlight[language], target))
            for highlight, target in zip(HIGHLIGHTS, targets, strict=True)
        ]
        _publish(page, {"highlights": cards})
    progress("public site: regional highlights")
    return {"home highlights": sum(1 for target in targets if target is not None)}
