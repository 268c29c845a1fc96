import pytest

from perhekeskus.search import query

pytestmark = pytest.mark.django_db


def test_municipality_named_in_the_query_becomes_a_filter():
    parsed = query.parse("neuvola lieksassa ")
    assert parsed.municipalities == ("422",)
    assert [w.surface for w in parsed.words] == ["neuvola"]


def test_a_common_word_names_only_a_municipality_of_the_networks():
    from perhekeskus.network.models import Municipality, Network

    # "virtaa" is a current (virta) or Virrat; "kiteellä" on a crystal (kide) or in Kitee.
    assert query.parse("ei virtaa ").municipalities == ()
    assert query.parse("neuvola kiteellä ").municipalities == ()
    network = Network.objects.create(slug="pk", name_fi="Pohjois-Karjala")
    Municipality.objects.filter(code="260").update(network=network)
    assert query.parse("neuvola kiteellä ").municipalities == ("260",)


def test_municipality_detection_can_be_turned_off():
    parsed = query.parse("lieksa", detect_municipalities=False)
    assert parsed.municipalities == ()
    assert [w.surface for w in parsed.words] == ["lieksa"]


def test_only_the_last_word_being_typed_matches_as_a_prefix():
    typing = query.parse("perhe neuvo")
    assert [w.prefix for w in typing.words] == [None, "neuvo"]
    assert query.parse("perhe neuvo ").words[-1].prefix is None


def test_stop_words_are_dropped_unless_nothing_else_is_left():
    assert [w.surface for w in query.parse("toys for babies ").words] == ["toys", "babies"]
    assert [w.surface for w in query.parse("and ").words] == ["and"]


def test_compound_with_a_generic_ending_also_stands_for_its_beginning():
    word = query.make_word("parisuhdeongelmat")
    assert "parisuhde" in word.own_terms


def test_synonyms_widen_the_match_but_not_the_exact_terms():
    word = query.make_word("raskaana")
    assert "äitiysneuvola" in word.terms
    assert "äitiysneuvola" not in word.own_terms


@pytest.mark.parametrize("vendor", ["sqlite", "postgresql"])
def test_match_expression_quotes_every_term(vendor):
    parsed = query.parse('neuvola" OR * lapsi')
    expression = query.match_expression(parsed.words, vendor)
    assert '"neuvola"' in expression or "'neuvola'" in expression
    assert "OR *" not in expression
