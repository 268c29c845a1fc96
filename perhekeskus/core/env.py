"""Strict parsing of settings from the environment: a bad value stops the process with a clear message.

A malformed value is recorded and its default used, so that the settings read on: at their end
(stop_on_problems) one message names every malformed and every missing setting, not just the first."""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
# What reading the settings found wrong, in the order found.
MALFORMED: list[str] = []
# What production (debug off) needs but was not given.
MISSING: list[str] = []


def malformed(message: str, fallback):
    """Records a malformed value; the settings go on with the fallback (never used: they stop at the end)."""
    MALFORMED.append(message)
    return fallback


def required(name: str, value, meaning: str):
    if not value:
        MISSING.append(f"{name} ({meaning})")
    return value


def stop_on_problems() -> None:
    """Raises one ImproperlyConfigured naming everything recorded (and forgets it, for a next reading)."""
    problems = list(MALFORMED)
    if MISSING:
        problems.append(
            "DJANGO_DEBUG is off, and these settings are missing from the environment: "
            + "; ".join(MISSING)
            + ". See docs/operations.md."
        )
    MALFORMED.clear()
    MISSING.clear()
    if problems:
        raise ImproperlyConfigured(" ".join(problems))


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    return malformed(f"{name} must be one of {sorted(_TRUE | _FALSE - {''})}, not {raw!r}.", default)


def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value is None or value == "" else value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_seconds(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 < value < float("inf"):
        return malformed(f"{name} must be a positive number of seconds, not {raw!r}.", default)
    return value


def env_days(name: str, default: int) -> int:
    return env_int(name, default, minimum=1, what="whole number of days")


def env_int(name: str, default: int, *, minimum: int = 0, what: str = "whole number") -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip(), 10)
    except ValueError:
        value = minimum - 1
    if value < minimum or not raw.strip().isascii():
        return malformed(f"{name} must be a {what} ({minimum} or more), not {raw!r}.", default)
    return value


def env_rate(name: str, default: str) -> str:
    """A request rate as the API throttles read it: '<count>/<second|minute|hour|day>'."""
    value = (os.environ.get(name) or default).strip()
    count, _, period = value.partition("/")
    if not (count.isdigit() and int(count) > 0 and period in ("second", "minute", "hour", "day")):
        return malformed(
            f"{name} must be like 600/minute (per second, minute, hour or day), not {value!r}.", default
        )
    return value


def env_fernet_keys(name: str) -> list[str]:
    """Fernet keys, comma-separated: each checked now, not at the first encryption. A bad key is named
    by its position, never shown (it may be a real key with a typo). The keys are returned as given,
    bad or not, so that a malformed setting is not also reported missing."""
    from cryptography.fernet import Fernet

    keys = env_list(name, [])
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except ValueError:
            malformed(
                f"{name}: key {position} of {len(keys)} is not a Fernet key (32 bytes in URL-safe "
                "base64; make one with python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())').",
                None,
            )
    return keys


def read_settings_or_exit() -> None:
    """Reads the settings now: a missing or malformed environment variable stops the process with its
    message alone (exit status 78, 'configuration error'), not a traceback."""
    import sys

    from django.conf import settings

    try:
        settings.INSTALLED_APPS  # noqa: B018 — reading one setting loads them all
    except ImproperlyConfigured as error:
        print(f"Configuration error: {error}", file=sys.stderr)
        sys.exit(78)
