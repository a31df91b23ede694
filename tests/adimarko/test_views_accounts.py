import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext

from adimarko.core.models import User
from adimarko.core.roles import Role, user_roles
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "first_name": "Siti",
    "last_name": "Aminah",
    "email": "siti@contoh.test",
    "phone": "0812 3456 7890",
    "password1": "kopi-blitar-2027",
    "password2": "kopi-blitar-2027",
}


def test_signup_creates_a_buyer_and_logs_in(client):
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302 and response.url == reverse("account_profile")
    user = User.objects.get(email="siti@contoh.test")
    assert user.phone == "+6281234567890"
    assert user_roles(user) == {Role.BUYER}
    assert client.get(reverse("account_profile")).context["user"] == user


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "ADA@contoh.test"}, "email", "Sudah ada akun dengan email ini."),
        (
            {"phone": "0342 801234"},
            "phone",
            "Masukkan nomor HP Indonesia, misalnya 0812 3456 7890 atau +62 812 3456 7890.",
        ),
        ({"email": "bukan-email"}, "email", "Masukkan alamat email yang valid."),
        ({"password2": "lain-sekali-99"}, "password2", None),
        ({"password1": "12345678", "password2": "12345678"}, "password1", None),
    ],
)
def test_signup_bad_input_gives_indonesian_field_errors_and_saves_nothing(client, changes, field, message):
    UserFactory(email="ada@contoh.test")
    before = User.objects.count()
    response = client.post(reverse("account_signup"), SIGNUP | changes)
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    if message:
        assert errors == [message]
    else:
        assert errors and all(re.search(r"[Kk]ata sandi|sandi", error) for error in errors)
    assert User.objects.count() == before


def test_signup_password_strength_errors_show_under_the_password_not_its_confirmation(client):
    response = client.post(
        reverse("account_signup"), SIGNUP | {"password1": "12345678", "password2": "12345678"}
    )
    form = response.context["form"]
    assert "password2" not in form.errors
    assert form.errors["password1"] == [
        gettext("This password is too common."),
        gettext("This password is entirely numeric."),
    ]
    # Rendered next to the password field: its error list comes before the confirmation's label.
    html = response.content.decode()
    assert html.index(gettext("This password is too common.")) < html.index('for="id_password2"')


def test_signup_mismatch_stays_under_the_confirmation(client):
    response = client.post(reverse("account_signup"), SIGNUP | {"password2": "lain-sekali-99"})
    form = response.context["form"]
    assert "password1" not in form.errors and form.errors["password2"]


def test_password_reset_strength_errors_show_under_the_new_password(client):
    UserFactory(email="rina@contoh.test")
    client.post(reverse("password_reset"), {"email": "rina@contoh.test"})
    link = re.search(r"http://testserver(/akun/sandi/reset/\S+/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url
    response = client.post(form_url, {"new_password1": "12345678", "new_password2": "12345678"})
    form = response.context["form"]
    assert "new_password2" not in form.errors
    assert gettext("This password is too common.") in form.errors["new_password1"]


def test_login_with_email_and_logout(client):
    user = UserFactory(email="budi@contoh.test")
    response = client.post(reverse("account_login"), {"username": "Budi@Contoh.test", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_login_failure_is_explained_in_indonesian(client):
    UserFactory(email="budi@contoh.test")
    response = client.post(reverse("account_login"), {"username": "budi@contoh.test", "password": "salah"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Alamat email atau kata sandi salah."]
    assert "_auth_user_id" not in client.session


def test_password_reset_by_email(client):
    UserFactory(email="rina@contoh.test")
    response = client.post(reverse("password_reset"), {"email": "rina@contoh.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Atur ulang kata sandi Adi Marko Anda"
    link = re.search(r"http://testserver(/akun/sandi/reset/\S+/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url  # Django swaps the token for a session-held one
    response = client.post(form_url, {"new_password1": "gula-merah-2028", "new_password2": "gula-merah-2028"})
    assert response.status_code == 302
    assert User.objects.get(email="rina@contoh.test").check_password("gula-merah-2028")


def test_profile_update_and_validation(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("account_profile"), {"first_name": "Dewi", "last_name": "L", "phone": "12"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["phone"]
    response = client.post(
        reverse("account_profile"), {"first_name": "Dewi", "last_name": "L", "phone": "085712345678"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.phone) == ("Dewi", "+6285712345678")


def test_profile_requires_login(client):
    response = client.get(reverse("account_profile"))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_home_page_renders_in_indonesian_and_english(client):
    indonesian = client.get("/")
    assert indonesian.status_code == 200
    assert '<html lang="id">' in indonesian.content.decode()
    assert "Produk Blitar, dipasarkan secara online" in indonesian.content.decode()
    english = client.get("/en/")
    assert english.status_code == 200
    assert '<html lang="en">' in english.content.decode()
    assert "Blitar products, sold online" in english.content.decode()


def test_language_switcher_moves_to_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/akun/masuk/"})
    assert response.status_code == 302 and response.url == "/en/akun/masuk/"
    assert "Log in" in client.get(response.url).content.decode()
