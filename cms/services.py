"""Writes of the public site."""

import logging

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from adimarko.core.mail import email_send
from cms.models import ContactMessage, ContactPage

logger = logging.getLogger(__name__)


def contact_message_recipients(*, page: ContactPage | None) -> list[str]:
    """Who reads contact messages: the page's addresses, else CONTACT_FORM_RECIPIENTS."""
    recipients = page.recipients() if page is not None else []
    return recipients or list(settings.CONTACT_FORM_RECIPIENTS)


@transaction.atomic
def contact_message_submit(
    *,
    page: ContactPage | None,
    name: str,
    email: str,
    subject: str,
    message: str,
    phone: str = "",
    language="",
) -> ContactMessage:
    """Store a message from the contact form and, once committed, email it to staff."""
    contact_message = ContactMessage(
        page=page, name=name, email=email, phone=phone, subject=subject, message=message, language=language
    )
    contact_message.full_clean()
    contact_message.save()
    transaction.on_commit(lambda: contact_message_send(contact_message_id=contact_message.pk))
    return contact_message


def contact_message_send(*, contact_message_id: int) -> int:
    """Email a stored contact message to staff (in Indonesian, the staff's language). Returns the number of
    recipients it was queued for; the stored message is kept whatever happens to the email."""
    contact_message = ContactMessage.objects.select_related("page").get(pk=contact_message_id)
    recipients = contact_message_recipients(page=contact_message.page)
    if not recipients:
        logger.warning(
            "Contact message %s stored but not emailed: no recipients configured", contact_message.pk
        )
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("cms/email/contact_message_subject.txt", {"contact": contact_message})
        body = render_to_string("cms/email/contact_message.txt", {"contact": contact_message})
    email_send(subject=subject, body=body, to=recipients, reply_to=[contact_message.email])
    return len(recipients)
