"""Forms of the staff cohort pages. They only collect input; the services validate and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from adimarko.core.formfields import WholeNumberField
from incubation.cohorts.models import Cohort
from incubation.cohorts.selectors import trainer_choices

RULE_FIELDS = (
    "require_all_lessons",
    "require_assignments_passed",
    "min_attendance_percent",
    "at_risk_after_days",
)


class CohortForm(forms.ModelForm):
    min_attendance_percent = WholeNumberField.for_model_field(
        Cohort._meta.get_field("min_attendance_percent"), max_value=100
    )
    at_risk_after_days = WholeNumberField.for_model_field(
        Cohort._meta.get_field("at_risk_after_days"), max_value=365
    )
    trainers = forms.ModelMultipleChoiceField(
        label=_("Trainers"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Users with the trainer role."),
    )

    class Meta:
        model = Cohort
        fields = ("name", "starts_on", "ends_on", *RULE_FIELDS)
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainers"].queryset = trainer_choices()
        if self.instance.pk:
            self.fields["trainers"].initial = list(self.instance.trainers.values_list("pk", flat=True))

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The cohort cannot end before it starts."))
        return cleaned

    def rules(self) -> dict:
        return {name: self.cleaned_data[name] for name in RULE_FIELDS}


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, strip=True
    )


class ManualGraduationForm(forms.Form):
    note = forms.CharField(
        label=_("Reason for graduating manually"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        strip=True,
        help_text=_("Required when not every rule is met, for example an excused absence."),
    )
