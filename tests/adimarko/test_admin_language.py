"""The Wagtail admin and its workflow emails speak each user's language, Indonesian by default, and no admin
page sends users' email hashes to Gravatar (issue 17)."""

import importlib

import pytest
from django.apps import apps
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.models import WorkflowState
from wagtail.users.models import UserProfile

from adimarko.core.models import User
from incubation.classroom.services import course_create, course_module_add, course_page_submit
from tests.factories import UserFactory, staff_user
from tests.incubation import cohort_factories as cf

pytestmark = pytest.mark.django_db

WORKFLOW = "Moderasi materi kelas"


def _prefer(user, language: str):
    UserProfile.objects.filter(user=user).update(preferred_language=language)
    return User.objects.get(pk=user.pk)


def test_no_admin_page_references_gravatar(client):
    admin = User.objects.create_superuser(email="admin@contoh.test", password="rahasia-panjang-1")
    UserFactory(email="anggota@contoh.test")
    client.force_login(admin)
    for url in ("/admin/", "/admin/account/", "/admin/users/", "/admin/pages/"):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert "gravatar" not in response.content.decode().lower(), url


def test_new_accounts_read_the_admin_in_indonesian_whatever_the_browser_says(client):
    staff = staff_user()
    assert staff.wagtail_userprofile.preferred_language == "id"
    client.force_login(staff)
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="id"' in html and "Dasbor" in html


def test_the_admin_follows_a_user_who_chose_english(client):
    staff = _prefer(staff_user(), "en")
    client.force_login(staff)
    html = client.get("/admin/").content.decode()
    assert '<html lang="en"' in html and "Dashboard" in html


def test_the_account_page_offers_the_sites_languages_only(client):
    client.force_login(staff_user())
    html = client.get("/admin/account/").content.decode()
    assert 'value="id"' in html and 'value="en"' in html
    assert 'value="fr"' not in html and 'value="id-id"' not in html


def test_a_user_created_in_the_admin_speaks_indonesian():
    user = User.objects.create_user(email="baru@contoh.test", password="rahasia-panjang-1")
    for hook in hooks.get_hooks("after_create_user"):
        hook(None, user)
    assert UserProfile.objects.get(user=user).preferred_language == "id"


def test_migration_gives_existing_users_indonesian_unless_they_chose():
    migration = importlib.import_module("adimarko.core.migrations.0005_admin_language_indonesian")
    without_profile = User.objects.create_user(email="lama@contoh.test", password="rahasia-panjang-1")
    unset = _prefer(UserFactory(), "")
    english = _prefer(UserFactory(), "en")

    migration.default_admin_language(apps, None)

    languages = dict(UserProfile.objects.values_list("user_id", "preferred_language"))
    assert (languages[without_profile.pk], languages[unset.pk], languages[english.pk]) == ("id", "id", "en")


@pytest.fixture
def submitted():
    """A trainer's draft module submitted to the moderation workflow; an English-reading staff member."""
    trainer = cf.trainer(first_name="Rina")
    cohort = cf.cohort(participants=1, trainers=[trainer])
    cf.course_index()
    course = course_create(cohort=cohort, title="Kemasan yang Menjual", by=trainer)
    module = course_module_add(course=course, title="Bahan kemasan", by=trainer)
    course_page_submit(page=module, by=trainer)
    mail.outbox.clear()
    return trainer, module, _prefer(staff_user(), "en")


def _act(module, staff, action, **kwargs):
    state = WorkflowState.objects.get(object_id=str(module.pk))
    task_state = state.current_task_state
    with translation.override("en"):  # as in the admin, where the staff member reads English
        task_state.task.specific.on_action(task_state, staff, action, **kwargs)


def test_the_approval_email_is_in_the_recipients_language(submitted):
    trainer, module, staff = submitted

    _act(module, staff, "approve")

    (message,) = mail.outbox
    assert message.to == [trainer.email]
    with translation.override("id"):
        expected = gettext('The page "%(title)s" has been approved in "%(workflow)s".') % {
            "title": module.title,
            "workflow": WORKFLOW,
        }
        greeting = gettext("Hello %(username)s,") % {"username": "Rina"}
    assert message.subject == expected == f'Halaman "{module.title}" telah disetujui dalam "{WORKFLOW}".'
    assert message.body.startswith(greeting)
    assert "Lihat halamannya di sini:" in message.body


def test_a_recipient_who_chose_english_gets_english(submitted):
    trainer, module, staff = submitted
    _prefer(trainer, "en")
    staff = _prefer(staff, "id")

    with translation.override("id"):
        state = WorkflowState.objects.get(object_id=str(module.pk))
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, staff, "reject", comment="Foto & label kurang jelas")

    (message,) = mail.outbox
    assert message.subject == f'The page "{module.title}" has been rejected during "{WORKFLOW}".'
    assert 'The following comment was left: "Foto & label kurang jelas"' in message.body  # plain text
