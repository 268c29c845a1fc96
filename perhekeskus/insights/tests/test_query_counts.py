"""The coverage matrix makes as many queries for a network with many services as for a small one: no
query per service, type or municipality (N+1)."""

from django.urls import reverse

from perhekeskus.catalog.tests import factories
from perhekeskus.conftest import sign_in_with_both_factors
from perhekeskus.core.tests.utils import queries_of


def test_the_coverage_matrix_makes_no_query_per_service(client, small_network):
    sign_in_with_both_factors(client, small_network["coordinator"])
    url = reverse("insights:coverage", args=[small_network["network"].slug])
    client.get(url)
    few = queries_of(client, url)
    municipalities = [small_network["lieksa"], small_network["joensuu"], small_network["nurmes"]]
    for n, types in enumerate([("speech-therapy",), ("family-work", "peer-support"), ("family-club",)] * 3):
        service = factories.service(organization=small_network["ngo"], name_fi=f"Palvelu {n}", types=types)
        factories.delivery(service_obj=service, mode="online", municipalities=municipalities)
    assert queries_of(client, url) == few
