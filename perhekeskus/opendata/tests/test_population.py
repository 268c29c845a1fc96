"""Numbers of children per municipality from Statistics Finland (table 11re, JSON-stat2): a saved answer
of the real shape (data/statfin_11re_north_karelia.json, see data/README.md) and the PxWeb API over
real HTTP from a local stand-in server."""

import copy
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from itertools import product
from math import prod
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from perhekeskus.conftest import sign_in_with_both_factors
from perhekeskus.network.models import Municipality
from perhekeskus.opendata.importers import population

pytestmark = pytest.mark.django_db
ANSWER = Path(__file__).resolve().parent / "data" / "statfin_11re_north_karelia.json"
SOURCE = "Tilastokeskus, taulukko 11re"
# What the saved answer holds (2024): aged 0–17, aged 0–6, all ages.
JOENSUU, KITEE, LIEKSA = (12180, 4150, 78741), (1298, 398, 9566), (1205, 372, 10049)


def _answer() -> dict:
    return json.loads(ANSWER.read_text(encoding="utf-8"))


def _write(tmp_path: Path, data, name: str = "answer.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def _import(*args) -> str:
    out = StringIO()
    # Django's messages (a value out of range) and ours in English, whatever translations come.
    with translation.override("en"):
        call_command("import_population", *args, stdout=out)
    return out.getvalue()


def _summary(output: str) -> str:
    return output.strip().splitlines()[-1]


def _figures(*codes: str) -> list[tuple]:
    return list(
        Municipality.objects.filter(code__in=codes)
        .order_by("code")
        .values_list(
            "code", "children", "children_under_7", "population", "population_year", "population_source"
        )
    )


def _state() -> list[tuple]:
    return sorted(
        Municipality.objects.values_list(
            "code", "children", "children_under_7", "population", "population_year", "population_source"
        )
    )


def _cell(data: dict, **codes) -> int:
    """The position of a cell in the value array (row-major, by the answer's own dimension order)."""
    position = 0
    for dimension_id, size in zip(data["id"], data["size"], strict=True):
        position = position * size + data["dimension"][dimension_id]["category"]["index"][codes[dimension_id]]
    return position


def _ages(data: dict, area: str, year: str = "2024") -> list[int]:
    """An area's numbers of people aged 0 … 17, read from the value array by position."""
    cell = {"Alue": area, "Vuosi": year, "Sukupuoli": "SSS", "Tiedot": "vaesto"}
    return [data["value"][_cell(data, **cell, Ikä=f"{age:03d}")] for age in range(18)]


def _with_year(year: str, factor: float) -> dict:
    """The saved answer with a second year whose figures are `factor` times those of 2024."""
    old = _answer()
    data = copy.deepcopy(old)
    years = data["dimension"]["Vuosi"]["category"]
    years["index"], years["label"] = {"2024": 0, year: 1}, {"2024": "2024", year: year}
    data["size"][data["id"].index("Vuosi")] = 2
    data["value"] = [0] * prod(data["size"])
    categories = [list(data["dimension"][i]["category"]["index"]) for i in data["id"]]
    for cell in product(*categories):
        codes = dict(zip(data["id"], cell, strict=True))
        value = old["value"][_cell(old, **{**codes, "Vuosi": "2024"})]
        data["value"][_cell(data, **codes)] = value if codes["Vuosi"] == "2024" else round(value * factor)
    return data


# --- reading the answer ----------------------------------------------------------------------------


def test_the_saved_answer_gives_each_municipality_its_children():
    answer = population.parse(_answer())
    assert answer.year == 2024
    found = {f.code: (f.name, f.children, f.children_under_7, f.population) for f in answer.municipalities}
    # The whole country ("SSS") is no municipality.
    assert found == {"167": ("Joensuu", *JOENSUU), "260": ("Kitee", *KITEE), "422": ("Lieksa", *LIEKSA)}
    # Added up from the file's own values: Joensuu's line is all ages, then the ages 0 … 17.
    ages = _ages(_answer(), "KU167")
    assert (sum(ages), sum(ages[:7])) == JOENSUU[:2]


def test_the_order_of_the_dimensions_and_sparse_values_do_not_matter():
    data = _answer()
    order = ["Ikä", "Tiedot", "Alue", "Sukupuoli", "Vuosi"]
    reordered = {**data, "id": order, "size": [data["size"][data["id"].index(i)] for i in order]}
    categories = [list(data["dimension"][i]["category"]["index"]) for i in order]
    values = {}
    for cell in product(*categories):
        codes = dict(zip(order, cell, strict=True))
        values[str(_cell(reordered, **codes))] = data["value"][_cell(data, **codes)]
    reordered["value"] = values  # JSON-stat's other form: position → value
    assert population.parse(reordered) == population.parse(data)


def test_the_latest_year_unless_one_is_named():
    data = _with_year("2023", 1.1)
    assert population.parse(data).year == 2024
    earlier = population.parse(data, year=2023)
    joensuu = next(f for f in earlier.municipalities if f.code == "167")
    ages = _ages(data, "KU167", "2023")
    assert (earlier.year, joensuu.children, joensuu.children_under_7) == (2023, sum(ages), sum(ages[:7]))
    assert joensuu.children != JOENSUU[0]


def test_the_query_asks_for_every_area_and_the_ages_of_children():
    query = population.query()
    selections = {q["code"]: q["selection"] for q in query["query"]}
    assert selections == {
        "Alue": {"filter": "all", "values": ["*"]},
        "Vuosi": {"filter": "top", "values": ["1"]},
        "Sukupuoli": {"filter": "item", "values": ["SSS"]},
        "Ikä": {"filter": "item", "values": ["SSS", *(f"{age:03d}" for age in range(18))]},
        "Tiedot": {"filter": "item", "values": ["vaesto"]},
    }
    assert query["response"] == {"format": "json-stat2"}
    assert {q["code"]: q["selection"] for q in population.query(2023)["query"]}["Vuosi"] == {
        "filter": "item",
        "values": ["2023"],
    }


# --- the command with a saved answer ----------------------------------------------------------------


def test_the_command_sets_the_children_with_year_and_source():
    before = _figures("167", "260", "422")
    output = _import("--from-file", str(ANSWER))
    assert "updated Joensuu 167, 2024: 0–17 12180, 0–6 4150" in output
    assert "updated Lieksa 422, 2024: 0–17 1205, 0–6 372" in output
    assert _summary(output) == (
        f"updated 3, unchanged 0, not in the database 0, without figures 0 ({SOURCE}, 2024, from {ANSWER})."
    )
    residents = {code: residents for code, _c, _u, residents, _y, _s in before}
    assert _figures("167", "260", "422") == [
        ("167", *JOENSUU[:2], residents["167"], 2024, SOURCE),
        ("260", *KITEE[:2], residents["260"], 2024, SOURCE),
        ("422", *LIEKSA[:2], residents["422"], 2024, SOURCE),
    ]
    # Municipalities the answer does not have keep what they had.
    assert Municipality.objects.get(code="541").children is None
    assert _summary(_import("--from-file", str(ANSWER))).startswith("updated 0, unchanged 3")


def test_the_number_of_residents_is_replaced_only_when_asked():
    Municipality.objects.filter(code="167").update(population=80000)
    _import("--from-file", str(ANSWER))
    assert Municipality.objects.get(code="167").population == 80000
    output = _import("--from-file", str(ANSWER), "--with-population")
    assert "updated Joensuu 167, 2024: 0–17 12180, 0–6 4150, residents 78741" in output
    assert Municipality.objects.get(code="167").population == JOENSUU[2]


def test_a_named_year_the_answer_lacks_is_refused(tmp_path):
    path = _write(tmp_path, _with_year("2023", 0.9))
    _import("--from-file", str(path), "--year", "2023")
    assert Municipality.objects.get(code="422").population_year == 2023
    before = _state()
    with pytest.raises(
        CommandError, match=r"Nothing imported: the answer has no year 2022 \(it has 2023, 2024\)"
    ):
        _import("--from-file", str(path), "--year", "2022")
    assert _state() == before
    with pytest.raises(CommandError, match="invalid year value"):
        _import("--from-file", str(path), "--year", "24")


def test_codes_unknown_here_are_reported_not_created(tmp_path):
    data = _answer()
    index, labels = (data["dimension"]["Alue"]["category"][k] for k in ("index", "label"))
    index["KU999"], labels["KU999"] = index.pop("KU260"), labels.pop("KU260")
    output = _import("--from-file", str(_write(tmp_path, data)))
    assert "not in the database: Kitee 999 (nothing created)" in output
    assert "updated 2, unchanged 0, not in the database 1" in _summary(output)
    assert not Municipality.objects.filter(code="999").exists()


def test_a_municipality_without_figures_is_reported_and_the_rest_imported(tmp_path):
    data = _answer()
    data["value"][_cell(data, Alue="KU422", Vuosi="2024", Sukupuoli="SSS", Ikä="003", Tiedot="vaesto")] = None
    output = _import("--from-file", str(_write(tmp_path, data)))
    assert "without figures: 422 Lieksa: no figure for the ages 3" in output
    assert Municipality.objects.get(code="422").children is None
    assert Municipality.objects.get(code="167").children == JOENSUU[0]


def test_a_dry_run_saves_nothing():
    before = _state()
    output = _import("--from-file", str(ANSWER), "--dry-run")
    assert _summary(output).startswith("Dry run, nothing saved: updated 3")
    assert _state() == before


def _without_dimension(name: str):
    def change(data):
        position = data["id"].index(name)
        del data["id"][position], data["size"][position], data["dimension"][name]
        data["value"] = data["value"][:1] * prod(data["size"])

    return change


def _ages_0_to_6(data):
    ages = data["dimension"]["Ikä"]["category"]
    codes = ["SSS", *(f"{a:03d}" for a in range(7))]
    rows = [data["value"][i : i + 19] for i in range(0, len(data["value"]), 19)]
    ages["index"], ages["label"] = {c: i for i, c in enumerate(codes)}, {c: c for c in codes}
    data["size"][data["id"].index("Ikä")] = len(codes)
    data["value"] = [value for row in rows for value in row[: len(codes)]]


def _value(position: int, value):
    def change(data):
        data["value"][position] = value

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            "<html><body>Palvelu on tilapäisesti poissa käytöstä</body></html>",
            "answer.json is not valid JSON",
        ),
        (
            '{"class": "dataset", "label": "no dimensions"}',
            "the answer's id, size and dimension do not describe a JSON-stat2 dataset",
        ),
        (
            '{"columns": [], "data": []}',
            "the answer is not a JSON-stat2 dataset",
        ),  # PxWeb's own "json" format
        ('{"version": "1.0", "class": "dataset"}', "the answer is JSON-stat 1.0, not 2.0"),
        (
            _without_dimension("Ikä"),
            "the answer has no dimension 'Ikä' \\(it has Alue, Vuosi, Sukupuoli, Tiedot\\)",
        ),
        (_without_dimension("Alue"), "the answer has no dimension 'Alue'"),
        (_ages_0_to_6, "the answer lacks the ages 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17 of 'Ikä'"),
        (lambda data: data["value"].pop(), "the answer has 75 values for 76 cells"),
        (
            lambda data: data["size"].__setitem__(0, 400_000),
            "the answer has 7600000 cells, more than the 1000000",
        ),
        (
            lambda data: data["dimension"]["Ikä"]["category"]["index"].pop("005"),
            "the answer's dimension 'Ikä' does not index its 19 categories 0–18",
        ),
        (_value(21, "12"), "the answer's value '12' .* is no number of people"),
        (_value(21, -1), "the answer's value -1 .* is no number of people"),
        # Too many people for one municipality: Lieksa is refused and Joensuu is not saved either.
        (_value(60, 20_000_000), "Lieksa \\(422\\): .*less than or equal to 10000000"),
    ],
)
def test_a_wrong_answer_changes_nothing(tmp_path, change, message):
    if isinstance(change, str):
        path = _write(tmp_path, change)
    else:
        data = _answer()
        change(data)
        path = _write(tmp_path, data)
    before = _state()
    with pytest.raises(CommandError, match=f"Nothing imported: {message}"):
        _import("--from-file", str(path))
    assert _state() == before


def test_figures_that_contradict_the_residents_are_refused():
    Municipality.objects.filter(code="260").update(population=1000)  # fewer than Kitee's 1,298 children
    before = _state()
    with pytest.raises(CommandError, match=r"Kitee \(260\): There cannot be more children than residents"):
        _import("--from-file", str(ANSWER))
    assert _state() == before


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match=r"Nothing imported: .*missing\.json does not exist"):
        _import("--from-file", str(tmp_path / "missing.json"))


# --- the PxWeb API over HTTP -----------------------------------------------------------------------


class _PxWeb(BaseHTTPRequestHandler):
    """POST /PxWeb/api/v1/fi/StatFin/vaerak/statfin_vaerak_pxt_11re.px, as Statistics Finland takes it."""

    answer: list = []
    posted: list = []
    release: threading.Event

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.posted.append((self.path, self.headers.get("Content-Type"), json.loads(self.rfile.read(length))))
        status, body = self.answer[0]
        if status == "slow":
            self.release.wait(10)  # longer than the import waits; the test's end lets it go
            status, body = 200, ANSWER.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


TABLE_PATH = "/PxWeb/api/v1/fi/StatFin/vaerak/statfin_vaerak_pxt_11re.px"


@pytest.fixture
def pxweb(settings):
    """A local PxWeb: `answer[0]` is what it answers (status, body); `posted` what it was sent."""
    release = threading.Event()
    handler = type(
        "Handler", (_PxWeb,), {"answer": [(200, ANSWER.read_bytes())], "posted": [], "release": release}
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.STATFIN_POPULATION_URL = f"http://127.0.0.1:{server.server_port}{TABLE_PATH}"
    settings.STATFIN_TIMEOUT_SECONDS = 5
    yield handler
    release.set()
    server.shutdown()
    server.server_close()


def test_the_api_is_asked_with_the_query_and_its_answer_imported(pxweb, settings):
    output = _import()
    [(path, content_type, query)] = pxweb.posted
    assert (path, content_type) == (TABLE_PATH, "application/json")
    assert query == population.query()
    assert _summary(output) == (
        f"updated 3, unchanged 0, not in the database 0, without figures 0 "
        f"({SOURCE}, 2024, from {settings.STATFIN_POPULATION_URL})."
    )
    assert _figures("167")[0][1:] == (*JOENSUU[:2], JOENSUU[2], 2024, SOURCE)
    _import("--year", "2024")
    assert {q["code"]: q["selection"] for q in pxweb.posted[1][2]["query"]}["Vuosi"] == {
        "filter": "item",
        "values": ["2024"],
    }


def test_an_answer_with_a_byte_order_mark_is_read(pxweb):
    pxweb.answer[0] = (200, b"\xef\xbb\xbf" + ANSWER.read_bytes())
    assert _summary(_import()).startswith("updated 3")


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ((500, b"oops"), "Statistics Finland answered 500 Internal Server Error to http://127.0.0.1:"),
        ((400, b"bad query"), "Statistics Finland answered 400 Bad Request"),
        ((429, b""), "Statistics Finland answered 429 Too Many Requests"),
        ((200, b"<html>huoltokatko</html>"), "Statistics Finland's answer to .* is not JSON"),
        (("slow", b""), "cannot reach Statistics Finland at .*timed out"),
    ],
)
def test_a_bad_answer_from_the_api_changes_nothing(pxweb, settings, answer, message):
    settings.STATFIN_TIMEOUT_SECONDS = 0.5
    pxweb.answer[0] = answer
    before = _state()
    with pytest.raises(CommandError, match=f"Nothing imported: {message}"):
        _import()
    assert _state() == before


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_api_is_a_clear_error(settings):
    settings.STATFIN_POPULATION_URL = f"http://127.0.0.1:{_closed_port()}{TABLE_PATH}"
    with pytest.raises(
        CommandError, match=r"Nothing imported: cannot reach Statistics Finland at http://127"
    ):
        _import()


def test_a_malformed_api_address_is_a_clear_error(settings):
    settings.STATFIN_POPULATION_URL = (
        "pxdata.example/PxWeb/api/v1/fi/StatFin/vaerak/statfin_vaerak_pxt_11re.px"
    )
    with pytest.raises(CommandError, match="STATFIN_POPULATION_URL gives no usable address"):
        _import()


@pytest.mark.parametrize(
    ("field", "too_big", "fine"),
    [
        ("children_under_7", 99_999_999_999, 400),
        ("population_year", 2101, 2024),
        ("population_year", 1971, 1972),
    ],
)
def test_the_new_figures_have_a_range(field, too_big, fine):
    column = Municipality._meta.get_field(field)
    assert column.clean(fine, None) == fine
    with pytest.raises(ValidationError):
        column.clean(too_big, None)


# --- entered by hand: the fallback ------------------------------------------------------------------


def test_an_administrator_enters_the_figures_by_hand(client, superuser):
    lieksa = Municipality.objects.get(code="422")
    sign_in_with_both_factors(client, superuser)
    url = reverse("admin:network_municipality_change", args=[lieksa.pk])
    page = client.get(url).content.decode()
    for name in ("children", "children_under_7", "population_year", "population_source"):
        assert f'name="{name}"' in page
    form = {
        "code": "422", "name_fi": "Lieksa", "name_sv": "Lieksa", "name_en": "Lieksa",
        "business_id": lieksa.business_id, "network": "", "latitude": lieksa.latitude,
        "longitude": lieksa.longitude, "population": 10049, "children": 1200, "children_under_7": 1300,
        "population_year": 2025, "population_source": "",
    }  # fmt: skip
    response = client.post(url, form)
    assert response.status_code == 200 and "errornote" in response.content.decode()
    assert client.post(url, {**form, "children_under_7": 370}).status_code == 302
    lieksa.refresh_from_db()
    assert (lieksa.children, lieksa.children_under_7, lieksa.population_year) == (1200, 370, 2025)
    with translation.override("en"):
        assert lieksa.population_source_label == "entered by hand"
