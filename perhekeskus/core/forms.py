import inspect

from django import forms
from django.core.exceptions import ValidationError

from perhekeskus.core.translation import Translated


def add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a refusal from the service layer on the form: on the field it names, else on the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


def add_refusal(form: forms.BaseForm, message: str) -> None:
    """Refuse the posted form as a whole (e.g. too many from this device): checked first, so that the
    page shows its fields' own mistakes under the refusal too."""
    form.is_valid()
    form.add_error(None, message)


def _in_language(instance) -> str:
    return str(instance.name)


class VersionedForm(forms.ModelForm):
    """Carries the version the form was opened at (core.editing). Choices of objects with a name in
    each language (service types, municipalities…) are labelled in the page's language: their str()
    is the Finnish name."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            model = getattr(getattr(field, "queryset", None), "model", None)
            if model is not None and isinstance(inspect.getattr_static(model, "name", None), Translated):
                field.label_from_instance = _in_language
