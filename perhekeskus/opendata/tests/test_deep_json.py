"""JSON nested deeper than any HSDS or PTV document (Python's JSON reader runs out of stack near 1,000
levels) is refused with a clear message, like any other malformed input, and changes nothing."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from perhekeskus.catalog.models import Delivery, Location, Service
from perhekeskus.core.history import ChangeRecord
from perhekeskus.network.models import Organization
from perhekeskus.opendata.tests import ptv_data as data
from perhekeskus.opendata.tests.test_ptv import _serve, ptv_server  # noqa: F401

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "perhekeskus" / "opendata" / "schemas" / "examples"
REFUSED = "nests arrays or objects deeper than 100 levels"


def _deep_object(depth: int) -> str:
    return '{"a": ' * depth + "1" + "}" * depth


def _brackets(path: Path) -> Path:
    path.write_text("[" * 100_000 + "]" * 100_000)
    return path


def _deep_in_a_valid_bundle(path: Path, depth: int = 5_000) -> Path:
    """HSDS's own example of an organisation with its services, one of its values nested `depth` deep."""
    text = (EXAMPLES / "organization_full.json").read_text(encoding="utf-8").rstrip()
    assert text.endswith("}")
    path.write_text(text[:-1] + f', "x_nested": {_deep_object(depth)}}}')
    return path


def _state() -> tuple:
    return tuple(model.objects.count() for model in (Organization, Service, Location, Delivery, ChangeRecord))


def _import_hsds(path: Path, *args) -> str:
    out = StringIO()
    call_command("import_hsds", str(path), "--source", "tests", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]], ids=["import", "dry-run"])
@pytest.mark.parametrize("write", [_brackets, _deep_in_a_valid_bundle], ids=["brackets", "deep-object"])
def test_deeply_nested_json_is_refused_and_changes_nothing(tmp_path, network, write, dry_run):
    before = _state()
    path = write(tmp_path / "deep.json")
    with pytest.raises(CommandError, match=f"^Nothing imported: deep.json {REFUSED}.$"):
        _import_hsds(path, *dry_run)
    assert _state() == before


def test_nesting_just_below_the_stack_limit_is_refused_too(tmp_path, network):
    """The limit is the rule, not the reader's stack (whose room depends on how deep its caller is)."""
    with pytest.raises(CommandError, match=REFUSED):
        _import_hsds(_deep_in_a_valid_bundle(tmp_path / "deep.json", depth=900))


def test_ordinary_nesting_still_goes_in(tmp_path, network):
    assert "created 1" in _import_hsds(_deep_in_a_valid_bundle(tmp_path / "nested.json", depth=20))


def test_deep_json_in_a_data_package_is_refused(tmp_path, network):
    before = _state()
    call_command("export_hsds", str(tmp_path), "--format", "json")
    rows = json.loads((tmp_path / "service.json").read_text())
    (tmp_path / "service.json").write_text(json.dumps(rows)[:-1] + f", {_deep_object(5_000)}]")
    with pytest.raises(CommandError, match=f"service.json {REFUSED}"):
        _import_hsds(tmp_path)
    # A CSV cell of type object is JSON too.
    csv_package = tmp_path / "csv"
    csv_package.mkdir()
    fields = [{"name": "id"}, {"name": "attributes", "type": "object"}]
    (csv_package / "datapackage.json").write_text(
        json.dumps({"resources": [{"name": "service", "path": "service.csv", "schema": {"fields": fields}}]})
    )
    (csv_package / "service.csv").write_text(
        'id,attributes\n1a2b3c4d-0000-4000-8000-000000000001,"' + "[" * 5_000 + "]" * 5_000 + '"\n'
    )
    with pytest.raises(CommandError, match=f"service.csv line 2: attributes {REFUSED}"):
        _import_hsds(csv_package)
    assert _state() == before


def test_saved_ptv_answers_nested_too_deep_are_refused(tmp_path):
    directory = data.write(tmp_path / "ptv")
    _brackets(directory / "zz-deep.json")
    before = _state()
    with pytest.raises(CommandError, match=f"^Nothing imported: zz-deep.json {REFUSED}.$"):
        call_command("import_ptv", "--municipality", "167", "--from-file", str(directory), stdout=StringIO())
    assert _state() == before


def test_a_ptv_answer_nested_too_deep_is_refused(ptv_server):  # noqa: F811
    _serve(ptv_server, data.joensuu())
    ptv_server["/api/v11/ServiceChannel/list/area/Municipality/code/167?page=1"] = (
        200,
        ("[" * 100_000 + "]" * 100_000).encode(),
    )
    before = _state()
    with pytest.raises(CommandError, match=f"PTV's answer to http://127.0.0.1:\\d+/.* {REFUSED}"):
        call_command("import_ptv", "--municipality", "167", stdout=StringIO())
    assert _state() == before


@pytest.mark.parametrize("write", [_brackets, _deep_in_a_valid_bundle], ids=["brackets", "deep-object"])
def test_the_command_ends_with_its_message_and_no_traceback(tmp_path, write):
    """As an operator runs it. The database is an empty file: reading refuses before any table is
    touched (a write would fail on the missing tables, with a traceback)."""
    path = write(tmp_path / "deep.json")
    keep = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    env = {
        **keep,
        "DJANGO_SETTINGS_MODULE": "perhekeskus.settings",
        "DJANGO_DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "import_hsds", str(path), "--source", "x"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr == f"CommandError: Nothing imported: deep.json {REFUSED}.\n"
    assert result.stdout == ""
