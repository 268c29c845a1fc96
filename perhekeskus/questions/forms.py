from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from perhekeskus.catalog.models import LifeSituation
from perhekeskus.core.translation import translate
from perhekeskus.questions.models import AgeGroup, AnswerTemplate, QuestionDesk
from perhekeskus.questions.services import MAX_LINKED_SERVICES

QUESTION_MAX = 3000
ANSWER_MAX = 8000


def topic_choices(blank: str) -> list[tuple[str, str]]:
    return [("", blank)] + [(s.code, translate(s, "name")) for s in LifeSituation.objects.order_by("code")]


class DeskForm(forms.ModelForm):
    class Meta:
        model = QuestionDesk
        fields = ["is_open", "promise_working_days", "second_review"]


class AppointForm(forms.Form):
    person = forms.ChoiceField(label=_("Person"))
    title = forms.CharField(
        label=_("Professional title shown to families"),
        max_length=80,
        help_text=_("For example: public health nurse, family counsellor, psychologist."),
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "—")] + [
            (str(p.pk), f"{p.get_full_name() or p.email} ({p.email})") for p in people
        ]


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), max_length=ANSWER_MAX, widget=forms.Textarea(attrs={"rows": 14})
    )
    services = forms.MultipleChoiceField(
        label=format_lazy(_("Services to link (at most {count})"), count=MAX_LINKED_SERVICES),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].choices = [(str(s.pk), f"{s.name} – {s.organization.name}") for s in services]


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("What to change"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class PublishForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    question = forms.CharField(
        label=_("Question as published"), max_length=QUESTION_MAX, widget=forms.Textarea(attrs={"rows": 6})
    )
    answer = forms.CharField(
        label=_("Answer as published"), max_length=ANSWER_MAX, widget=forms.Textarea(attrs={"rows": 12})
    )
    language = forms.ChoiceField(
        label=_("Language of the texts"),
        choices=settings.LANGUAGES,
        help_text=_("The language they are written in: the search reads them in it."),
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    age_group = forms.ChoiceField(label=_("Age"), required=False)
    public_details = forms.BooleanField(
        label=_(
            "What looks like a name or a number is a public service's (e.g. an organisation or a helpline)"
        ),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = topic_choices(_("No topic"))
        self.fields["age_group"].choices = [("", _("Any age")), *AgeGroup.choices]


class TemplateForm(forms.ModelForm):
    class Meta:
        model = AnswerTemplate
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}
