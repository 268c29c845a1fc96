"""Properties of text analysis (analysis.py) and query parsing (query.py) over arbitrary text.

Text comes from families and from providers' listings: any Unicode, typed on phones, pasted from
documents. Whatever it is, analysis must not fail, must treat text the same however often it was
normalised (index and query time meet only through the normalised form), and parsing must give the
full-text engine expressions it accepts.
"""

import datetime
import unicodedata

import pytest
from django.db import connection
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from perhekeskus.search import analysis, selectors
from perhekeskus.search import query as search_query
from perhekeskus.search.query import Filters

PROPERTIES = settings(max_examples=300, derandomize=True, database=None, deadline=None)
WITH_DATABASE = settings(
    PROPERTIES, max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Parts of Finnish words: joined, they make compounds Voikko knows, as long as one likes.
FINNISH_PARTS = ["talo", "yö", "perhe", "neuvola", "lasten", "kuu", "puu", "äiti", "vauva", "koti",
                 "kerho", "ryhmä", "tuki", "palvelu", "ohjaus", "joensuu", "maa", "tie"]  # fmt: skip
# The letters of Finnish and Swedish, and what text from keyboards and documents holds besides.
LETTERS = "abcdefghijklmnopqrstuvwxyzåäöšžéüABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖŠŽÉÜ0123456789"
ODD = (
    "\u0300\u0301\u0308\u030a\u030c\u0316\u0345"  # combining marks
    "\x00\x01\t\n\r\x1b\x7f\x85\u200b\u200c\u200d\u2028\u202e\ufeff\u00ad\u00a0"  # control and format
    "-‐‑–—_'’\".,:;!?()[]*&|<>@#%+=/\\"  # punctuation, and the syntax of FTS5 and tsquery
    "ßİıςσǰᾳÅKﬁﬀＡｚ²①٣Ⅻ"  # letters that change in NFKC or case folding
    "😀👨‍👩‍👧🇫🇮"  # emoji, joined and flagged
)
# Compounds of any length up to a long paragraph's worth (lists would mostly be short).
finnish_words = st.integers(1, 60).flatmap(
    lambda n: st.lists(st.sampled_from(FINNISH_PARTS), min_size=n, max_size=n).map("".join)
)
texts = st.one_of(
    st.text(),  # anything Unicode has
    st.text(alphabet=st.characters(codec=None, exclude_categories=())),  # lone surrogates too
    st.text(alphabet=st.sampled_from(LETTERS + ODD + " "), max_size=80),
    st.lists(st.one_of(finnish_words, st.text(alphabet=LETTERS + ODD, min_size=1, max_size=12)), max_size=6)
    .flatmap(lambda parts: st.sampled_from([" ", "-", " - ", "\n", "\u00a0"]).map(lambda sep: sep.join(parts))),
    st.text(alphabet=LETTERS, min_size=100, max_size=3000),  # a very long word
)  # fmt: skip
languages = st.sampled_from(["fi", "sv", "en"])


@PROPERTIES
@given(texts)
@example("İ\u0316")  # case folding left a dot above before the mark below, out of canonical order
def test_normalising_is_idempotent(text):
    once = analysis.normalize(text)
    assert isinstance(once, str)
    assert analysis.normalize(once) == once


@PROPERTIES
@given(texts)
def test_words_are_normalised_letters_and_digits(text):
    for word in analysis.words(text):
        assert word and word.isalnum(), word  # no space, hyphen, underscore, punctuation or mark
        assert analysis.normalize(word) == word


@PROPERTIES
@given(texts)
def test_words_of_a_hyphenated_compound_are_the_whole_and_its_parts(text):
    found = analysis.words(text)
    for match in analysis.WORD_RE.finditer(analysis.normalize(text)):
        parts = match.group().split("-")
        expected = [match.group()] if len(parts) == 1 else ["".join(parts), *parts]
        assert found[: len(expected)] == expected
        found = found[len(expected) :]
    assert found == []


@PROPERTIES
@given(texts, languages)
def test_text_terms_are_stable_and_the_same_for_normalised_text(text, language):
    terms = analysis.text_terms(text, language)
    assert isinstance(terms, tuple)
    assert all(isinstance(term, str) and term for term in terms), terms
    # The same uncached, and for the normalised text (index and query time meet there).
    assert analysis.text_terms.__wrapped__(text, language) == terms
    assert analysis.text_terms(analysis.normalize(text), language) == terms
    stops = analysis.stop_words()
    for word in analysis.words(text):
        if word not in stops:
            assert set(analysis.word_terms(word, language)) <= set(terms)


@PROPERTIES
@given(st.one_of(finnish_words, st.text(alphabet=LETTERS + ODD, min_size=1, max_size=50)))
@example("talo" * 50)  # Voikko's transducer recursed past Python's limit on a long compound
def test_finnish_analysis_never_fails_and_keeps_its_shape(text):
    for word in analysis.words(text):
        bases, compounds = analysis.finnish_analysis(word)
        assert bases == tuple(sorted(set(bases))) and all(bases)
        assert compounds == tuple(sorted(set(compounds)))
        assert all(len(parts) > 1 for parts in compounds)
        terms, query_compounds = analysis.query_alternatives(word)
        assert word in terms and set(bases) <= terms and query_compounds == compounds


@PROPERTIES
@given(texts, languages)
def test_suggestion_words_come_from_the_text(text, language):
    words = set(analysis.words(text))
    for word in analysis.suggestion_words(text, language):
        assert len(word) > 2 and not word.isdigit()
        assert word in words or language == "fi"


@pytest.mark.django_db  # the life situations a need of the vocabulary stands for
@PROPERTIES
@given(texts, st.booleans())
def test_parsed_query_words_are_safe_to_quote(text, typing):
    text = text if typing else text + " "
    parsed = search_query.parse(text, detect_municipalities=False)
    assert parsed.text == " ".join(parsed.surfaces)
    assert all(s and s.isalnum() and analysis.normalize(s) == s for s in parsed.surfaces)
    # Every term goes into the match expression between quotes: letters and digits only.
    safe = search_query.SAFE_TERM_RE
    for index, word in enumerate(parsed.words):
        assert word.terms and word.own_terms <= word.terms
        assert all(safe.fullmatch(term) for term in word.terms), word.terms
        assert all(safe.fullmatch(part) for parts in word.compounds for part in parts)
        if word.prefix is not None:
            assert index == len(parsed.words) - 1 and typing
            assert len(word.prefix) >= search_query.MIN_PREFIX and safe.fullmatch(word.prefix)


@pytest.mark.django_db  # municipality names
@WITH_DATABASE
@given(texts)
def test_the_grouping_key_is_short_sorted_and_normalised(text):
    key = search_query.grouping_key(text)
    assert len(key) <= 200
    assert analysis.normalize(key) == key
    words = key.split(" ") if key else []
    assert words == sorted(words) or len(key) == 200


@pytest.mark.django_db
@WITH_DATABASE
@given(texts, st.booleans(), st.booleans())
def test_the_database_accepts_every_match_expression(text, any_word, synonyms):
    """FTS5 on SQLite, tsquery on PostgreSQL: a term that broke their syntax would be a server error."""
    parsed = search_query.parse(text, detect_municipalities=False)
    if not parsed.words:
        return
    expression = search_query.match_expression(
        parsed.words, connection.vendor, any_word=any_word, synonyms=synonyms
    )
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH %s", [expression])
        else:
            cursor.execute("SELECT to_tsquery('simple', %s)", [expression])
        cursor.fetchall()


@WITH_DATABASE
@given(text=texts, page_size=st.integers(1, 5))
@example(text="yö" * 60, page_size=1)
def test_searching_any_text_answers(network, text, page_size):
    result = selectors.search(
        text=text,
        filters=Filters(),
        sort="relevance",
        page=1,
        page_size=page_size,
        now=datetime.datetime(2025, 3, 4, 10, tzinfo=datetime.UTC),
    )
    assert len(result.hits) <= min(page_size, result.total)
    assert result.suggestion is None or unicodedata.is_normalized("NFC", result.suggestion)
