"""Search and service pages kept for visitors who bring nothing of their own (web.page_cache): a later
visitor gets the kept page with tokens of their own, every change of what it shows is on the next
page, and whoever brings something of their own (a list, a municipality, a sign-in) gets a page made
for them."""

import datetime
import gzip
import re
from html import unescape
from urllib.parse import unquote

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from perhekeskus.activities.services import activity_save
from perhekeskus.catalog import services
from perhekeskus.catalog.models import Publication
from perhekeskus.core import gzipped
from perhekeskus.core.preferences import HOME_MUNICIPALITY_COOKIE
from perhekeskus.network.models import Network
from perhekeskus.search import selectors as search_selectors
from perhekeskus.search.models import SearchLog
from perhekeskus.web import my_list

pytestmark = pytest.mark.django_db

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"}
SEARCH = "/search/?q=perhekahvila"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _visit(path: str, client: Client | None = None):
    """A new visitor (a client of their own, no cookies) unless `client` is given."""
    response = (client or Client()).get(path, **BROWSER)
    assert response.status_code == 200
    return response


def _read_the_index(queries) -> bool:
    return any("search_searchdocument" in q["sql"] or "search_fts" in q["sql"] for q in queries)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as if its transaction committed: what waits for the commit (the cache moving on)
    runs. Earlier writes of the test wait for a commit that a test never makes: dropped first."""

    def run(change) -> None:
        connection.run_on_commit.clear()
        with django_capture_on_commit_callbacks(execute=True):
            change()

    return run


def _result_link(html: str, service) -> str:
    [link] = {unescape(found) for found in re.findall(rf'href="(/services/{service.pk}/\?[^"]+)"', html)}
    return link


def test_a_later_visitor_gets_the_kept_page_with_a_search_and_tokens_of_their_own(network):
    # In the same minute (a page is kept for its minute): the clock stands still.
    with time_machine.travel(timezone.now(), tick=False):
        first = _visit(SEARCH).content.decode()
        later_visitor = Client(enforce_csrf_checks=True)
        with CaptureQueriesContext(connection) as queries:
            later = _visit(SEARCH, later_visitor).content.decode()
    assert not _read_the_index(queries.captured_queries)  # kept, not searched again
    assert "<@" not in later
    cafe = network["cafe"]
    assert "Perhekahvila Pesä" in later
    # Each visit is a search of its own in the log, and its result links carry its own click token.
    assert SearchLog.objects.count() == 2
    first_link, later_link = _result_link(first, cafe), _result_link(later, cafe)
    assert first_link != later_link
    first_token = first_link.split("from_search=")[1]
    assert first_token not in later and unquote(first_token) not in later
    _visit(later_link, later_visitor)
    assert sorted(SearchLog.objects.values_list("clicks", flat=True)) == [0, 1]
    # Its forms carry a CSRF token of its own, which its own cookie accepts.
    assert set(TOKEN.findall(later)).isdisjoint(TOKEN.findall(first))
    added = later_visitor.post(
        "/my-list/change/",
        {"csrfmiddlewaretoken": TOKEN.findall(later)[0], "action": "add", "service": cafe.pk},
    )
    assert added.status_code == 302
    assert my_list.parse(later_visitor.cookies[my_list.COOKIE].value) == [str(cafe.pk)]


def _without_tokens(html: str, network) -> str:
    html = TOKEN.sub("", html)
    if "from_search=" in html:
        token = _result_link(html, network["cafe"]).split("from_search=")[1]
        html = html.replace(token, "").replace(unquote(token), "")
    return html


@pytest.mark.parametrize("path", [SEARCH, "service"])
def test_a_kept_page_is_sent_compressed_with_the_visits_own_tokens(network, path):
    path = f"/services/{network['cafe'].pk}/" if path == "service" else path
    with time_machine.travel(timezone.now(), tick=False):
        # The visit that makes the page gets it as made (compressed by GZipMiddleware); the page is
        # kept, compressed, once the response has gone.
        first_visitor = Client(enforce_csrf_checks=True)
        made = first_visitor.get(path, HTTP_ACCEPT_ENCODING="gzip", **BROWSER)
        assert made.content[:10] != gzipped._HEADER
        first = gzip.decompress(made.content).decode()
        assert "<@" not in first
        added = first_visitor.post(
            "/my-list/change/",
            {"csrfmiddlewaretoken": TOKEN.findall(first)[0], "action": "add", "service": network["cafe"].pk},
        )
        assert added.status_code == 302
        compressed = Client().get(path, HTTP_ACCEPT_ENCODING="gzip, deflate, br", **BROWSER)
        plain = _visit(path)
    assert compressed["Content-Encoding"] == "gzip" and "Accept-Encoding" in compressed["Vary"]
    # Compressed when kept (core.gzipped), not as it went out (GZipMiddleware names no file).
    assert compressed.content[:10] == gzipped._HEADER
    assert int(compressed["Content-Length"]) == len(compressed.content)
    later = gzip.decompress(compressed.content).decode()
    assert "Perhekahvila Pesä" in later and "<@" not in later
    assert TOKEN.findall(later) and set(TOKEN.findall(later)).isdisjoint(TOKEN.findall(first))
    # Apart from the tokens written for each visit, the same page.
    assert _without_tokens(later, network) == _without_tokens(first, network)
    assert not plain.has_header("Content-Encoding") and "Perhekahvila Pesä" in plain.content.decode()


@time_machine.travel(datetime.datetime(2026, 12, 7, 10, tzinfo=datetime.UTC), tick=False)
def test_every_change_of_what_the_pages_show_is_on_the_next_page(network, committed):
    cafe = network["cafe"]
    service_page = f"/services/{cafe.pk}/"
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert "Perhekahvila Pesä" in _visit(SEARCH).content.decode()
            assert "Perhekahvila Pesä" in _visit(service_page).content.decode()
    assert not any("catalog_delivery" in q["sql"] for q in queries.captured_queries)  # both kept
    assert not _read_the_index(queries.captured_queries)

    committed(
        lambda: services.service_save(actor=None, service=cafe, values={"name_fi": "Perhekahvila Pesue"})
    )
    assert "Perhekahvila Pesue" in _visit(SEARCH).content.decode()
    assert "Perhekahvila Pesue" in _visit(service_page).content.decode()
    place = cafe.deliveries.get().location
    committed(
        lambda: services.location_save(actor=None, location=place, values={"name_fi": "Uusi perhetalo"})
    )
    assert "Uusi perhetalo" in _visit(service_page).content.decode()
    # A code table's row (kept in each process for a generation: catalog.selectors.code_tables).
    kind = cafe.service_types.get()

    def rename() -> None:
        kind.name_fi = "Perheiden olohuone"
        kind.save()

    committed(rename)
    assert "Perheiden olohuone" in _visit(service_page).content.decode()
    # Whether the installation holds sample data (kept in each process too: web.context_processors).
    assert 'class="sample-notice"' not in _visit(service_page).content.decode()
    committed(lambda: Network.objects.create(slug="esimerkki", name_fi="Esimerkki", is_sample_data=True))
    assert 'class="sample-notice"' in _visit(service_page).content.decode()
    values = {
        "service": cafe, "title_fi": "Vauvakahvila", "location": place, "starts_on": timezone.localdate(),
        "start_time": datetime.time(10), "duration_minutes": 90, "repeat": "weekly",
    }  # fmt: skip
    committed(lambda: activity_save(actor=None, values=values))
    assert "Vauvakahvila" in _visit(service_page).content.decode()
    committed(
        lambda: services.service_save(actor=None, service=cafe, values={"publication": Publication.ARCHIVED})
    )
    assert Client().get(service_page).status_code == 404
    assert "Perhekahvila Pesue" not in _visit(SEARCH).content.decode()


def test_opening_hours_are_those_of_the_minute(network):
    """A page is kept for its minute alone: the opening now is the minute's."""
    tuesday = timezone.make_aware(datetime.datetime(2026, 12, 8, 11, 29, 30))  # the café: Tue 9:30–11:30
    page = f"/services/{network['cafe'].pk}/"
    with time_machine.travel(tuesday, tick=False):
        assert "Avoinna nyt" in _visit(page).content.decode()
        assert "Avoinna nyt" in _visit(page).content.decode()
    with time_machine.travel(tuesday + datetime.timedelta(seconds=40), tick=False):
        assert "Avoinna nyt" not in _visit(page).content.decode()


def test_a_service_page_is_kept_while_its_opening_and_its_day_hold(network):
    """A service page is kept past its minute until its place opens or closes, and until midnight (its
    week of hours starts today); the first visit after gets a page made anew."""
    tuesday = timezone.make_aware(datetime.datetime(2026, 12, 8, 10, 0))  # the café: Tue 9:30–11:30
    page = f"/services/{network['cafe'].pk}/"

    def visit_at(moment: datetime.datetime) -> tuple[str, bool]:
        """The page at this moment, and whether it was made (its places read) for it."""
        with time_machine.travel(moment, tick=False):
            search_selectors.open_among([0], timezone.now())
            with CaptureQueriesContext(connection) as queries:
                html = _visit(page).content.decode()
        return html, any("catalog_delivery" in q["sql"] for q in queries.captured_queries)

    html, made = visit_at(tuesday)
    assert made and "Avoinna nyt" in html
    html, made = visit_at(tuesday + datetime.timedelta(minutes=8))
    assert not made and "Avoinna nyt" in html
    html, made = visit_at(tuesday.replace(hour=11, minute=25))  # made anew: PUBLIC_CACHE_SECONDS
    assert made and "Avoinna nyt" in html
    html, made = visit_at(tuesday.replace(hour=11, minute=30, second=5))  # closed at 11.30
    assert made and "Avoinna nyt" not in html and "Suljettu nyt" in html
    assert not visit_at(tuesday.replace(hour=11, minute=38))[1]
    late = tuesday.replace(hour=23, minute=55)
    html, made = visit_at(late)
    assert made and html.index("tiistai 8.12.") < html.index("keskiviikko 9.12.")
    html, made = visit_at(late + datetime.timedelta(minutes=6))  # Wednesday: its week starts then
    assert made and "tiistai 8.12." not in html and "keskiviikko 9.12." in html


def test_a_kept_service_page_is_made_anew_when_a_nearby_service_opens_or_closes(network):
    from perhekeskus.web import service_pages

    moment = timezone.make_aware(datetime.datetime(2026, 12, 8, 10, 0))
    until = moment + datetime.timedelta(hours=1)
    with time_machine.travel(moment, tick=False):
        ids = list(search_selectors.open_among(list(range(1, 10_000)), timezone.now()))[:1]
        assert ids  # some service of the network is open on Tuesday at ten
        held = {"until": until, "nearby": {"shown": ids, "open": ids}}
        assert service_pages.clock_holds(held)
        assert not service_pages.clock_holds({**held, "nearby": {"shown": ids, "open": []}})
        assert not service_pages.clock_holds({**held, "until": moment})


def test_a_search_page_is_kept_while_its_results_opening_holds(network):
    """A search page is kept past its minute while the same of its results are open; the first visit
    after one opens or closes gets a page made anew."""
    tuesday = timezone.make_aware(datetime.datetime(2026, 12, 8, 11, 22))  # the café: Tue 9:30–11:30
    page = "/search/?municipality=167"  # filters only: no next steps

    def visit_at(moment: datetime.datetime) -> tuple[str, bool]:
        """The page at this moment, and whether it was made (the index read) for it."""
        with time_machine.travel(moment, tick=False):
            # The minute's open services are read once a minute in each process.
            search_selectors.open_among([0], timezone.now())
            with CaptureQueriesContext(connection) as queries:
                html = _visit(page).content.decode()
        assert "Perhekahvila Pesä" in html and 'class="next-steps"' not in html
        return html, _read_the_index(queries.captured_queries)

    html, made = visit_at(tuesday)
    assert made
    open_at_first = html.count('class="open-now"')
    # Each visit within the time a page is kept (PUBLIC_CACHE_SECONDS) of the page it meets.
    html, made = visit_at(tuesday + datetime.timedelta(minutes=7))
    assert not made and html.count('class="open-now"') == open_at_first
    html, made = visit_at(tuesday + datetime.timedelta(minutes=9))  # the café closed at 11.30
    assert made and html.count('class="open-now"') == open_at_first - 1
    html, made = visit_at(tuesday + datetime.timedelta(minutes=13))
    assert not made and html.count('class="open-now"') == open_at_first - 1


def test_a_search_page_with_next_steps_or_of_what_is_open_now_is_kept_for_its_minute(network):
    """The next steps say which helplines are open now, and when one opens next; the open-now filter
    finds by the minute."""
    moment = timezone.make_aware(datetime.datetime(2026, 12, 8, 11, 20, 5))
    for path in ("/search/?q=xyzzyq", "/search/?municipality=167&open_now=true"):

        def made_at(moment: datetime.datetime, path=path) -> bool:
            with time_machine.travel(moment, tick=False):
                search_selectors.open_among([0], timezone.now())
                with CaptureQueriesContext(connection) as queries:
                    html = _visit(path).content.decode()
            assert ('class="next-steps"' in html) == ("xyzzyq" in path)
            return _read_the_index(queries.captured_queries)

        assert made_at(moment)
        assert not made_at(moment + datetime.timedelta(seconds=50))
        assert made_at(moment + datetime.timedelta(seconds=60))


def test_whoever_brings_something_of_their_own_gets_a_page_made_for_them(network, staff_user):
    cafe = network["cafe"]
    kept = _visit(SEARCH).content.decode()
    # A family with the café on its list sees it there.
    family = Client()
    family.cookies[my_list.COOKIE] = str(cafe.pk)
    with CaptureQueriesContext(connection) as queries:
        own = _visit(SEARCH, family).content.decode()
    assert _read_the_index(queries.captured_queries)
    assert own.count("Poista omalta listalta") == kept.count("Poista omalta listalta") + 1
    # A family with its own municipality gets its services first, and is told so.
    local = Client()
    local.cookies[HOME_MUNICIPALITY_COOKIE] = "167"
    assert "forget_municipality" in _visit("/search/?q=neuvola", local).content.decode()
    assert "forget_municipality" not in _visit("/search/?q=neuvola").content.decode()
    # Someone signed in.
    signed_in = Client()
    signed_in.force_login(staff_user)
    with CaptureQueriesContext(connection) as queries:
        _visit(SEARCH, signed_in)
    assert _read_the_index(queries.captured_queries)


@time_machine.travel(datetime.datetime(2026, 12, 7, 10, tzinfo=datetime.UTC), tick=False)
def test_every_view_of_a_kept_service_page_is_counted(network):
    cafe = network["cafe"]
    _visit(f"/services/{cafe.pk}/")
    with CaptureQueriesContext(connection) as queries:
        for _ in range(2):
            _visit(f"/services/{cafe.pk}/")
    assert not any("catalog_delivery" in q["sql"] for q in queries.captured_queries)  # kept
    assert cafe.views.get().views == 3


@time_machine.travel(datetime.datetime(2026, 12, 7, 10, tzinfo=datetime.UTC), tick=False)
def test_only_the_search_page_is_kept_with_a_query_and_never_from_a_familys_position(network):
    def second_visit_queries(path: str) -> list[dict]:
        _visit(path)
        with CaptureQueriesContext(connection) as queries:
            _visit(path)
        return queries.captured_queries

    assert second_visit_queries("/") == []
    # Made-up queries would fill the cache: a page other than the search page is made for them.
    assert second_visit_queries("/?utm_source=x") != []
    assert not _read_the_index(second_visit_queries(SEARCH))
    near = "/search/?q=perhekahvila&lat=62.6&lon=29.76&radius_km=30"
    assert _read_the_index(second_visit_queries(near))


def test_news_published_or_taken_down_is_on_the_next_front_page(network, committed):
    from perhekeskus.information import services as information
    from perhekeskus.network.models import Network

    assert "Kesän kerhot" not in _visit("/").content.decode()
    news_of = Network.objects.create(slug="pohjois-karjala", name_fi="Pohjois-Karjala")
    place = {"kind": "news", "network": news_of, "municipality": None, "life_situation": None}
    values = {"title_fi": "Kesän kerhot", "body_fi": "Ilmoittaudu.", "expires_on": timezone.localdate()}
    version = information.page_save(actor=None, place=place, values=values)
    committed(lambda: information.page_version_publish(version=version))
    assert "Kesän kerhot" in _visit("/").content.decode()
    committed(lambda: information.page_unpublish(page=version.page))
    assert "Kesän kerhot" not in _visit("/").content.decode()


def test_what_families_write_leaves_the_kept_pages_kept(network, committed):
    """Anyone may write feedback or say a listing is correct: that must not empty the cache."""
    from perhekeskus.core import public_cache
    from perhekeskus.information import services as information

    before = public_cache.generation()
    cafe = network["cafe"]
    committed(
        lambda: information.accuracy_report_receive(service=cafe, correct=True, comment="", language="fi")
    )
    committed(
        lambda: information.feedback_receive(
            message="Hyvä sivu", email="", page="/", language="fi", host="testserver"
        )
    )
    assert public_cache.generation() == before
