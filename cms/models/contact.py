from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from cms.models.pages import SeoPage


class ContactPage(SeoPage):
    """The contact form. Messages are stored (ContactMessage) and emailed to staff after commit."""

    introduction = models.TextField(_("introduction"), blank=True)
    thank_you_text = models.TextField(
        _("thank-you text"), blank=True, help_text=_("Shown after a message was sent.")
    )
    to_address = models.CharField(
        _("send messages to"),
        max_length=255,
        blank=True,
        help_text=_("Email addresses separated by commas. Empty: the addresses in CONTACT_FORM_RECIPIENTS."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("thank_you_text"),
        FieldPanel("to_address"),
    ]

    class Meta:
        verbose_name = _("contact page")

    def recipients(self) -> list[str]:
        return [address.strip() for address in self.to_address.split(",") if address.strip()]

    def serve(self, request, *args, **kwargs):
        from adimarko.core import throttle
        from cms import services
        from cms.forms import ContactForm

        refused, status = "", 200
        if request.method == "POST":
            # Rate limited per address and per sender's email; a refused form keeps the visitor's text.
            wait = throttle.contact_message_wait(request, email=request.POST.get("email", ""))
            if wait:
                form = ContactForm(initial=request.POST.dict())
                refused, status = throttle.too_many_requests_message(wait), 429
            else:
                form = ContactForm(request.POST)
                if form.is_valid():
                    services.contact_message_submit(page=self, **form.message_fields())
                    return redirect(self.url + "?terkirim=1")
        else:
            form = ContactForm()
        context = self.get_context(request, *args, **kwargs)
        context.update(
            form=form, refused=refused, sent=request.GET.get("terkirim") == "1" and request.method == "GET"
        )
        return TemplateResponse(request, self.get_template(request, *args, **kwargs), context, status=status)


class ContactMessage(models.Model):
    page = models.ForeignKey(
        ContactPage, verbose_name=_("contact page"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    subject = models.CharField(_("subject"), max_length=160)
    message = models.TextField(_("message"), max_length=5000)
    language = models.CharField(_("language"), max_length=8, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.subject} ({self.name})"
