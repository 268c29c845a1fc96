"""The demo network says where an interpreter is available and has activities in other languages."""

import io
import re

import pytest
from django.core.management import call_command

from perhekeskus.activities.models import Activity
from perhekeskus.catalog.models import Service
from perhekeskus.demo import network
from perhekeskus.demo.catalog import demo_id


def test_the_countys_clinics_and_social_work_give_an_interpreter_free_and_volunteer_cafes_none():
    services = {row["key"]: row for row in network.build()["services"]}
    statutory = (
        "joensuu-aitiysneuvola", "joensuu-lastenneuvola", "lieksa-lastenneuvola", "lieksa-sosiaaliohjaus",
        "kasvatus-ja-perheneuvola", "lastensuojelu",
    )  # fmt: skip
    for key in statutory:
        assert services[key]["interpretation"] == "free", key
        assert set(services[key]["interpretation_note"]) == {"fi", "sv", "en"}
    # A service's own word wins; the church's family counselling and the county's others have not said.
    assert services["maahan-muuttaneiden-perheiden-palveluohjaus"]["interpretation_note"]["en"].startswith(
        "An interpreter for any language"
    )
    assert services["kirkon-perheneuvonta"]["interpretation"] == ""
    assert services["joensuu-mll-perhekahvila"]["interpretation"] == "none"
    assert services["kotomaa-monikulttuurinen-perhekerho"]["interpretation"] == ""


def test_a_wrong_interpretation_in_the_files_names_the_file(tmp_path):
    import shutil

    folder = tmp_path / "north_karelia"
    shutil.copytree(network.NORTH_KARELIA, folder)
    path = folder / "services" / "ngos.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("interpretation: none", "interpretation: maybe", 1)
    )
    with pytest.raises(
        network.DataError, match=r"services/ngos.yaml: joensuu-mll-perhekahvila: `interpretation`"
    ):
        network.build(folder)


@pytest.mark.django_db
def test_the_loaded_demo_has_activities_in_other_languages_and_finds_interpreters(client):
    call_command("load_demo", stdout=io.StringIO())
    call_command("rebuild_search_index", verbosity=0)  # the test's transaction never commits
    held_in = {
        code
        for activity in Activity.objects.prefetch_related("languages")
        for code in activity.languages.values_list("code", flat=True)
    }
    assert {"fi", "sv", "en", "ru", "ar"} <= held_in
    arabic = Activity.objects.get(
        pk=demo_id("activity", "kotomaa-monikulttuurinen-perhekerho:arabiankielinen-perhekerho")
    )
    assert arabic.service.organization.name_fi.startswith("Monikulttuurinen perheyhdistys Kotomaa")
    assert arabic.location.municipality.name_fi == "Joensuu"
    calendar = client.get("/en/activities/", {"language": "ar"})
    assert calendar.status_code == 200
    assert {row.activity.pk for _day, rows in calendar.context["days"] for row in rows} == {arabic.pk}

    maternity = Service.objects.get(pk=demo_id("service", "joensuu-aitiysneuvola"))
    assert maternity.interpretation == "free"
    found = client.get(
        "/api/v1/search", {"interpreter": "true", "municipality": "167", "page_size": 100}
    ).json()
    assert str(maternity.pk) in {result["id"] for result in found["results"]}
    assert all(result["interpretation"] in ("free", "fee") for result in found["results"])
    guide = client.get("/en/guides/new-to-finland/", {"municipality": "167"}).content.decode()
    section = re.search(r'<section class="interpreters".*?</section>', guide, flags=re.S).group(0)
    linked = set(re.findall(r'<h3><a href="/en/services/([0-9a-f-]+)/"', section))
    # Joensuu's clinics, social guidance, family counselling, child welfare, the crisis service and the
    # guidance for immigrant families: all that the search finds, each linked.
    assert linked == {result["id"] for result in found["results"]} and len(linked) == 7
