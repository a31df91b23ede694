from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from adimarko.core.formfields import ImageUploadField, PlainTextField, WholeNumberField
from adimarko.core.models import Region
from adimarko.core.selectors import desa_choices
from adimarko.core.validators import validate_mobile_phone
from shop.orders.models import Order, SellerBankAccount, SellerOrder
from shop.orders.services.cart import CART_LINE_MAX
from shop.orders.services.checkout import checkout_summary_read
from shop.orders.services.ledger import bank_account_number_clean


class QuantityForm(forms.Form):
    quantity = WholeNumberField(
        label=_("Quantity"),
        min_value=0,
        max_value=CART_LINE_MAX,
        initial=1,
        error_messages={"max_value": _("At most %(limit_value)s units of one product per order.")},
    )


class CheckoutForm(forms.Form):
    recipient_name = PlainTextField(label=_("Recipient name"), max_length=120)
    phone = forms.CharField(label=_("Mobile phone"), max_length=20, validators=[validate_mobile_phone])
    in_regency = forms.TypedChoiceField(
        label=_("Delivery area"),
        choices=[("1", _("Inside Kabupaten Blitar")), ("0", _("Elsewhere in Indonesia"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    desa = forms.ChoiceField(label=_("Desa/kelurahan (Kabupaten Blitar)"), required=False)
    street = PlainTextField(
        label=_("Street address"), max_length=255, help_text=_("Street, house number, RT/RW.")
    )
    city = PlainTextField(label=_("City or regency"), max_length=100, required=False)
    province = PlainTextField(label=_("Province"), max_length=100, required=False)
    postal_code = forms.CharField(
        label=_("Postal code"),
        max_length=5,
        required=False,
        # Western digits only: str.isdigit() in the service also takes Arabic-Indic and full-width digits.
        validators=[RegexValidator(r"\A[0-9]{5}\Z", _("Enter the 5-digit postal code."))],
    )
    payment_method = forms.ChoiceField(
        label=_("Payment method"), choices=Order.PaymentMethod.choices, widget=forms.RadioSelect
    )
    # Made when the page is rendered: every submit of this page makes (or lands on) one order.
    checkout_token = forms.CharField(
        max_length=64, required=False, widget=forms.HiddenInput, validators=[RegexValidator(r"^[\w-]*$")]
    )
    # What the page showed (signed product ids, prices, quantities): the order is placed only at those prices.
    summary = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, methods=None, **kwargs):
        """`methods`: the payment methods that can work now (`selectors.payment_methods_available`); only
        those are offered, and a posted other one is a field error (nothing is placed, the cart stays)."""
        super().__init__(*args, **kwargs)
        self.fields["desa"].choices = [("", "—")] + desa_choices()
        if methods is not None:
            field = self.fields["payment_method"]
            field.choices = [(value, label) for value, label in field.choices if value in methods]
            field.error_messages["invalid_choice"] = _(
                "This payment method is not available at the moment. Choose another one."
            )
            if len(methods) == 1:
                field.initial = methods[0]

    def clean_summary(self):
        return checkout_summary_read(self.cleaned_data["summary"])

    def clean(self):
        cleaned = super().clean()
        # Both come with every rendering of the page; a submit without them (a page from before they existed,
        # or a hand-made request) is shown again with them rather than placed unchecked.
        if not cleaned.get("checkout_token") or cleaned.get("summary") is None:
            raise ValidationError(
                _("This page is out of date. Check your order and press Pay now again."), code="stale_page"
            )
        return cleaned

    def hidden_fields_set(self, *, summary: str, new_token: str) -> None:
        """What this rendering carries: the summary the page shows now (after a submit too: the page shows the
        cart as it is now) and the form's token (a re-rendered form keeps the one it was submitted with)."""
        if not self.is_bound:
            self.initial.update(summary=summary, checkout_token=new_token)
            return
        self.data = self.data.copy()
        self.data[self.add_prefix("summary")] = summary
        if not self.data.get(self.add_prefix("checkout_token")):
            self.data[self.add_prefix("checkout_token")] = new_token

    def address(self) -> dict:
        data = self.cleaned_data
        desa = Region.objects.desa().select_related("parent").filter(code=data.get("desa") or "").first()
        return {
            "recipient_name": data["recipient_name"],
            "phone": data["phone"],
            "in_regency": data["in_regency"],
            "desa": desa,
            "street": data["street"],
            "city": data.get("city", ""),
            "province": data.get("province", ""),
            "postal_code": data.get("postal_code", ""),
        }


class PaymentClaimForm(forms.Form):
    """The buyer's "I have paid" on a QRIS order, with an optional photo (screenshot) of the transfer."""

    proof = ImageUploadField(
        label=_("Photo or screenshot of the transfer (optional)"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 5 MB. Only you and Disperindag staff can see it."),
    )


class ShipForm(forms.Form):
    courier = forms.ChoiceField(label=_("Courier"), choices=[("", "—"), *SellerOrder.Courier.choices])
    tracking_number = PlainTextField(label=_("Tracking number"), max_length=40)


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=[(str(n), "★" * n) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    text = PlainTextField(
        label=_("Your review"),
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class BankAccountForm(forms.ModelForm):
    # Typed as printed on the passbook ("123 456.789-0"); stored as digits only.
    account_number = forms.CharField(label=_("account number"), max_length=40)

    class Meta:
        model = SellerBankAccount
        fields = ["bank_name", "account_number", "account_holder"]
        field_classes = {"bank_name": PlainTextField, "account_holder": PlainTextField}

    def clean_account_number(self):
        return bank_account_number_clean(self.cleaned_data["account_number"])
