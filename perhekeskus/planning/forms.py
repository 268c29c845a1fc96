from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from perhekeskus.network.models import Organization
from perhekeskus.planning.models import Goal, Indicator, IndicatorValue, Measure, Plan

TEXT_ROWS = {"rows": 4}


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["title_fi", "title_sv", "title_en", "municipality", "starts", "ends", "public"]

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = network.municipalities.order_by("name_fi")
        self.fields["municipality"].empty_label = _("The whole network")

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and ends < starts:
            self.add_error("ends", _("The last year cannot come before the first."))
        return data


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = [
            "title_fi",
            "title_sv",
            "title_en",
            "description_fi",
            "description_sv",
            "description_en",
            "position",
            "public",
        ]
        widgets = {f"description_{code}": forms.Textarea(attrs=TEXT_ROWS) for code in ("fi", "sv", "en")}


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = [
            "title_fi", "title_sv", "title_en", "description_fi", "description_sv", "description_en",
            "schedule", "status", "responsible",
        ]  # fmt: skip
        widgets = {
            **{f"description_{code}": forms.Textarea(attrs=TEXT_ROWS) for code in ("fi", "sv", "en")},
            "responsible": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = Organization.objects.filter(networks=network).order_by(
            "name_fi"
        )


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name_fi", "name_sv", "name_en", "source", "unit", "target"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Figures of one kind make one history: the source stays once there are figures.
        if self.instance.pk and self.instance.values.exists():
            self.fields["source"].disabled = True
            self.fields["source"].help_text = _("Fixed: the indicator has figures.")


class IndicatorValueForm(forms.ModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["on", "value"]
        widgets = {"on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].min_value = 0
        self.fields["value"].validators.append(MinValueValidator(0))


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
