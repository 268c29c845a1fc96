"""The demo network's data files: what a coordinator's edit may break is named with its file."""

import shutil

import pytest

from perhekeskus.demo import network


def test_keys_are_unique():
    data = network.build()
    for kind in ("organizations", "locations", "services"):
        keys = [row["key"] for row in data[kind]]
        assert len(keys) == len(set(keys)), kind


def test_named_hours_expand_to_schedules():
    data = network.build()
    clinic = next(row for row in data["services"] if row["key"] == "lieksa-lastenneuvola")
    schedule = clinic["deliveries"][0]["schedules"][0]
    assert schedule["by_appointment"] and schedule["valid_from"] is None
    assert schedule["rules"] == [
        {"weekdays": [0, 1, 2, 3, 4], "opens": "08:00", "closes": "16:00", "closes_next_day": False}
    ]
    assert [row["date"] for row in schedule["exceptions"]] == ["2026-12-24", "2026-12-31"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("service_areas: Lieksa\n", "service_areas: Lieksaa\n", "no municipality 'Lieksaa'"),
        ("hours: appointments Mon-Fri", "hours: appointment Mon-Fri", "no pattern of hours 'appointment'"),
        ("hours: appointments Mon-Fri 08:00", "hours: appointments Mon-Fry 08:00", "weekdays are"),
        ("  service_areas: Lieksa\n", "  service_area: Lieksa\n", "unknown ['service_area']"),
    ],
)
def test_a_mistake_names_its_file(tmp_path, old, new, message):
    folder = tmp_path / "north_karelia"
    shutil.copytree(network.NORTH_KARELIA, folder)
    path = folder / "services" / "county-local.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(network.DataError) as error:
        network.build(folder)
    assert str(error.value).startswith("north_karelia/services/county-local.yaml: ")
    assert message in str(error.value)
