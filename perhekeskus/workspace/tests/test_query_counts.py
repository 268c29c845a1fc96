"""The workspace dashboard makes as many queries for an organisation with many listings, places and
members as for one with a few: no query per row (N+1)."""

from django.urls import reverse

from perhekeskus.catalog.tests import factories
from perhekeskus.core.tests.utils import queries_of
from perhekeskus.network.models import Membership
from perhekeskus.workspace.tests.conftest import make_user, people, sign_in  # noqa: F401


def test_the_dashboard_makes_no_query_per_listing(client, people, django_user_model):  # noqa: F811
    ours = people["ours"]
    sign_in(client, people["admin"])
    url = reverse("workspace:dashboard")
    client.get(url)
    few = queries_of(client, url)
    for n in range(6):
        service = factories.service(organization=ours, name_fi=f"Vertaisryhmä {n}")
        factories.delivery(service_obj=service)
        member = make_user(django_user_model, f"jasen{n}@example.fi")
        Membership.objects.create(user=member, organization=ours, role=Membership.Role.EDITOR)
    assert "Vertaisryhmä 5" in client.get(url).content.decode()
    assert queries_of(client, url) == few
