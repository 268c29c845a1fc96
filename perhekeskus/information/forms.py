from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.catalog.models import LifeSituation
from perhekeskus.core.validators import validate_no_identity_code_in_feedback
from perhekeskus.information.models import Page, PageVersion
from perhekeskus.network.models import Municipality

MESSAGE_MAX = 4000
ACCURACY_COMMENT_MAX = 1000


class FeedbackForm(forms.Form):
    message = forms.CharField(
        label=_("What did not work, or what should we improve?"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[validate_no_identity_code_in_feedback],
    )
    page = forms.CharField(
        label=_("Page or service concerned (optional)"),
        max_length=500,
        required=False,
        validators=[validate_no_identity_code_in_feedback],
    )
    email = forms.EmailField(
        label=_("Your e-mail address, if you want an answer (optional)"), required=False, max_length=254
    )
    # Left empty by people; robots fill it in (hidden from people and assistive technology).
    website = forms.CharField(required=False, label=_("Leave this empty"))


class PageForm(forms.ModelForm):
    """A version of a page: titles and texts (Markdown) in three languages; a news item's last day."""

    class Meta:
        model = PageVersion
        fields = ["title_fi", "body_fi", "title_sv", "body_sv", "title_en", "body_en", "expires_on"]
        widgets = {
            "body_fi": forms.Textarea(attrs={"rows": 10}),
            "body_sv": forms.Textarea(attrs={"rows": 10}),
            "body_en": forms.Textarea(attrs={"rows": 10}),
            "expires_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        for name in ("body_fi", "body_sv", "body_en"):
            self.fields[name].help_text = _(
                "Markdown: a blank line between paragraphs, ## for a heading, - for a list, [text](https://…) for a link."
            )
        if kind != Page.Kind.NEWS:
            del self.fields["expires_on"]
        else:
            self.fields["expires_on"].required = True

    def clean_expires_on(self):
        value = self.cleaned_data.get("expires_on")
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError(_("The last day must not be in the past."))
        return value


class NewPageForm(forms.Form):
    """Where a new page belongs."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Page.Kind.choices)
    municipality = forms.ModelChoiceField(
        Municipality.objects.none(), required=False, label=_("Municipality"),
        empty_label=_("The whole network"),
    )  # fmt: skip
    life_situation = forms.ModelChoiceField(
        LifeSituation.objects.all(),
        required=False,
        to_field_name="code",
        label=_("Life situation (for a guide)"),
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.fields["municipality"].queryset = network.municipalities.order_by("name_fi")

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        place = {"kind": kind, "network": self.network, "municipality": None, "life_situation": None}
        if kind == Page.Kind.ABOUT:
            place["municipality"] = data.get("municipality")
        elif kind == Page.Kind.GUIDE:
            if data.get("life_situation") is None:
                raise forms.ValidationError(
                    _("Choose the life situation whose guide this orientation is for.")
                )
            place["life_situation"] = data["life_situation"]
        if kind in (Page.Kind.ABOUT, Page.Kind.GUIDE) and Page.objects.filter(**place).exists():
            raise forms.ValidationError(_("This page exists already: edit it instead."))
        data["place"] = place
        return data


class AccuracyForm(forms.Form):
    """ "Was this information correct?": yes (the service page's button), or no with what was wrong."""

    correct = forms.TypedChoiceField(
        choices=[("yes", "yes"), ("no", "no")], coerce=lambda value: value == "yes", widget=forms.HiddenInput
    )
    comment = forms.CharField(
        label=_("What was wrong or missing? (optional)"),
        max_length=ACCURACY_COMMENT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For example the opening hours, the phone number or the address. Do not write your name or "
            "contact details: the organisation cannot answer you here."
        ),
    )
