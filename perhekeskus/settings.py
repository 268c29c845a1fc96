"""Settings come from the environment only (see README, 'Configuration')."""

import datetime
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from perhekeskus.core.env import env_bool, env_days, env_list, env_seconds, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "insecure-local-development-key-only-used-with-debug"
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])

INSTALLED_APPS = [
    "perhekeskus.core.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "perhekeskus.core",
    "perhekeskus.network",
    "perhekeskus.catalog",
    "perhekeskus.search",
    "perhekeskus.web",
    "perhekeskus.opendata",
    "perhekeskus.workspace",
    "perhekeskus.referrals",
    "perhekeskus.activities",
    "perhekeskus.insights",
    "perhekeskus.information",
    "perhekeskus.planning",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]

MIDDLEWARE = [
    # Outermost, so that pages and the static files WhiteNoise serves both go out compressed. Django
    # masks CSRF tokens per response, which keeps compression from leaking them (BREACH).
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "perhekeskus.web.middleware.vary_on_cookie",
    # Last, as django-axes asks: it answers a locked-out sign-in.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "perhekeskus.urls"
WSGI_APPLICATION = "perhekeskus.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "perhekeskus.web.context_processors.sample_data",
                "perhekeskus.web.context_processors.languages",
                "perhekeskus.web.context_processors.my_list_items",
            ],
        },
    },
]

try:
    DATABASES = {
        "default": dj_database_url.parse(
            env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"), conn_max_age=60
        )
    }
except ValueError as error:
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {error}") from error
if DATABASES["default"]["ENGINE"] not in (
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
):
    raise ImproperlyConfigured("DATABASE_URL must point to SQLite or PostgreSQL.")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Readers alongside a writer (WAL), writers that wait instead of failing, and a page cache large
    # enough for the search index.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;"
            " PRAGMA mmap_size=268435456;"
        ),
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
# django-axes first: it refuses a locked-out address before any password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "perhekeskus.core.auth.EmailBackend"]
LOGIN_URL = "workspace:sign_in"
LOGIN_REDIRECT_URL = "workspace:dashboard"
# Staff sessions end after 8 hours, and when the browser closes.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
# Five failed sign-ins for one address lock it for 15 minutes (from any client).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
# Locked by account, not by address: the staff of a municipal office share one address, and an
# attacker who rotates addresses still meets the account's lock (axes.W006 warns of the other way).
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_USERNAME_CALLABLE = "perhekeskus.core.auth.lockout_username"
AXES_LOCKOUT_TEMPLATE = "workspace/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# No log of every sign-in with the device's address: failed attempts are kept only for the lockout.
AXES_DISABLE_ACCESS_LOG = True
OTP_TOTP_ISSUER = "Perhekeskus"
# The demo accounts `load_demo` makes may sign in without a second factor: only in debug, never in
# production (refused below).
DEMO_ACCOUNTS_SKIP_SECOND_FACTOR = env_bool("DEMO_ACCOUNTS_SKIP_SECOND_FACTOR", default=False)
if DEMO_ACCOUNTS_SKIP_SECOND_FACTOR and not DEBUG:
    raise ImproperlyConfigured(
        "DEMO_ACCOUNTS_SKIP_SECOND_FACTOR is for a local demo: it needs DJANGO_DEBUG on."
    )

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "perhekeskus" / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Map tiles of the search page's map view. The default is OpenStreetMap's own server, which allows
# light use with attribution; a production site should name its own tile service.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str(
    "MAP_TILE_ATTRIBUTION", '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
)
STATIC_ROOT = BASE_DIR / "staticfiles"

# Keys of the personal data of referrals (core.encryption), newest first; production must set them.
PERSONAL_DATA_KEYS = env_list("PERSONAL_DATA_KEYS", [])
if not PERSONAL_DATA_KEYS:
    if not DEBUG:
        raise ImproperlyConfigured("PERSONAL_DATA_KEYS must be set when DJANGO_DEBUG is off (see README).")
    from perhekeskus.core.encryption import key_from_secret

    PERSONAL_DATA_KEYS = [key_from_secret(SECRET_KEY)]
# Personal data of a closed referral is erased this many days after closing (the daily job).
REFERRAL_RETENTION_DAYS = env_days("REFERRAL_RETENTION_DAYS", 365)
# Registrations for an activity are erased this many days after the occurrence (the daily job).
ACTIVITY_RETENTION_DAYS = env_days("ACTIVITY_RETENTION_DAYS", 30)
# Accessibility feedback (the statement's form) is deleted this many days after it arrived.
FEEDBACK_RETENTION_DAYS = env_days("FEEDBACK_RETENTION_DAYS", 365)
# Who answers for the personal data (the privacy notice) and for the service's accessibility: a
# production site names its own; the demo's are examples.
PRIVACY_CONTROLLER = env_str(
    "PRIVACY_CONTROLLER", "Pohjois-Karjalan hyvinvointialue (esimerkki)" if DEBUG else None
)
PRIVACY_CONTACT = env_str("PRIVACY_CONTACT", "kirjaamo@example.invalid" if DEBUG else None)
DATA_PROTECTION_OFFICER = env_str(
    "DATA_PROTECTION_OFFICER", "tietosuojavastaava@example.invalid" if DEBUG else None
)
if not (PRIVACY_CONTROLLER and PRIVACY_CONTACT and DATA_PROTECTION_OFFICER):
    raise ImproperlyConfigured(
        "PRIVACY_CONTROLLER, PRIVACY_CONTACT and DATA_PROTECTION_OFFICER must be set when DJANGO_DEBUG is off "
        "(the privacy notice names them; see README)."
    )
# The site's public address, for links in e-mails sent without a request (the daily review).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# Finnish Service Catalogue (PTV) Open API, read by `manage.py import_ptv`.
PTV_API_URL = env_str("PTV_API_URL", "https://api.palvelutietovaranto.suomi.fi/api/v11/")
PTV_TIMEOUT_SECONDS = env_seconds("PTV_TIMEOUT_SECONDS", 30)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # `format` is a parameter of HSDS (json or ndjson), not DRF's renderer switch.
    "URL_FORMAT_OVERRIDE": None,
    # Open data is free to read; a client asking faster than this is told to wait (HTTP 429).
    "DEFAULT_THROTTLE_RATES": {"hsds": env_str("HSDS_THROTTLE_RATE", "600/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Perhekeskus API",
    "DESCRIPTION": "Search of the family centre network (/api/v1/) and its open data as Open Referral HSDS 3.1 (/api/hsds/).",
    "VERSION": "1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}
