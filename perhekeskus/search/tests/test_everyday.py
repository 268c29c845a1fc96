"""Families' everyday words: the vocabulary files, phrases, negation, question frames, spelling in the
query's language, and the family's municipality first."""

import csv
import datetime
import json

import pytest

from perhekeskus.catalog.opening_hours import HELSINKI
from perhekeskus.catalog.reference import read_csv
from perhekeskus.catalog.tests import factories
from perhekeskus.core.translation import MORE_PUBLIC_LANGUAGES
from perhekeskus.search import analysis, everyday, indexing, query, selectors, spelling
from perhekeskus.search.query import Filters

MONDAY_NOON = datetime.datetime(2026, 11, 30, 12, tzinfo=HELSINKI)
TYPES = {row["code"] for row in read_csv("service-types.csv")}
SITUATIONS = {row["code"] for row in read_csv("life-situations.csv")}


def rows(language):
    with open(everyday.EVERYDAY_DIR / f"{language}.csv", encoding="utf-8") as file:
        return list(csv.reader(line for line in file if line.strip() and not line.startswith("#")))[1:]


@pytest.mark.parametrize("language", everyday.LANGUAGES)
def test_each_vocabulary_file_is_well_formed_and_covers_every_type_and_situation(language):
    found = rows(language)
    assert len(found) >= (500 if language in ("fi", "sv", "en") else 300)
    assert all(len(row) == 2 for row in found)
    phrases = [row[0] for row in found]
    assert len(phrases) == len(set(phrases)), "a phrase appears twice"
    used = {code for row in found for code in row[1].split(";")}
    assert used <= TYPES | SITUATIONS, f"unknown codes: {used - TYPES - SITUATIONS}"
    assert used == TYPES | SITUATIONS, f"not covered: {TYPES | SITUATIONS - used}"


@pytest.mark.parametrize("language", MORE_PUBLIC_LANGUAGES)
def test_the_further_languages_leave_finnish_words_to_the_finnish_file(language):
    """Phrases match queries in any language: "turvakoti" in the Arabic file, with codes of its own,
    would change every Finnish search for it."""
    finnish = {analysis.normalize(row[0]) for row in rows("fi")}
    assert [row[0] for row in rows(language) if analysis.normalize(row[0]) in finnish] == []


def test_every_phrase_keeps_a_word_that_queries_can_match():
    compiled = {(e.phrase, e.language) for e in everyday.entries()}
    lost = [
        (row[0], lang) for lang in everyday.LANGUAGES for row in rows(lang) if (row[0], lang) not in compiled
    ]
    assert lost == [], "these phrases are only stop words or question frames"


def test_the_compiled_vocabulary_is_that_of_the_data_files():
    """`manage.py compile_vocabulary` after editing the files (and FORMAT up when the analysis changes)."""
    on_disk = json.loads(everyday.COMPILED.read_text(encoding="utf-8"))
    assert on_disk == json.loads(json.dumps(everyday.compile_vocabulary()))


def parsed(text):
    return [(w.surface, w.need) for w in query.parse(text).words]


def codes_of(text):
    return {code for need in everyday.needs(analysis.query_words(text)) for code in need.codes}


def test_a_phrase_is_one_need_and_its_words_alone_are_not(db):
    assert parsed("väsynyt äiti") == [("väsynyt äiti", True)]
    assert ("äiti", True) not in parsed("äiti")
    assert "parent-coping" in query.parse("väsynyt äiti").situations


def test_question_frames_do_not_drive_the_search(db):
    assert parsed("mistä saa apua kun lapsi ei nuku") == parsed("lapsi ei nuku")
    assert parsed("where can I find help, my child won't eat") == parsed("child won't eat")
    searched = lambda text: {t for w in query.parse(text).words for t in w.terms}  # noqa: E731
    assert searched("var kan man få hjälp när barnet inte sover") == searched("barnet sover inte")
    assert not {"var", "kan", "få", "hjälp"} & {
        w.surface for w in query.parse("var kan man få hjälp med dagis").words
    }
    # Frame words alone are searched as typed.
    assert [w.surface for w in query.parse("apua").words] == ["apua"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("lapsi ei nuku", "child-health-clinic"),
        ("lapseni ei suostu syömään", "child-health-clinic"),
        ("my child won't eat", "child-health-clinic"),
        ("my son doesn't talk", "speech-therapy"),
        ("barnet äter inte", "child-health-clinic"),
        ("mitt barn pratar inte", "speech-therapy"),
    ],
)
def test_negated_needs_are_recognised(db, text, code):
    assert code in codes_of(text)


def test_a_phrase_does_not_match_its_opposite(db):
    negated = [e for e in everyday.entries() if e.negated]
    plain = [e for e in everyday.entries() if not e.negated]
    assert negated and plain
    # "ei puhu" (does not talk) is not "puhua jollekin" (talk to someone): the negated query matches
    # only phrases with a negation, the plain one only phrases without.
    for text in ("lapsi ei puhu", "child does not talk"):
        matched = [n.phrases for n in everyday.needs(analysis.query_words(text))]
        assert matched
        assert all(e.negated for phrases in matched for e in negated + plain if e.phrase in phrases)
    assert "speech-therapy" not in codes_of("haluan puhua jollekin")


def test_negation_binds_to_the_words_after_it_and_in_swedish_before(db):
    assert analysis.is_negation("emme") and analysis.is_negation("inte")
    # "en" is a Swedish article, a Finnish negation only before a verb.
    assert everyday._negates(["en", "jaksa"], 0)
    assert not everyday._negates(["en", "psykolog"], 0)


def test_a_negation_ends_after_its_verb(db):
    # "vauva ei nuku väsynyt äiti": the baby does not sleep and the mother is tired, not "not tired".
    assert {"baby", "parent-coping"} <= codes_of("vauva ei nuku väsynyt äiti")
    # Of phrases as long, the one whose words stand together: "väsynyt äiti", not "väsynyt … lapsi".
    assert "parent-coping" in codes_of("lapsi ei nuku väsynyt äiti")
    # Verbs in a row stay negated: "ei halua syödä" (does not want to eat); and a phrase with a
    # negation still reaches past the verb: "ei löydä opiskelupaikkaa" is "ei opiskelupaikkaa".
    assert "nutrition-therapy" in codes_of("lapsi ei halua syödä")
    assert "youth-services" in codes_of("nuori ei löydä opiskelupaikkaa")


def test_a_compound_no_phrase_knows_is_read_by_its_parts(db):
    assert "child-health-clinic" in codes_of("koliikkivauva")


def test_a_word_services_do_not_use_stands_for_the_phrases_it_appears_in(db):
    # "maito" (milk) stands only in phrases about feeding a baby, which the clinic answers.
    assert not [e for e in everyday.entries() if e.phrase == "maito"]
    found = everyday.needs(["maito"])
    assert found and "child-health-clinic" in found[0].codes
    # Not a word that service texts use: it means what the services say.
    assert everyday.needs(["maito"], known=lambda term: True) == []
    # A word spread over the phrases of many needs stands for none.
    assert everyday.needs(["lapsi"]) == []


def test_english_and_swedish_words_are_not_corrected_into_finnish(db):
    assert spelling.query_language(("tired", "mother"), "fi") == "en"
    assert spelling.query_language(("trött", "mamma"), "fi") == "sv"
    assert spelling.query_language(("väsynyt", "äiti"), "en") == "fi"
    assert analysis.is_known("tired", "en") and not analysis.is_known("tird", "en")


def test_a_word_typed_without_nordic_letters_is_corrected(db):
    factories.service(types=("family-work",), name_fi="Perhetyöntekijän kotikäynnit")
    indexing.rebuild()
    assert "perhetyöntekijän" in spelling.corrections("perhetyontekijan")


def run(text="", language="fi", **filters):
    return selectors.search(
        text=text, filters=Filters(**filters), sort="relevance", page=1, page_size=20,
        now=MONDAY_NOON, language=language,
    )  # fmt: skip


def test_real_english_words_that_find_nothing_get_no_suggestion(db):
    factories.service(types=("family-cafe",), name_fi="Perhekahvila Tid")
    indexing.rebuild()
    result = run("tired granny", language="fi")
    assert result.suggestion is None


@pytest.fixture
def family_work(db):
    """Family work delivered at a place in Joensuu for Joensuu and Lieksa, and at a place in Lieksa."""
    joensuu, lieksa = factories.municipality("167"), factories.municipality("422")
    region = factories.service(types=("family-work",), name_fi="Perhetyö Aamu")
    factories.delivery(
        service_obj=region,
        at=factories.location(municipality=joensuu, postal_code="80100", latitude=62.601, longitude=29.763),
        municipalities=[joensuu, lieksa],
    )
    local = factories.service(types=("family-work",), name_fi="Perhetyö Sarastus")
    factories.delivery(service_obj=local, at=factories.location(municipality=lieksa), municipalities=[lieksa])
    indexing.rebuild()
    return region, local


def test_services_delivered_in_the_chosen_municipality_come_first(family_work):
    names = lambda result: [hit.data["name"]["fi"] for hit in result.hits]  # noqa: E731
    assert names(run("perhetyö", municipality=["422"])) == ["Perhetyö Sarastus", "Perhetyö Aamu"]
    assert names(run("perhetyö", municipality=["167"])) == ["Perhetyö Aamu"]
    assert names(run("perhetyö lieksa")) == ["Perhetyö Sarastus", "Perhetyö Aamu"]
    # Without text, by name with the local ones first; the family's own municipality ranks first
    # without filtering.
    assert names(run(municipality=["422"], service_type=["family-work"])) == [
        "Perhetyö Sarastus",
        "Perhetyö Aamu",
    ]
    assert names(run("perhetyö", home_municipality="422")) == ["Perhetyö Sarastus", "Perhetyö Aamu"]
    assert set(names(run("perhetyö"))) == {"Perhetyö Aamu", "Perhetyö Sarastus"}


def test_among_more_matches_than_are_scored_the_local_ones_still_come_first(family_work, monkeypatch):
    monkeypatch.setattr(selectors, "RANK_LIMIT", 1)
    names = [hit.data["name"]["fi"] for hit in run("perhetyö", municipality=["422"]).hits]
    assert names == ["Perhetyö Sarastus", "Perhetyö Aamu"]


def test_a_document_lists_its_public_places_and_no_confidential_one(family_work):
    region, _local = family_work
    shelter = factories.location(
        municipality=factories.municipality("167"),
        postal_code="80100",
        latitude=62.601,
        longitude=29.763,
        confidential=True,
    )
    factories.delivery(service_obj=region, at=shelter, municipalities=[factories.municipality("167")])
    indexing.rebuild()
    places = (
        selectors.search(
            text="aamu", filters=Filters(), sort="relevance", page=1, page_size=5, now=MONDAY_NOON
        )
        .hits[0]
        .data["places"]
    )
    assert [(p["municipality"], p["point"]) for p in places] == [("167", [62.601, 29.763])]


def test_query_links_and_logged_searches_get_the_grouping_keys_of_this_analysis(db):
    """Migration 0010: keys made before "won't" was "will not" are made again; of two links of one
    network that now share a key, the newer stays."""
    import importlib

    from django.apps import apps

    from perhekeskus.network.models import Network
    from perhekeskus.search.models import QueryLink, SearchLog

    regroup = importlib.import_module("perhekeskus.search.migrations.0010_regroup_logged_queries").regroup
    network = Network.objects.create(slug="pk", name_fi="Pohjois-Karjala")
    old = QueryLink.objects.create(
        network=network, query_key="baby sleep t won", query="baby won't sleep", synonym="uni"
    )
    newer = QueryLink.objects.create(
        network=network, query_key="baby not sleep", query="baby wont sleep", synonym="yö"
    )
    log = SearchLog.objects.create(
        query="my baby won't sleep", query_key="baby sleep t won", language="en", filters={}, result_count=0
    )
    regroup(apps, None)
    assert query.grouping_key("baby won't sleep") == query.grouping_key("baby wont sleep")
    assert list(QueryLink.objects.values_list("pk", "query_key")) == [
        (newer.pk, query.grouping_key("baby won't sleep"))
    ]
    assert not QueryLink.objects.filter(pk=old.pk).exists()
    log.refresh_from_db()
    assert log.query_key == query.grouping_key("my baby won't sleep")
