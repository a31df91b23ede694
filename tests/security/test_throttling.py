"""Login lockout (django-axes), rate limits for password reset and the contact form, single-use contact
tokens.

Issue 15 item 5: before, 25 wrong passwords in a row did not stop the right one, password reset emails and
contact messages had no limit, and a contact form's signed timestamp could be replayed endlessly.
"""

import time
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from adimarko.core import throttle
from adimarko.core.roles import Role
from cms.forms import contact_form_token
from cms.models import ContactMessage
from tests.cms import factories as cms_factories
from tests.factories import PASSWORD, UserFactory, staff_user

pytestmark = pytest.mark.django_db

OFFICE = "203.0.113.10"
ELSEWHERE = "198.51.100.20"


def _login(client, email, password, *, ip=OFFICE, url=None):
    url = url or reverse("account_login")
    return client.post(url, {"username": email, "password": password}, REMOTE_ADDR=ip)


def _fail(client, email, times, *, ip=OFFICE, url=None):
    return [_login(client, email, "salah-sandi", ip=ip, url=url).status_code for _ in range(times)]


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def _assert_lockout_page(response, minutes=15):
    assert response.status_code == 429
    assert "account/locked_out.html" in [t.name for t in response.templates]
    assert response.context["minutes"] == minutes
    body = response.content.decode()
    assert f" {minutes} " in body  # how long to wait, in words
    assert reverse("password_reset") in body  # what to do instead


# --- Login lockout ---------------------------------------------------------------------------------------


def test_settings_lock_after_five_failures_for_fifteen_minutes(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


def test_wrong_passwords_lock_the_account_and_the_right_one_no_longer_logs_in(client):
    UserFactory(email="budi@contoh.test")
    # Four mistakes: the normal form error; the fifth locks.
    assert _fail(client, "budi@contoh.test", 5) == [200, 200, 200, 200, 429]

    response = _login(client, "budi@contoh.test", PASSWORD)

    _assert_lockout_page(response)
    assert not _logged_in(client)


def test_email_case_does_not_give_extra_attempts(client):
    UserFactory(email="budi@contoh.test")
    for email in ("budi@contoh.test", "BUDI@contoh.test", "Budi@Contoh.Test", "budi@CONTOH.test"):
        _fail(client, email, 1, ip=f"198.51.100.{len(email) + ord(email[1])}")
    assert _fail(client, " budi@contoh.TEST", 1, ip=ELSEWHERE) == [429]
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"budi@contoh.test"}


def test_lockout_lifts_by_itself_after_the_cooloff(client):
    UserFactory(email="budi@contoh.test")
    _fail(client, "budi@contoh.test", 5)
    # Trying during the lock does not make it longer (the page's "15 minutes" stays true).
    with time_machine.travel(timezone.now() + timedelta(minutes=10), tick=False):
        _assert_lockout_page(_login(client, "budi@contoh.test", PASSWORD))
    with time_machine.travel(timezone.now() + timedelta(minutes=14), tick=False):
        assert _login(client, "budi@contoh.test", PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + timedelta(minutes=16), tick=False):
        response = _login(client, "budi@contoh.test", PASSWORD)
        assert response.status_code == 302
        assert _logged_in(client)


def test_the_address_is_locked_for_other_accounts_too(client):
    """Per address: one address guessing passwords for many accounts is stopped after five failures."""
    UserFactory(email="budi@contoh.test")
    UserFactory(email="rina@contoh.test")
    _fail(client, "budi@contoh.test", 3)
    _fail(client, "tidak.ada@contoh.test", 2)  # unknown accounts count for the address as well

    _assert_lockout_page(_login(client, "rina@contoh.test", PASSWORD))
    assert not _logged_in(client)
    # Rina from another address is not affected.
    assert _login(client, "rina@contoh.test", PASSWORD, ip=ELSEWHERE).status_code == 302


def test_the_account_is_locked_from_every_address(client):
    """Per account: spreading the guesses over many addresses does not help."""
    UserFactory(email="budi@contoh.test")
    for n in range(5):
        _fail(client, "budi@contoh.test", 1, ip=f"198.51.100.{n + 1}")

    _assert_lockout_page(_login(client, "budi@contoh.test", PASSWORD, ip=ELSEWHERE))
    assert not _logged_in(client)


def test_staff_unlock_an_account_with_the_reset_command(client):
    UserFactory(email="budi@contoh.test")
    _fail(client, "budi@contoh.test", 5)
    assert _login(client, "budi@contoh.test", PASSWORD).status_code == 429

    call_command("axes_reset_username", "budi@contoh.test")

    assert AccessAttempt.objects.count() == 0
    assert _login(client, "budi@contoh.test", PASSWORD).status_code == 302
    assert _logged_in(client)


def test_staff_see_and_lift_a_lockout_in_the_wagtail_admin(client):
    UserFactory(email="budi@contoh.test")
    _fail(client, "budi@contoh.test", 5)
    [attempt] = AccessAttempt.objects.all()
    admin = Client()
    admin.force_login(staff_user(email="staf@contoh.test"))

    # In the admin's Settings menu.
    menu = admin.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailsnippets_axes_accessattempt:list") in menu
    listing = admin.get(reverse("wagtailsnippets_axes_accessattempt:list"))
    assert listing.status_code == 200
    assert "budi@contoh.test" in listing.content.decode()
    assert admin.get(reverse("wagtailsnippets_axes_accessattempt:add")).status_code == 302  # no permission
    delete_url = reverse("wagtailsnippets_axes_accessattempt:delete", args=[attempt.pk])
    assert admin.post(delete_url).status_code == 302

    assert not AccessAttempt.objects.exists()
    assert _login(client, "budi@contoh.test", PASSWORD).status_code == 302
    # Other users of the admin cannot see the lockouts.
    trainer = Client()
    trainer.force_login(UserFactory(roles=(Role.TRAINER,)))
    assert trainer.get(reverse("wagtailsnippets_axes_accessattempt:list")).status_code == 302


def test_wagtail_admin_login_is_locked_the_same_way(client):
    staff_user(email="staf@contoh.test")
    admin_login = reverse("wagtailadmin_login")
    assert _fail(client, "staf@contoh.test", 5, url=admin_login) == [200, 200, 200, 200, 429]

    response = _login(client, "staf@contoh.test", PASSWORD, url=admin_login)

    _assert_lockout_page(response)
    assert response.context["admin"] is True
    assert admin_login in response.content.decode()
    assert not _logged_in(client)
    assert client.get(reverse("wagtailadmin_home")).status_code == 302  # still sent to the login page


def test_failures_on_the_public_login_lock_the_admin_login(client):
    staff_user(email="staf@contoh.test")
    _fail(client, "staf@contoh.test", 5)

    response = _login(client, "staf@contoh.test", PASSWORD, url=reverse("wagtailadmin_login"), ip=ELSEWHERE)

    assert response.status_code == 429
    assert not _logged_in(client)


def test_a_correct_login_below_the_limit_still_works(client):
    user = UserFactory(email="budi@contoh.test")
    _fail(client, "budi@contoh.test", 4)
    assert _login(client, "budi@contoh.test", PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_client_address_behind_nginx_is_the_one_nginx_saw(client, settings, rf):
    """Production reads X-Forwarded-For: only the right-most entry (appended by our nginx) is trusted, so a
    client cannot dodge the lockout by writing addresses into the header itself."""
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    settings.AXES_IPWARE_PROXY_COUNT = 0
    settings.IPWARE_STRICT = False
    request = rf.get("/", HTTP_X_FORWARDED_FOR="10.9.8.7, 192.0.2.1, 203.0.113.10", REMOTE_ADDR="127.0.0.1")
    assert throttle.client_ip(request) == "203.0.113.10"

    UserFactory(email="rina@contoh.test")
    for n in range(5):
        client.post(
            reverse("account_login"),
            {"username": f"orang{n}@contoh.test", "password": "salah-sandi"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n + 1}, 203.0.113.10",
            REMOTE_ADDR="127.0.0.1",
        )
    response = client.post(
        reverse("account_login"),
        {"username": "rina@contoh.test", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.10",
        REMOTE_ADDR="127.0.0.1",
    )
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.10"}


# --- Password reset ----------------------------------------------------------------------------------------


def _reset(client, email, *, ip=OFFICE):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip)


def _refusal(response) -> str:
    [error] = response.context["form"].non_field_errors()
    return error


def _is_rate_limit_message(text: str) -> bool:
    return text in {throttle.too_many_requests_message(minutes) for minutes in range(1, 61)}


def test_password_reset_emails_for_one_address_are_limited(client, settings):
    assert settings.PASSWORD_RESET_RATE_PER_EMAIL == "3/h"
    UserFactory(email="rina@contoh.test")
    # The first request sends one email at once.
    assert _reset(client, "rina@contoh.test").status_code == 302
    assert len(mail.outbox) == 1
    # Three per hour for one email, whatever address asks.
    statuses = [_reset(client, "rina@contoh.test", ip=f"198.51.100.{n}").status_code for n in (1, 2)]
    assert statuses == [302, 302]

    response = _reset(client, "RINA@contoh.test", ip=ELSEWHERE)

    assert response.status_code == 429
    assert _is_rate_limit_message(_refusal(response))
    assert len(mail.outbox) == 3
    # An hour later the limit is lifted.
    with time_machine.travel(time.time() + 3601, tick=False):
        assert _reset(client, "rina@contoh.test").status_code == 302
    assert len(mail.outbox) == 4


def test_password_reset_requests_from_one_address_are_limited(client, settings):
    assert settings.PASSWORD_RESET_RATE_PER_IP == "5/h"
    for n in range(6):
        UserFactory(email=f"anggota{n}@contoh.test")
    statuses = [_reset(client, f"anggota{n}@contoh.test").status_code for n in range(6)]

    assert statuses == [302, 302, 302, 302, 302, 429]
    assert len(mail.outbox) == 5
    assert "anggota5@contoh.test" not in {email.to[0] for email in mail.outbox}
    # Another address is not affected.
    assert _reset(client, "anggota5@contoh.test", ip=ELSEWHERE).status_code == 302
    assert len(mail.outbox) == 6


def test_the_wagtail_admin_has_no_second_unlimited_password_reset(client):
    """Staff reset their password on the public, rate-limited form; Wagtail's own reset form is off."""
    staff_user(email="staf@contoh.test")
    assert client.get("/admin/password_reset/").status_code == 404
    assert client.post("/admin/password_reset/", {"email": "staf@contoh.test"}).status_code == 404
    assert "/admin/password_reset/" not in client.get(reverse("wagtailadmin_login")).content.decode()
    assert mail.outbox == []


# --- Contact form ------------------------------------------------------------------------------------------

MESSAGE = {
    "name": "Siti Aminah",
    "email": "siti@contoh.test",
    "phone": "",
    "subject": "Pendaftaran audisi",
    "message": "Kapan audisi tahun depan dibuka?",
    "website": "",
}


def _contact(client, page, *, ip=OFFICE, **changes):
    data = {**MESSAGE, "started": contact_form_token(time.time() - 10), **changes}
    return client.post(page.url, data, REMOTE_ADDR=ip)


def test_a_replayed_contact_form_sends_one_message(client, django_capture_on_commit_callbacks):
    page = cms_factories.contact_page()
    captured = {**MESSAGE, "started": contact_form_token(time.time() - 10)}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(page.url, captured, REMOTE_ADDR=OFFICE)
        second = client.post(page.url, captured, REMOTE_ADDR=OFFICE)
        third = client.post(page.url, captured, REMOTE_ADDR=ELSEWHERE)

    assert first.status_code == 302
    assert (second.status_code, third.status_code) == (200, 200)
    [error] = second.context["form"].non_field_errors()
    assert error == gettext(
        "This message has already been sent. To send another one, fill in the form again."
    )
    assert ContactMessage.objects.count() == 1
    assert len(mail.outbox) == 1


def test_two_forms_shown_in_the_same_second_are_both_accepted(client):
    page = cms_factories.contact_page()
    now = time.time() - 10
    first, second = contact_form_token(now), contact_form_token(now)
    assert first != second
    assert client.post(page.url, {**MESSAGE, "started": first}, REMOTE_ADDR=OFFICE).status_code == 302
    response = client.post(page.url, {**MESSAGE, "started": second}, REMOTE_ADDR=ELSEWHERE)
    assert response.status_code == 302
    assert ContactMessage.objects.count() == 2


def test_a_form_with_errors_keeps_its_token_usable(client):
    page = cms_factories.contact_page()
    token = contact_form_token(time.time() - 10)
    bad = client.post(page.url, {**MESSAGE, "message": "pendek", "started": token}, REMOTE_ADDR=OFFICE)
    assert bad.status_code == 200
    assert client.post(page.url, {**MESSAGE, "started": token}, REMOTE_ADDR=OFFICE).status_code == 302


def test_contact_messages_from_one_address_are_limited(client, settings):
    assert settings.CONTACT_FORM_RATE_PER_IP == "10/h"
    page = cms_factories.contact_page()
    statuses = [_contact(client, page, email=f"pengirim{n}@contoh.test").status_code for n in range(11)]

    assert statuses == [302] * 10 + [429]
    assert ContactMessage.objects.count() == 10
    refused = _contact(client, page, email="baru@contoh.test", message="Pesan saya yang kedua belas.")
    assert refused.status_code == 429
    assert _is_rate_limit_message(refused.context["refused"])
    assert refused.context["refused"] in refused.content.decode()
    # The visitor's text is kept in the form, with a fresh token.
    assert "Pesan saya yang kedua belas." in refused.content.decode()
    assert ContactMessage.objects.count() == 10


def test_contact_messages_from_one_email_are_limited(client, settings):
    assert settings.CONTACT_FORM_RATE_PER_EMAIL == "5/h"
    page = cms_factories.contact_page()
    statuses = [_contact(client, page, ip=f"198.51.100.{n + 1}").status_code for n in range(6)]

    assert statuses == [302] * 5 + [429]
    assert ContactMessage.objects.count() == 5
