"""The key pages of the public site pass the Nu HTML Checker (vnu) with no errors."""

import pytest
from django.test import Client, RequestFactory
from django.utils import translation
from django.views.defaults import server_error

from cms.demo import build_site
from tests import realservices
from tests.cms import factories

pytestmark = [pytest.mark.vnu, pytest.mark.django_db]

KEY_PAGES = [
    "/",
    "/en/",
    "/program/",
    "/berita/",
    "/berita/?kategori=smart-city",
    "/berita/evaluasi-smart-city-adi-marko/",
    "/en/news/smart-city-evaluation-adi-marko/",
    "/tanya-jawab/",
    "/kontak/",
    "/en/contact/",
    "/privasi/",
    "/halaman-yang-tidak-ada/",
    "/akun/masuk/",
]


def test_key_pages_have_no_html_errors(tmp_path):
    build_site()
    factories.product(name="Kopi Robusta Wlingi")
    client = Client()
    files = []
    for number, path in enumerate(KEY_PAGES):
        response = client.get(path)
        assert response.status_code == (404 if "tidak-ada" in path else 200), path
        target = tmp_path / f"page-{number:02d}.html"
        target.write_bytes(response.content)
        files.append((path, target))
    # The contact page after bad input (error messages and aria attributes) is a key state too.
    invalid = client.post("/kontak/", {"name": "", "email": "bukan-email", "message": "x"})
    (tmp_path / "contact-errors.html").write_bytes(invalid.content)
    files.append(("/kontak/ (errors)", tmp_path / "contact-errors.html"))

    for language in ("id", "en"):
        with translation.override(language):
            error_page = server_error(RequestFactory().get("/"))
        (tmp_path / f"500-{language}.html").write_bytes(error_page.content)
        files.append((f"500 ({language})", tmp_path / f"500-{language}.html"))

    errors = realservices.vnu_errors(files)
    assert errors == []
