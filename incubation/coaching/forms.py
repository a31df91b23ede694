"""Forms for assignments and mentoring. They only shape input; the services decide and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from incubation.coaching.models import AssignmentSubmission, MentoringSession
from incubation.coaching.services.assignments import MAX_FILES

DOCUMENT_ACCEPT = "application/pdf,image/jpeg,image/png,image/webp"
PHOTO_ACCEPT = "image/jpeg,image/png,image/webp"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); cleans to a list."""

    def __init__(self, *args, accept: str = "", **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept} if accept else {}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = data if isinstance(data, (list, tuple)) else [data]
        single_clean = super().clean
        return [cleaned for cleaned in (single_clean(item, initial) for item in items if item) if cleaned]


class SubmissionForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"), required=False, widget=forms.Textarea(attrs={"rows": 8}), max_length=20_000
    )
    documents = MultipleFileField(
        label=_("Documents"),
        accept=DOCUMENT_ACCEPT,
        help_text=_("PDF or image (JPEG, PNG, WebP), at most 10 MB each."),
    )
    photos = MultipleFileField(
        label=_("Photos"),
        accept=PHOTO_ACCEPT,
        help_text=_("JPEG, PNG or WebP, at most 5 MB each. Location data (GPS) is removed."),
    )

    def clean(self):
        cleaned = super().clean()
        count = len(cleaned.get("documents") or []) + len(cleaned.get("photos") or [])
        if count > MAX_FILES:
            raise forms.ValidationError(
                _("Attach at most %(count)d files in total.") % {"count": MAX_FILES}, code="too_many_files"
            )
        return cleaned


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (AssignmentSubmission.Status.PASSED, _("Pass")),
            (AssignmentSubmission.Status.REVISION, _("Ask for a revision")),
        ],
        widget=forms.RadioSelect,
    )
    feedback = forms.CharField(
        label=_("Feedback for the participant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Required when asking for a revision."),
    )


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class SessionForm(forms.ModelForm):
    class Meta:
        model = MentoringSession
        fields = ["cohort", "title", "description", "mode", "starts_at", "ends_at", "meeting_url", "location"]
        widgets = {
            "starts_at": DateTimeLocalInput(),
            "ends_at": DateTimeLocalInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "mode": forms.RadioSelect,
        }
        help_texts = {
            "starts_at": _("Western Indonesian Time (WIB)."),
            "ends_at": _("Western Indonesian Time (WIB)."),
            "meeting_url": _("Required for an online session (Zoom, Google Meet, …)."),
            "location": _("Required at the co-working space, e.g. the room."),
        }

    def __init__(self, *args, cohorts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["cohort"]
        else:
            self.fields["cohort"].queryset = cohorts
            if cohorts is not None and cohorts.count() == 1:
                self.fields["cohort"].initial = cohorts.first()

    def _post_clean(self):
        """Model validation runs in the service (views turn its errors into field errors)."""


class CancelSessionForm(forms.Form):
    reason = forms.CharField(label=_("Reason (shown to participants)"), required=False, max_length=200)


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Present"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, enrollments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(str(e.pk), e.business.name) for e in enrollments]
