import pytest
from django.core.exceptions import ImproperlyConfigured

from perhekeskus.core import env
from perhekeskus.core.env import env_bool, env_list, env_seconds, required, stop_on_problems


@pytest.fixture(autouse=True)
def _no_problems_yet(monkeypatch):
    """Each test records its problems in lists of its own, not in those the settings were read with."""
    monkeypatch.setattr(env, "MALFORMED", [])
    monkeypatch.setattr(env, "MISSING", [])


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("TRUE", True), ("on", True), ("0", False), ("no", False), ("", False)]
)
def test_boolean_settings_accept_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("PK_TEST_FLAG", raw)
    assert env_bool("PK_TEST_FLAG", default=not expected) is expected


def test_unknown_boolean_strings_stop_the_process(monkeypatch):
    monkeypatch.setenv("PK_TEST_FLAG", "maybe")
    assert env_bool("PK_TEST_FLAG", default=False) is False
    with pytest.raises(ImproperlyConfigured, match="PK_TEST_FLAG"):
        stop_on_problems()


def test_missing_boolean_uses_the_default(monkeypatch):
    monkeypatch.delenv("PK_TEST_FLAG", raising=False)
    assert env_bool("PK_TEST_FLAG", default=True) is True


def test_lists_are_split_on_commas(monkeypatch):
    monkeypatch.setenv("PK_TEST_LIST", "a.fi, b.fi,,")
    assert env_list("PK_TEST_LIST", []) == ["a.fi", "b.fi"]


@pytest.mark.parametrize("raw", ["soon", "0", "-5", "nan", "inf"])
def test_a_duration_must_be_a_positive_number_of_seconds(monkeypatch, raw):
    monkeypatch.setenv("PK_TEST_SECONDS", raw)
    assert env_seconds("PK_TEST_SECONDS", 30) == 30
    with pytest.raises(ImproperlyConfigured, match="PK_TEST_SECONDS must be a positive number of seconds"):
        stop_on_problems()


def test_a_duration_is_read_in_seconds(monkeypatch):
    monkeypatch.setenv("PK_TEST_SECONDS", "2.5")
    assert env_seconds("PK_TEST_SECONDS", 30) == 2.5
    monkeypatch.delenv("PK_TEST_SECONDS")
    assert env_seconds("PK_TEST_SECONDS", 30) == 30


def test_every_malformed_and_missing_setting_is_named_in_one_message(monkeypatch):
    monkeypatch.setenv("PK_TEST_FLAG", "maybe")
    monkeypatch.setenv("PK_TEST_SECONDS", "soon")
    env_bool("PK_TEST_FLAG", default=False)
    required("PK_TEST_NEEDED", "", "something production needs")
    env_seconds("PK_TEST_SECONDS", 30)
    with pytest.raises(ImproperlyConfigured) as stop:
        stop_on_problems()
    message = str(stop.value)
    assert message.startswith("PK_TEST_FLAG must be one of")
    assert "PK_TEST_SECONDS must be a positive number of seconds, not 'soon'." in message
    assert message.endswith(
        "DJANGO_DEBUG is off, and these settings are missing from the environment: "
        "PK_TEST_NEEDED (something production needs). See docs/operations.md."
    )
    stop_on_problems()  # forgotten once reported
