import re

from django import forms
from django.utils.translation import gettext_lazy as _

from perhekeskus.catalog.models import Category
from perhekeskus.core.translation import translate
from perhekeskus.network import selectors as network_selectors

MAX_AGE_YEARS = 18


class NamedChoiceField(forms.ModelChoiceField):
    """A municipality or a kind by its code, shown by its name in the page's language."""

    def label_from_instance(self, obj) -> str:
        return translate(obj, "name")


class EmailForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We send a link to confirm first. Nothing else comes until you have confirmed."),
    )


class ActivitiesForm(EmailForm):
    municipality = NamedChoiceField(
        label=_("Municipality"),
        queryset=network_selectors.municipalities_of_networks(),
        to_field_name="code",
        required=False,
        empty_label=_("All municipalities"),
    )
    postal_code = forms.CharField(
        label=_("Postal code (optional)"),
        max_length=10,  # "80 100" is taken too
        required=False,
        help_text=_("Activities held in your postal code area come first."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code", "size": 6}),
    )
    age = forms.TypedChoiceField(
        label=_("Child's age (years)"),
        choices=[("", _("Any age")), *((year, year) for year in range(MAX_AGE_YEARS + 1))],
        coerce=int,
        empty_value=None,
        required=False,
    )
    category = NamedChoiceField(
        label=_("Kind"),
        queryset=Category.objects.order_by("position"),
        to_field_name="code",
        required=False,
        empty_label=_("All kinds"),
    )
    field_order = ["municipality", "postal_code", "age", "category", "email"]

    def clean_postal_code(self) -> str:
        code = re.sub(r"\s", "", self.cleaned_data.get("postal_code") or "")
        if code and not re.fullmatch(r"[0-9]{5}", code):
            raise forms.ValidationError(_("A postal code is five digits, e.g. 80100."), code="format")
        if code and network_selectors.postal_code_of_networks(code) is None:
            raise forms.ValidationError(
                _("Postal code %(code)s is not in the area of this service."),
                code="unknown",
                params={"code": code},
            )
        return code

    def clean(self):
        data = super().clean()
        code, municipality = data.get("postal_code"), data.get("municipality")
        if code:
            place = network_selectors.postal_code_of_networks(code)
            if municipality is None:
                data["municipality"] = place.municipality  # the postal code says where
            elif place.municipality_id != municipality.pk:
                self.add_error(
                    "postal_code",
                    forms.ValidationError(
                        _("Postal code %(code)s is in %(other)s, not in %(municipality)s."),
                        code="other_municipality",
                        params={
                            "code": code,
                            "other": translate(place.municipality, "name"),
                            "municipality": translate(municipality, "name"),
                        },
                    ),
                )
        return data


class ServicesForm(EmailForm):
    services = forms.ModelMultipleChoiceField(
        label=_("Services to follow"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one service.")},
    )
    field_order = ["services", "email"]

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["services"]
        field.queryset = services
        field.label_from_instance = lambda service: translate(service, "name")
        field.initial = [service.pk for service in services]
