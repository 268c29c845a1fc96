import pytest

from perhekeskus.search import analysis


def test_text_is_normalised_and_case_folded():
    assert analysis.words("ÄITIYSNEUVOLA  Joensuu!") == ["äitiysneuvola", "joensuu"]


def test_hyphenated_compound_gives_the_whole_and_its_parts():
    assert analysis.words("Kasvatus- ja perhe-neuvola") == [
        "kasvatus",
        "ja",
        "perheneuvola",
        "perhe",
        "neuvola",
    ]


@pytest.mark.parametrize(
    ("word", "base"),
    [("lastenneuvolassa", "lastenneuvola"), ("äitiysneuvolaan", "äitiysneuvola"), ("vauvaperheille", "vauvaperhe"),
     ("puheterapeutille", "puheterapeutti"), ("joensuussa", "joensuu"), ("lieksaan", "lieksa")],
)  # fmt: skip
def test_finnish_inflected_words_get_their_base_form(word, base):
    assert base in analysis.finnish_analysis(word)[0]


def test_compound_parts_are_indexed():
    assert {"lastenneuvola", "lapsi", "neuvola"} <= set(analysis.finnish_terms("lastenneuvolassa"))


def test_place_names_are_not_split_into_parts():
    assert analysis.finnish_terms("joensuussa") == ("joensuu",)


def test_unknown_words_get_a_snowball_stem():
    assert analysis.finnish_analysis("perhekahvlassa")[0] == ("perhekahvl",)


def test_swedish_and_english_text_is_stemmed():
    assert analysis.text_terms("Familjerådgivningen", "sv") == (analysis.stem("familjerådgivningen", "sv"),)
    assert analysis.text_terms("counselling families", "en") == ("counsel", "famili")


def test_stop_words_are_left_out():
    assert analysis.text_terms("neuvola ja perhe", "fi") == (*analysis.finnish_terms("neuvola"), "perhe")


def test_query_word_stands_for_every_reading():
    terms, compounds = analysis.query_alternatives("lastenneuvolassa")
    assert "lastenneuvola" in terms
    assert ("lapsi", "neuvola") in compounds


def test_thesaurus_links_languages_and_need_words():
    synonyms = analysis.thesaurus()
    assert "äitiysneuvola" in synonyms["raskas"]
    assert analysis.stem("talterapi", "sv") in synonyms["puheterapia"]


@pytest.mark.parametrize("filename", ["thesaurus.csv", "translations.csv"])
def test_synonym_files_hold_single_words(filename):
    lines = (analysis.DATA_DIR / filename).read_text(encoding="utf-8").splitlines()
    entries = [e.strip() for line in lines if line and not line.startswith("#") for e in line.split(",")]
    assert entries
    assert [e for e in entries if len(analysis.words(e)) != 1 or "-" in e] == []
