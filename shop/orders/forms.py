from django import forms
from django.utils.translation import gettext_lazy as _

from adimarko.models import Region
from adimarko.selectors import desa_choices
from adimarko.validators import validate_mobile_phone
from shop.orders.models import Order, SellerBankAccount, SellerOrder


class QuantityForm(forms.Form):
    quantity = forms.IntegerField(label=_("Quantity"), min_value=0, max_value=9999, initial=1)


class CheckoutForm(forms.Form):
    recipient_name = forms.CharField(label=_("Recipient name"), max_length=120)
    phone = forms.CharField(label=_("Mobile phone"), max_length=20, validators=[validate_mobile_phone])
    in_regency = forms.TypedChoiceField(
        label=_("Delivery area"),
        choices=[("1", _("Inside Kabupaten Blitar")), ("0", _("Elsewhere in Indonesia"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    desa = forms.ChoiceField(label=_("Desa/kelurahan (Kabupaten Blitar)"), required=False)
    street = forms.CharField(
        label=_("Street address"), max_length=255, help_text=_("Street, house number, RT/RW.")
    )
    city = forms.CharField(label=_("City or regency"), max_length=100, required=False)
    province = forms.CharField(label=_("Province"), max_length=100, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=5, required=False)
    payment_method = forms.ChoiceField(
        label=_("Payment method"), choices=Order.PaymentMethod.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desa"].choices = [("", "—")] + desa_choices()

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


class ShipForm(forms.Form):
    courier = forms.ChoiceField(label=_("Courier"), choices=[("", "—"), *SellerOrder.Courier.choices])
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=40)


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=[(str(n), "★" * n) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Your review"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )


class BankAccountForm(forms.ModelForm):
    class Meta:
        model = SellerBankAccount
        fields = ["bank_name", "account_number", "account_holder"]
