"""The search log keeps what was looked for, not who looked: personal details are scrubbed from a query
before it is stored, and searches are deleted after SEARCH_LOG_RETENTION_DAYS with their monthly
figures kept for the usage report."""

import datetime

import pytest
from django.utils import timezone

from perhekeskus.core import tasks
from perhekeskus.core.tests.test_production import manage, production_environment
from perhekeskus.insights import report, usage
from perhekeskus.insights.tests.conftest import small_network  # noqa: F401
from perhekeskus.search.models import SearchLog, SearchLogMonth
from perhekeskus.search.retention import delete_old_searches
from perhekeskus.search.scrubbing import PLACEHOLDER, scrub
from perhekeskus.workspace.tests.conftest import sign_in

SEARCH = "/api/v1/search"
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"}


@pytest.mark.parametrize(
    ("query", "logged"),
    [
        ("neuvola 131052-308T", "neuvola […]"),
        ("hetu 131052308T perheneuvola", "hetu […] perheneuvola"),
        ("13.10.52-308T neuvola", "[…] neuvola"),
        ("soita 040 123 4567", "soita […]"),
        ("0401234567 neuvola", "[…] neuvola"),
        ("+358 40 123 4567", "[…]"),
        ("kerho 013-123 456", "kerho […]"),
        ("maija.meikalainen@example.fi apua", "[…] apua"),
        ("neuvola Pielisentie 12 B 4 Lieksa", "neuvola […] Lieksa"),
        ("Siltakadulla 3a perhekahvila", "[…] perhekahvila"),
        ("Torikatu 5-7 as. 2 neuvola", "[…] neuvola"),
        ("familjecafé Storgatan 12", "familjecafé […]"),
        ("asiakasnumero 1234567", "asiakasnumero […]"),
        # Kept: a postal code alone, short numbers, dates, a street without a house number.
        ("neuvola 80100", "neuvola 80100"),
        ("perhekahvila 00100 Helsinki", "perhekahvila 00100 Helsinki"),
        ("vauvakerho 0-3 v", "vauvakerho 0-3 v"),
        ("kerho 12.10.2024", "kerho 12.10.2024"),
        ("neuvola Pielisentie", "neuvola Pielisentie"),
        ("perhetyö", "perhetyö"),
    ],
)
def test_personal_details_are_scrubbed_and_the_rest_kept(query, logged):
    assert scrub(query) == logged


@pytest.mark.parametrize("path", [SEARCH, "/search/"])
def test_the_api_and_the_page_log_the_scrubbed_query(client, small_network, path):  # noqa: F811
    client.get(
        path, {"q": "vauvauinti 131052-308T 040 123 4567 maija@example.fi Pielisentie 12 B 4"}, **BROWSER
    )
    log = SearchLog.objects.get()
    assert log.query == "vauvauinti […] […] […] […]"
    assert log.query_key == "vauvauinti"
    stored = str([getattr(log, field.attname) for field in SearchLog._meta.fields])
    for detail in ("131052", "308T", "4567", "maija", "Pielisentie"):
        assert detail not in stored


def test_the_unmet_needs_page_lists_no_personal_details(client, small_network):  # noqa: F811
    for query in ("vauvauinti 131052-308T", "vauvauinti 0401234567", "vauvauinti maija@example.fi"):
        client.get(SEARCH, {"q": query})
    sign_in(client, small_network["coordinator"])
    page = client.get("/workspace/insights/pk/unmet-needs/").content.decode()
    assert "vauvauinti" in page
    for detail in ("131052", "0401234567", "maija"):
        assert detail not in page


def test_the_same_words_again_on_the_page_continue_the_scrubbed_search(client, small_network):  # noqa: F811
    import re

    first = client.get("/search/", {"q": "neuvola 040 123 4567"}, **BROWSER).content.decode()
    token = re.search(r'name="from_search" value="([^"]+)"', first).group(1)
    client.get("/search/", {"q": "neuvola 040 123 4567", "from_search": token, "free": "1"}, **BROWSER)
    assert SearchLog.objects.count() == 1


def _log(days_ago: float, *, municipality="422", result_count=0, clicks=0):
    log = SearchLog.objects.create(
        query="vauvauinti", query_key="vauvauinti", language="fi", filters={}, municipality=municipality,
        result_count=result_count, clicks=clicks,
    )  # fmt: skip
    SearchLog.objects.filter(pk=log.pk).update(searched_at=timezone.now() - datetime.timedelta(days=days_ago))


def _report_searches(municipality) -> tuple:
    data = report.report_data(municipality)
    return (
        [row["searches"] for row in data["monthly"]],
        data["totals"]["searches"],
        data["totals"]["no_results"],
    )


def test_old_searches_are_deleted_and_the_monthly_figures_stay_true(small_network, settings):  # noqa: F811
    network, lieksa = small_network["network"], small_network["lieksa"]
    months = usage.month_range(timezone.localdate())
    for days_ago, result_count, clicks in ((40, 0, 0), (40, 2, 1), (45, 5, 0), (100, 0, 0), (1, 2, 0)):
        _log(days_ago, result_count=result_count, clicks=clicks)
    _log(40, municipality="167")
    _log(40, municipality="")
    before = (
        usage.search_counts(months, network),
        usage.search_counts(months, network, "422"),
        dict(usage.searches_by_municipality(months, network)),
        _report_searches(lieksa),
    )
    settings.SEARCH_LOG_RETENTION_DAYS = 31
    assert delete_old_searches() == "6 logged searches deleted."
    assert SearchLog.objects.count() == 1 and SearchLogMonth.objects.exists()
    after = (
        usage.search_counts(months, network),
        usage.search_counts(months, network, "422"),
        dict(usage.searches_by_municipality(months, network)),
        _report_searches(lieksa),
    )
    assert after == before
    assert sum(row["searches"] for row in after[0].values()) == 7
    # The next day's run adds to a month's figures rather than replacing them.
    _log(50)
    assert delete_old_searches() == "1 logged searches deleted."
    assert sum(row["searches"] for row in usage.search_counts(months, network, "422").values()) == 6


def test_the_deletion_runs_as_a_daily_background_task(db, settings):
    settings.SEARCH_LOG_RETENTION_DAYS = 400
    _log(401)
    _log(399)
    tasks.schedule_daily(timezone.now() - datetime.timedelta(days=1))
    runs = [
        run
        for run in tasks.run_due(timezone.now() + datetime.timedelta(days=1))
        if run.name.startswith("search.")
    ]
    assert [(run.name, run.result) for run in runs] == [
        ("search.delete_old_searches", "1 logged searches deleted.")
    ]
    assert SearchLog.objects.count() == 1


@pytest.mark.parametrize("value", ["30", "0", "-1", "forever", "4OO"])
def test_a_retention_too_short_or_malformed_stops_the_process(value):
    result = manage("check", env=production_environment(SEARCH_LOG_RETENTION_DAYS=value))
    assert result.returncode == 78, result.stderr
    assert "SEARCH_LOG_RETENTION_DAYS must be a whole number of days (31 or more)" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_placeholder_is_no_word_of_the_grouping(db):
    from perhekeskus.search.query import grouping_key

    assert grouping_key(f"{PLACEHOLDER} neuvola {PLACEHOLDER}") == grouping_key("neuvola")
