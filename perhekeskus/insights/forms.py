import datetime

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from perhekeskus.catalog.coverage import provider_kinds
from perhekeskus.catalog.models import Category, ServiceType
from perhekeskus.insights.models import ReportText
from perhekeskus.network.models import Network
from perhekeskus.search import services as search_services
from perhekeskus.search.query import grouping_key, parse


class CoverageFilterForm(forms.Form):
    category = forms.ModelChoiceField(
        Category.objects.all(),
        to_field_name="code",
        required=False,
        label=_("Category"),
        empty_label=_("All"),
    )
    kinds = forms.MultipleChoiceField(
        label=_("Provider kinds"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kinds"].choices = [(k.code, k.name) for k in provider_kinds()]


class UnmetFilterForm(forms.Form):
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    month = forms.ChoiceField(label=_("Month"), required=False)

    def __init__(self, *args, municipalities, months: list[datetime.date], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", _("All searches"))] + [
            (m.code, m.name) for m in municipalities
        ]
        self.fields["month"].choices = [("", _("Last 12 months"))] + [
            (m.isoformat(), date_format(m, "F Y")) for m in reversed(months)
        ]


class QueryLinkForm(forms.Form):
    """Link a query to a service type, or to a word to search for instead."""

    query = forms.CharField(label=_("Query"), max_length=200, widget=forms.HiddenInput)
    service_type = forms.ModelChoiceField(
        ServiceType.objects.select_related("category").order_by("name_fi"),
        to_field_name="code",
        required=False,
        label=_("Service type"),
        empty_label=_("—"),
    )
    synonym = forms.CharField(label=_("or search instead for"), max_length=100, required=False)

    def clean(self):
        data = super().clean()
        query, service_type, synonym = (
            data.get("query", ""),
            data.get("service_type"),
            data.get("synonym", "").strip(),
        )
        data["synonym"] = synonym
        data["query_key"] = grouping_key(query) if query else ""
        if not data["query_key"]:
            raise forms.ValidationError(_("This query has no words to link."))
        if bool(service_type) == bool(synonym):
            raise forms.ValidationError(
                _("Choose a service type or write a word to search instead, not both.")
            )
        if synonym:
            if not parse(synonym, detect_municipalities=False).words:
                raise forms.ValidationError(_("Write a word to search instead."))
            if grouping_key(synonym) == data["query_key"]:
                raise forms.ValidationError(_("Write another word than the query itself."))
            found = search_services.search_without_log({"q": synonym}, with_facets=False, follow_links=False)
            if found.total == 0:
                raise forms.ValidationError(
                    _("“%(word)s” finds no services either; choose a word that does.") % {"word": synonym}
                )
        return data

    def target_text(self) -> str:
        data = self.cleaned_data
        return data["service_type"].name if data["service_type"] else f"“{data['synonym']}”"


class ReportTextForm(forms.ModelForm):
    """The committee item's own words: a summary and the decision proposal, in Finnish and Swedish."""

    class Meta:
        model = ReportText
        fields = ["summary_fi", "proposal_fi", "summary_sv", "proposal_sv"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}
        labels = {
            "summary_fi": _("Summary in Finnish"),
            "proposal_fi": _("Decision proposal in Finnish"),
            "summary_sv": _("Summary in Swedish"),
            "proposal_sv": _("Decision proposal in Swedish"),
        }
        help_texts = {
            "proposal_fi": _("E.g. “Esitys: Lautakunta merkitsee perhekeskuksen tilannekuvan tiedoksi.”")
        }


class DirectorForm(forms.Form):
    """Appoint a reader of municipalities' reports (a director or committee secretary): who, and which
    of the network's municipalities."""

    email = forms.EmailField(label=_("E-mail address"))
    municipalities = forms.ModelMultipleChoiceField(
        queryset=None,
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        label=_("Municipalities"),
        error_messages={
            "required": _("Choose at least one municipality."),
            "invalid_choice": _("Municipality code %(value)s is not one of this network's municipalities."),
        },
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["municipalities"]
        field.queryset = network.municipalities.order_by("name_fi")
        field.label_from_instance = lambda municipality: municipality.name
