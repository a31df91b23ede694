from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm, SetPasswordMixin
from django.utils.translation import gettext_lazy as _

from adimarko.core.formfields import ImageUploadField
from adimarko.core.models import Certification, User
from adimarko.core.selectors import desa_choices
from adimarko.core.validators import (
    validate_certificate_document,
    validate_mobile_phone,
    validate_nib,
)


class SignUpForm(SetPasswordMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email address"), max_length=254)
    phone = forms.CharField(
        label=_("Mobile phone (optional)"), max_length=20, required=False, validators=[validate_mobile_phone]
    )
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("Password"), label2=_("Password confirmation")
    )

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account with this email already exists."), code="duplicate_email"
            )
        return email

    def clean(self):
        cleaned = super().clean()
        self.validate_passwords()
        candidate = User(email=cleaned.get("email", ""), first_name=cleaned.get("first_name", ""))
        # Django puts the strength errors under the confirmation; a person fixes the password itself.
        self.validate_password_for_user(candidate, password_field_name="password1")
        return cleaned


class NewPasswordForm(SetPasswordForm):
    """Password reset's new password: errors about its strength under the password, not its confirmation."""

    def validate_password_for_user(self, user, password_field_name="new_password1"):
        super().validate_password_for_user(user, password_field_name="new_password1")


class EmailLoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The email address or password is not correct."),
    }

    username = forms.EmailField(label=_("Email address"), widget=forms.EmailInput(attrs={"autofocus": True}))
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class ProfileForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    phone = forms.CharField(
        label=_("Mobile phone"), max_length=20, required=False, validators=[validate_mobile_phone]
    )


class BusinessForm(forms.Form):
    name = forms.CharField(label=_("Business name"), max_length=120)
    nib = forms.CharField(
        label=_("NIB"),
        max_length=13,
        validators=[validate_nib],
        help_text=_("Nomor Induk Berusaha: 13 digits from OSS."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "pattern": "[0-9]{13}"}),
    )
    phone = forms.CharField(
        label=_("WhatsApp number"),
        max_length=20,
        validators=[validate_mobile_phone],
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    address = forms.CharField(label=_("Street address"), max_length=255)
    desa = forms.ChoiceField(label=_("Desa/kelurahan"))
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    logo = ImageUploadField(label=_("Logo"), required=False, help_text=_("JPEG, PNG or WebP, at most 5 MB."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desa"].choices = [("", "---------"), *desa_choices()]


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the person to invite"))


class CertificationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=Certification.Kind.choices)
    number = forms.CharField(label=_("Certificate number"), max_length=64)
    expires_on = forms.DateField(
        label=_("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    document = forms.FileField(
        label=_("Document (PDF or image)"), required=False, validators=[validate_certificate_document]
    )
