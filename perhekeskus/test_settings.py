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
# Production settings otherwise, but over plain HTTP (the test client), with one process's cache.
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DATABASE_URL", "sqlite:///db.sqlite3")
os.environ.setdefault("DEFAULT_FROM_EMAIL", "perhekeskus@example.fi")
os.environ.setdefault("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("DJANGO_HTTPS", "false")
os.environ.setdefault("CACHE_URL", "locmem://")
os.environ.setdefault("SMS_BACKEND", "memory")

from perhekeskus.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Static files from the apps' folders (no collectstatic before tests).
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# Tests make many searches and API requests from one address; the rate limit tests set their own.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"hsds": "1000000/minute", "search": "1000000/minute"},
}
SEARCHES_PER_MINUTE = 1_000_000
# A test database of another name, for a second suite on the same server at once (make test-postgres-browser).
if os.environ.get("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}  # noqa: F405
# A read replica that is the test database itself (a mirror), off until a test turns it on.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
READS_FROM_REPLICA = False
