"""Who comments on what in the action plans, and a plan's history. Who reads and who edits a plan is
Plan.objects.readable_by / editable_by: everyone signed in to the network (a member of one of its
organisations, or a coordinator) reads; the network's coordinators edit; members of a measure's
responsible organisations comment on it."""

from django.db.models import Prefetch, Q, QuerySet

from perhekeskus.network.models import Municipality, Organization
from perhekeskus.planning.indicators import figures
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


def public_plans(municipality: Municipality) -> list[dict]:
    """The plans on the municipality's public page: its own and its network's common ones that a
    coordinator made public, each with its public goals, their measures (with status and who is
    responsible) and indicators (with their latest figures)."""
    plans = (
        Plan.objects.filter(public=True, network=municipality.network_id)
        .filter(Q(municipality=municipality) | Q(municipality__isnull=True))
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.filter(public=True)),
            "goals__measures__responsible",
            "goals__indicators__values",
        )
        .order_by("municipality", "-starts")
    )
    return [
        {
            "plan": plan,
            "goals": [
                {
                    "goal": goal,
                    "measures": list(goal.measures.all()),
                    "indicators": [figures(indicator) for indicator in goal.indicators.all()],
                }
                for goal in plan.goals.all()
            ],
        }
        for plan in plans
    ]
