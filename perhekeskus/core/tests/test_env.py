import pytest
from django.core.exceptions import ImproperlyConfigured

from perhekeskus.core.env import env_bool, env_list, env_seconds


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("TRUE", True), ("on", True), ("0", False), ("no", False), ("", False)]
)
def test_boolean_settings_accept_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("PK_TEST_FLAG", raw)
    assert env_bool("PK_TEST_FLAG", default=not expected) is expected


def test_unknown_boolean_strings_stop_the_process(monkeypatch):
    monkeypatch.setenv("PK_TEST_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="PK_TEST_FLAG"):
        env_bool("PK_TEST_FLAG", default=False)


def test_missing_boolean_uses_the_default(monkeypatch):
    monkeypatch.delenv("PK_TEST_FLAG", raising=False)
    assert env_bool("PK_TEST_FLAG", default=True) is True


def test_lists_are_split_on_commas(monkeypatch):
    monkeypatch.setenv("PK_TEST_LIST", "a.fi, b.fi,,")
    assert env_list("PK_TEST_LIST", []) == ["a.fi", "b.fi"]


@pytest.mark.parametrize("raw", ["soon", "0", "-5", "nan", "inf"])
def test_a_duration_must_be_a_positive_number_of_seconds(monkeypatch, raw):
    monkeypatch.setenv("PK_TEST_SECONDS", raw)
    with pytest.raises(ImproperlyConfigured, match="PK_TEST_SECONDS must be a positive number of seconds"):
        env_seconds("PK_TEST_SECONDS", 30)


def test_a_duration_is_read_in_seconds(monkeypatch):
    monkeypatch.setenv("PK_TEST_SECONDS", "2.5")
    assert env_seconds("PK_TEST_SECONDS", 30) == 2.5
    monkeypatch.delenv("PK_TEST_SECONDS")
    assert env_seconds("PK_TEST_SECONDS", 30) == 30
