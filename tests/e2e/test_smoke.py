"""Browser: Debian's Chromium, driven by Playwright, against a live server."""

import re

import pytest

from adimarko.core.models import Region
from tests.e2e.session import open_menu
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_home_page_loads_in_indonesian_and_switches_to_english(live_server, page):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.locator("h1").inner_text() == "Produk Blitar, dipasarkan secara online"
    open_menu(page)  # on a phone the languages are in the header menu
    page.get_by_role("link", name="EN", exact=True).click()
    page.wait_for_url(live_server.url + "/en/")
    assert page.locator("h1").inner_text() == "Blitar products, sold online"


def test_user_logs_in_and_sees_the_profile(live_server, page):
    # Rows created by migrations survive earlier transactional tests (see _carry_test_database_state).
    assert Region.objects.desa().count() == 248
    UserFactory(email="siti@contoh.test", first_name="Siti")
    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("Alamat email").fill("siti@contoh.test")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(live_server.url + "/akun/profil/")
    assert page.locator("h1").inner_text() == "Profil"
    assert "siti@contoh.test" in page.content()


def test_signup_with_bad_phone_shows_the_error_then_succeeds(live_server, page):
    page.goto(live_server.url + "/akun/daftar/")
    page.get_by_label("Nama depan").fill("Budi")
    page.get_by_label("Alamat email").fill("budi@contoh.test")
    page.get_by_label("Nomor HP (opsional)").fill("0342 801234")
    page.get_by_label(re.compile(r"^Kata sandi")).fill("kopi-blitar-2027")
    page.get_by_label("Konfirmasi kata sandi").fill("kopi-blitar-2027")
    page.get_by_role("button", name="Daftar").click()
    assert page.locator(".error").first.inner_text().startswith("Masukkan nomor HP Indonesia")
    page.get_by_label("Nomor HP (opsional)").fill("0812 3456 7890")
    page.get_by_label(re.compile(r"^Kata sandi")).fill("kopi-blitar-2027")
    page.get_by_label("Konfirmasi kata sandi").fill("kopi-blitar-2027")
    page.get_by_role("button", name="Daftar").click()
    page.wait_for_url(live_server.url + "/akun/profil/")
