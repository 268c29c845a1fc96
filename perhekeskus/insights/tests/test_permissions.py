"""Only the network's coordinators see its insights: every route, for everyone else."""

import pytest
from django.urls import URLPattern, reverse

from perhekeskus.insights import urls
from perhekeskus.insights.models import ReviewReminder
from perhekeskus.network.models import MunicipalityDirector
from perhekeskus.search.models import QueryLink
from perhekeskus.workspace.tests.conftest import make_user, sign_in

POSTS = {"remind", "query_link", "query_unlink", "director_remove"}


def _routes(small_network, link, reader):
    arguments = {
        "coverage": ["pk"], "coverage_csv": ["pk"], "freshness": ["pk"], "unmet": ["pk"], "usage": ["pk"],
        "questions": ["pk"],
        "municipality": ["pk", "422"], "report_pdf": ["pk", "422", "fi"], "report_xlsx": ["pk", "422", "sv"],
        "report_docx": ["pk", "422", "sv"],
        "remind": ["pk", small_network["county"].pk], "query_link": ["pk"], "query_unlink": ["pk", link.pk],
        "directors": ["pk"], "director_remove": ["pk", reader.pk], "index": [],
    }  # fmt: skip
    names = {p.name for p in urls.urlpatterns if isinstance(p, URLPattern)}
    assert names == set(arguments), "a new insights route needs a permission test"
    return [(name, reverse(f"insights:{name}", args=arguments[name])) for name in sorted(names)]


@pytest.fixture
def link(small_network):
    return QueryLink.objects.create(
        network=small_network["network"], query_key="kantoliina", query="kantoliina", synonym="uinti"
    )


@pytest.fixture
def reader(small_network, django_user_model):
    """Joensuu's committee secretary, whom only the network's coordinators may remove."""
    user = make_user(django_user_model, "secretary@joensuu.example.fi")
    return MunicipalityDirector.objects.create(user=user, municipality=small_network["joensuu"])


def _request(client, name, url):
    if name in POSTS:
        return client.post(url, {"query": "kaksoset", "service_type": "family-cafe"})
    return client.get(url)


def test_anonymous_people_are_sent_to_sign_in(client, small_network, link, reader):
    for name, url in _routes(small_network, link, reader):
        response = _request(client, name, url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("workspace:sign_in")), name
    assert QueryLink.objects.count() == 1
    assert not ReviewReminder.objects.exists()
    assert MunicipalityDirector.objects.filter(pk=reader.pk).exists()


@pytest.mark.parametrize("who", ["editor", "stranger"])
def test_members_and_other_networks_coordinators_are_refused(client, small_network, link, reader, who):
    sign_in(client, small_network[who])
    for name, url in _routes(small_network, link, reader):
        response = _request(client, name, url)
        expected = 403 if name == "index" and who == "editor" else 404
        if name == "index" and who == "stranger":
            expected = 302  # to the coverage of the network they do coordinate
        assert response.status_code == expected, (name, response.status_code)
    assert QueryLink.objects.count() == 1
    assert QueryLink.objects.get().synonym == "uinti"
    assert not ReviewReminder.objects.exists()
    assert MunicipalityDirector.objects.filter(pk=reader.pk).exists()


def test_the_networks_coordinator_may_use_every_page(client, small_network, link, reader):
    sign_in(client, small_network["coordinator"])
    for name, url in _routes(small_network, link, reader):
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


@pytest.fixture
def director(small_network, django_user_model):
    """Lieksa's welfare director: reads Lieksa's report and the network's coverage, nothing more."""
    user = make_user(django_user_model, "director@lieksa.example.fi")
    MunicipalityDirector.objects.create(user=user, municipality=small_network["lieksa"])
    return user


def test_a_municipal_director_reads_their_municipality_and_the_coverage_only(
    client, small_network, link, reader, director
):
    from perhekeskus.insights.models import ReportText

    sign_in(client, director)
    readable = {"coverage", "coverage_csv", "municipality", "report_pdf", "report_xlsx", "report_docx"}
    for name, url in _routes(small_network, link, reader):
        response = _request(client, name, url)
        if name == "index":
            assert response.url == reverse("insights:municipality", args=["pk", "422"])
        elif name in readable:
            assert response.status_code == 200, (name, response.status_code)
        else:
            assert response.status_code == 404, (name, response.status_code)
    # Another municipality's report is not theirs.
    for name, args in (("municipality", ["pk", "167"]), ("report_pdf", ["pk", "167", "fi"])):
        assert client.get(reverse(f"insights:{name}", args=args)).status_code == 404
    assert (
        client.post(reverse("insights:municipality", args=["pk", "167"]), {"summary_fi": "x"}).status_code
        == 404
    )
    # Their own item's summary and proposal they write.
    url = reverse("insights:municipality", args=["pk", "422"])
    assert client.post(url, {"proposal_fi": "Merkitään tiedoksi."}).status_code == 302
    assert ReportText.objects.get().proposal_fi == "Merkitään tiedoksi."
    # The coverage page links only the reports they may read; the menu has no coordinator's pages.
    page = client.get(reverse("insights:coverage", args=["pk"])).content.decode()
    assert reverse("insights:municipality", args=["pk", "422"]) in page
    assert reverse("insights:municipality", args=["pk", "167"]) not in page
    assert reverse("insights:freshness", args=["pk"]) not in page
    # Nothing else of the workspace opens up: no listings, no review queue, no referrals' audit.
    assert client.get(reverse("workspace:review_queue")).status_code in (403, 404)
    service = small_network["services"]["lieksa_clinic"]
    assert client.get(reverse("workspace:service_edit", args=[service.pk])).status_code == 404
    assert QueryLink.objects.get().synonym == "uinti" and not ReviewReminder.objects.exists()
    assert MunicipalityDirector.objects.filter(pk=reader.pk).exists()


def test_a_municipal_director_reads_the_plans_and_changes_none(client, small_network, director):
    from perhekeskus.planning.models import Plan

    network = small_network["network"]
    lieksa = Plan.objects.create(network=network, municipality=small_network["lieksa"], title_fi="Lieksan suunnitelma",
                                 starts=2026, ends=2027)  # fmt: skip
    common = Plan.objects.create(network=network, title_fi="Yhteinen suunnitelma", starts=2026, ends=2027)
    joensuu = Plan.objects.create(network=network, municipality=small_network["joensuu"], title_fi="Joensuun",
                                  starts=2026, ends=2027)  # fmt: skip
    sign_in(client, director)
    listing = client.get(reverse("planning:plan_list")).content.decode()
    assert (
        "Lieksan suunnitelma" in listing and "Yhteinen suunnitelma" in listing and "Joensuun" not in listing
    )
    assert client.get(reverse("planning:plan", args=[lieksa.pk])).status_code == 200
    assert client.get(reverse("planning:plan", args=[common.pk])).status_code == 200
    assert client.get(reverse("planning:plan", args=[joensuu.pk])).status_code == 404
    assert (
        client.post(reverse("planning:plan_edit", args=[lieksa.pk]), {"title_fi": "Muutettu"}).status_code
        == 403
    )
    assert Plan.objects.get(pk=lieksa.pk).title_fi == "Lieksan suunnitelma"
