import re

import pytest

from perhekeskus.catalog.models import LifeSituation

pytestmark = pytest.mark.django_db


def test_every_life_situation_has_its_name_and_guide_in_the_nine_languages_and_plain_finnish():
    from perhekeskus.core.translation import PUBLIC_LANGUAGES

    for situation in LifeSituation.objects.all():
        for code in PUBLIC_LANGUAGES:
            assert getattr(situation, f"guide_{code}") and getattr(situation, f"name_{code}"), (
                situation.code,
                code,
            )
        # Plain Finnish: short sentences (at most 12 words each).
        plain = situation.guide_selko
        assert plain and plain != situation.guide_fi, situation.code
        assert max(len(sentence.split()) for sentence in re.split(r"[.?!] ", plain)) <= 12, situation.code


def test_guide_list_links_every_guide(client):
    html = client.get("/guides/").content.decode()
    for code in LifeSituation.objects.values_list("code", flat=True):
        assert f'href="/guides/{code}/"' in html


def test_guide_orients_and_lists_services_by_type_for_the_chosen_municipality(client, network):
    html = client.get("/guides/expecting/").content.decode()
    assert "<h1>Odotamme vauvaa</h1>" in html
    assert "äitiysneuvola seuraa" in html  # the orientation
    assert "Joensuun äitiysneuvola" in html and "Perhekahvila Pesä" in html
    lieksa = client.get("/guides/expecting/", {"municipality": "422"}).content.decode()
    assert '<option value="422" selected>' in lieksa
    assert "Joensuun äitiysneuvola" not in lieksa
    assert "Ei listattu valinnoillasi:" in lieksa and "Äitiysneuvola" in lieksa
    assert 'href="/search/?municipality=422&amp;life_situation=expecting"' in lieksa


def test_guide_filters_by_age(client, network):
    html = client.get("/guides/development-concern/", {"age_months": "6"}).content.decode()
    assert "Lasten puheterapia" not in html  # 12–144 months
    assert (
        "Lasten puheterapia"
        in client.get("/guides/development-concern/", {"age_months": "24"}).content.decode()
    )


def test_guide_in_swedish_and_bad_choices_explained(client, network):
    html = client.get("/sv/guides/separation/", {"municipality": "nope", "age_months": "-1"}).content.decode()
    assert '<html lang="sv" dir="ltr">' in html and "<h1>Separation</h1>" in html
    assert 'class="form-errors" role="alert"' in html


def test_unknown_guide_is_not_found(client):
    assert client.get("/guides/no-such-situation/").status_code == 404


def test_a_service_of_two_of_the_guides_types_is_shown_once(client, network):
    from perhekeskus.catalog.tests import factories
    from perhekeskus.search import indexing

    both = factories.service(types=("maternity-clinic", "family-cafe"), name_fi="Neuvolakahvila")
    factories.delivery(service_obj=both, municipalities=[factories.municipality("167")])
    indexing.rebuild()
    html = client.get("/guides/expecting/").content.decode()
    assert html.count(f'id="my-list-{both.pk}"') == 1
