"""One error root: every refusal a service or selector raises is an `ActionRefused`, and views show
it through `refusal_shown` (on a form field, or as a message)."""

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import RequestFactory

from cms.errors import ActionRefused, refusal_shown

LAYERS = [
    "evaluasi.services",
    "evaluasi.selectors",
    "sosialisasi.services",
    "sosialisasi.selectors",
]


def _modules():
    for name in LAYERS:
        module = importlib.import_module(name)
        yield module
        if hasattr(module, "__path__"):
            for info in pkgutil.walk_packages(module.__path__, prefix=f"{name}."):
                yield importlib.import_module(info.name)


MODULES = list(_modules())


def test_the_walk_finds_the_layers():
    names = {m.__name__ for m in MODULES}
    assert {"evaluasi.services.skp", "evaluasi.services.roster_import.errors"} <= names
    assert {"evaluasi.selectors.results_gate", "sosialisasi.selectors"} <= names


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_every_public_exception_of_services_and_selectors_is_a_refusal(module):
    """A new exception class with another root fails here (private `_Name`s are control flow
    inside one module, never raised out of it)."""
    own = [
        cls
        for name, cls in inspect.getmembers(module, inspect.isclass)
        if cls.__module__ == module.__name__
        and issubclass(cls, BaseException)
        and not name.startswith("_")
    ]
    assert [cls for cls in own if not issubclass(cls, ActionRefused)] == []


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_no_service_or_selector_refuses_with_django_validation_or_permission(module):
    """Refusals are not ValidationError (model and form validation) nor PermissionDenied (a 403
    of the view layer)."""
    tree = ast.parse(Path(inspect.getfile(module)).read_text(encoding="utf-8"))
    raised = {_name(node.exc) for node in ast.walk(tree) if isinstance(node, ast.Raise)}
    assert raised.isdisjoint({"ValidationError", "PermissionDenied"})


def _name(exc) -> str | None:
    """`X` of `raise X` or `raise X(...)`; None for a bare `raise` or an attribute."""
    exc = exc.func if isinstance(exc, ast.Call) else exc
    return exc.id if isinstance(exc, ast.Name) else None


def test_refusal_keeps_its_message_and_field():
    refused = ActionRefused("NIP tidak valid.", field="nip")
    assert (str(refused), refused.message, refused.field) == (
        "NIP tidak valid.",
        "NIP tidak valid.",
        "nip",
    )

    class Expired(ActionRefused):
        default_message = "Tautan sudah kedaluwarsa."

    assert str(Expired()) == "Tautan sudah kedaluwarsa."
    assert Expired("Lain.").message == "Lain."


class _Form(forms.Form):
    nip = forms.CharField(required=False)
    email = forms.CharField(required=False)


def _request():
    request = RequestFactory().post("/")
    request._messages = CookieStorage(request)
    return request


def test_refusal_is_attached_to_the_form_field_it_names():
    form = _Form({"nip": "1", "email": "a"})
    assert form.is_valid()
    refusal_shown(_request(), ActionRefused("NIP tidak valid.", field="nip"), form=form)
    assert form.errors == {"nip": ["NIP tidak valid."]}


def test_refusal_goes_to_the_field_the_view_chooses_or_to_the_whole_form():
    form = _Form({})
    form.is_valid()
    refusal_shown(_request(), ActionRefused("Berkas kosong."), form=form, field="email")
    refusal_shown(_request(), ActionRefused("Periode dibekukan.", field="tidak_ada"), form=form)
    assert form.errors["email"] == ["Berkas kosong."]
    assert form.non_field_errors() == ["Periode dibekukan."]


def test_refusal_without_a_form_is_an_error_message():
    request = _request()
    refusal_shown(request, ActionRefused("Tuliskan kutipan penghargaan."))
    shown = list(get_messages(request))
    assert [(m.message, m.level_tag) for m in shown] == [("Tuliskan kutipan penghargaan.", "error")]
