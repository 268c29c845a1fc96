"""The family's form for a question to the family centre's professionals (questions)."""

from django import forms
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from perhekeskus.questions.forms import QUESTION_MAX, topic_choices
from perhekeskus.questions.models import MAX_AGE_YEARS


def age_choices(blank: str) -> list[tuple[str, str]]:
    return [("", blank), ("0", gettext("under 1 year"))] + [
        (str(years), ngettext("%(years)d year", "%(years)d years", years) % {"years": years})
        for years in range(1, MAX_AGE_YEARS + 1)
    ]


class AskForm(forms.Form):
    """A family's question: the text, and optionally the child's age, the municipality, a topic and an
    e-mail address for the notice."""

    text = forms.CharField(
        label=_("Your question"),
        min_length=20,
        max_length=QUESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Do not write names, phone numbers, addresses or identity codes."),
    )
    child_age = forms.TypedChoiceField(
        label=_("Child's age (optional)"), required=False, coerce=int, empty_value=None
    )
    municipality = forms.ChoiceField(label=_("Municipality (optional)"), required=False)
    topic = forms.ChoiceField(label=_("Topic (optional)"), required=False)
    refuses_publishing = forms.BooleanField(
        label=_("Do not publish my question and its answer, even without anything that identifies me"),
        required=False,
    )
    notify_email = forms.EmailField(
        label=_("E-mail to be told when the answer is ready (optional)"),
        required=False,
        max_length=254,
        help_text=_("Used only for this one message, then deleted."),
    )
    # A robot fills every field: a person never sees this one.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def __init__(self, *args, municipalities=(), choose_municipality: bool = False, **kwargs):
        """`choose_municipality`: several networks answer, and the municipality tells which."""
        super().__init__(*args, **kwargs)
        if choose_municipality:
            self.fields["municipality"].label = _("Municipality")
            self.fields["municipality"].help_text = _("It tells which family centre answers.")
        self.fields["child_age"].choices = age_choices(_("Not given"))
        self.fields["municipality"].choices = [("", _("Not given"))] + [
            (m.code, m.name) for m in municipalities
        ]
        self.fields["topic"].choices = topic_choices(_("Not given"))
