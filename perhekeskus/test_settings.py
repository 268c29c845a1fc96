"""Test settings: the real settings with a fast hasher and in-memory e-mail."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key")

from perhekeskus.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Static files from the apps' folders (no collectstatic before tests).
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None
# Tests make many API requests from one address; the throttle test sets its own rate.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"hsds": "1000000/minute"}}  # noqa: F405
