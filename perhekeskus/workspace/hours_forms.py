"""The opening-hours editor's forms: the schedule's own fields, the week as a grid of times (a row for
each weekday, a pair of times for each period of the day) and the exceptions as rows of a table.

Refusals of catalog.services.schedule_save name the rule or exception by its place in the list it was
given ("rules[2]") or the whole list ("rules": two hours overlap); `take_errors` puts each on the cell
or row it is about, so that the page marks the right input."""

import re
from collections import defaultdict
from itertools import combinations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import formset_factory
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from perhekeskus.catalog.models import (
    OpeningRule,
    Schedule,
    ScheduleException,
    Weekday,
    check_rules_do_not_overlap,
)
from perhekeskus.core.forms import VersionedForm

PERIODS = 2  # periods a day the grid offers; more only when a day already has more
MOST_PERIODS = 8  # a posted grid wider than this is not one the page gave out
COPIED_WEEKDAYS = (1, 2, 3, 4)  # "copy Monday to Tuesday–Friday"
CELL = re.compile(r"(opens|closes)_(\d)_(\d+)")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ScheduleForm(VersionedForm):
    class Meta:
        model = Schedule
        fields = ["valid_from", "valid_to", "by_appointment", "closed_on_public_holidays", "description_fi",
                  "description_sv", "description_en"]  # fmt: skip
        widgets = {
            "valid_from": DATE,
            "valid_to": DATE,
            "description_fi": forms.Textarea(attrs={"rows": 2}),
            "description_sv": forms.Textarea(attrs={"rows": 2}),
            "description_en": forms.Textarea(attrs={"rows": 2}),
        }

    # The page lays the fields out in groups: dates side by side, the two choices, the descriptions.
    def dates(self) -> list:
        return [self["valid_from"], self["valid_to"]]

    def choices(self) -> list:
        return [self["by_appointment"], self["closed_on_public_holidays"]]

    def descriptions(self) -> list:
        return [self["description_fi"], self["description_sv"], self["description_en"]]


def _grid_key(name: str, day: int, period: int) -> str:
    return f"{name}_{day}_{period}"


class WeekForm(forms.Form):
    """The weekly hours as a grid: for each weekday up to `periods` pairs of times (9–11 and 12–16); a
    day left empty is closed. A closing time no later than the opening time is the next day's, so
    overnight hours need no box of their own. After validation `rules` holds the rows for
    schedule_save, and `cells` the (weekday, period) each came from."""

    def __init__(self, data=None, *, rules=(), prefix: str = "week", **kwargs) -> None:
        initial, per_day = {}, defaultdict(int)
        for rule in sorted(rules, key=lambda r: (r["weekday"], r["opens"])):
            day = rule["weekday"]
            initial[_grid_key("opens", day, per_day[day])] = rule["opens"]
            initial[_grid_key("closes", day, per_day[day])] = rule["closes"]
            per_day[day] += 1
        super().__init__(data, initial=initial, prefix=prefix, **kwargs)
        self.periods = max(PERIODS, *per_day.values(), self._posted_periods())
        self.rules: list[dict] = []
        self.cells: list[tuple[int, int]] = []
        for day, name in Weekday.choices:
            for period in range(self.periods):
                number = period + 1
                self.fields[_grid_key("opens", day, period)] = forms.TimeField(
                    required=False,
                    widget=TIME,
                    label=_("%(day)s opens, period %(number)s") % {"day": name, "number": number},
                )
                self.fields[_grid_key("closes", day, period)] = forms.TimeField(
                    required=False,
                    widget=TIME,
                    label=_("%(day)s closes, period %(number)s") % {"day": name, "number": number},
                )

    def _posted_periods(self) -> int:
        if not self.is_bound:
            return 0
        found = [
            int(match[3]) + 1
            for key in self.data
            if key.startswith(f"{self.prefix}-") and (match := CELL.fullmatch(key[len(self.prefix) + 1 :]))
        ]
        return min(max(found, default=0), MOST_PERIODS)

    @classmethod
    def data_for(cls, rules, prefix: str = "week") -> dict[str, str]:
        """The posted values of a grid that shows `rules` (copying another schedule's hours)."""
        data, per_day = {}, defaultdict(int)
        for rule in sorted(rules, key=lambda r: (r["weekday"], r["opens"])):
            day = rule["weekday"]
            data[f"{prefix}-{_grid_key('opens', day, per_day[day])}"] = rule["opens"].strftime("%H:%M")
            data[f"{prefix}-{_grid_key('closes', day, per_day[day])}"] = rule["closes"].strftime("%H:%M")
            per_day[day] += 1
        return data

    @classmethod
    def copy_monday(cls, data, prefix: str = "week") -> None:
        """Monday's periods to Tuesday–Friday in posted `data` (a mutable QueryDict); an empty Monday
        period empties theirs."""
        periods = cls(data, prefix=prefix).periods
        for period in range(periods):
            for name in ("opens", "closes"):
                monday = data.get(f"{prefix}-{_grid_key(name, 0, period)}", "")
                for day in COPIED_WEEKDAYS:
                    data[f"{prefix}-{_grid_key(name, day, period)}"] = monday

    @classmethod
    def replace(cls, data, rules, prefix: str = "week") -> None:
        """The grid in posted `data` replaced by `rules`."""
        for key in [k for k in data if k.startswith(f"{prefix}-")]:
            del data[key]
        data.update(cls.data_for(rules, prefix))

    def clean(self):
        data = super().clean()
        self.rules, self.cells = [], []
        for day in Weekday.values:
            for period in range(self.periods):
                names = (_grid_key("opens", day, period), _grid_key("closes", day, period))
                opens, closes = (data.get(name) for name in names)
                if opens is None and closes is None:
                    continue
                if opens is None or closes is None:
                    missing = names[0] if opens is None else names[1]
                    if missing not in self.errors:  # a time it could not read is marked already
                        self.add_error(missing, _("Give both times of the period, or leave both empty."))
                    continue
                # No later than it opens: it closes the next day (the model's rule for overnight hours).
                self.rules.append(
                    {"weekday": day, "opens": opens, "closes": closes, "closes_next_day": closes <= opens}
                )
                self.cells.append((day, period))
        return data

    def rows(self) -> list[dict]:
        """The grid for the page: each weekday with its periods (opening and closing time fields)."""
        return [
            {
                "weekday": day,
                "name": name,
                "periods": [
                    self._period(self[_grid_key("opens", day, p)], self[_grid_key("closes", day, p)])
                    for p in range(self.periods)
                ],
            }
            for day, name in Weekday.choices
        ]

    @staticmethod
    def _period(opens, closes) -> dict:
        def as_text(field) -> str:
            value = field.value()
            return value.strftime("%H:%M") if hasattr(value, "strftime") else str(value or "")

        start, end = as_text(opens), as_text(closes)
        overnight = bool(start and end and end <= start)
        return {"opens": opens, "closes": closes, "fields": [opens, closes], "overnight": overnight}

    def take_errors(self, error: ValidationError) -> dict:
        """Put schedule_save's refusal about the weekly rules on their cells; returns the rest."""
        if not hasattr(error, "error_dict"):
            return {"__all__": error.messages}
        rest = {}
        for key, problems in error.message_dict.items():
            if (match := re.fullmatch(r"rules\[(\d+)\]", key)) and int(match[1]) < len(self.cells):
                day, period = self.cells[int(match[1])]
                self.add_error(_grid_key("closes", day, period), problems)
            elif key == "rules" and (overlapping := self._overlapping()):
                for day, period in overlapping:
                    self.add_error(_grid_key("opens", day, period), problems)
            else:
                rest[key] = problems
        return rest

    def _overlapping(self) -> list[tuple[int, int]]:
        """The cells of the periods that overlap another, by the model's own check on each pair."""
        rules = [OpeningRule(**row) for row in self.rules]
        found = set()
        for first, second in combinations(range(len(rules)), 2):
            try:
                check_rules_do_not_overlap([rules[first], rules[second]])
            except ValidationError:
                found |= {self.cells[first], self.cells[second]}
        return sorted(found)


class ExceptionForm(forms.ModelForm):
    class Meta:
        model = ScheduleException
        fields = ["date", "closed", "opens", "closes", "reason_fi", "reason_sv", "reason_en"]
        widgets = {"date": DATE, "opens": TIME, "closes": TIME}

    def hours_fields(self) -> list:
        return [self["closed"], self["opens"], self["closes"]]

    def other_reasons(self) -> list:
        return [self["reason_sv"], self["reason_en"]]


class BaseExceptionFormSet(forms.BaseFormSet):
    def kept(self) -> list[dict]:
        """The rows to keep: every stored row not marked for removal, and the new rows filled in (an
        empty extra row is left out)."""
        self.kept_forms = [
            form
            for index, form in enumerate(self.forms)
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and (index < self.initial_form_count() or form.has_changed())
        ]
        return [{k: v for k, v in form.cleaned_data.items() if k != "DELETE"} for form in self.kept_forms]

    def take_errors(self, rest: dict) -> dict:
        """Put schedule_save's refusal about exceptions on their rows (`kept()` gave the order)."""
        left = {}
        for key, problems in rest.items():
            match = re.fullmatch(r"exceptions\[(\d+)\]", key)
            if match and int(match[1]) < len(self.kept_forms):
                self.kept_forms[int(match[1])].add_error(None, problems)
            elif key == "exceptions" and (twice := self._same_date()):
                for form in twice:
                    form.add_error("date", problems)
            else:
                left[key] = problems
        return left

    def _same_date(self) -> list:
        dates = [form.cleaned_data.get("date") for form in self.kept_forms]
        return [form for form, date in zip(self.kept_forms, dates, strict=True) if dates.count(date) > 1]


# Three empty rows; "add more rows" shows three more without saving.
EXCEPTION_ROWS = 3
ExceptionFormSet = formset_factory(
    ExceptionForm, formset=BaseExceptionFormSet, extra=EXCEPTION_ROWS, can_delete=True
)


def schedule_label(schedule: Schedule) -> str:
    """A schedule as a choice: its place (or way of offering), service and validity."""
    delivery = schedule.delivery
    place = delivery.location.name if delivery.location_id else delivery.mode.name
    label = f"{place} – {delivery.service.name}"
    if schedule.valid_from or schedule.valid_to:
        start, end = (date_format(d, "j.n.Y") if d else "…" for d in (schedule.valid_from, schedule.valid_to))
        label += f" ({start}–{end})"
    return label


class CopyFromForm(forms.Form):
    """Another schedule whose weekly hours to copy into the grid: one of the same organisation that the
    person may edit (the view refuses any other)."""

    source = forms.ModelChoiceField(
        queryset=Schedule.objects.none(), label=_("Copy from another place"), empty_label=None
    )

    def __init__(self, *args, choices: QuerySet[Schedule], **kwargs) -> None:
        super().__init__(*args, prefix="copy", **kwargs)
        self.fields["source"].queryset = choices
        self.fields["source"].label_from_instance = schedule_label
