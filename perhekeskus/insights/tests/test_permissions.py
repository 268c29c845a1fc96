"""Only the network's coordinators see its insights: every route, for everyone else."""

import pytest
from django.urls import URLPattern, reverse

from perhekeskus.insights import urls
from perhekeskus.insights.models import ReviewReminder
from perhekeskus.search.models import QueryLink
from perhekeskus.workspace.tests.conftest import sign_in

POSTS = {"remind", "query_link", "query_unlink"}


def _routes(small_network, link):
    arguments = {
        "coverage": ["pk"], "coverage_csv": ["pk"], "freshness": ["pk"], "unmet": ["pk"], "usage": ["pk"],
        "municipality": ["pk", "422"], "report_pdf": ["pk", "422", "fi"], "report_xlsx": ["pk", "422", "sv"],
        "report_docx": ["pk", "422", "sv"],
        "remind": ["pk", small_network["county"].pk], "query_link": ["pk"], "query_unlink": ["pk", link.pk],
        "index": [],
    }  # fmt: skip
    names = {p.name for p in urls.urlpatterns if isinstance(p, URLPattern)}
    assert names == set(arguments), "a new insights route needs a permission test"
    return [(name, reverse(f"insights:{name}", args=arguments[name])) for name in sorted(names)]


@pytest.fixture
def link(small_network):
    return QueryLink.objects.create(
        network=small_network["network"], query_key="kantoliina", query="kantoliina", synonym="uinti"
    )


def _request(client, name, url):
    if name in POSTS:
        return client.post(url, {"query": "kaksoset", "service_type": "family-cafe"})
    return client.get(url)


def test_anonymous_people_are_sent_to_sign_in(client, small_network, link):
    for name, url in _routes(small_network, link):
        response = _request(client, name, url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("workspace:sign_in")), name
    assert QueryLink.objects.count() == 1
    assert not ReviewReminder.objects.exists()


@pytest.mark.parametrize("who", ["editor", "stranger"])
def test_members_and_other_networks_coordinators_are_refused(client, small_network, link, who):
    sign_in(client, small_network[who])
    for name, url in _routes(small_network, link):
        response = _request(client, name, url)
        expected = 403 if name == "index" and who == "editor" else 404
        if name == "index" and who == "stranger":
            expected = 302  # to the coverage of the network they do coordinate
        assert response.status_code == expected, (name, response.status_code)
    assert QueryLink.objects.count() == 1
    assert QueryLink.objects.get().synonym == "uinti"
    assert not ReviewReminder.objects.exists()


def test_the_networks_coordinator_may_use_every_page(client, small_network, link):
    sign_in(client, small_network["coordinator"])
    for name, url in _routes(small_network, link):
        response = _request(client, name, url)
        assert response.status_code in (200, 302), (name, response.status_code)
    assert client.get(reverse("insights:index")).url == reverse("insights:coverage", args=["pk"])


def test_a_municipality_outside_the_network_and_unknown_languages_are_not_found(client, small_network):
    sign_in(client, small_network["coordinator"])
    assert client.get(reverse("insights:municipality", args=["pk", "260"])).status_code == 404
    assert client.get(reverse("insights:report_pdf", args=["pk", "422", "de"])).status_code == 404
    assert client.get(reverse("insights:report_xlsx", args=["pk", "260", "fi"])).status_code == 404


def test_reminders_and_links_need_a_post(client, small_network, link):
    sign_in(client, small_network["coordinator"])
    assert client.get(reverse("insights:remind", args=["pk", small_network["county"].pk])).status_code == 405
    assert client.get(reverse("insights:query_unlink", args=["pk", link.pk])).status_code == 405
    assert QueryLink.objects.exists()
