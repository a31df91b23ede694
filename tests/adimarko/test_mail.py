"""Emails leave the request: in production they are queued in the database and delivered by the worker."""

import socket

import pytest
from django.core.management import call_command
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from adimarko.core.models import BusinessInvitation
from adimarko.core.services import business_invitation_create
from tests.factories import BusinessFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _run_worker():
    call_command("db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0)


def _invite(business):
    owner = business.memberships.get().user
    return business_invitation_create(
        business=business, email="pembantu@contoh.test", invited_by=owner, base_url="http://testserver"
    )


def test_an_email_waits_in_the_queue_until_the_worker_delivers_it(settings, mailoutbox):
    settings.TASKS = DATABASE_QUEUE
    business = BusinessFactory(name="Kopi Wlingi")

    _invite(business)

    assert mailoutbox == []  # the request did not talk to the mail server
    queued = DBTaskResult.objects.get()
    assert queued.status == TaskResultStatus.READY
    assert queued.task_path == "adimarko.core.mail.deliver_email"
    assert queued.args_kwargs["kwargs"]["to"] == ["pembantu@contoh.test"]

    _run_worker()

    assert [message.to for message in mailoutbox] == [["pembantu@contoh.test"]]
    assert "Kopi Wlingi" in mailoutbox[0].subject
    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL


def test_a_mail_server_failure_is_recorded_and_loses_no_data(settings, mailoutbox):
    settings.TASKS = DATABASE_QUEUE
    with socket.socket() as probe:  # a port with nothing listening
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port, 2
    business = BusinessFactory()

    invitation = _invite(business)
    _run_worker()

    queued = DBTaskResult.objects.get()
    assert queued.status == TaskResultStatus.FAILED
    assert "ConnectionRefusedError" in queued.exception_class_path
    assert BusinessInvitation.objects.filter(pk=invitation.pk).exists()


def test_without_a_recipient_nothing_is_queued(settings):
    from adimarko.core.mail import email_send

    settings.TASKS = DATABASE_QUEUE
    assert email_send(subject="Halo", body="Isi", to=["", None]) is False
    assert not DBTaskResult.objects.exists()
