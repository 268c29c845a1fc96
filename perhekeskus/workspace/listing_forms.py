from typing import NamedTuple

from django import forms
from django.db.models import Q, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from perhekeskus.catalog.models import (
    Delivery,
    Language,
    LifeSituation,
    Location,
    Service,
    ServiceType,
)
from perhekeskus.core.forms import VersionedForm
from perhekeskus.core.translation import MORE_PUBLIC_LANGUAGES
from perhekeskus.network.models import Municipality, Network, Organization, PostalCode
from perhekeskus.network.selectors import postal_codes_in, reachable_members
from perhekeskus.workspace.widgets import ChoicePicker


def municipalities_for(organization: Organization, *current) -> QuerySet[Municipality]:
    """The municipalities of the organisation's networks (the choice a form offers), and those it
    already has; all municipalities for an organisation outside any network."""
    if not organization.networks.filter(municipalities__isnull=False).exists():
        return Municipality.objects.order_by("name_fi")
    return Municipality.objects.filter(
        Q(network__in=organization.networks.all()) | Q(pk__in=[c for c in current if c])
    ).order_by("name_fi")


def _stage_or_situation(situation: LifeSituation) -> str:
    # Pregnancy and the child's age say when; the rest say what is going on in the family.
    if situation.code == "expecting" or situation.age_from_months is not None:
        return _("Stage of family life")
    return _("Situations and concerns")


def _common_language(language: Language) -> str:
    return _("Finnish, Swedish and English") if language.code in {"fi", "sv", "en"} else _("Other languages")


# What a family reads first, in the public site's other languages (core.translation.EXTENDED_LANGUAGES):
# an organisation that serves Russian- or Arabic-speaking families writes these in their language.
MORE_LANGUAGE_TEXTS = (
    ("name", _("name")),
    ("summary", _("summary")),
    ("how_to_get", _("how to get the service")),
)
MORE_LANGUAGE_FIELDS = tuple(
    f"{name}_{language}" for language in MORE_PUBLIC_LANGUAGES for name, _title in MORE_LANGUAGE_TEXTS
)


class ServiceSectionForm(VersionedForm):
    """One section of a service's page, saved on its own (the sections are SERVICE_SECTIONS)."""

    # Short fields that sit two to a row on a wide screen.
    compact_fields = frozenset(
        {
            "phone", "email", "website", "eservice_url", "status", "review_interval_months",
            "age_min_months", "age_max_months",
        }
    )  # fmt: skip

    class Meta:
        model = Service
        fields: list[str] = []
        widgets = {
            "service_types": ChoicePicker(group_of=lambda service_type: service_type.category.name),
            "life_situations": ChoicePicker(group_of=_stage_or_situation),
            "languages": ChoicePicker(group_of=_common_language),
            "service_areas": ChoicePicker(group_of=lambda _municipality: _("Municipalities")),
            **{
                f"{name}_{language}": forms.Textarea(attrs={"rows": rows})
                for name, rows in (("description", 4), ("how_to_get", 3), ("fee_description", 2),
                                   ("interpretation_note", 2), ("summary", 2))
                for language in ("fi", "sv", "en")
            },
            "how_to_get_selko": forms.Textarea(attrs={"rows": 3, "lang": "fi"}),
            # Written in its own language and direction (Arabic and Persian right to left).
            **{
                f"{name}_{language}": widget(attrs={"lang": language, "dir": "auto", **extra})
                for language in MORE_PUBLIC_LANGUAGES
                for name, widget, extra in (("name", forms.TextInput, {}), ("summary", forms.Textarea, {"rows": 2}),
                                            ("how_to_get", forms.Textarea, {"rows": 3}))
            },
        }  # fmt: skip

    def __init__(self, *args, organization: Organization, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        if "service_types" in fields:
            fields["service_types"].queryset = ServiceType.objects.select_related("category").order_by(
                "category__position", "category__code", "position", "code"
            )
        if "service_areas" in fields:
            current = self.instance.service_areas.values_list("pk", flat=True) if self.instance.pk else []
            fields["service_areas"].queryset = municipalities_for(organization, *current)
        if "accepts_contact_requests" in fields and not reachable_members([organization.pk]).exists():
            # referrals.selectors.contact_request_services: the form is offered only with a reader.
            fields["accepts_contact_requests"].help_text = _(
                "Nobody in the organisation reads contact requests in Perhekeskus now, so the public page "
                "shows the service's own contact details instead until a member is invited."
            )
        if "age_min_months" in fields:
            fields["age_min_months"].help_text = _(
                "Ages in months: 1 year is 12, 7 years 84. Empty: no limit."
            )
        if "how_to_get_selko" in fields:
            fields["how_to_get_selko"].label = _("How to get the service in plain Finnish (selkosuomi)")
            fields["how_to_get_selko"].help_text = _(
                "Optional. Short sentences, common words, one thing in a sentence. A family who asked for "
                "plain Finnish reads this instead of the text above."
            )
        # On the section of other languages each language's fields sit under the language's name.
        for name, title in MORE_LANGUAGE_TEXTS:
            for language in MORE_PUBLIC_LANGUAGES:
                if f"{name}_{language}" in fields:
                    fields[f"{name}_{language}"].label = capfirst(title)
        # On the Swedish and English section each pair of fields sits under the text's name.
        for name, field in fields.items():
            if name.endswith("_sv") and name in OTHER_LANGUAGE_FIELDS:
                field.label = _("In Swedish")
            elif name.endswith("_en") and name in OTHER_LANGUAGE_FIELDS:
                field.label = _("In English")
        if "interpretation" in fields:
            fields["interpretation"].help_text = _(
                "Whether a family can have an interpreter here. The note tells how to ask for one (e.g. "
                "when booking) and in which languages; the public page and the open data show both."
            )


class Section(NamedTuple):
    key: str
    title: str  # lazily translated
    fields: tuple[str, ...]  # none: the section links to pages of its own (places, hours, activities)


# The texts a service has in Finnish, to be written in Swedish and English too.
OTHER_LANGUAGE_TEXTS = (
    ("name", _("name")),
    ("summary", _("summary")),
    ("description", _("description")),
    ("how_to_get", _("how to get the service")),
    ("fee_description", _("fee")),
    ("interpretation_note", _("about interpretation")),
)
OTHER_LANGUAGE_FIELDS = tuple(
    f"{name}_{language}" for name, _title in OTHER_LANGUAGE_TEXTS for language in ("sv", "en")
)

# The service's page in the parts a person recognises; each is saved on its own.
SERVICE_SECTIONS = (
    Section(
        "basics",
        _("Basics"),
        ("name_fi", "summary_fi", "description_fi", "service_types", "phone", "email", "website",
         "eservice_url", "status", "review_interval_months"),
    ),
    Section(
        "audience",
        _("Who it is for"),
        ("life_situations", "age_min_months", "age_max_months", "for_expecting_parents", "for_parents",
         "for_whole_family", "for_professionals", "service_areas"),
    ),
    Section(
        "access",
        _("How to get it"),
        ("access_method", "how_to_get_fi", "how_to_get_selko", "is_free", "fee_description_fi", "languages", "interpretation",
         "interpretation_note_fi", "accepts_referrals", "accepts_contact_requests", "contact_answer_days",
         "asks_if_correct"),
    ),
    Section("where", _("Where and when"), ()),
    Section("languages", _("Swedish and English"), OTHER_LANGUAGE_FIELDS),
    Section("more-languages", _("Other languages"), MORE_LANGUAGE_FIELDS),
)  # fmt: skip
# Where on the service's page each item of the publishing checklist (catalog.completeness) is put right.
CHECKLIST_SECTIONS = {
    "contact": "basics",
    "summary": "basics",
    "how_to_get": "access",
    "delivery": "where",
    "hours": "where",
    "swedish": "languages",
    "english": "languages",
}
SECTIONS_BY_KEY = {section.key: section for section in SERVICE_SECTIONS}
SERVICE_SECTION_FORMS = {
    section.key: forms.modelform_factory(Service, form=ServiceSectionForm, fields=section.fields)
    for section in SERVICE_SECTIONS
    if section.fields
}
# A new service starts from its basics; the rest is added on its page.
NewServiceForm = SERVICE_SECTION_FORMS["basics"]


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


class PostalCodeChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.code} {obj.name_fi.title()}"


class DeliveryForm(VersionedForm):
    class Meta:
        model = Delivery
        fields = [
            "mode", "location", "municipalities", "postal_codes", "area_name_fi", "area_name_sv",
            "area_name_en", "note_fi", "note_sv", "note_en",
        ]  # fmt: skip
        field_classes = {"postal_codes": PostalCodeChoice}
        widgets = {
            "municipalities": ChoicePicker(group_of=lambda _municipality: _("Municipalities")),
            "postal_codes": ChoicePicker(group_of=lambda code: code.municipality.name),
        }

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
        current_codes = self.instance.postal_codes.values_list("pk", flat=True) if self.instance.pk else []
        self.fields["postal_codes"].queryset = (
            PostalCode.objects.filter(
                Q(pk__in=postal_codes_in(self.fields["municipalities"].queryset))
                | Q(pk__in=list(current_codes))
            )
            .select_related("municipality")
            .order_by("municipality__name_fi", "code")
        )
        self.fields["postal_codes"].help_text = _(
            "Only where the service has several places in a municipality and each serves its own area "
            '("which child health clinic is mine?"): the postal codes of this place\'s area. Families '
            "writing one of them see this place as theirs; a code no place names shows them all."
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
