"""Every interface string is translated into Finnish and Swedish (English is the source language), and
every string of the public site into Russian, Ukrainian, Arabic, Somali, Persian and Estonian too (the
workspace stays in the network's three working languages: docs/decisions/0020-nine-languages.md)."""

import ast
import gettext
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def _entries(po: Path, with_places: bool = False):
    """(msgctxt or None, msgid, [msgstr…], flags) of each entry of a .po file; with `with_places`, also
    the source files that use it."""
    entry = {"msgctxt": None, "msgid": None, "msgstr": [], "flags": "", "places": []}
    field = None
    for line in [*po.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry["msgid"] is not None:
                found = (entry["msgctxt"], entry["msgid"], entry["msgstr"], entry["flags"])
                yield (*found, entry["places"]) if with_places else found
            entry, field = {"msgctxt": None, "msgid": None, "msgstr": [], "flags": "", "places": []}, None
        elif line.startswith("#:"):
            entry["places"] += [place.rsplit(":", 1)[0] for place in line[2:].split()]
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


# Sources only staff see (paths relative to perhekeskus/): a message used nowhere else need not be in
# the public site's other languages.
STAFF_ONLY = re.compile(
    r"^(workspace|insights|planning)/"
    r"|^information/templates/information/(feedback_list|page_form|page_list|page_version)\.html"
    r"|^information/templates/information/email/"
    r"|^referrals/templates/referrals/(audit|detail|inbox|referral_form|services)\.html"
    r"|^referrals/templates/referrals/email/(nobody_to_receive|received|status)"
    r"|^activities/templates/activities/staff_|^activities/staff_"
    r"|^catalog/templates/catalog/email/|^catalog/(publishing|completeness|coverage|freshness)\.py"
    r"|^questions/(views|forms)\.py|^questions/templates/questions/"
    r"|^network/services\.py|^[a-z_]+/management/|^[a-z_]+/admin\.py|^demo/"
)
PUBLIC_ONLY_LANGUAGES = ["ru", "uk", "ar", "so", "fa", "et"]


@pytest.mark.parametrize("language", PUBLIC_ONLY_LANGUAGES)
def test_every_string_of_the_public_site_is_translated(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    untranslated = [
        msgid
        for _context, msgid, msgstrs, flags, places in _entries(po, with_places=True)
        if msgid
        and any(not STAFF_ONLY.search(place) for place in places)
        and (not all(msgstrs) or "fuzzy" in flags)
    ]
    assert untranslated == []


def test_the_staff_only_sources_leave_the_public_pages_alone():
    # A guard on STAFF_ONLY itself: the strings of the search page, a service page, the registration
    # form and its e-mail, and the contact request form are public.
    po = LOCALE / "ru" / "LC_MESSAGES" / "django.po"
    public = {
        msgid
        for _context, msgid, _msgstrs, _flags, places in _entries(po, with_places=True)
        if any(not STAFF_ONLY.search(place) for place in places)
    }
    assert {"Search services", "Register", "Opening hours for the next seven days", "Send"} <= public
    assert "Report readers" not in public and len(public) > 700


@pytest.mark.parametrize("language", ["fi", "sv", *PUBLIC_ONLY_LANGUAGES])
def test_the_compiled_catalogue_matches_its_source(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    with po.with_suffix(".mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = [
        msgid
        for context, msgid, msgstrs, _flags in _entries(po)
        if msgid
        and len(msgstrs) == 1
        and msgstrs[0]  # an untranslated message is gettext's English (the tests above decide if it may be)
        and (compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)) != msgstrs[0]
    ]
    assert stale == []  # run `make messages`


def test_no_message_is_marked_inside_an_f_string():
    # xgettext (make messages) does not read into f-strings: a message marked there drops out of the
    # catalogues, with its translations, the next time they are made.
    marked = re.compile(r"""f["'][^"'\n]*\{[^}\n]*\b(_|gettext|ngettext|pgettext|gettext_lazy)\(""")
    sources = Path(__file__).resolve().parents[2]
    found = [
        f"{path.relative_to(sources)}:{number}"
        for path in sources.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if marked.search(line)
    ]
    assert found == []
