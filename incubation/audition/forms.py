from django import forms
from django.utils.translation import gettext_lazy as _

from adimarko.core.formfields import WholeNumberField
from adimarko.core.money import PRICE_MAX
from incubation.audition.models import (
    Application,
    DecisionReason,
    DecisionTemplate,
    IneligibleReason,
    RubricCriterion,
    Status,
)
from incubation.audition.models.applications import EMPLOYEES_MAX
from incubation.audition.models.rounds import SCALE_MAX, SCALE_MIN
from incubation.audition.services.applications import STEP_FIELDS

STEPS = [
    ("usaha", _("Business and owner")),
    ("produk", _("Product")),
    ("pemasaran", _("Marketing readiness")),
    ("dokumen", _("Documents and photos")),
]


class StartForm(forms.Form):
    business = forms.ModelChoiceField(queryset=None, label=_("Business applying"), empty_label=None)

    def __init__(self, *args, businesses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["business"].queryset = businesses


def step_form_class(step: str) -> type[forms.ModelForm]:
    widgets = {
        "business_started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        "owner_nik": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": 16}),
        "price": forms.NumberInput(attrs={"min": 1, "max": PRICE_MAX, "step": 500}),
        "product_description": forms.Textarea(attrs={"rows": 4}),
        "marketing_challenge": forms.Textarea(attrs={"rows": 3}),
        "motivation": forms.Textarea(attrs={"rows": 3}),
    }
    meta = type("Meta", (), {"model": Application, "fields": STEP_FIELDS[step], "widgets": widgets})
    # Typed numbers: Western digits only, bounded (adimarko/core/formfields.py).
    numbers = {
        name: WholeNumberField.for_model_field(
            Application._meta.get_field(name), min_value=minimum, max_value=maximum
        )
        for name, minimum, maximum in (("employees", 0, EMPLOYEES_MAX), ("price", 1, PRICE_MAX))
        if name in STEP_FIELDS[step]
    }
    for name, field in numbers.items():
        field.widget = widgets.get(name, field.widget)
    if "price" in numbers:
        # The model's own words about a price, not the generic "smallest allowed value".
        price_validators = Application._meta.get_field("price").validators
        numbers["price"].error_messages.update(
            {"min_value": price_validators[0].message, "max_value": price_validators[1].message}
        )
    return type(f"{step.title()}StepForm", (forms.ModelForm,), {"Meta": meta, **numbers})


class DocumentsForm(forms.Form):
    """One optional file field per required document; files already uploaded stay unless replaced."""

    def __init__(self, *args, requirements, uploaded, **kwargs):
        super().__init__(*args, **kwargs)
        self.requirements = {}
        for requirement in requirements:
            name = f"doc_{requirement.pk}"
            done = uploaded.get(requirement.pk)
            help_text = requirement.help_text
            if done:
                help_text = f"{help_text} " + str(_("Uploaded: %(name)s. Choose a file to replace it.")) % {
                    "name": done.original_name
                }
            accept = "image/jpeg,image/png,image/webp"
            if requirement.kind == "document":
                accept = "application/pdf," + accept
            self.fields[name] = forms.FileField(
                label=requirement.label,
                required=False,
                help_text=help_text.strip(),
                widget=forms.ClearableFileInput(attrs={"accept": accept}),
            )
            self.requirements[name] = requirement


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("Reason (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ScreeningForm(forms.Form):
    eligible = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Eligible")), ("0", _("Not eligible"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.ChoiceField(
        label=_("Reason if not eligible"), choices=[("", "---"), *IneligibleReason.choices], required=False
    )
    note = forms.CharField(
        label=_("Note to the applicant"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("eligible") is False and not cleaned.get("reason"):
            self.add_error("reason", _("Choose why the application is not eligible."))
        return cleaned


class AssignForm(forms.Form):
    jury = forms.ModelChoiceField(queryset=None, label=_("Jury"))

    def __init__(self, *args, juries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jury"].queryset = juries


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you have a conflict of interest?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: family, business partner, you advised this business."),
    )


class ScoreForm(forms.Form):
    """One 1–5 choice and a comment per criterion, plus an overall comment."""

    comment = forms.CharField(
        label=_("Overall comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, criteria: list[RubricCriterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = WholeNumberField(
                label=f"{criterion.name} ({criterion.weight}%)",
                min_value=SCALE_MIN,
                max_value=SCALE_MAX,
                error_messages={
                    "min_value": _("The score must be between 1 and 5."),
                    "max_value": _("The score must be between 1 and 5."),
                    "required": _("Give a score from 1 to 5."),
                    "invalid": _("The score must be between 1 and 5."),
                },
                widget=forms.NumberInput(attrs={"min": SCALE_MIN, "max": SCALE_MAX}),
                help_text=" · ".join(f"{n}: {text}" for n, text in criterion.levels),
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on %(criterion)s") % {"criterion": criterion.name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data.get(f"comment_{c.pk}", ""))
            for c in self.criteria
        }


class RankingFilterForm(forms.Form):
    kecamatan = forms.ChoiceField(label=_("Kecamatan"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("score", _("Score")),
            ("name", _("Name")),
            ("kecamatan", _("Kecamatan")),
            ("spread", _("Disagreement")),
        ],
    )
    shortlisted = forms.BooleanField(label=_("Shortlist only"), required=False)

    def __init__(self, *args, kecamatan_choices, category_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kecamatan"].choices = [("", _("All")), *kecamatan_choices]
        self.fields["category"].choices = [("", _("All")), *category_choices]


class DecisionBatchForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[(s.value, s.label) for s in (Status.ACCEPTED, Status.WAITLISTED, Status.REJECTED)],
    )
    reason = forms.ChoiceField(label=_("Reason code"), choices=DecisionReason.choices)
    template = forms.ModelChoiceField(
        label=_("Message template"),
        queryset=DecisionTemplate.objects.all(),
        required=False,
        help_text=_("Fills the message when the message is left empty."),
    )
    message = forms.CharField(
        label=_("Message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("You may use {business}, {owner} and {round}."),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("message") and cleaned.get("template"):
            cleaned["message"] = cleaned["template"].body
        if not cleaned.get("message"):
            self.add_error("message", _("Write the message the applicants will read, or choose a template."))
        return cleaned
