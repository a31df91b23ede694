import time

import pytest
from django.core import mail

from cms import services
from cms.forms import ContactForm, contact_form_token
from cms.models import ContactMessage
from tests.cms import factories

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Siti Aminah",
    "email": "siti@contoh.test",
    "phone": "0812 3456 7890",
    "subject": "Pendaftaran audisi",
    "message": "Kapan audisi tahun depan dibuka?",
    "website": "",
}


def _post(seconds_ago: float = 10, **changes) -> dict:
    return {**VALID, "started": contact_form_token(time.time() - seconds_ago), **changes}


def test_valid_message_is_stored_and_emailed_to_staff_after_commit(
    client, django_capture_on_commit_callbacks
):
    page = factories.contact_page(to_address="staf@disperindag.test, kabid@disperindag.test")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, _post())
    assert response.status_code == 302
    assert response["Location"] == "/kontak/?terkirim=1"
    stored = ContactMessage.objects.get()
    assert (stored.name, stored.email, stored.subject, stored.page_id, stored.language) == (
        "Siti Aminah",
        "siti@contoh.test",
        "Pendaftaran audisi",
        page.pk,
        "id",
    )
    assert stored.phone.replace(" ", "").endswith("81234567890")
    [email] = mail.outbox
    assert email.to == ["staf@disperindag.test", "kabid@disperindag.test"]
    assert email.reply_to == ["siti@contoh.test"]
    assert email.subject == "[Adi Marko] Formulir kontak: Pendaftaran audisi"
    assert "Kapan audisi tahun depan dibuka?" in email.body
    assert "Terima kasih" in client.get(response["Location"]).content.decode()


def test_email_waits_for_the_commit(django_capture_on_commit_callbacks):
    page = factories.contact_page()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.contact_message_submit(
            page=page,
            name="Budi",
            email="budi@contoh.test",
            subject="Halo",
            message="Pesan yang cukup panjang.",
        )
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_recipients_fall_back_to_the_setting(settings, django_capture_on_commit_callbacks):
    settings.CONTACT_FORM_RECIPIENTS = ["adimarko@disperindag.test"]
    page = factories.contact_page(to_address="")
    with django_capture_on_commit_callbacks(execute=True):
        services.contact_message_submit(
            page=page,
            name="Budi",
            email="budi@contoh.test",
            subject="Halo",
            message="Pesan yang cukup panjang.",
        )
    assert mail.outbox[0].to == ["adimarko@disperindag.test"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "bukan-email"}, "email", "Masukkan alamat email yang valid."),
        ({"name": ""}, "name", "Kolom ini"),
        (
            {"message": "Halo"},
            "message",
            "Pastikan nilai ini mengandung paling sedikit 10 karakter",
        ),
        ({"phone": "0342 801234"}, "phone", "Masukkan nomor HP Indonesia"),
        ({"website": "http://spam.test"}, "website", "Biarkan kolom ini kosong."),
    ],
)
def test_bad_input_is_refused_with_indonesian_errors_and_kept(client, changes, field, message):
    page = factories.contact_page()
    response = client.post(page.url, _post(**changes))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[field][0].startswith(message)
    assert ContactMessage.objects.count() == 0
    html = response.content.decode()
    assert 'value="Pendaftaran audisi"' in html or field == "subject"
    assert "Kapan audisi tahun depan dibuka?" in html or field == "message"


def test_a_form_sent_too_fast_is_refused_and_can_be_sent_again(client, settings):
    settings.CONTACT_FORM_MIN_SECONDS = 3
    page = factories.contact_page()
    response = client.post(page.url, _post(seconds_ago=0))
    assert response.status_code == 200
    assert "Cepat sekali" in response.content.decode()
    fresh_token = response.context["form"]["started"].value()
    assert fresh_token != _post()["started"]
    assert ContactMessage.objects.count() == 0


def test_forged_or_expired_tokens_are_refused(settings):
    settings.CONTACT_FORM_MAX_AGE_SECONDS = 60
    assert not ContactForm(_post(started="forged")).is_valid()
    old = ContactForm(_post(seconds_ago=3600))
    assert not old.is_valid()
    assert old.errors["started"] == ["Formulir ini sudah kedaluwarsa. Silakan kirim lagi."]


def test_service_refuses_invalid_data():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.contact_message_submit(page=None, name="", email="x", subject="", message="")
    assert ContactMessage.objects.count() == 0
