import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from adimarko.validators import normalize_mobile_phone, validate_mobile_phone

_SIGNING_SALT = "cms.contact.started"


def contact_form_token(now: float | None = None) -> str:
    """A signed record of when the form was shown: bots post at once or replay old forms."""
    return signing.dumps(int(now if now is not None else time.time()), salt=_SIGNING_SALT)


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("Email address"))
    phone = forms.CharField(
        label=_("Mobile number (optional)"),
        max_length=20,
        required=False,
        validators=[validate_mobile_phone],
        help_text=_("So we can answer on WhatsApp, e.g. 0812 3456 7890."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=160)
    message = forms.CharField(label=_("Message"), max_length=5000, min_length=10, widget=forms.Textarea)
    # Spam protection without a third-party captcha: a field people never see (bots fill it) and the time
    # the form was shown (bots answer within a second).
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A fresh token each time the form is shown: after an error the visitor's text is kept and the
        # clock starts again.
        self.initial["started"] = contact_form_token()
        self._submitted_token = ""
        if self.is_bound:
            self._submitted_token = self.data.get("started", "")
            self.data = self.data.copy()
            self.data["started"] = self.initial["started"]

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Leave this field empty."), code="honeypot")
        return ""

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "")
        return normalize_mobile_phone(phone) or "" if phone else ""

    def clean_started(self):
        try:
            started = int(signing.loads(self._submitted_token, salt=_SIGNING_SALT))
        except (signing.BadSignature, TypeError, ValueError):
            started = None
        elapsed = time.time() - started if started is not None else None
        if elapsed is None or elapsed > settings.CONTACT_FORM_MAX_AGE_SECONDS:
            raise forms.ValidationError(_("This form has expired. Please send it again."), code="expired")
        if elapsed < settings.CONTACT_FORM_MIN_SECONDS:
            raise forms.ValidationError(
                _("That was very fast. Please check your message and send it again."), code="too_fast"
            )
        return started

    def non_field_errors(self):
        # The hidden clock's errors are shown at the top of the form (its field is invisible).
        errors = super().non_field_errors()
        return errors + self.errors.get("started", []) if "started" in self.errors else errors

    def message_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "email": data["email"],
            "phone": data["phone"],
            "subject": data["subject"],
            "message": data["message"],
            "language": get_language() or "",
        }
