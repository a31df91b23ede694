"""Every email the platform sends goes through `email_send`: rendered by the caller after its transaction
commits, delivered by a background task (django-tasks), so a slow or failing mail server never holds up a
request or undoes a write.

With the immediate backend (development, tests) the task runs at once; in production it is queued in the
database and delivered by `adimarko manage db_worker`.
"""

from django.core.mail import EmailMessage
from django_tasks import task


@task()
def deliver_email(*, subject: str, body: str, to: list[str], reply_to: list[str]) -> int:
    """Send one email; returns the number of messages sent (1). Errors propagate, so the task is recorded as
    failed with its traceback."""
    message = EmailMessage(subject=" ".join(subject.split()), body=body, to=to, reply_to=reply_to or None)
    return message.send(fail_silently=False)


def email_send(*, subject: str, body: str, to: list[str], reply_to: list[str] = ()) -> bool:
    """Queue an email to `to` (skipped, returning False, when there is no recipient)."""
    recipients = [address for address in to if address]
    if not recipients:
        return False
    deliver_email.enqueue(subject=subject, body=body, to=recipients, reply_to=list(reply_to))
    return True
