"""Long lists of choices a person can find their way in: checkboxes in named groups, each folded
unless something in it is chosen, with a filter box that site.js switches on."""

from collections.abc import Callable

from django import forms


class ChoicePicker(forms.CheckboxSelectMultiple):
    """Checkboxes grouped by `group_of(instance)` (groups in the order they first appear), each group
    a disclosure, open when one of its boxes is ticked or when it is the only group."""

    template_name = "workspace/widgets/choice_picker.html"
    FILTER_FROM = 12

    def __init__(self, group_of: Callable[[object], str] | None = None, attrs=None) -> None:
        super().__init__(attrs)
        self.group_of = group_of

    def optgroups(self, name, value, attrs=None):
        groups: dict[str, list] = {}
        for _group, options, _index in super().optgroups(name, value, attrs):
            for option in options:
                instance = getattr(option["value"], "instance", None)
                label = str(self.group_of(instance)) if self.group_of and instance is not None else ""
                groups.setdefault(label, []).append(option)
        return [(label, options, index) for index, (label, options) in enumerate(groups.items())]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        groups = context["widget"]["groups"] = [
            {
                "label": label,
                "options": options,
                "chosen": [option["label"] for option in options if option["selected"]],
            }
            for label, options, _index in context["widget"]["optgroups"]
        ]
        for group in groups:  # a list of one group has nothing to fold away
            group["open"] = bool(group["chosen"]) or len(groups) == 1
        # A filter box helps in a long list only.
        context["widget"]["filterable"] = sum(len(group["options"]) for group in groups) > self.FILTER_FROM
        return context
