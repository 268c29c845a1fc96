from django import forms
from django.utils.translation import gettext_lazy as _

from perhekeskus.activities.feedback import MAX_COMMENT
from perhekeskus.activities.models import MAX_ADULTS, MAX_CHILDREN, Activity, VisitFeedback
from perhekeskus.core.validators import normalize_phone, validate_no_identity_code
from perhekeskus.messaging import sms


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, validators=[validate_no_identity_code])
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_(
            "The confirmation, with the place, a calendar entry and the cancellation link, comes here. "
            "Without an e-mail address nothing is sent: keep the page you see after registering."
        ),
    )
    # For the organiser, who sees it with the registration; and for text messages where the site sends
    # them (the help text then says so: __init__).
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        help_text=_("For the organiser, to reach you about changes. No text messages are sent."),
    )
    adults = forms.IntegerField(label=_("Adults"), min_value=0, max_value=MAX_ADULTS, initial=1)
    children = forms.IntegerField(label=_("Children"), min_value=0, max_value=MAX_CHILDREN, initial=0)
    needs = forms.CharField(
        label=_("Needs (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example a diet, or access with a pram or a wheelchair."),
        validators=[validate_no_identity_code],
    )

    def __init__(self, *args, activity: Activity | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if sms.enabled():
            self.fields["phone"].help_text = _(
                "For the organiser, to reach you about changes. If you give no e-mail address, we send text "
                "messages to this number about your time: a reminder the day before where the organiser "
                "sends one, and word if the time is cancelled or moved."
            )
        if activity is not None and activity.expects_children:
            self.fields["children"].initial = 1  # an activity for children: a family brings at least one

    def clean_phone(self) -> str:
        return normalize_phone(self.cleaned_data["phone"]) if self.cleaned_data.get("phone") else ""

    def clean(self):
        data = super().clean()
        if not (data.get("email") or data.get("phone")) and not self.errors.get("phone"):
            self.add_error(
                "email", _("Give an e-mail address or a phone number, so that you can be told of changes.")
            )
        if (data.get("adults") or 0) + (data.get("children") or 0) < 1:
            self.add_error("adults", _("Register at least one person."))
        return data


class FeedbackForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Was it useful for you?"), choices=VisitFeedback.Answer.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=MAX_COMMENT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was good, what could be better? Do not write names or contact details."),
    )
