import hashlib
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from adimarko.core.validators import normalize_mobile_phone, validate_mobile_phone

_SIGNING_SALT = "cms.contact.started"


def contact_form_token(now: float | None = None) -> str:
    """A signed record of when the form was shown: bots post at once or replay old forms. The random part
    makes each shown form's token unique, so a token is accepted once only (ContactForm.clean)."""
    started = int(now if now is not None else time.time())
    return signing.dumps({"t": started, "n": secrets.token_urlsafe(12)}, salt=_SIGNING_SALT)


def _token_started(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=_SIGNING_SALT)
        return int(value["t"] if isinstance(value, dict) else value)
    except (signing.BadSignature, TypeError, ValueError, KeyError):
        return None


def _claim_token(token: str) -> bool:
    """Remember a sent form's token until it would expire anyway; False if it was sent before (a replay).
    cache.add is atomic, so two copies posted at once cannot both pass."""
    key = "cms.contact.token:" + hashlib.sha256(token.encode()).hexdigest()
    return cache.add(key, 1, timeout=settings.CONTACT_FORM_MAX_AGE_SECONDS + 60)


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
        started = _token_started(self._submitted_token)
        elapsed = time.time() - started if started is not None else None
        if elapsed is None or elapsed > settings.CONTACT_FORM_MAX_AGE_SECONDS:
            raise forms.ValidationError(_("This form has expired. Please send it again."), code="expired")
        if elapsed < settings.CONTACT_FORM_MIN_SECONDS:
            raise forms.ValidationError(
                _("That was very fast. Please check your message and send it again."), code="too_fast"
            )
        return started

    def clean(self):
        cleaned_data = super().clean()
        # Only a form that is otherwise fine uses up its token: after an error the visitor sends it again.
        if not self.errors and not _claim_token(self._submitted_token):
            raise forms.ValidationError(
                _("This message has already been sent. To send another one, fill in the form again."),
                code="replayed",
            )
        return cleaned_data

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
