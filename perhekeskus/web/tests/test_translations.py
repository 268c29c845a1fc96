"""Every interface string is translated into Finnish and Swedish (English is the source language)."""

import ast
import gettext
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def _entries(po: Path):
    """(msgctxt or None, msgid, [msgstr…], flags) of each entry of a .po file."""
    entry = {"msgctxt": None, "msgid": None, "msgstr": [], "flags": ""}
    field = None
    for line in [*po.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry["msgid"] is not None:
                yield entry["msgctxt"], entry["msgid"], entry["msgstr"], entry["flags"]
            entry, field = {"msgctxt": None, "msgid": None, "msgstr": [], "flags": ""}, None
        elif line.startswith("#,"):
            entry["flags"] += line
        elif line.startswith("msgctxt "):
            entry["msgctxt"], field = _string(line), "msgctxt"
        elif line.startswith("msgid "):
            entry["msgid"], field = _string(line), "msgid"
        elif line.startswith("msgstr"):
            entry["msgstr"].append(_string(line))
            field = "msgstr"
        elif line.startswith('"') and field == "msgid":
            entry["msgid"] += _string(line)
        elif line.startswith('"') and field == "msgstr":
            entry["msgstr"][-1] += _string(line)


def _string(line: str) -> str:
    return ast.literal_eval(re.search(r'(".*")', line).group(1))


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_interface_string_is_translated(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    untranslated = [
        msgid
        for _context, msgid, msgstrs, flags in _entries(po)
        if msgid and (not all(msgstrs) or "fuzzy" in flags)
    ]
    assert untranslated == []


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_compiled_catalogue_matches_its_source(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    with po.with_suffix(".mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = [
        msgid
        for context, msgid, msgstrs, _flags in _entries(po)
        if msgid
        and len(msgstrs) == 1
        and (compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)) != msgstrs[0]
    ]
    assert stale == []  # run `make messages`
