import pytest
from django.urls import reverse

from adimarko.demo import DEMO_PASSWORD, build_demo

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("email", "admin_allowed"),
    [
        ("admin@adimarko.test", True),
        ("staf@adimarko.test", True),
        ("pelatih@adimarko.test", True),
        ("penjual@adimarko.test", False),
        ("juri@adimarko.test", False),
        ("pembeli@adimarko.test", False),
    ],
)
def test_demo_logins_on_site_and_wagtail_admin(client, email, admin_allowed):
    build_demo()
    response = client.post(reverse("account_login"), {"username": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302, email
    assert client.get(reverse("account_profile")).status_code == 200
    admin = client.get("/admin/")
    if admin_allowed:
        assert admin.status_code == 200
        assert "wagtail" in admin.content.decode().lower()
    else:
        assert admin.status_code == 302 and "/admin/login/" in admin.url


def test_staff_can_edit_the_home_page_in_wagtail(client):
    from wagtail.models import Page

    build_demo()
    client.post("/admin/login/", {"username": "staf@adimarko.test", "password": DEMO_PASSWORD})
    home = Page.objects.get(depth=2, locale__language_code="id").specific
    response = client.get(f"/admin/pages/{home.pk}/edit/")
    assert response.status_code == 200
