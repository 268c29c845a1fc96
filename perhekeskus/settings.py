"""Settings come from the environment only (see README, 'Configuration')."""

import datetime
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from whitenoise.compress import Compressor

from perhekeskus.core.env import (
    env_bool,
    env_days,
    env_fernet_keys,
    env_int,
    env_list,
    env_rate,
    env_seconds,
    env_str,
    malformed,
    required,
    stop_on_problems,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)
# A malformed value (malformed) or one production needs but was not given (required) is recorded, and
# the settings read on: all are reported at once, at the end (stop_on_problems).

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "insecure-local-development-key-only-used-with-debug"
required("DJANGO_SECRET_KEY", SECRET_KEY, "a long random string")
# Earlier secret keys, still accepted for what they signed (sessions, links in e-mails) during a rotation.
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS", [])
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
required("DJANGO_ALLOWED_HOSTS", ALLOWED_HOSTS, "the site's host names, comma-separated")

INSTALLED_APPS = [
    "perhekeskus.core.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "perhekeskus.core",
    "perhekeskus.messaging",
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
    "perhekeskus.questions",
    "perhekeskus.planning",
    "perhekeskus.subscriptions",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    # The top floor: demo data, the synthetic generator and the benchmarks (nothing imports it).
    "perhekeskus.demo",
]

MIDDLEWARE = [
    # Outermost, to time and log every request (also those that end in an error page).
    "perhekeskus.core.middleware.request_logging",
    # The health check answers before the host name is checked: load balancers ask by address.
    "perhekeskus.core.middleware.health_check",
    # Next, so that pages and the static files WhiteNoise serves both go out compressed. Django
    # masks CSRF tokens per response, which keeps compression from leaking them (BREACH).
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "perhekeskus.core.middleware.permissions_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "perhekeskus.core.middleware.workspace_languages",
    "perhekeskus.core.middleware.plain_finnish",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "perhekeskus.web.middleware.vary_on_cookie",
    # Last, as django-axes asks: it answers a locked-out sign-in.
    "axes.middleware.AxesMiddleware",
    # After every other view hook: search and the open data API read from the replica, if there is one.
    "perhekeskus.core.replica.ReplicaMiddleware",
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
                "perhekeskus.web.context_processors.asking",
                "perhekeskus.web.context_processors.languages",
                "perhekeskus.web.context_processors.my_list_items",
                "perhekeskus.web.context_processors.my_municipality",
                "perhekeskus.web.context_processors.plain_finnish",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}" if DEBUG else None)
required("DATABASE_URL", DATABASE_URL, "postgres://user@host:5432/name")
try:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL or "sqlite://", conn_max_age=60, conn_health_checks=True
        )
    }
except ValueError as error:
    DATABASES = malformed(
        f"DATABASE_URL is not a valid database URL: {error}", {"default": dj_database_url.parse("sqlite://")}
    )
# A PostgreSQL read replica (streaming replication) that search and the open data API read from
# (perhekeskus.core.replica); without it they read from DATABASE_URL like everything else.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
READS_FROM_REPLICA = bool(DATABASE_REPLICA_URL)
if DATABASE_REPLICA_URL:
    try:
        DATABASES["replica"] = dj_database_url.parse(
            DATABASE_REPLICA_URL, conn_max_age=60, conn_health_checks=True
        )
    except ValueError as error:
        malformed(f"DATABASE_REPLICA_URL is not a valid database URL: {error}", None)
    else:
        if DATABASES["replica"]["ENGINE"] != "django.db.backends.postgresql":
            malformed("DATABASE_REPLICA_URL must point to PostgreSQL.", None)
        # In tests the replica is the test database itself.
        DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["perhekeskus.core.replica.ReplicaRouter"]
if DATABASES["default"]["ENGINE"] not in (
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
):
    malformed("DATABASE_URL must point to SQLite or PostgreSQL.", None)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Readers alongside a writer (WAL), writers that wait instead of failing, and a page cache large
    # enough for the search index.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;"
            " PRAGMA mmap_size=268435456;"
        ),
        "transaction_mode": "IMMEDIATE",
        # How long a writer waits for another to finish (seconds; Python's default is 5).
        "timeout": 20,
    }

# PostgreSQL plans a statement once per connection and runs it again with new values (psycopg's
# prepared statements, after a statement's fifth run): a made service page's queries spend more time
# planned than run. Needs server-side binding (decision 0026); off behind a pooler in transaction
# mode that keeps no prepared statements (docs/operations.md).
DATABASE_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", True)
for _alias in DATABASES:
    if DATABASES[_alias]["ENGINE"] == "django.db.backends.postgresql" and DATABASE_PREPARED_STATEMENTS:
        DATABASES[_alias].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)

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
    malformed("DEMO_ACCOUNTS_SKIP_SECOND_FACTOR is for a local demo: it needs DJANGO_DEBUG on.", None)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fi"
# The public site in nine languages, each named in itself (docs/decisions/0020-nine-languages.md);
# the workspace in the network's three working languages.
LANGUAGES = [
    ("fi", "Suomi"),
    ("sv", "Svenska"),
    ("en", "English"),
    ("ru", "Русский"),
    ("uk", "Українська"),
    ("ar", "العربية"),
    ("so", "Soomaali"),
    ("fa", "فارسی"),
    ("et", "Eesti"),
]
WORKSPACE_LANGUAGES = ("fi", "sv", "en")
LOCALE_PATHS = [BASE_DIR / "perhekeskus" / "locale"]
FORMAT_MODULE_PATH = ["perhekeskus.formats"]
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
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Production serves the collected files under names with their content's hash (cached for a year by
# browsers), compressed ahead; debug serves them as they are.
# Source maps are for developers' tools only: served as they are, which halves collectstatic's time.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
# Files browsers ask for at the site's root whatever the page says (/favicon.ico), served as they are.
WHITENOISE_ROOT = BASE_DIR / "perhekeskus" / "web" / "root"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Keys of the personal data of referrals (core.encryption), newest first; production must set them.
PERSONAL_DATA_KEYS = env_fernet_keys("PERSONAL_DATA_KEYS")
required("PERSONAL_DATA_KEYS", PERSONAL_DATA_KEYS or DEBUG, "Fernet keys of the personal data, newest first")
if not PERSONAL_DATA_KEYS and DEBUG:
    from perhekeskus.core.encryption import key_from_secret

    PERSONAL_DATA_KEYS = [key_from_secret(SECRET_KEY)]
# Personal data of a closed referral is erased this many days after closing (the daily job).
REFERRAL_RETENTION_DAYS = env_days("REFERRAL_RETENTION_DAYS", 365)
# Registrations for an activity are erased this many days after the occurrence (the daily job).
ACTIVITY_RETENTION_DAYS = env_days("ACTIVITY_RETENTION_DAYS", 30)
# Accessibility feedback (the statement's form) is deleted this many days after it arrived.
FEEDBACK_RETENTION_DAYS = env_days("FEEDBACK_RETENTION_DAYS", 365)
# What families wrote in anonymous questions, and the answers to them, are erased this many days after
# the question was asked (published answers are kept apart, without a link to the question).
QUESTION_RETENTION_DAYS = env_days("QUESTION_RETENTION_DAYS", 180)
# Searches are deleted from the search log this many days after they were made (their monthly figures
# stay). At least 31: the action plans' indicator counts the last 30 days' searches from the log itself.
SEARCH_LOG_RETENTION_DAYS = env_int("SEARCH_LOG_RETENTION_DAYS", 400, minimum=31, what="whole number of days")
# Backups of the database are kept this many days (docs/operations.md; the privacy notice says so).
BACKUP_RETENTION_DAYS = env_days("BACKUP_RETENTION_DAYS", 30)
# Who answers for the personal data (the privacy notice) and for the service's accessibility: a
# production site names its own; the demo's are examples.
PRIVACY_CONTROLLER = env_str(
    "PRIVACY_CONTROLLER", "Pohjois-Karjalan hyvinvointialue (esimerkki)" if DEBUG else None
)
PRIVACY_CONTACT = env_str("PRIVACY_CONTACT", "kirjaamo@example.invalid" if DEBUG else None)
DATA_PROTECTION_OFFICER = env_str(
    "DATA_PROTECTION_OFFICER", "tietosuojavastaava@example.invalid" if DEBUG else None
)
required("PRIVACY_CONTROLLER", PRIVACY_CONTROLLER, "the controller the privacy notice names")
required("PRIVACY_CONTACT", PRIVACY_CONTACT, "its contact for personal data")
required("DATA_PROTECTION_OFFICER", DATA_PROTECTION_OFFICER, "its data protection officer")
# The site's public address, for links in e-mails sent without a request (the daily review).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# E-mail: the console in debug, SMTP otherwise (EMAIL_HOST and DEFAULT_FROM_EMAIL then required).
EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
EMAIL_TIMEOUT = env_seconds("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "perhekeskus@localhost" if DEBUG else None)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
required("DEFAULT_FROM_EMAIL", DEFAULT_FROM_EMAIL, "the sender of e-mails")
if EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend":
    required("EMAIL_HOST", env_str("EMAIL_HOST") or DEBUG, "the SMTP server")

# Background tasks (core.tasks, decision record 0025): Django's task framework with its database
# backend, run by `manage.py run_worker` on any number of machines.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Text messages to families (reminders; perhekeskus.messaging.sms): "46elks" sends through the
# provider's HTTP API with its API username and password; "console" (logged) and "file" (JSON lines)
# for development and trials. Empty (the default without debug): no text messages, and the pages say
# so; a family that gave only a phone number is then not reminded.
SMS_BACKEND = env_str("SMS_BACKEND", "console" if DEBUG else "")
SMS_SENDER = env_str("SMS_SENDER", "Perhekeskus")  # at most 11 letters and digits, or a number
SMS_46ELKS_URL = env_str("SMS_46ELKS_URL", "https://api.46elks.com/a1/sms")
SMS_46ELKS_USERNAME = env_str("SMS_46ELKS_USERNAME", "")
SMS_46ELKS_PASSWORD = env_str("SMS_46ELKS_PASSWORD", "")
SMS_FILE_PATH = env_str("SMS_FILE_PATH", str(BASE_DIR / "var" / "sms.jsonl"))
SMS_TIMEOUT_SECONDS = env_seconds("SMS_TIMEOUT_SECONDS", 10)
if SMS_BACKEND not in ("", "46elks", "console", "file", "memory"):
    SMS_BACKEND = malformed(f"SMS_BACKEND must be 46elks, console, file or memory, not {SMS_BACKEND!r}.", "")
if SMS_BACKEND == "46elks":
    required("SMS_46ELKS_USERNAME", SMS_46ELKS_USERNAME, "the 46elks API username")
    required("SMS_46ELKS_PASSWORD", SMS_46ELKS_PASSWORD, "the 46elks API password")

# Finnish Service Catalogue (PTV) Open API, read by `manage.py import_ptv`.
PTV_API_URL = env_str("PTV_API_URL", "https://api.palvelutietovaranto.suomi.fi/api/v11/")
PTV_TIMEOUT_SECONDS = env_seconds("PTV_TIMEOUT_SECONDS", 30)

# Statistics Finland's population by age (StatFin table 11re) in the PxWeb API, read by
# `manage.py import_population` for the numbers of children per municipality.
STATFIN_POPULATION_URL = env_str(
    "STATFIN_POPULATION_URL",
    "https://pxdata.stat.fi/PxWeb/api/v1/fi/StatFin/vaerak/statfin_vaerak_pxt_11re.px",
)
STATFIN_TIMEOUT_SECONDS = env_seconds("STATFIN_TIMEOUT_SECONDS", 30)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # `format` is a parameter of HSDS (json or ndjson), not DRF's renderer switch.
    "URL_FORMAT_OVERRIDE": None,
    # Public and read-only: the API signs no one in. A password sent to it (HTTP Basic) would be
    # checked past the sign-in page's limits and the second factor; a session without its second
    # factor would count as signed in.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    # Open data is free to read; a client asking faster than this is told to wait (HTTP 429).
    "DEFAULT_THROTTLE_RATES": {
        "hsds": env_rate("HSDS_THROTTLE_RATE", "600/minute"),
        "search": env_rate("SEARCH_API_THROTTLE_RATE", "120/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Perhekeskus API",
    "DESCRIPTION": "Search of the family centre network (/api/v1/) and its open data as Open Referral HSDS 3.1 (/api/hsds/).",
    "VERSION": "1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}

# --- Serving in production ------------------------------------------------------------------------
# The site is served over HTTPS (by a proxy in front of gunicorn, which says so in X-Forwarded-Proto).
# DJANGO_HTTPS=false only for a local trial over plain HTTP (`make serve-prod`).
HTTPS = env_bool("DJANGO_HTTPS", default=not DEBUG)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# Forms posted from the site's own HTTPS origins (behind a proxy Django cannot tell them otherwise).
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS",
    [f"{'https' if HTTPS else 'http'}://{host}" for host in ALLOWED_HOSTS if host != "*"],
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# How many proxies in front of the site append to X-Forwarded-For: the client is the address the
# outermost of them saw. 0 (the default) trusts no header and uses the connection's address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# The cache counts rate limits (and DRF's API throttles); several web processes must share one.
# locmem:// is one process's memory (debug, tests, a single process); redis://host:port/db is shared.
CACHE_URL = env_str("CACHE_URL", "locmem://" if DEBUG else None)
required(
    "CACHE_URL", CACHE_URL, "redis://host:6379/0 shared by the web processes, or locmem:// for one process"
)
if CACHE_URL in (None, "locmem://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    # Short time-outs: an unreachable Redis must not hold requests up (the backend then fails open).
    CACHES = {
        "default": {
            "BACKEND": "perhekeskus.core.cache.TolerantRedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = malformed(
        f"CACHE_URL must be locmem:// or redis://…, not {CACHE_URL!r}.",
        {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
    )

# Requests a client may make: searches on the search page per minute (the APIs' rates are the
# REST_FRAMEWORK throttle rates above); stored submissions per hour.
SEARCHES_PER_MINUTE = env_int("SEARCHES_PER_MINUTE", 60, minimum=1)
# How long the public's answers that are the same for everyone (HSDS lists, search API) are kept in the
# shared cache at most; a change of the catalogue forgets them at once (core.public_cache). 0: not kept.
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 600, minimum=0)
CONTACT_REQUESTS_PER_HOUR = env_int("CONTACT_REQUESTS_PER_HOUR", 5, minimum=1)
REGISTRATIONS_PER_HOUR = env_int("REGISTRATIONS_PER_HOUR", 20, minimum=1)
SUBSCRIPTIONS_PER_HOUR = env_int("SUBSCRIPTIONS_PER_HOUR", 10, minimum=1)
FEEDBACK_PER_HOUR = env_int("FEEDBACK_PER_HOUR", 5, minimum=1)
QUESTIONS_PER_HOUR = env_int("QUESTIONS_PER_HOUR", 5, minimum=1)
# Failed sign-ins from one client (an office shares one address; each account also locks after five).
FAILED_SIGN_INS_PER_HOUR = env_int("FAILED_SIGN_INS_PER_HOUR", 30, minimum=1)
PASSWORD_RESETS_PER_HOUR = env_int("PASSWORD_RESETS_PER_HOUR", 5, minimum=1)

# Content-Security-Policy (django-csp, decision record 0024): scripts and styles only from the site's
# own files (no inline <script>, <style> or style attributes; scripts may still set styles), images
# also from the map's tile server.
# A tile server with subdomains ({s}.tile.…) is allowed by a wildcard.
_tiles = urlsplit(MAP_TILE_URL)
MAP_TILE_ORIGIN = f"{_tiles.scheme}://{_tiles.netloc}".replace("{s}", "*")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", MAP_TILE_ORIGIN],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "upgrade-insecure-requests": HTTPS,
    }
}

# Logs: one JSON object a line on standard error (LOG_FORMAT=json, the default in production) for a
# log collector, or plain text (debug).
LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    LOG_FORMAT = malformed(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}.", "json")
LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
    LOG_LEVEL = malformed(
        f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not {LOG_LEVEL!r}.", "INFO"
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "perhekeskus.core.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "filters": {
        "as_warning": {"()": "perhekeskus.core.logs.AsWarning"},
        "secret_paths": {"()": "perhekeskus.core.logs.SecretPaths"},
    },
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        # Requests are logged once, by perhekeskus.request (method, path, status, time), not twice.
        "django.server": {"level": "WARNING"},
        # Errors only: its warnings of 4xx answers repeat perhekeskus.request's line, with the raw path.
        "django.request": {"level": "ERROR"},
        # django-axes announces itself at every start.
        "axes": {"level": "WARNING"},
        # The task framework logs each run's states, and a failure at ERROR; run_worker writes one line
        # a run, and core.tasks logs a failure once, with its traceback.
        "django_tasks": {"level": "CRITICAL"},
        "django_tasks_db": {"level": "WARNING"},
        # A request for a host name not ours (scanners, a load balancer's check by address): answered
        # 400, and a warning naming the host (is DJANGO_ALLOWED_HOSTS missing one?), not an error with
        # a traceback.
        "django.security.DisallowedHost": {"filters": ["as_warning"]},
        # A refused form names its page's path, which may hold a private link's token.
        "django.security.csrf": {"filters": ["secret_paths"]},
    },
}

stop_on_problems()
