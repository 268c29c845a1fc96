"""Personal data encrypted at rest: a field whose value is stored as a Fernet token (AES-128-CBC with
HMAC-SHA256), so that a database dump alone reveals nothing. Keys come from the environment
(`PERSONAL_DATA_KEYS`, newest first); older keys still decrypt until `rotate_personal_data_key` has
re-encrypted every row with the newest (decision record 0011)."""

import base64
import hashlib
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "fernet:"


def key_from_secret(secret: str) -> str:
    """A Fernet key derived from a secret string (local development and tests only)."""
    return base64.urlsafe_b64encode(hashlib.sha256(("personal-data:" + secret).encode()).digest()).decode()


@cache
def _keys(keys: tuple[str, ...]) -> MultiFernet:
    # Each key was checked when the settings were read (core.env.env_fernet_keys).
    return MultiFernet([Fernet(key) for key in keys])


def fernet() -> MultiFernet:
    return _keys(tuple(settings.PERSONAL_DATA_KEYS))


def encrypt(text: str) -> str:
    return PREFIX + fernet().encrypt(text.encode()).decode()


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        raise ValueError("not an encrypted value")
    try:
        return fernet().decrypt(stored.removeprefix(PREFIX).encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "Personal data cannot be decrypted with PERSONAL_DATA_KEYS: is a key missing?"
        ) from error


class EncryptedTextField(models.TextField):
    """Text kept encrypted in the database; empty stays empty (nothing to hide). Not searchable."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return encrypt(str(value))

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return decrypt(value)


def encrypted_fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
