"""Form fields and validators for what people type: whole numbers with bounds and Western digits, and text
without control characters. Every app's forms use these instead of Django's bare IntegerField/CharField;
models use the validators, so services (and the spreadsheet import) refuse the same input.

Why: Python's ``int()`` (and so Django's IntegerField) also reads Arabic-Indic (``٣``), full-width (``３``)
and other Unicode digits, and Django drops a trailing ``.000``: ``45.000`` typed as forty-five thousand
becomes Rp 45. Control characters (NUL, vertical tab …) pasted into names break exports and show as
nothing on the page. See docs/security/input-and-visibility.md.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import NOT_PROVIDED
from django.utils.deconstruct import deconstructible
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from adimarko.core.validators import validate_image_upload

ID_MAX = 2**63 - 1  # the largest row id a database column holds (bigint on PostgreSQL and SQLite)
WHOLE_NUMBER_RE = re.compile(r"\A[+-]?[0-9]+\Z", re.ASCII)
# C0 controls and DEL, except tab, line feed and carriage return (kept in multi-line text).
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LINE_CONTROL_RE = re.compile(r"[\t\n\r\x0b\x0c]")  # whitespace-like controls
SINGLE_LINE_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


def parse_whole_number(value) -> int:
    """A whole number typed with the digits 0-9 only (optional sign, spaces around); ValueError otherwise.
    For code outside forms that reads typed numbers (e.g. the spreadsheet import)."""
    if isinstance(value, bool):
        raise ValueError("not a whole number")
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if not WHOLE_NUMBER_RE.match(text):
        raise ValueError(f"{text!r} is not a whole number written with the digits 0-9")
    return int(text)


class WholeNumberField(forms.IntegerField):
    """A whole number typed with the digits 0-9 only, always between `min_value` and `max_value`.

    No dots or commas: ``45.000`` and ``45,000`` are refused with a message rather than read as 45."""

    default_error_messages = {
        "invalid": _("Type a whole number using only the digits 0-9, without dots or commas, e.g. 45000."),
        "min_value": _("The smallest allowed value is %(limit_value)s."),
        "max_value": _("The largest allowed value is %(limit_value)s."),
    }

    def __init__(self, *, max_value: int, min_value: int = 0, **kwargs):
        super().__init__(max_value=max_value, min_value=min_value, **kwargs)

    @classmethod
    def for_model_field(cls, model_field, *, max_value: int, min_value: int = 0) -> "WholeNumberField":
        """The field a ModelForm declares for an integer model field: its label, help, default and blank."""
        return cls(
            label=capfirst(model_field.verbose_name),
            help_text=model_field.help_text,
            initial=None if model_field.default is NOT_PROVIDED else model_field.default,
            required=not model_field.blank,
            min_value=min_value,
            max_value=max_value,
        )

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_whole_number(value)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


def strip_control_characters(text: str, *, multiline: bool = False) -> str:
    """Text without C0 control characters and DEL. Single-line text turns tabs and line breaks into spaces;
    multi-line text keeps tab, CR and LF and turns vertical tab and form feed (Word's line breaks) into LF."""
    if multiline:
        text = text.replace("\x0b", "\n").replace("\x0c", "\n")
        return CONTROL_RE.sub("", text)
    return SINGLE_LINE_CONTROL_RE.sub("", LINE_CONTROL_RE.sub(" ", text))


@deconstructible
class NoControlCharactersValidator:
    """Model-side guard: refuse text that holds control characters (tab, CR, LF allowed when `multiline`)."""

    message = _("Remove the invisible control characters from this text.")
    code = "control_characters"

    def __init__(self, *, multiline: bool = False):
        self.multiline = multiline

    def __call__(self, value):
        if value and strip_control_characters(value, multiline=self.multiline) != value:
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, NoControlCharactersValidator) and other.multiline == self.multiline


class PlainTextField(forms.CharField):
    """A CharField that silently removes control characters (see `strip_control_characters`); with
    `multiline=True` it is a textarea keeping line breaks."""

    def __init__(self, *, multiline: bool = False, **kwargs):
        self.multiline = multiline
        if multiline:
            kwargs.setdefault("widget", forms.Textarea)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = strip_control_characters(value, multiline=self.multiline)
        return super().to_python(value)


IMAGE_TYPES = "image/jpeg,image/png,image/webp"


class ImageUploadField(forms.FileField):
    """A photo upload: checked by content, size and pixel count (`validate_image_upload`) before anything is
    stored, and offered to the phone's picker as JPEG, PNG or WebP."""

    def __init__(self, **kwargs):
        kwargs.setdefault("validators", [validate_image_upload])
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": IMAGE_TYPES}))
        super().__init__(**kwargs)
