"""Unmet needs: searches grouped by their words' base forms, clicks, and coordinators' links."""

import datetime
import re
from html import unescape
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from perhekeskus.catalog.tests import factories
from perhekeskus.insights import usage
from perhekeskus.search import indexing
from perhekeskus.search.models import QueryLink, SearchLog
from perhekeskus.search.query import grouping_key
from perhekeskus.search.services import click_token
from perhekeskus.workspace.tests.conftest import sign_in

SEARCH = "/api/v1/search"
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"}


def year_ago():
    return timezone.now() - datetime.timedelta(days=365)


@pytest.mark.parametrize(
    ("variants", "key"),
    [
        (["kantoliina", "kantoliinaan", "Kantoliinat", "kantoliinassa"], "kantoliina"),
        (["perhekahvila", "perhekahvilaan", "perhekahviloissa Joensuussa", "PERHEKAHVILAT"], "perhekahvila"),
        (["eroperheen tukea", "eroperheiden tuki", "tuki eroperheille"], "eroperhe tuki"),
    ],
)
def test_inflected_variants_of_a_query_share_a_key(db, variants, key):
    assert {grouping_key(text) for text in variants} == {key}


def test_searches_are_logged_with_their_key_and_municipality(client, small_network):
    client.get(SEARCH, {"q": "kantoliinaan Lieksassa"})
    client.get(SEARCH, {"q": "kantoliina", "municipality": "422"})
    client.get(SEARCH, {"q": "kantoliinat", "municipality": ["422", "167"]})
    client.get(SEARCH, {"q": "kantoliina", "page": 2})  # paging is no new search
    logs = list(SearchLog.objects.order_by("pk"))
    assert [(log.query_key, log.municipality, log.result_count) for log in logs] == [
        ("kantoliina", "422", 0),
        ("kantoliina", "422", 0),
        ("kantoliina", "", 0),
    ]


def test_inflected_searches_group_together_with_the_worst_first(client, small_network):
    for text in (
        "kantoliina",
        "kantoliinaan",
        "Kantoliinat",
        "perheneuvola",
        "perheneuvolaan",
        "lastenneuvola",
    ):
        client.get(SEARCH, {"q": text})
    rows = usage.unmet_needs(small_network["network"], year_ago())
    by_key = {row["query_key"]: row for row in rows}
    assert rows[0]["query_key"] == "kantoliina"
    assert by_key["kantoliina"]["searches"] == 3
    assert by_key["kantoliina"]["no_results"] == 3
    # Found (one result each) by the API, whose clicks are unknown: no unmet need.
    assert "perheneuvola" not in by_key
    # Searched once: a person, not a need.
    assert "lastenneuvola" not in by_key


def test_a_result_opened_from_the_search_page_counts_as_a_click(client, small_network):
    response = client.get("/search/", {"q": "perheneuvola"}, **BROWSER)
    log = SearchLog.objects.get()
    assert log.clicks == 0
    service = small_network["services"]["counselling"]
    link = f"/services/{service.pk}/?{urlencode({'from_search': click_token(log)})}"
    assert link.replace("&", "&amp;") in response.content.decode()
    assert client.get(link, **BROWSER).status_code == 200
    log.refresh_from_db()
    assert log.clicks == 1
    # Robots neither click nor view.
    client.get(link, HTTP_USER_AGENT="Googlebot/2.1")
    log.refresh_from_db()
    assert log.clicks == 1
    assert service.views.get().views == 1


def test_an_api_search_has_unknown_clicks_and_is_never_nothing_opened(client, small_network):
    for _ in range(2):
        client.get(SEARCH, {"q": "perheneuvola"})
    assert {log.clicks for log in SearchLog.objects.all()} == {None}
    assert usage.unmet_needs(small_network["network"], year_ago()) == []


def test_a_search_changed_into_one_whose_result_was_opened_is_no_unmet_need(client, small_network):
    from django.test import Client

    first = client.get("/search/", {"q": "lastenneuvola"}, **BROWSER).content.decode()
    token = re.search(r'name="from_search" value="([^"]+)"', first).group(1)
    changed = client.get("/search/", {"q": "perheneuvola", "from_search": token}, **BROWSER).content.decode()
    earlier, later = SearchLog.objects.order_by("pk")
    assert earlier.result_count > 0 and later.refines == earlier.key
    client.get(_links(changed, r"^/services/.*from_search=")[0], **BROWSER)
    earlier.refresh_from_db()
    later.refresh_from_db()
    assert (earlier.clicks, later.clicks, earlier.refined_and_opened) == (0, 1, True)
    # Someone else finds clinics, opens none and tries nothing else: that search is an unmet need.
    Client().get("/search/", {"q": "lastenneuvolat"}, **BROWSER)
    # And one that found nothing is, whatever followed.
    Client().get("/search/", {"q": "kantoliina"}, **BROWSER)
    rows = {
        r["query_key"]: r for r in usage.unmet_needs(small_network["network"], year_ago(), min_searches=1)
    }
    assert (rows["lastenneuvola"]["searches"], rows["lastenneuvola"]["not_opened"]) == (2, 1)
    assert rows["lastenneuvola"]["no_results"] == 0
    assert "perheneuvola" not in rows
    assert (rows["kantoliina"]["no_results"], rows["kantoliina"]["not_opened"]) == (1, 0)
    # The page says why each is listed.
    sign_in(client, small_network["coordinator"])
    page = client.get("/workspace/insights/pk/unmet-needs/").content.decode()
    assert "löytyi tuloksia, mutta mitään ei avattu" in page or "mitään löydettyä ei avattu" in page


def test_a_need_left_unmet_once_in_many_searches_is_not_reported(small_network):
    # "neuvola": four searches, one of them opened nothing; "kantoliina": three, two found nothing.
    for query, count, clicks in (
        ("neuvola", 3, 1),
        ("neuvola", 1, 0),
        ("kantoliina", 2, 0),
        ("kantoliina", 1, 1),
    ):
        for _ in range(count):
            SearchLog.objects.create(query=query, query_key=query, language="fi", filters={}, clicks=clicks,
                                     result_count=0 if query == "kantoliina" and not clicks else 4)  # fmt: skip
    network = small_network["network"]
    assert {r["query_key"] for r in usage.unmet_needs(network, year_ago(), min_searches=3)} == {
        "neuvola",
        "kantoliina",
    }
    # The committee report lists only needs left unmet more than once.
    reported = usage.unmet_needs(network, year_ago(), min_searches=3, min_unmet=2)
    assert [(r["query_key"], r["searches"], r["no_results"]) for r in reported] == [("kantoliina", 3, 2)]


def test_forged_old_and_bad_click_tokens_are_ignored(client, small_network):
    log = SearchLog.objects.create(query="x", language="fi", filters={}, result_count=1)
    old = SearchLog.objects.create(query="x", language="fi", filters={}, result_count=1)
    SearchLog.objects.filter(pk=old.pk).update(searched_at=timezone.now() - datetime.timedelta(days=2))
    service = small_network["services"]["counselling"]
    for value in (str(log.pk), f"{log.pk}:forged", click_token(old), "abc", ""):
        assert client.get(f"/services/{service.pk}/", {"from_search": value}, **BROWSER).status_code == 200
    assert [log.clicks for log in SearchLog.objects.order_by("pk")] == [0, 0]


def _links(html: str, pattern: str) -> list[str]:
    return [
        unescape(href) for href in re.findall(r'href="([^"]*)"', html) if re.search(pattern, unescape(href))
    ]


def test_paging_refining_and_coming_back_continue_one_search(client, small_network):
    county = small_network["county"]
    for n in range(21):
        offered = factories.service(
            organization=county, name_fi=f"Neuvola {n}", types=("child-health-clinic",)
        )
        factories.delivery(service_obj=offered, mode="online", municipalities=[small_network["lieksa"]])
    indexing.rebuild()
    first = client.get("/search/", {"q": "neuvola"}, **BROWSER).content.decode()
    log = SearchLog.objects.get()
    second = client.get(_links(first, r"page=2")[0], **BROWSER).content.decode()
    back = _links(second, r"^/search/\?q=neuvola&from_search=")
    assert back, "the first page's link carries the search"
    client.get(back[0], **BROWSER)
    # A filter changed on the page (the form carries the search) is the same search refined.
    token = re.search(r'name="from_search" value="([^"]+)"', second).group(1)
    refined = client.get(
        "/search/", {"q": "neuvolaan", "municipality": "422", "from_search": token}, **BROWSER
    )
    assert SearchLog.objects.count() == 1
    # A result opened from the second page counts for the search.
    client.get(_links(second, r"^/services/.*from_search=")[0], **BROWSER)
    client.get(_links(refined.content.decode(), r"^/services/.*from_search=")[0], **BROWSER)
    log.refresh_from_db()
    assert log.clicks == 2
    # Other words are a new search.
    client.get("/search/", {"q": "perhekahvila", "from_search": token}, **BROWSER)
    assert SearchLog.objects.count() == 2


def test_by_municipality_and_month(client, small_network):
    network = small_network["network"]
    for _ in range(2):
        client.get(SEARCH, {"q": "kantoliina", "municipality": "422"})
        client.get(SEARCH, {"q": "kaksoset", "municipality": "167"})
        old = SearchLog.objects.create(
            query="kaksoset", query_key="kaksonen", language="fi", filters={}, result_count=0
        )
        last_month = usage.first_of_month(timezone.localdate()) - datetime.timedelta(days=3)
        SearchLog.objects.filter(pk=old.pk).update(
            searched_at=usage.start_of(last_month) + datetime.timedelta(hours=12)
        )
    assert [r["query_key"] for r in usage.unmet_needs(network, year_ago(), municipality_code="422")] == [
        "kantoliina"
    ]
    this_month = usage.first_of_month(timezone.localdate())
    assert {r["query_key"] for r in usage.unmet_needs(network, year_ago(), month=this_month)} == {
        "kantoliina", "kaksonen",
    }  # fmt: skip
    assert [
        r["query_key"] for r in usage.unmet_needs(network, year_ago(), month=usage.first_of_month(last_month))
    ] == ["kaksonen"]


def test_a_network_sees_only_searches_in_its_municipalities_or_in_none(client, small_network):
    for _ in range(2):
        client.get(SEARCH, {"q": "kantoliina", "municipality": "260"})  # Kitee: another network's
        client.get(SEARCH, {"q": "kaksoset"})
    assert [r["query_key"] for r in usage.unmet_needs(small_network["network"], year_ago())] == ["kaksonen"]


def test_a_coordinator_links_a_query_to_a_service_type_and_it_is_found(
    client, small_network, django_capture_on_commit_callbacks
):
    assert client.get(SEARCH, {"q": "kantoliinaan"}).json()["total"] == 0
    sign_in(client, small_network["coordinator"])
    # The search API's kept answers are forgotten when a link is committed (core.public_cache).
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/workspace/insights/pk/unmet-needs/link/",
            {"query": "kantoliinat", "service_type": "parenting-support"},
        )
    assert response.status_code == 302
    link = QueryLink.objects.get()
    assert (link.query_key, link.service_type.code, link.created_by) == (
        "kantoliina", "parenting-support", small_network["coordinator"],
    )  # fmt: skip
    found = client.get(SEARCH, {"q": "kantoliinaan"}).json()
    assert [r["name"] for r in found["results"]] == ["Vanhempien chat"]
    # A family that chose other types is not overruled.
    assert client.get(SEARCH, {"q": "kantoliina", "service_type": "family-cafe"}).json()["total"] == 0
    # A query that finds something as typed is searched as typed, link or not.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/workspace/insights/pk/unmet-needs/link/",
            {"query": "perheneuvola", "service_type": "family-cafe"},
        )
    assert [r["name"] for r in client.get(SEARCH, {"q": "perheneuvolaan"}).json()["results"]] == [
        "Perheneuvola"
    ]
    QueryLink.objects.filter(query_key="perheneuvola").delete()
    # The search page tells the family what it shows.
    page = client.get("/search/", {"q": "kantoliinaan"}).content.decode()
    assert "Vanhempien chat" in page and "näytetään palvelutyypin ”Vanhemmuuden tuki” palvelut" in page
    # Removing the link: the query is searched as typed again.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/workspace/insights/pk/unmet-needs/link/{link.pk}/remove/")
    assert not QueryLink.objects.exists()
    assert client.get(SEARCH, {"q": "kantoliinaan"}).json()["total"] == 0


def test_a_coordinator_links_a_query_to_a_synonym(client, small_network, django_capture_on_commit_callbacks):
    assert client.get(SEARCH, {"q": "kaksosille"}).json()["total"] == 0
    sign_in(client, small_network["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/workspace/insights/pk/unmet-needs/link/", {"query": "kaksoset", "synonym": "perheneuvola"}
        )
    assert QueryLink.objects.get().synonym == "perheneuvola"
    found = client.get(SEARCH, {"q": "kaksosille"}).json()
    assert [r["name"] for r in found["results"]] == ["Perheneuvola"]
    page = client.get("/search/", {"q": "kaksosille"}).content.decode()
    assert "näytetään tulokset haulle ”perheneuvola”" in page


def test_a_link_that_finds_nothing_either_is_not_shown(client, small_network):
    QueryLink.objects.create(
        network=small_network["network"], query_key="kaksonen", query="kaksoset", synonym="perheneuvola"
    )
    # Nurmes has no family counselling: the family sees "no results", not the link's notice.
    page = client.get("/search/", {"q": "kaksoset", "municipality": "541"}).content.decode()
    assert "perhekeskus ehdottaa" not in page


def test_networks_that_link_a_query_alike_agree(client, small_network):
    other = small_network["stranger"].coordinator_of.get().network
    for network in (small_network["network"], other):
        QueryLink.objects.create(
            network=network, query_key="kaksonen", query="kaksoset", synonym="Perheneuvola"
        )
    assert client.get(SEARCH, {"q": "kaksoset"}).json()["total"] == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"query": "kantoliina"}, "Choose a service type or write a word"),
        ({"query": "kantoliina", "service_type": "family-cafe", "synonym": "kahvila"}, "not both"),
        ({"query": "kantoliina", "synonym": "kantoliinaan"}, "another word than the query"),
        ({"query": "kantoliina", "synonym": "sukellusvene"}, "finds no services either"),
        ({"query": "kantoliina", "synonym": "!!!"}, "Write a word to search instead"),
        ({"query": "kantoliina", "service_type": "no-such-type"}, "Select a valid choice"),
        ({"query": "ja", "service_type": "family-cafe"}, "no words to link"),
        ({"query": "", "service_type": "family-cafe"}, "required"),
    ],
)
def test_a_bad_link_is_refused_with_a_reason(client, small_network, data, message):
    sign_in(client, small_network["coordinator"])
    response = client.post("/en/workspace/insights/pk/unmet-needs/link/", data, follow=True)
    assert not QueryLink.objects.exists()
    assert message in response.content.decode()


def test_links_belong_to_their_network(client, small_network):
    link = QueryLink.objects.create(
        network=small_network["network"], query_key="kantoliina", query="kantoliina", synonym="perheneuvola"
    )
    other = small_network["stranger"].coordinator_of.get().network
    QueryLink.objects.create(network=other, query_key="kaksonen", query="kaksoset", synonym="perheneuvola")
    sign_in(client, small_network["stranger"])
    # Another network's coordinator cannot remove or overwrite it through their own network.
    assert client.post(f"/workspace/insights/other/unmet-needs/link/{link.pk}/remove/").status_code == 404
    client.post(
        "/workspace/insights/other/unmet-needs/link/", {"query": "kantoliina", "service_type": "family-cafe"}
    )
    link.refresh_from_db()
    assert link.synonym == "perheneuvola"
    # Searches in the network's municipalities follow its own link only.
    found = client.get(SEARCH, {"q": "kantoliina", "municipality": "422"}).json()
    assert [r["name"] for r in found["results"]] == ["Perheneuvola"]
    assert client.get(SEARCH, {"q": "kaksoset", "municipality": "422"}).json()["total"] == 0
    # Not limited to a municipality, two networks disagree on "kantoliina": searched as typed.
    assert client.get(SEARCH, {"q": "kantoliina"}).json()["total"] == 0
