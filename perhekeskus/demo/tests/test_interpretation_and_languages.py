"""The demo network says where an interpreter is available (the loaded demo's activities in other
languages and the interpreter search: test_network)."""

import pytest

from perhekeskus.demo import network


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


def test_a_family_reading_russian_ukrainian_or_arabic_meets_texts_written_in_it():
    """Services and activities for families who moved to Finland carry their texts in Russian,
    Ukrainian and Arabic where their organisations would write them (issue 25)."""
    rows = [*network.build()["services"], *network.read("activities.yaml")]
    written = {
        language: {
            row["key"]
            for row in rows
            if isinstance(row.get("name", row.get("title")), dict)
            and language in row.get("name", row.get("title"))
        }
        for language in ("ru", "uk", "ar")
    }
    assert all(len(keys) >= 4 for keys in written.values()), written
    assert "joensuu-kotoutumispalvelut-perheille" in written["ru"] & written["uk"] & written["ar"]
