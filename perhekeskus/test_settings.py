"""Test settings: the real settings with a fast hasher and in-memory e-mail."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key")
# Two keys: the newest encrypts, the older still decrypts (as during a key rotation).
os.environ.setdefault(
    "PERSONAL_DATA_KEYS",
    "dGVzdC1vbmx5LWtleS1mb3ItcGVyc29uYWwtZGF0YTE=,b2xkZXItdGVzdC1rZXktZm9yLXBlcnNvbmFsLWRhdGE=",
)
# Who answers for the personal data, as the privacy notice names them.
os.environ.setdefault("PRIVACY_CONTROLLER", "Testikunnan hyvinvointialue")
os.environ.setdefault("PRIVACY_CONTACT", "kirjaamo@example.fi")
os.environ.setdefault("DATA_PROTECTION_OFFICER", "tietosuoja@example.fi")

from perhekeskus.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Static files from the apps' folders (no collectstatic before tests).
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None
# Tests make many API requests from one address; the throttle test sets its own rate.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"hsds": "1000000/minute"}}  # noqa: F405
