"""Who comments on what in the action plans, and a plan's history. Who reads and who edits a plan is
Plan.objects.readable_by / editable_by: everyone signed in to the network (a member of one of its
organisations, or a coordinator) reads; the network's coordinators edit; members of a measure's
responsible organisations comment on it."""

from django.db.models import QuerySet

from perhekeskus.network.models import Organization
from perhekeskus.planning.models import Goal, Measure, Plan


def commenting_organizations(user, measure: Measure) -> QuerySet[Organization]:
    """The responsible organisations of the measure that the user is a member of."""
    return measure.responsible.joined_by(user)


def plan_of(instance) -> Plan:
    """The plan of a plan, a goal, a measure or an indicator."""
    if isinstance(instance, Plan):
        return instance
    if isinstance(instance, Goal):
        return instance.plan
    return instance.goal.plan


def source_of(plan: Plan) -> str:
    """What every change of a plan and its parts is recorded with: the plan's history, removed parts
    included, is found by it."""
    return f"plan:{plan.pk}"
