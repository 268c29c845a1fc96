import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection

from perhekeskus.catalog import services
from perhekeskus.catalog.opening_hours import HELSINKI
from perhekeskus.catalog.tests import factories
from perhekeskus.search import query, selectors
from perhekeskus.search.models import SearchDocument, SearchPoint
from perhekeskus.search.query import Filters, match_expression

MONDAY_NOON = datetime.datetime(2026, 11, 30, 12, tzinfo=HELSINKI)


def run(text="", now=MONDAY_NOON, sort="relevance", page=1, page_size=20, **filters):
    return selectors.search(
        text=text, filters=Filters(**filters), sort=sort, page=page, page_size=page_size, now=now
    )


def names(result):
    return [hit.data["name"]["fi"] for hit in result.hits]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lastenneuvolassa", "Lieksan lastenneuvola"),
        ("neuvola lieksa", "Lieksan lastenneuvola"),
        ("äitiysneuvolaan joensuussa", "Joensuun äitiysneuvola"),
        ("olen raskaana", "Joensuun äitiysneuvola"),
        ("puheterapeutille", "Lasten puheterapia"),
        ("barnrådgivning", "Lieksan lastenneuvola"),
        ("family cafe", "Perhekahvila Pesä"),
        ("perhekahv", "Perhekahvila Pesä"),
    ],
)
def test_queries_in_everyday_language_find_the_service(network, text, expected):
    assert names(run(text))[0] == expected


def test_all_words_must_match(network):
    assert names(run("terveystarkastukset lapsille ")) == ["Lieksan lastenneuvola"]


def test_with_a_need_of_the_everyday_vocabulary_the_other_words_only_rank(network):
    # "neuvola" is a need (the clinics); "seuranta" (in the maternity clinic's text) excludes nothing.
    plain, ranked = names(run("neuvola ")), names(run("neuvola seuranta "))
    assert set(ranked) == set(plain) >= {"Joensuun äitiysneuvola", "Lieksan lastenneuvola"}
    assert ranked.index("Joensuun äitiysneuvola") <= plain.index("Joensuun äitiysneuvola")
    parsed = query.parse("neuvola seuranta ")
    assert "seuranta" in match_expression(parsed.words, "sqlite", synonyms=False)
    assert "seuranta" not in match_expression(parsed.words, "sqlite")


def test_when_no_service_has_every_word_the_best_partial_matches_are_shown(network):
    assert {"Lasten puheterapia", "Perhekahvila Pesä"} <= set(names(run("puheterapia kahvila ")))


def test_partial_matches_leave_out_a_word_most_services_hold_while_others_find_some(network):
    # Of these six services "lasten" is in two (more than COMMON_SHARE), "pesä" in one, none has both:
    # any of the two words would list the clinic and speech therapy beside the café.
    assert names(run("lasten ")) == ["Lieksan lastenneuvola", "Lasten puheterapia"]
    assert names(run("pesä lasten ")) == ["Perhekahvila Pesä"]
    # When the other words find nothing, the common word is searched alone rather than nothing.
    assert names(run("qxqxqx lasten ")) == ["Lieksan lastenneuvola", "Lasten puheterapia"]


def test_municipality_in_the_query_filters_to_it(network):
    assert names(run("neuvola joensuussa")) == ["Joensuun äitiysneuvola"]


def test_misspelt_word_is_corrected_with_a_suggestion(network):
    result = run("puheterapai")
    assert result.suggestion == "puheterapia"
    assert names(result) == ["Lasten puheterapia"]


def test_nothing_found_for_unknown_words(network):
    result = run("xyzzyqwerty")
    assert (result.total, result.hits) == (0, [])


def test_empty_query_lists_every_listed_service_by_name(network):
    result = run()
    assert result.total == 6
    assert names(result) == sorted(names(result), key=str.casefold)
    assert "Suljettu perhekerho" not in names(result)


def test_filter_by_municipality_is_repeatable(network):
    assert "Lieksan lastenneuvola" not in names(run(municipality=["167"]))
    both = names(run(municipality=["167", "422"]))
    assert {"Lieksan lastenneuvola", "Joensuun äitiysneuvola"} <= set(both)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"service_type": ["speech-therapy"]}, ["Lasten puheterapia"]),
        ({"category": ["meeting-place"]}, ["Kriisipuhelin", "Perhekahvila Pesä"]),
        ({"life_situation": ["baby"]}, ["Lieksan lastenneuvola"]),
        ({"delivery_mode": ["online"]}, ["Lasten puheterapia"]),
        ({"language": ["sv"]}, ["Lieksan lastenneuvola"]),
        ({"free": False}, ["Perhekahvila Pesä"]),
        # Services without age limits suit every age.
        (
            {"age_months": 100},
            [
                "Joensuun äitiysneuvola",
                "Kriisipuhelin",
                "Lasten puheterapia",
                "Perhekahvila Pesä",
                "Turvakoti",
            ],
        ),
    ],
)
def test_filters(network, filters, expected):
    assert sorted(names(run(**filters))) == expected


def test_filters_combine(network):
    assert names(run(municipality=["422"], age_months=6, free=True)) == ["Lieksan lastenneuvola"]
    assert "Perhekahvila Pesä" not in names(run("perhekahvila", free=True))


def test_open_now_uses_helsinki_time_holidays_and_overnight_hours(network):
    assert set(names(run(open_now=True))) == {"Lieksan lastenneuvola", "Joensuun äitiysneuvola"}
    assert names(run(open_now=True, now=datetime.datetime(2026, 12, 1, 10, tzinfo=HELSINKI))) == [
        "Joensuun äitiysneuvola", "Lieksan lastenneuvola", "Perhekahvila Pesä",
    ]  # fmt: skip
    assert names(run(open_now=True, now=datetime.datetime(2026, 12, 24, 10, tzinfo=HELSINKI))) == []
    saturday_night = datetime.datetime(2026, 11, 28, 1, 30, tzinfo=HELSINKI)
    assert names(run(open_now=True, now=saturday_night)) == ["Kriisipuhelin"]
    utc_time = datetime.datetime(2026, 11, 30, 14, 30, tzinfo=datetime.UTC)  # 16.30 in Helsinki
    assert names(run(open_now=True, now=utc_time)) == []


def test_distance_filter_and_sort(network):
    result = run(latitude=62.6, longitude=29.76, radius_km=5, sort="distance")
    assert set(names(result)) == {"Joensuun äitiysneuvola", "Perhekahvila Pesä"}
    assert all(hit.distance_km < 1 for hit in result.hits)
    far = run(latitude=62.6, longitude=29.76, sort="distance")
    assert names(far)[:2] == sorted(names(far)[:2])
    assert names(far)[2] == "Lieksan lastenneuvola"
    assert 80 < far.hits[2].distance_km < 90


def test_confidential_places_have_no_position(network):
    assert not SearchPoint.objects.filter(document__service=network["shelter"]).exists()


def test_facets_count_the_current_results(network):
    facets = run("neuvola").facets
    assert facets["municipality"] == {"167": 1, "422": 1}
    assert facets["service_type"] == {"child-health-clinic": 1, "maternity-clinic": 1}
    assert facets["category"] == {"promotion": 2}
    assert facets["language"] == {"fi": 1, "sv": 1}


def test_facets_add_up_count_each_option_of_a_chosen_facet_as_its_own_search_would(network):
    def added_up(text="", **filters):
        return selectors.search(
            text=text, filters=Filters(**filters), sort="relevance", page=1, page_size=20,
            now=MONDAY_NOON, facets_add_up=True,
        )  # fmt: skip

    lieksa = added_up("neuvola", municipality=["422"])
    # Joensuu (167) too: what choosing it as well would find; within the results, Lieksa alone.
    assert lieksa.facets["municipality"] == {"167": 1, "422": 1}
    assert run("neuvola", municipality=["422"]).facets["municipality"] == {"422": 1}
    # A facet without a choice counts within the results.
    assert lieksa.facets["service_type"] == {"child-health-clinic": 1}
    # Nothing found under two choices: each facet's options count what they would find with the
    # other choice (Lieksa's clinic serves in Finnish; Joensuu's names no language).
    neither = added_up("neuvola", municipality=["167"], language=["fi"])
    assert neither.total == 0
    assert neither.facets["municipality"] == {"422": 1}
    assert neither.facets["language"] == {}
    swedish = added_up("neuvola", municipality=["422"], language=["sv"])
    assert swedish.facets["language"] == {"fi": 1, "sv": 1}
    for code, count in swedish.facets["language"].items():
        assert run("neuvola", municipality=["422"], language=[code]).total == count
    # Results from a fallback (no service is both, so any of the words): a chosen facet still counts
    # the words as typed (here nothing), not what the fallback found; the others within the results.
    either = added_up("perhekahvila puheterapia", municipality=["167"])
    assert either.total == 2 and either.facets["municipality"] == {}
    assert either.facets["service_type"] == {"family-cafe": 1, "speech-therapy": 1}
    # A municipality named in the words is not a choice: counted within the results.
    named = added_up("neuvola lieksa")
    assert named.municipalities_in_text == ("422",)
    assert named.facets["municipality"] == {"422": 1}


def test_a_page_of_none_counts_without_ranking(network, monkeypatch):
    scored = []
    backends_for = selectors.backends_for

    def noted(*args, **kwargs):
        finder, scorer = backends_for(*args, **kwargs)
        for name in ("scores", "scores_of"):
            method = getattr(scorer, name)
            monkeypatch.setattr(
                scorer, name, lambda *a, _method=method, **k: scored.append(1) or _method(*a, **k)
            )
        return finder, scorer

    monkeypatch.setattr(selectors, "backends_for", noted)
    counted = run("neuvola", page_size=0)
    assert not scored
    ranked = run("neuvola")
    assert scored  # the same search with a page ranks its matches
    assert counted.hits == [] and counted.total == ranked.total == 2
    assert counted.facets == ranked.facets


def test_paging(network):
    first, second = run(page_size=4), run(page=2, page_size=4)
    assert (first.total, len(first.hits), len(second.hits)) == (6, 4, 2)
    assert not set(names(first)) & set(names(second))


# These commit for real, as a request does: the index follows on commit.
@pytest.mark.django_db(transaction=True)
def test_changes_reach_the_index_on_commit(network):
    services.service_save(actor=None, service=network["cafe"], values={"name_fi": "Perhekahvila Kuplat"})
    assert names(run("kuplat")) == ["Perhekahvila Kuplat"]
    services.service_save(actor=None, service=network["cafe"], values={"status": "inactive"})
    assert names(run("kuplat")) == []


@pytest.mark.django_db(transaction=True)
def test_organisation_rename_reaches_its_services(network):
    from perhekeskus.network.services import organization_save

    organization_save(
        actor=None, organization=network["cafe"].organization, values={"name_fi": "Perhepesä ry"}
    )
    assert "Perhekahvila Pesä" in names(run("perhepesä"))


@pytest.mark.django_db(transaction=True)
def test_new_delivery_and_its_deletion_reach_the_index(network):
    delivery = factories.delivery(
        service_obj=network["speech"], mode="home-visit", municipalities=[factories.municipality("541")]
    )
    assert names(run(municipality=["541"])) == ["Lasten puheterapia"]
    services.listing_delete(actor=None, instance=delivery)
    assert names(run(municipality=["541"])) == []


def test_a_failed_change_leaves_the_index_as_it_was(network):
    with pytest.raises(ValidationError):
        services.service_save(
            actor=None, service=network["cafe"], values={"name_fi": "Uusi", "age_min_months": -1}
        )
    assert names(run("perhekahvila pesä")) == ["Perhekahvila Pesä"]


def test_rebuild_command(network, capsys):
    SearchDocument.objects.all().delete()
    call_command("rebuild_search_index")
    assert "Indexed 6 services" in capsys.readouterr().out
    assert SearchDocument.objects.count() == 6


@pytest.mark.django_db(transaction=True)
def test_facets_and_name_order_follow_changes_made_after_the_first_search(network):
    # The first search takes the in-memory snapshot of the documents; changes written later must
    # show in the next search's facets and name order all the same.
    assert names(run())[0] == "Joensuun äitiysneuvola"
    services.service_save(actor=None, service=network["cafe"], values={"name_fi": "Aapisen perhekahvila"})
    factories.delivery(
        service_obj=network["speech"], mode="home-visit", municipalities=[factories.municipality("541")]
    )
    result = run()
    assert names(result)[0] == "Aapisen perhekahvila"
    assert names(result) == sorted(names(result), key=str.casefold)
    assert result.facets["municipality"]["541"] == 1
    assert result.facets["delivery_mode"]["home-visit"] == 1


def test_snapshot_is_taken_again_when_newcomers_crowd_one_place_in_name_order():
    from pyroaring import BitMap

    from perhekeskus.search.snapshot import Row, Snapshot

    taken = Snapshot([Row(n, f"a{n:04}", "category:x") for n in range(1000)])
    # Each newcomer sorts right after the one before: the room between two ranks halves each time.
    added = [taken.add([Row(5000 + n, "a0000" + "b" * (n + 1), "category:y")]) for n in range(100)]
    assert added[0] is True
    assert False in added  # no room left: the snapshot must be taken again
    first_refusal = added.index(False)
    newcomers = [taken.rank[5000 + n] for n in range(first_refusal)]
    assert newcomers == sorted(newcomers) and taken.rank[0] < newcomers[0] < taken.rank[1]
    assert taken.facet_counts(BitMap([0, 1, 5000])) == {"category:x": 2, "category:y": 1}


def test_an_age_asked_while_documents_are_added_is_not_kept_without_them():
    from perhekeskus.search.snapshot import Row, Snapshot

    taken = Snapshot([Row(n, f"a{n:04}", "category:x", 0, 12) for n in range(10)])

    class AddedMeanwhile(dict):
        """The age ranges as a search reads them while another thread adds a newcomer."""

        def items(self):
            if 99 not in taken.held:
                taken.add([Row(99, "b", "category:x", 0, 12)])
            return super().items()

    taken.ages = (AddedMeanwhile(taken.ages[0]), taken.ages[1])
    taken._for_age(6)
    assert 99 in taken._for_age(6)


@pytest.mark.django_db(transaction=True)
def test_a_search_without_words_reads_the_documents_again_only_when_the_database_says_they_changed(
    network, django_assert_num_queries
):

    from perhekeskus.search.snapshot import every_document

    def every() -> set[int]:
        with connection.cursor() as cursor:
            return set(every_document(cursor)[1])

    before = every()
    with django_assert_num_queries(1):  # the documents' version alone
        assert every() == before
    # Written or deleted by anything, the indexing or not: the database's triggers move the version on.
    shelter = SearchDocument.objects.get(service=network["shelter"]).pk
    SearchDocument.objects.filter(pk=shelter).delete()
    assert every() == before - {shelter}
    services.service_save(actor=None, service=network["cafe"], values={"name_fi": "Perhekahvila Kuplat"})
    after = every()
    cafe = SearchDocument.objects.get(service=network["cafe"]).pk
    assert cafe not in before and cafe in after and len(after) == len(before) - 1
    assert names(run()) == sorted(names(run()), key=str.casefold) and "Perhekahvila Kuplat" in names(run())
