from django import forms
from django.db.models import Q, QuerySet
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from perhekeskus.catalog.models import Delivery, Location, OpeningRule, Schedule, ScheduleException, Service
from perhekeskus.core.forms import VersionedForm
from perhekeskus.network.models import Municipality, Network, Organization
from perhekeskus.network.selectors import reachable_members


def municipalities_for(organization: Organization, *current) -> QuerySet[Municipality]:
    """The municipalities of the organisation's networks (the choice a form offers), and those it
    already has; all municipalities for an organisation outside any network."""
    if not organization.networks.filter(municipalities__isnull=False).exists():
        return Municipality.objects.order_by("name_fi")
    return Municipality.objects.filter(
        Q(network__in=organization.networks.all()) | Q(pk__in=[c for c in current if c])
    ).order_by("name_fi")


class ServiceForm(VersionedForm):
    class Meta:
        model = Service
        fields = [
            "name_fi", "name_sv", "name_en", "summary_fi", "summary_sv", "summary_en",
            "description_fi", "description_sv", "description_en", "service_types", "life_situations",
            "age_min_months", "age_max_months", "languages", "interpretation", "interpretation_note_fi",
            "interpretation_note_sv", "interpretation_note_en", "service_areas", "access_method",
            "how_to_get_fi", "how_to_get_sv", "how_to_get_en", "is_free", "fee_description_fi",
            "fee_description_sv", "fee_description_en", "phone", "email", "website", "eservice_url", "status",
            "review_interval_months", "accepts_referrals", "accepts_contact_requests", "contact_answer_days",
        ]  # fmt: skip
        widgets = {
            "service_types": forms.CheckboxSelectMultiple,
            "life_situations": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "service_areas": forms.CheckboxSelectMultiple,
            "description_fi": forms.Textarea(attrs={"rows": 5}),
            "description_sv": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
            "interpretation_note_fi": forms.Textarea(attrs={"rows": 2}),
            "interpretation_note_sv": forms.Textarea(attrs={"rows": 2}),
            "interpretation_note_en": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, organization: Organization, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        current = self.instance.service_areas.values_list("pk", flat=True) if self.instance.pk else []
        self.fields["service_areas"].queryset = municipalities_for(organization, *current)
        if not reachable_members([organization.pk]).exists():
            # referrals.selectors.contact_request_services: the form is offered only with a reader.
            self.fields["accepts_contact_requests"].help_text = _(
                "Nobody in the organisation reads contact requests in Perhekeskus now, so the public page "
                "shows the service's own contact details instead until a member is invited."
            )
        self.fields["interpretation"].help_text = _(
            "Whether a family can have an interpreter here. The note tells how to ask for one (e.g. "
            "when booking) and in which languages; the public page and the open data show both."
        )


class OrganizationForm(VersionedForm):
    class Meta:
        model = Organization
        fields = [
            "name_fi", "name_sv", "name_en", "description_fi", "description_sv", "description_en",
            "business_id", "website", "email", "phone",
        ]  # fmt: skip


class NewOrganizationForm(OrganizationForm):
    """Proposing an organisation: it joins one of the networks its proposer works in, as a draft."""

    network = forms.ModelChoiceField(queryset=Network.objects.none(), label=_("Network"))

    class Meta(OrganizationForm.Meta):
        fields = ["kind", "municipality", *OrganizationForm.Meta.fields]

    def __init__(self, *args, networks: QuerySet[Network], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks
        if len(networks) == 1:
            self.fields["network"].initial = networks[0]
        self.fields["municipality"].queryset = Municipality.objects.filter(network__in=networks).order_by(
            "name_fi"
        )
        self.order_fields(["network"])


class DeliveryForm(VersionedForm):
    class Meta:
        model = Delivery
        fields = ["mode", "location", "municipalities", "note_fi", "note_sv", "note_en"]
        widgets = {"municipalities": forms.CheckboxSelectMultiple}

    def __init__(self, *args, service: Service, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        organization = service.organization
        self.fields["location"].queryset = Location.objects.filter(organization=organization).order_by(
            "name_fi"
        )
        current = self.instance.municipalities.values_list("pk", flat=True) if self.instance.pk else []
        self.fields["municipalities"].queryset = municipalities_for(organization, *current)
        self.fields["municipalities"].required = False
        self.fields["municipalities"].help_text = _(
            "A delivery at a place reaches the place's municipality; add others it serves."
        )
        self.instance.service = service

    def clean(self):
        data = super().clean()
        if data.get("location") is None and not data.get("municipalities"):
            self.add_error(
                "municipalities", _("Choose at least one municipality that this delivery reaches.")
            )
        return data


class LocationForm(VersionedForm):
    class Meta:
        model = Location
        fields = [
            "name_fi", "name_sv", "name_en", "municipality", "street_address_fi", "street_address_sv",
            "street_address_en", "postal_code", "post_office", "latitude", "longitude", "accessibility_fi",
            "accessibility_sv", "accessibility_en", "entrance_fi", "entrance_sv", "entrance_en", "confidential",
        ]  # fmt: skip

    def __init__(self, *args, organization: Organization, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities_for(organization, self.instance.municipality_id)


class ScheduleForm(VersionedForm):
    class Meta:
        model = Schedule
        fields = ["valid_from", "valid_to", "by_appointment", "closed_on_public_holidays", "description_fi",
                  "description_sv", "description_en"]  # fmt: skip
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class RuleForm(forms.ModelForm):
    class Meta:
        model = OpeningRule
        fields = ["weekday", "opens", "closes", "closes_next_day"]
        widgets = {
            "opens": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }


class ExceptionForm(forms.ModelForm):
    class Meta:
        model = ScheduleException
        fields = ["date", "closed", "opens", "closes", "reason_fi", "reason_sv", "reason_en"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "opens": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }


# Rows of weekly hours and exceptions: blank extra rows are left out; a row marked for removal goes.
RuleFormSet = formset_factory(RuleForm, extra=2, can_delete=True)
ExceptionFormSet = formset_factory(ExceptionForm, extra=2, can_delete=True)
