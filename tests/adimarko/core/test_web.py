"""The two things every view does around a write service: errors onto a form, or a message and a redirect."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.test import RequestFactory

from adimarko.core.web import add_service_errors, call_service


class NameForm(forms.Form):
    name = forms.CharField()


def _form():
    form = NameForm({"name": "Kopi"})
    assert form.is_valid()
    return form


def test_a_field_error_lands_on_its_field_with_its_code():
    form = _form()
    add_service_errors(form, ValidationError({"name": ValidationError("Taken.", code="taken")}))
    assert form.errors == {"name": ["Taken."]}
    assert form.has_error("name", code="taken")
    assert "name" not in form.cleaned_data


def test_errors_for_fields_the_form_lacks_and_general_errors_go_on_top():
    form = _form()
    add_service_errors(form, ValidationError({"stock": "Sold out.", NON_FIELD_ERRORS: "Closed."}))
    assert form.non_field_errors() == ["Sold out.", "Closed."]
    assert form.errors.keys() == {NON_FIELD_ERRORS}


def test_an_error_without_fields_goes_on_top():
    form = _form()
    add_service_errors(form, ValidationError(["One.", ValidationError("Two.", code="two")]))
    assert form.non_field_errors() == ["One.", "Two."]
    assert form.has_error(NON_FIELD_ERRORS, code="two")


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _shown(request):
    return [(message.level_tag, message.message) for message in get_messages(request)]


def test_call_service_shows_the_success_and_passes_the_arguments():
    request, calls = _request(), []
    assert call_service(request, lambda **kw: calls.append(kw), success="Saved.", order=7, by="staff") is True
    assert calls == [{"order": 7, "by": "staff"}]
    assert _shown(request) == [("success", "Saved.")]


def test_call_service_words_the_success_from_the_result_when_asked():
    request = _request()
    assert call_service(request, lambda: 3, success=lambda count: f"{count} erased.") is True
    assert _shown(request) == [("success", "3 erased.")]


def test_call_service_shows_a_refusal_as_one_error():
    def refuse(**arguments):
        raise ValidationError({"stock": "Sold out.", "price": ["Too low.", "Changed."]})

    request = _request()
    assert call_service(request, refuse, success="Saved.") is False
    assert _shown(request) == [("error", "Sold out. Too low. Changed.")]


def test_call_service_without_a_success_message_shows_nothing():
    request = _request()
    assert call_service(request, lambda: None) is True
    assert _shown(request) == []


def test_other_errors_are_not_caught():
    def broken():
        raise RuntimeError("bug")

    with pytest.raises(RuntimeError):
        call_service(_request(), broken, success="Saved.")
