"""Who sees and does what in the action plans: the network's coordinators edit; everyone signed in
to the network (a member of one of its organisations, or a coordinator) reads; members of a
measure's responsible organisations comment on it."""

from django.db.models import Q, QuerySet

from perhekeskus.network.models import Network, Organization
from perhekeskus.network.selectors import networks_coordinated_by
from perhekeskus.planning.models import Measure, Plan


def readable_networks(user) -> QuerySet[Network]:
    if not (user.is_authenticated and user.is_active):
        return Network.objects.none()
    return Network.objects.filter(
        Q(organizations__memberships__user=user) | Q(coordinators__user=user)
    ).distinct()


def readable_plans(user) -> QuerySet[Plan]:
    return Plan.objects.filter(network__in=readable_networks(user)).select_related("network", "municipality")


def edits(user, plan: Plan) -> bool:
    return networks_coordinated_by(user).filter(pk=plan.network_id).exists()


def commenting_organizations(user, measure: Measure) -> QuerySet[Organization]:
    """The responsible organisations of the measure that the user is a member of."""
    return measure.responsible.filter(memberships__user=user)


def source_of(plan: Plan) -> str:
    """What every change of a plan and its parts is recorded with: the plan's history, removed parts
    included, is found by it."""
    return f"plan:{plan.pk}"
