"""Browser journeys of the public site, with axe-core on every key page."""

import re

import pytest
from django.core import mail

from cms.demo import build_site
from cms.models import ContactMessage
from tests.e2e.axe import assert_no_serious_axe_violations
from tests.e2e.session import open_menu

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site_content():
    build_site()
    yield


def test_navigation_reaches_every_section_from_the_home_page(live_server, page, site_content):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Produk Blitar, dipasarkan secara online"
    assert_no_serious_axe_violations(page)
    menu = page.get_by_role("navigation", name="Menu utama")
    for label, path, heading in [
        ("Tentang Adi Marko", "/program/", "Tentang Adi Marko"),
        ("Berita", "/berita/", "Berita"),
        ("Tanya jawab", "/tanya-jawab/", "Tanya jawab"),
        ("Kontak", "/kontak/", "Kontak"),
    ]:
        open_menu(page)  # on a phone the main links are in the header menu
        menu.get_by_role("link", name=label, exact=True).click()
        page.wait_for_url(live_server.url + path)
        assert page.locator("h1").inner_text() == heading
        page.get_by_role("link", name="Adi Marko", exact=True).first.click()
        page.wait_for_url(live_server.url + "/")


def test_skip_link_moves_focus_to_the_content(live_server, page, site_content):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Langsung ke konten")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")


def test_language_switch_goes_to_the_translated_article_and_back(live_server, page, site_content):
    page.goto(live_server.url + "/berita/evaluasi-smart-city-adi-marko/")
    assert (
        page.locator("h1").inner_text() == "Adi Marko dipaparkan dalam evaluasi Smart City Kabupaten Blitar"
    )
    open_menu(page)
    page.get_by_role("navigation", name="Bahasa").get_by_role("link", name="EN").click()
    page.wait_for_url(live_server.url + "/en/news/smart-city-evaluation-adi-marko/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert (
        page.locator("h1").inner_text() == "Adi Marko presented at Kabupaten Blitar's Smart City evaluation"
    )
    open_menu(page)
    assert page.get_by_role("navigation", name="Main menu").get_by_role("link", name="News").is_visible()
    page.get_by_role("navigation", name="Language").get_by_role("link", name="ID").click()
    page.wait_for_url(live_server.url + "/berita/evaluasi-smart-city-adi-marko/")
    assert page.locator("html").get_attribute("lang") == "id"


def test_news_listing_filters_by_category_and_opens_an_article(live_server, page, site_content):
    page.goto(live_server.url + "/berita/")
    titles = page.locator(".news-card h2").all_inner_texts()
    assert titles == [
        "Adi Marko dipaparkan dalam evaluasi Smart City Kabupaten Blitar",
        "Audisi Adi Marko angkatan baru dibuka",
        "Alumni Adi Marko membuka toko daring",
    ]
    assert_no_serious_axe_violations(page)
    page.get_by_role("navigation", name="Kategori berita").get_by_role("link", name="Smart City").click()
    page.wait_for_url(re.compile(r".*/berita/\?kategori=smart-city$"))
    assert page.locator(".news-card h2").all_inner_texts() == [titles[0]]
    page.get_by_role("link", name=titles[0]).click()
    page.wait_for_url(live_server.url + "/berita/evaluasi-smart-city-adi-marko/")
    assert page.locator(".byline").inner_text().startswith("14 Oktober 2026 · oleh Tim Humas Disperindag")
    assert page.locator("blockquote").inner_text().startswith("Alumni Adi Marko tidak berhenti di kelas")
    assert_no_serious_axe_violations(page)


def test_contact_form_shows_errors_then_stores_and_emails_the_message(
    live_server, page, site_content, settings
):
    settings.CONTACT_FORM_MIN_SECONDS = 0
    page.goto(live_server.url + "/kontak/")
    assert_no_serious_axe_violations(page)
    page.get_by_label("Nama Anda").fill("Siti Aminah")
    page.get_by_label("Alamat email").fill("siti-at-contoh")
    page.get_by_label("Perihal").fill("Audisi 2027")
    page.get_by_label("Pesan").fill("Kapan audisi tahun depan dibuka?")
    page.get_by_role("button", name="Kirim pesan").click()
    page.wait_for_load_state()

    assert page.get_by_role("alert").inner_text() == "Perbaiki kolom yang ditandai di bawah ini."
    assert page.locator("#id_email_error").inner_text() == "Masukkan alamat email yang valid."
    assert page.get_by_label("Pesan").input_value() == "Kapan audisi tahun depan dibuka?"
    assert page.get_by_label("Alamat email").get_attribute("aria-invalid") == "true"
    assert_no_serious_axe_violations(page)
    assert ContactMessage.objects.count() == 0

    page.get_by_label("Alamat email").fill("siti@contoh.test")
    page.get_by_role("button", name="Kirim pesan").click()
    page.wait_for_url(live_server.url + "/kontak/?terkirim=1")
    assert "Terima kasih" in page.get_by_role("status").inner_text()

    stored = ContactMessage.objects.get()
    assert (stored.name, stored.email, stored.subject) == ("Siti Aminah", "siti@contoh.test", "Audisi 2027")
    [email] = mail.outbox
    assert email.to == ["adimarko@disperindag.blitarkab.test"]
    assert email.subject == "[Adi Marko] Formulir kontak: Audisi 2027"
    assert "Kapan audisi tahun depan dibuka?" in email.body


def test_other_public_pages_pass_axe(live_server, page, site_content):
    for path in ["/en/", "/program/", "/tanya-jawab/", "/en/faq/", "/halaman-yang-tidak-ada/"]:
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1, path
        assert_no_serious_axe_violations(page)
