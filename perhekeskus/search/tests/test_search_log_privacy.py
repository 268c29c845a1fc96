"""The search log keeps what was looked for, not who looked: personal details are scrubbed from a query
before it is stored, and searches are deleted after SEARCH_LOG_RETENTION_DAYS with their monthly
figures kept for the usage report."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from perhekeskus.core import tasks
from perhekeskus.core.tests.test_production import manage, production_environment
from perhekeskus.insights import report, usage
from perhekeskus.insights.tests.conftest import small_network  # noqa: F401
from perhekeskus.search.models import SearchLog, SearchLogMonth
from perhekeskus.search.query import grouping_key
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


@pytest.mark.parametrize(
    ("query", "logged"),
    [
        # Phone numbers with dots, slashes and brackets, whole.
        ("soita 040.123.4567", "soita […]"),
        ("040/123 4567 neuvola", "[…] neuvola"),
        ("(013) 123 456 perheneuvola", "[…] perheneuvola"),
        ("+358 (0)40 123 4567", "[…]"),
        ("puh. 09.123 4567", "puh. […]"),
        ("p. 050-123.45.67 ilta", "p. […] ilta"),
        ("(09) 310 12345", "[…]"),
        # Street names with the newer endings, inflected as people write them.
        ("neuvola Rantakatu 4", "neuvola […]"),
        ("Koskenranta 12 B 3 kerho", "[…] kerho"),
        ("Kirkkorannalla 5 perhekahvila", "[…] perhekahvila"),
        ("Kauppatori 1", "[…]"),
        ("Torin 2a", "[…]"),
        ("Koulupuisto 7 as. 2", "[…]"),
        ("Kirkkomäki 3", "[…]"),
        ("Kirkkomäen 3", "[…]"),
        ("Kirkkomäellä 3 b", "[…]"),
        ("Sirkkalanaukio 2", "[…]"),
        ("Aurinkolinja 14", "[…]"),
        ("Kuusirinne 8", "[…]"),
        ("Tammikaari 6 C 12", "[…]"),
        ("Koivupiha 4", "[…]"),
        ("Pajupihalla 4", "[…]"),
        ("Männynkaarre 9", "[…]"),
        ("Männynkaarteella 9", "[…]"),
        ("Strandvägen 12", "[…]"),
        ("Kungsgatan 5 lgh 3", "[…]"),
        ("Kvarngränd 2", "[…]"),
        ("Skogsstigen 11", "[…]"),
        # Innocent queries stay as they are.
        ("leikkipuisto 3-vuotiaille", "leikkipuisto 3-vuotiaille"),
        ("uimaranta 2 lasta", "uimaranta 2 lasta"),
        ("leikkipiha 4 v", "leikkipiha 4 v"),
        ("joulutori 2024", "joulutori 2024"),
        ("pulkkamäki 5 vuotta", "pulkkamäki 5 vuotta"),
        ("kauppatori 10 kpl", "kauppatori 10 kpl"),
        ("3-vuotias", "3-vuotias"),
        ("kerho Pielisentie 3-vuotiaille", "kerho Pielisentie 3-vuotiaille"),
        ("2 lasta", "2 lasta"),
        ("perhekahvila 2024", "perhekahvila 2024"),
        ("kerho 01.01.2024", "kerho 01.01.2024"),
        ("ajalla 01.01.2024-31.12.2024", "ajalla 01.01.2024-31.12.2024"),
        ("kerho klo 09.00-12.00", "kerho klo 09.00-12.00"),
        ("01/2024 uinti", "01/2024 uinti"),
        ("puuro 1/2 dl", "puuro 1/2 dl"),
        ("vauvat 0-12 kk", "vauvat 0-12 kk"),
        ("neuvola 80100 Joensuu", "neuvola 80100 Joensuu"),
        ("leikkipuisto Joensuu", "leikkipuisto Joensuu"),
        ("(vauvat) kerho", "(vauvat) kerho"),
    ],
)
def test_phone_numbers_and_streets_however_written_are_scrubbed(query, logged):
    assert scrub(query) == logged


@pytest.mark.parametrize("path", [SEARCH, "/search/"])
def test_the_api_and_the_page_log_the_scrubbed_query(client, small_network, path):  # noqa: F811
    client.get(
        path, {"q": "kantoliina 131052-308T 040 123 4567 maija@example.fi Pielisentie 12 B 4"}, **BROWSER
    )
    log = SearchLog.objects.get()
    assert log.query == "kantoliina […] […] […] […]"
    assert log.query_key == "kantoliina"
    # The random key is left out: its hex digits may happen to hold "4567".
    stored = str([getattr(log, field.attname) for field in SearchLog._meta.fields if field.name != "key"])
    for detail in ("131052", "308T", "4567", "maija", "Pielisentie"):
        assert detail not in stored


def test_the_unmet_needs_page_lists_no_personal_details(client, small_network):  # noqa: F811
    for query in ("kantoliina 131052-308T", "kantoliina 0401234567", "kantoliina maija@example.fi"):
        client.get(SEARCH, {"q": query})
    sign_in(client, small_network["coordinator"])
    page = client.get("/workspace/insights/pk/unmet-needs/").content.decode()
    assert "kantoliina" in page
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
        query="kantoliina", query_key="kantoliina", language="fi", filters={}, municipality=municipality,
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


@pytest.mark.django_db(transaction=True)  # the task framework's worker commits
def test_the_deletion_runs_as_a_daily_background_task(settings):
    settings.SEARCH_LOG_RETENTION_DAYS = 400
    _log(401)
    _log(399)
    night = timezone.localtime().replace(hour=3, minute=55)
    with time_machine.travel(night, tick=False):
        runs = [run for run in tasks.run_due() if run.name.startswith("search.")]
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
    assert grouping_key(f"{PLACEHOLDER} neuvola {PLACEHOLDER}") == grouping_key("neuvola")


def _migrate(app: str, migration: str | None = None):
    """Migrate `app` to `migration` (the latest when None); the models as they were then."""
    executor = MigrationExecutor(connection)
    target = (app, migration) if migration else executor.loader.graph.leaf_nodes(app)[0]
    executor.migrate([target])
    return executor.loader.project_state(target).apps


def test_searches_logged_before_are_scrubbed_by_the_migration(transactional_db):
    then = _migrate("search", "0007_search_log_months")
    try:
        rows = {
            "neuvola 040.123.4567": ("neuvola […]", "neuvola"),
            "Koskenranta 12 perhekahvila": ("[…] perhekahvila", grouping_key("perhekahvila")),
            # Unchanged by 0008; 0010 gives every row the key of this analysis.
            "joulutori 2024": ("joulutori 2024", grouping_key("joulutori 2024")),
        }
        for query, (_, key) in rows.items():
            then.get_model("search", "SearchLog").objects.create(
                query=query, query_key=key, language="fi", filters={}, result_count=1
            )
    finally:
        _migrate("search")
    assert {log.query: (log.query, log.query_key) for log in SearchLog.objects.all()} == {
        logged: (logged, key) for logged, key in rows.values()
    }
    # Rows logged before there were keys keep none (one key for them all would break uniqueness).
    assert {log.key for log in SearchLog.objects.all()} == {None}
