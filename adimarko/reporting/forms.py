"""The impact dashboard's filters: round, cohort, sector and period, read from the query string."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from adimarko.core.sectors import Sector
from adimarko.reporting.selectors.filters import ImpactFilter
from incubation.models import Cohort, RoundPage

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_ID = 2**63 - 1  # the largest id a database column holds (SQLite and PostgreSQL bigint)


def parse_id(value) -> int | None:
    """An id from the query string: Western digits only, 1..MAX_ID; anything else is None."""
    text = str(value)
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


class IdChoiceField(forms.ModelChoiceField):
    """A model chosen by id, checked before the database sees it: Python's int() reads Arabic-Indic digits
    and SQLite overflows on ids past 64 bits."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if parse_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ImpactFilterForm(forms.Form):
    round = IdChoiceField(
        label=_("Audition round"),
        queryset=RoundPage.objects.order_by("-closes_on"),
        required=False,
        empty_label=_("All rounds"),
    )
    cohort = IdChoiceField(
        label=_("Cohort"),
        queryset=Cohort.objects.order_by("-starts_on"),
        required=False,
        empty_label=_("All cohorts"),
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("All sectors")), *Sector.choices], required=False
    )
    start = forms.DateField(label=_("From"), required=False, widget=DATE_WIDGET)
    end = forms.DateField(label=_("Until"), required=False, widget=DATE_WIDGET)

    def clean(self):
        data = super().clean()
        round, cohort = data.get("round"), data.get("cohort")
        if round is not None and cohort is not None and cohort.round_id != round.pk:
            self.add_error("cohort", _("This cohort belongs to another audition round."))
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end of the period is before its start."))
        return data

    def impact_filter(self) -> ImpactFilter:
        """The filter to compute with; an invalid form shows every figure unfiltered next to its errors."""
        if not self.is_valid():
            return ImpactFilter()
        data = self.cleaned_data
        return ImpactFilter(
            round=data["round"],
            cohort=data["cohort"],
            sector=data["sector"],
            start=data["start"],
            end=data["end"],
        )

    def describe(self) -> list[tuple[str, str]]:
        """(label, value) of the filters in use, for page headings and export files."""
        if not self.is_valid():
            return []
        described = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if value in (None, ""):
                continue
            if name == "sector":
                value = Sector(value).label
            elif hasattr(value, "isoformat"):
                value = value.isoformat()
            described.append((str(field.label), str(value)))
        return described
