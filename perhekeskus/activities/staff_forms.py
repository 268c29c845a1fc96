import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from perhekeskus.activities.models import Activity
from perhekeskus.catalog.models import Location
from perhekeskus.core.forms import VersionedForm
from perhekeskus.core.translation import MORE_PUBLIC_LANGUAGES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DatesField(forms.CharField):
    """Single dates written one per line or separated by commas (YYYY-MM-DD or D.M.YYYY)."""

    def to_python(self, value) -> list[str]:
        days = []
        for part in (value or "").replace(",", "\n").split():
            try:
                if "." in part:
                    day, month, year = (int(x) for x in part.split("."))
                    days.append(datetime.date(year, month, day))
                else:
                    days.append(datetime.date.fromisoformat(part))
            except ValueError as error:
                raise forms.ValidationError(
                    _("%(value)s is not a date: write 2027-03-14 or 14.3.2027.") % {"value": part}
                ) from error
        return sorted({day.isoformat() for day in days})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value


# An activity's title and description in the public site's other languages (Activity declares them in
# core.translation.EXTENDED_LANGUAGES; the Sámi ones come from nowhere but an import).
MORE_LANGUAGE_FIELDS = [
    f"{name}_{language}" for language in MORE_PUBLIC_LANGUAGES for name in ("title", "description")
]


class ActivityForm(VersionedForm):
    extra_dates = DatesField(
        label=_("Single dates"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Extra dates, one per line (e.g. 14.3.2027). With “single dates only” these are the dates."),
    )  # fmt: skip

    class Meta:
        model = Activity
        fields = [
            "title_fi", "title_sv", "title_en", "description_fi", "description_sv", "description_en",
            *MORE_LANGUAGE_FIELDS, "location",
            "online_url", "age_min_months", "age_max_months", "languages", "is_free", "price_fi", "price_sv",
            "price_en", "accessibility_fi", "accessibility_sv", "accessibility_en", "starts_on", "start_time",
            "duration_minutes", "repeat", "repeat_until", "repeat_count", "extra_dates", "held_on_holidays", "registration",
            "capacity",
            "registration_opens_days", "registration_closes_hours", "waiting_list", "reminder_time", "asks_feedback",
            "cancelled",
        ]  # fmt: skip
        help_texts = {
            "reminder_time": _(
                "Registered families get a reminder the day before at this time, by e-mail or by text "
                "message. Empty: no reminder."
            ),
        }
        widgets = {
            "starts_on": DATE,
            "repeat_until": DATE,
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "reminder_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "languages": forms.CheckboxSelectMultiple,
            "description_fi": forms.Textarea(attrs={"rows": 4}),
            "description_sv": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            # The title and description in the public site's other languages, each written in its
            # own language and direction.
            **{
                f"{name}_{language}": widget(attrs={"lang": language, "dir": "auto", **extra})
                for language in MORE_PUBLIC_LANGUAGES
                for name, widget, extra in (
                    ("title", forms.TextInput, {}),
                    ("description", forms.Textarea, {"rows": 3}),
                )
            },
        }

    def __init__(self, *args, service, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = Location.objects.filter(
            organization=service.organization_id
        ).order_by("name_fi")
        self.instance.service = service


class OccurrenceChangeForm(forms.Form):
    action = forms.ChoiceField(
        label=_("This time"),
        choices=[("held", _("held as planned")), ("cancel", _("cancelled")), ("move", _("moved"))],
        widget=forms.RadioSelect,
    )
    new_start = forms.DateTimeField(
        label=_("New time"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    note = forms.CharField(label=_("Note for the participants"), max_length=300, required=False)
    tell_participants = forms.BooleanField(
        label=_("Tell the registered participants (by e-mail or text message)"), required=False, initial=True
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == "move" and not data.get("new_start"):
            self.add_error("new_start", _("Give the new time."))
        return data
