import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.catalog.models import Language, LifeSituation, ServiceType
from perhekeskus.core.translation import CONTENT_LANGUAGES
from perhekeskus.core.validators import normalize_phone, validate_no_identity_code
from perhekeskus.network.models import Municipality
from perhekeskus.network.selectors import municipalities_of_networks
from perhekeskus.referrals.models import Referral

NO_IDENTITY_CODE = _("Do not write personal identity codes or other details the service does not need.")


FREE_TEXT_LIMIT = 4000
HELSINKI = ZoneInfo("Europe/Helsinki")


def _phone(value: str) -> str:
    validate_no_identity_code(value)
    return normalize_phone(value)


class ReferralForm(forms.ModelForm):
    sending_organization = forms.ModelChoiceField(queryset=None, label=_("Sent by"))
    life_situations = forms.ModelMultipleChoiceField(
        queryset=LifeSituation.objects.order_by("position"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Life situations"),
    )
    language = forms.ModelChoiceField(queryset=None, required=False, label=_("Preferred language"))
    email = forms.EmailField(label=_("E-mail"), required=False)

    class Meta:
        model = Referral
        fields = [
            "need", "urgency", "family_name", "phone", "contact_method", "preferred_time", "consent_given_by",
            "consent_method", "consent_at", "consent_scope", "privacy_notice_given", "child_age_years",
            "family_municipality",
        ]  # fmt: skip
        widgets = {
            "need": forms.Textarea(attrs={"rows": 4}),
            "consent_scope": forms.Textarea(attrs={"rows": 2}),
            "consent_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "family_name": forms.TextInput,
            "phone": forms.TextInput(attrs={"autocomplete": "off"}),
            "preferred_time": forms.TextInput,
            "consent_given_by": forms.TextInput,
        }
        help_texts = {
            "need": NO_IDENTITY_CODE,
            "family_name": _("The name the service uses when it contacts the family."),
            "consent_scope": _("What the family agreed may be shared with the receiving service."),
        }

    def __init__(self, *args, organizations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sending_organization"].queryset = organizations
        if len(organizations) == 1:
            self.fields["sending_organization"].initial = organizations[0]
        self.fields["language"].queryset = Language.objects.order_by("position", "name_fi")
        self.fields["family_municipality"].queryset = Municipality.objects.order_by("name_fi")
        self.fields["child_age_years"].help_text = _(
            "Optional: the age in whole years (0–18), for statistics too."
        )
        # Consent is usually recorded as it is given: now, in Helsinki time, to the minute.
        self.fields["consent_at"].initial = lambda: (
            timezone.now().astimezone(HELSINKI).replace(second=0, microsecond=0)
        )
        for name in (
            "need",
            "family_name",
            "consent_given_by",
            "consent_scope",
            "consent_method",
            "consent_at",
        ):
            self.fields[name].required = True
        self.fields["privacy_notice_given"].required = True
        self.fields["privacy_notice_given"].label = _("The family was given the privacy notice")
        for name in ("need", "family_name", "preferred_time", "consent_given_by", "consent_scope"):
            self.fields[name].validators.append(validate_no_identity_code)
            self.fields[name].max_length = FREE_TEXT_LIMIT
            self.fields[name].validators.append(MaxLengthValidator(FREE_TEXT_LIMIT))
        self.order_fields(
            ["sending_organization", "need", "life_situations", "urgency", "family_name", "phone", "email",
             "contact_method", "language"]
        )  # fmt: skip

    def clean_phone(self) -> str:
        return _phone(self.cleaned_data["phone"]) if self.cleaned_data.get("phone") else ""

    def clean_consent_at(self):
        given = self.cleaned_data["consent_at"]
        if given and given > timezone.now() + datetime.timedelta(minutes=5):
            raise ValidationError(_("Consent cannot have been given in the future."))
        if given and given < timezone.now() - datetime.timedelta(days=365):
            raise ValidationError(_("Consent older than a year is not valid: ask the family again."))
        return given

    def clean(self):
        data = super().clean()
        _reachable(self, data)
        return data

    def referral_values(self) -> dict:
        """The form's values for services.referral_send (codes instead of rows)."""
        data = self.cleaned_data
        values = {name: data[name] for name in self.Meta.fields}
        values["email"] = data.get("email") or ""
        values["language_code"] = data["language"].code if data.get("language") else ""
        values["life_situation_codes"] = ",".join(sorted(s.code for s in data.get("life_situations") or []))
        return values


class ServiceFilterForm(forms.Form):
    """The receiving service by municipality, type and name (GET, works without JavaScript)."""

    municipality = forms.ModelChoiceField(
        queryset=municipalities_of_networks(),
        to_field_name="code",
        required=False,
        empty_label=_("All municipalities"),
        label=_("Municipality"),
    )
    service_type = forms.ModelChoiceField(
        queryset=ServiceType.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All service types"),
        label=_("Service type"),
    )
    q = forms.CharField(label=_("Service name"), required=False, max_length=100)

    def clean_q(self) -> str:
        return self.cleaned_data["q"].replace("\x00", "").strip()


class StepForm(forms.Form):
    step = forms.CharField()
    reason = forms.ChoiceField(
        label=_("Reason for declining"), choices=[("", "–"), *Referral.DeclineReason.choices], required=False
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", "–"), *Referral.Outcome.choices], required=False
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=FREE_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=FREE_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_identity_code],
    )


def _reachable(form, data) -> None:
    if not (data.get("phone") or data.get("email")) and "phone" not in form.errors:
        form.add_error(
            "phone", _("Give a phone number or an e-mail address so that the service can reach you.")
        )
    if (
        data.get("contact_method") == Referral.ContactMethod.EMAIL
        and not data.get("email")
        and "email" not in form.errors
    ):
        form.add_error("email", _("Give the e-mail address, or choose another way of contact."))
    if (
        data.get("contact_method") in (Referral.ContactMethod.PHONE, Referral.ContactMethod.TEXT)
        and not data.get("phone")
        and data.get("email")
        and "phone" not in form.errors
    ):
        form.add_error("phone", _("Give the phone number, or choose another way of contact."))


class ContactRequestForm(forms.Form):
    """A family asks a service to contact them. `website` is a trap for robots: people never see it."""

    family_name = forms.CharField(
        label=_("Your name"), max_length=200, validators=[validate_no_identity_code]
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False, validators=[_phone])
    email = forms.EmailField(label=_("E-mail"), required=False)
    contact_method = forms.ChoiceField(
        label=_("How should we contact you?"), choices=Referral.ContactMethod.choices
    )
    preferred_time = forms.CharField(
        label=_("When is a good time?"),
        max_length=200,
        required=False,
        validators=[validate_no_identity_code],
    )
    language = forms.ModelChoiceField(label=_("Language"), queryset=Language.objects.none(), required=False)
    need = forms.CharField(
        label=_("Short message"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NO_IDENTITY_CODE,
        validators=[validate_no_identity_code],
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the service may store these details and contact me. I have read the privacy notice."
        )
    )
    website = forms.CharField(label=_("Leave this empty"), required=False)

    def __init__(self, *args, service, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The languages the service says it serves in (a family reading Russian may be called in
        # Russian where the service has said so); Finnish, Swedish and English where it has said none.
        spoken = service.languages.all()
        chosen = spoken if spoken.exists() else Language.objects.filter(code__in=CONTENT_LANGUAGES)
        self.fields["language"].queryset = chosen.order_by("position")

    def clean(self):
        data = super().clean()
        _reachable(self, data)
        return data
