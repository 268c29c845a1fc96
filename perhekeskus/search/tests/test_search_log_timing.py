"""The search log is written after the response: no search waits for its log row, and no failure to
write one reaches the family."""

import re
from urllib.parse import urlencode

import pytest

from perhekeskus.core import after_response
from perhekeskus.insights import services as insights_services
from perhekeskus.insights.models import ServiceView
from perhekeskus.search import services
from perhekeskus.search.models import SearchLog

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"}
MIDDLEWARE_PROBE = "perhekeskus.search.tests.test_search_log_timing.LogRowsWhenAnswered"


class LogRowsWhenAnswered:
    """The outermost middleware in these tests: notes the log rows there are when the response is ready."""

    seen: list[int] = []
    views: list[int] = []
    clicks: list[int] = []

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        self.seen.append(SearchLog.objects.count())
        self.views.append(sum(ServiceView.objects.values_list("views", flat=True)))
        self.clicks.append(sum(SearchLog.objects.values_list("clicks", flat=True)))
        return response


@pytest.fixture
def probe(settings):
    settings.MIDDLEWARE = [MIDDLEWARE_PROBE, *settings.MIDDLEWARE]
    LogRowsWhenAnswered.seen, LogRowsWhenAnswered.views, LogRowsWhenAnswered.clicks = [], [], []
    return LogRowsWhenAnswered


@pytest.mark.parametrize("path", ["/api/v1/search", "/search/"])
def test_the_row_is_written_after_the_response(client, network, probe, path):
    assert client.get(path, {"q": "neuvola"}, **BROWSER).status_code == 200
    assert probe.seen == [0]
    # The test client closes the response, as a server does once it has sent it.
    assert SearchLog.objects.get().query == "neuvola"


def test_the_page_names_its_search_before_the_row_exists(client, network, probe):
    page = client.get("/search/", {"q": "lastenneuvola"}, **BROWSER).content.decode()
    assert probe.seen == [0]
    log = SearchLog.objects.get()
    assert urlencode({"from_search": services.click_token(log)}) in page
    link = re.search(r'href="(/services/[^"]*from_search=[^"]*)"', page).group(1)
    assert client.get(link.replace("&amp;", "&"), **BROWSER).status_code == 200
    log.refresh_from_db()
    assert log.clicks == 1


def test_a_service_pages_view_and_a_results_click_are_counted_after_the_response(client, network, probe):
    page = client.get("/search/", {"q": "lastenneuvola"}, **BROWSER).content.decode()
    link = re.search(r'href="(/services/[^"]*from_search=[^"]*)"', page).group(1).replace("&amp;", "&")
    assert client.get(link, **BROWSER).status_code == 200
    assert probe.views == [0, 0] and probe.clicks == [0, 0]
    assert sum(ServiceView.objects.values_list("views", flat=True)) == 1
    assert SearchLog.objects.get().clicks == 1


def test_a_view_count_that_fails_is_reported_and_the_page_is_shown(client, network, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(insights_services.ServiceView.objects, "create", broken)
    response = client.get(f"/services/{network['cafe'].pk}/", **BROWSER)
    assert response.status_code == 200
    assert "Lost after the response: a service page's view count" in caplog.text
    assert not ServiceView.objects.exists()


def test_a_failed_write_is_reported_and_never_reaches_the_family(client, network, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(SearchLog, "save", broken)
    response = client.get("/api/v1/search", {"q": "neuvola"})
    assert response.status_code == 200 and response.json()["total"] == 2
    assert "Lost after the response: a search log row" in caplog.text
    # The next request logs again.
    monkeypatch.undo()
    client.get("/api/v1/search", {"q": "neuvola"})
    assert SearchLog.objects.count() == 1


def test_searches_of_one_request_wait_for_its_end_and_others_are_written_at_once(network):
    params = {"q": "neuvola", "page": 1, "page_size": 20}
    _result, outside = services.search_run(params)
    assert outside.pk is not None
    # What the signals request_started and request_finished call.
    after_response.begin()
    try:
        _result, first = services.search_run(params, on_page=True)
        _result, second = services.search_run({**params, "q": "perhekahvila"})
        assert first.pk is None and SearchLog.objects.count() == 1
    finally:
        after_response.finish()
    assert [log.key for log in SearchLog.objects.order_by("pk")] == [outside.key, first.key, second.key]
    assert len({outside.key, first.key, second.key}) == 3
