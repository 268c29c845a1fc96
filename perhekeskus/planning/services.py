"""Writes of the action plans: a plan and its parts (goals, measures, indicators), the figures entered
for an indicator, and comments on measures. Each change of a plan or its parts is in the plan's history
(selectors.source_of), removed parts included."""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import models, transaction

from perhekeskus.core import history
from perhekeskus.core.services import delete_tracked, save_tracked
from perhekeskus.network.models import Organization
from perhekeskus.planning.models import Goal, Indicator, IndicatorValue, Measure, MeasureComment, Plan
from perhekeskus.planning.selectors import plan_of, source_of


def plan_part_save(
    *,
    actor,
    instance: Plan | Goal | Measure | Indicator,
    values: Mapping[str, Any],
    relations: Mapping[str, Iterable[models.Model]] | None = None,
) -> Plan | Goal | Measure | Indicator:
    """Create (an unsaved `instance`) or update a plan, a goal, a measure or an indicator."""
    return save_tracked(
        instance=instance,
        values=values,
        relations=relations,
        actor=actor,
        source=source_of(plan_of(instance)),
    )


def plan_part_delete(*, actor, instance: Goal | Measure | Indicator) -> None:
    delete_tracked(instance=instance, actor=actor, source=source_of(plan_of(instance)))


@transaction.atomic
def indicator_value_add(*, actor, indicator: Indicator, on: datetime.date, value: Decimal) -> IndicatorValue:
    """The figure of an entered indicator on a day (replacing one entered for the same day)."""
    old = IndicatorValue.objects.select_for_update().filter(indicator=indicator, on=on).first()
    saved, _created = IndicatorValue.objects.update_or_create(
        indicator=indicator, on=on, defaults={"value": value, "entered_by": actor}
    )
    # A figure is a change of its indicator, in the plan's history (by its date, in any language).
    label = on.isoformat()
    history.record(
        instance=indicator,
        before={label: str(old.value)} if old else {},
        after={label: str(value)},
        actor=actor,
        source=source_of(indicator.goal.plan),
    )
    return saved


def measure_comment_add(
    *, actor, measure: Measure, organization: Organization | None, text: str
) -> MeasureComment:
    return MeasureComment.objects.create(measure=measure, author=actor, organization=organization, text=text)
