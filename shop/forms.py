from django import forms
from django.utils.translation import gettext_lazy as _

from adimarko.core.formfields import PlainTextField, WholeNumberField
from adimarko.core.models import Business, Region
from adimarko.core.selectors import desa_choices
from shop.models import PRICE_MAX, STOCK_MAX, WEIGHT_MAX_GRAMS, Category, Product
from shop.selectors import category_choices


class ProductForm(forms.Form):
    name = PlainTextField(label=_("Product name"), max_length=120)
    sku = PlainTextField(
        label=_("SKU"),
        max_length=40,
        help_text=_("Your own code for this product and pack size, e.g. KOPI-250."),
    )
    description = PlainTextField(
        label=_("Description"), multiline=True, widget=forms.Textarea(attrs={"rows": 5})
    )
    category = forms.TypedChoiceField(label=_("Category"), coerce=int)
    price = WholeNumberField(
        label=_("Price (Rp)"),
        min_value=1,
        max_value=PRICE_MAX,
        help_text=_("Whole rupiah, without dots: 45000."),
        error_messages={
            "min_value": _("The price must be at least Rp 1 (whole rupiah)."),
            "max_value": _("The price can be at most Rp 1.000.000.000."),
        },
    )
    # On hand (docs/stock.md): what the seller has, units held for unshipped orders included; the service
    # makes the rest available to buyers. `stock_seen` is the figure shown when the form was opened.
    stock = WholeNumberField(
        label=_("Stock on hand"),
        min_value=0,
        max_value=STOCK_MAX,
        initial=0,
        help_text=_("Everything you have and have not shipped yet, including units held for orders."),
        error_messages={
            "min_value": _("Stock cannot be negative."),
            "max_value": _("The stock can be at most 1.000.000 units."),
        },
    )
    stock_seen = WholeNumberField(
        widget=forms.HiddenInput, required=False, min_value=0, max_value=2 * STOCK_MAX
    )
    weight_grams = WholeNumberField(
        label=_("Shipping weight (grams)"),
        min_value=1,
        max_value=WEIGHT_MAX_GRAMS,
        help_text=_("Weight of the packed product, used for shipping costs."),
        error_messages={
            "min_value": _("The shipping weight must be at least 1 gram."),
            "max_value": _("The shipping weight can be at most 100.000 grams (100 kg)."),
        },
    )
    pack_label = PlainTextField(
        label=_("Pack size"), max_length=30, required=False, help_text=_("e.g. 250 g")
    )
    pack_group = forms.SlugField(
        label=_("Pack group"),
        max_length=60,
        required=False,
        help_text=_("Give the same code to the pack sizes of one item (e.g. kopi-robusta) to link them."),
    )
    origin_desa = forms.ChoiceField(label=_("Origin desa/kelurahan"))
    certifications = forms.ModelMultipleChoiceField(
        label=_("Certifications"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Add certificates on the business profile first; expired ones are not shown to buyers."),
    )

    def __init__(self, *args, business: Business, product: Product | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if product is None:
            del self.fields["stock_seen"]
        else:
            counts = _("%(available)s available, %(held)s held for orders.") % {
                "available": product.stock,
                "held": product.allocated,
            }
            self.fields["stock"].help_text = f"{self.fields['stock'].help_text} {counts}"
        self.fields["category"].choices = [("", "—"), *category_choices()]
        self.fields["origin_desa"].choices = [("", "—"), *desa_choices()]
        self.fields["certifications"].queryset = business.certifications.all()
        self.fields["certifications"].label_from_instance = lambda cert: (
            f"{cert.get_kind_display()} {cert.number}" + ("" if cert.is_valid else f" ({_('expired')})")
        )

    @staticmethod
    def initial_for(product: Product) -> dict:
        return {
            "name": product.name,
            "sku": product.sku,
            "description": product.description,
            "category": product.category_id,
            "price": product.price,
            "stock": product.on_hand,
            "stock_seen": product.on_hand,
            "weight_grams": product.weight_grams,
            "pack_label": product.pack_label,
            "pack_group": product.pack_group,
            "origin_desa": product.origin_desa_id,
            "certifications": list(product.certifications.all()),
        }

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "sku": data["sku"],
            "description": data["description"],
            "category": Category.objects.filter(pk=data["category"]).first(),
            "price": data["price"],
            "on_hand": data["stock"],
            "weight_grams": data["weight_grams"],
            "pack_label": data["pack_label"],
            "pack_group": data["pack_group"],
            "origin_desa": Region.objects.desa().filter(code=data["origin_desa"]).first(),
            "certifications": list(data["certifications"]),
        }

    def with_current_stock(self, product: Product) -> "ProductForm":
        """The same submission with the stock and the seen figure set to what is on hand now (after the
        service said the stock changed while the seller was editing); saving it again goes through."""
        data = self.data.copy()
        data["stock"] = data["stock_seen"] = product.on_hand
        form = ProductForm(data, business=product.business, product=product)
        form.is_valid()
        return form


class PhotoForm(forms.Form):
    # A plain FileField: the service judges the content (type, size, pixels) and gives the clear message.
    image = forms.FileField(
        label=_("Photo"), help_text=_("JPEG, PNG or WebP, at most 5 MB. Location data is removed.")
    )
    # Optional, so the only thing that can be refused is the file itself and a chosen file is never lost to
    # another field's error (a browser cannot keep a file across a refused form).
    alt_text = PlainTextField(
        label=_("Photo description (for screen readers)"),
        max_length=200,
        required=False,
        help_text=_(
            "Optional. What the photo shows, read aloud to people who cannot see it, e.g. 'Kopi robusta "
            "250 g pouch, front'. Left empty, the product's name is used."
        ),
    )


class RejectForm(forms.Form):
    reason = PlainTextField(
        label=_("Reason for the seller"),
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class StorefrontForm(forms.Form):
    story = PlainTextField(
        label=_("Story"),
        required=False,
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The story behind the business and its products, for buyers."),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"), help_text=_("Columns as in the export; see the guide.")
    )
