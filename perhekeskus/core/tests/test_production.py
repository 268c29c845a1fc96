"""Production mode as it is started: settings from the environment checked at start, `check --deploy`,
and the site served by gunicorn over a (simulated) HTTPS proxy, with hashed static files, the shared
cache in Redis and JSON logs. Real processes; the site has a database of its own on the suite's engine
(a PostgreSQL database beside the test database, or an SQLite file)."""

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
# A Redis database of its own for each suite: `make test` runs the SQLite and PostgreSQL suites at once.
REDIS = f"redis://127.0.0.1:6379/{14 if 'sqlite' in settings.DATABASES['default']['ENGINE'] else 9}"


def production_environment(**changes) -> dict[str, str]:
    keep = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    values = {
        **keep,
        "DJANGO_SETTINGS_MODULE": "perhekeskus.settings",
        "DJANGO_SECRET_KEY": "a-test-secret-key-that-is-long-enough-for-django-checks-0123456789",
        "DJANGO_ALLOWED_HOSTS": "perhekeskus.example.fi,127.0.0.1",
        "DATABASE_URL": "postgres://perhekeskus@db.example.fi:5432/perhekeskus",
        "CACHE_URL": REDIS,
        "PERSONAL_DATA_KEYS": "dGVzdC1vbmx5LWtleS1mb3ItcGVyc29uYWwtZGF0YTE=",
        "PRIVACY_CONTROLLER": "Testikunnan hyvinvointialue",
        "PRIVACY_CONTACT": "kirjaamo@example.fi",
        "DATA_PROTECTION_OFFICER": "tietosuoja@example.fi",
        "EMAIL_HOST": "smtp.example.fi",
        "DEFAULT_FROM_EMAIL": "perhekeskus@example.fi",
        "SITE_URL": "https://perhekeskus.example.fi",
    }
    values.update(changes)
    return {name: value for name, value in values.items() if value is not None}


def manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_production_without_its_settings_stops_with_one_message_naming_them_all():
    env = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}
    result = manage("check", env={**env, "DJANGO_SETTINGS_MODULE": "perhekeskus.settings"})
    assert result.returncode == 78
    assert result.stderr.startswith("Configuration error: DJANGO_DEBUG is off")
    assert "Traceback" not in result.stderr
    for name in (
        "DJANGO_SECRET_KEY",
        "DJANGO_ALLOWED_HOSTS",
        "DATABASE_URL",
        "PERSONAL_DATA_KEYS",
        "PRIVACY_CONTROLLER",
        "DEFAULT_FROM_EMAIL",
        "EMAIL_HOST",
        "CACHE_URL",
    ):
        assert name in result.stderr


def test_malformed_and_missing_settings_are_named_together_in_one_message():
    """Not only the first problem: each malformed value and each missing setting, in one message."""
    env = production_environment(
        PERSONAL_DATA_KEYS="not-a-fernet-key", SEARCHES_PER_MINUTE="many", DJANGO_SECRET_KEY=None
    )
    result = manage("check", env=env)
    assert result.returncode == 78, result.stderr
    [message] = result.stderr.splitlines()
    assert message.startswith("Configuration error: PERSONAL_DATA_KEYS: key 1 of 1 is not a Fernet key")
    assert "SEARCHES_PER_MINUTE must be a whole number (1 or more), not 'many'." in message
    assert (
        "these settings are missing from the environment: DJANGO_SECRET_KEY (a long random string)" in message
    )
    assert "not-a-fernet-key" not in message


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("CACHE_URL", "memcached://127.0.0.1", "CACHE_URL must be locmem:// or redis://"),
        ("DATABASE_URL", "mysql://db/perhekeskus", "DATABASE_URL must point to SQLite or PostgreSQL"),
        ("SEARCH_API_THROTTLE_RATE", "fast", "SEARCH_API_THROTTLE_RATE must be like 600/minute"),
        ("TRUSTED_PROXY_COUNT", "-1", "TRUSTED_PROXY_COUNT must be a whole number"),
        ("SEARCHES_PER_MINUTE", "0", "SEARCHES_PER_MINUTE must be a whole number (1 or more)"),
        ("LOG_FORMAT", "xml", "LOG_FORMAT must be json or text"),
        ("DJANGO_HTTPS", "maybe", "DJANGO_HTTPS must be one of"),
        ("DJANGO_EMAIL_BACKEND", None, None),  # SMTP by default: EMAIL_HOST is then needed
    ],
)
def test_a_malformed_setting_stops_the_process_with_its_message(name, value, message):
    if value is None:
        env = production_environment(EMAIL_HOST=None)
        message = "EMAIL_HOST (the SMTP server)"
    else:
        env = production_environment(**{name: value})
    result = manage("check", env=env)
    assert result.returncode == 78, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ("not-a-fernet-key", "PERSONAL_DATA_KEYS: key 1 of 1 is not a Fernet key"),
        # The second is 31 bytes: a key of the right shape but the wrong length is refused too.
        (
            "dGVzdC1vbmx5LWtleS1mb3ItcGVyc29uYWwtZGF0YTE=,dGVzdC1vbmx5LWtleS1mb3ItcGVyc29uYWwtZGF0YQ==",
            "PERSONAL_DATA_KEYS: key 2 of 2 is not a Fernet key",
        ),
    ],
)
def test_a_malformed_personal_data_key_stops_the_process_without_showing_the_key(keys, message):
    result = manage("check", env=production_environment(PERSONAL_DATA_KEYS=keys))
    assert result.returncode == 78, result.stdout + result.stderr
    assert result.stderr.startswith(f"Configuration error: {message}") and "Traceback" not in result.stderr
    for key in keys.split(","):
        assert key not in result.stderr


def test_the_deployment_checklist_is_clean_in_production():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_environment())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# --- gunicorn ------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Site:
    def __init__(self, port: int):
        self.port = port

    def get(self, path: str, *, https: bool = True, client: str = "198.51.100.1", headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(
                "GET",
                path,
                headers={
                    "Host": "perhekeskus.example.fi",
                    "X-Forwarded-For": client,
                    **({"X-Forwarded-Proto": "https"} if https else {}),
                    **(headers or {}),
                },
            )
            response = connection.getresponse()
            cookies = [value for name, value in response.getheaders() if name.lower() == "set-cookie"]
            return response.status, dict(response.getheaders()), cookies, response.read()
        finally:
            connection.close()


def _port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        # Nothing but the address: every required setting is missing.
        (
            {name: None for name in production_environment() if name not in ("PATH", "HOME", "LANG")},
            ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "CACHE_URL",
             "PERSONAL_DATA_KEYS", "DEFAULT_FROM_EMAIL", "EMAIL_HOST", "PRIVACY_CONTROLLER",
             "PRIVACY_CONTACT", "DATA_PROTECTION_OFFICER"],
        ),
        ({"SEARCHES_PER_MINUTE": "many"}, ["SEARCHES_PER_MINUTE must be a whole number"]),
    ],
)  # fmt: skip
def test_gunicorn_without_a_valid_configuration_stops_at_once_and_frees_its_port(changes, named):
    """The master reads the settings before it binds or starts a worker: it stops with the message
    (exit 78) instead of booting workers that die one after another while the port stays taken."""
    port = _free_port()
    env = {**production_environment(**changes), "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2"}
    server = subprocess.Popen(
        [str(BIN / "gunicorn")], env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        _stdout, stderr = server.communicate(timeout=30)
    finally:
        server.kill()
        server.wait()
    assert server.returncode == 78, stderr
    [message] = [line for line in stderr.splitlines() if line.startswith("Configuration error: ")]
    for name in named:
        assert name in message
    assert "Booting worker" not in stderr and "Traceback" not in stderr
    assert _port_is_free(port)


@pytest.mark.parametrize(
    ("stop", "status", "message"),
    [
        ("SystemExit('the settings stopped here')", 1, "the settings stopped here"),
        ("SystemExit()", 1, None),
        # 256 would reach the master as 0 (exit statuses are a byte) and let it start its workers.
        ("SystemExit(256)", 1, None),
        ("SystemExit(3)", 3, None),
    ],
)
def test_gunicorn_stops_on_any_exit_while_the_settings_are_read_and_removes_its_pidfile(
    tmp_path, stop, status, message
):
    (tmp_path / "stopping_settings.py").write_text(f"raise {stop}\n")
    port, pidfile = _free_port(), tmp_path / "gunicorn.pid"
    env = {
        **production_environment(DJANGO_SETTINGS_MODULE="stopping_settings", LOG_FORMAT="text"),
        "PYTHONPATH": str(tmp_path),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
    }
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "--pid", str(pidfile)],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        _stdout, stderr = server.communicate(timeout=30)
    finally:
        server.kill()
        server.wait()
    assert server.returncode == status, stderr
    assert "Booting worker" not in stderr and "Traceback" not in stderr
    if message:
        assert message in stderr.splitlines()
    assert not pidfile.exists() and _port_is_free(port)


@pytest.fixture(scope="module")
def served(tmp_path_factory, collected_static, served_database):
    """The site in production mode: a migrated database of its own, collected static files, gunicorn
    with two processes sharing Redis, behind one trusted proxy; HTTPS as the proxy reports it."""
    import redis

    folder = tmp_path_factory.mktemp("production")
    port = _free_port()
    database_url, drop_database = served_database("served")
    env = production_environment(
        DATABASE_URL=database_url,
        STATIC_ROOT=str(collected_static),
        TRUSTED_PROXY_COUNT="1",
        SEARCHES_PER_MINUTE="3",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
        FORWARDED_ALLOW_IPS="127.0.0.1",
    )
    redis.Redis.from_url(REDIS).flushdb()
    log = folder / "gunicorn.log"
    with log.open("w") as output:
        server = subprocess.Popen([str(BIN / "gunicorn")], env=env, cwd=ROOT, stdout=output, stderr=output)
    site = Site(port)
    deadline = time.monotonic() + 60
    while True:
        assert server.poll() is None, log.read_text()
        try:
            if site.get("/healthz", https=False)[0] == 200:
                break
        except OSError:
            pass
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.3)
    site.env, site.log = env, log
    yield site
    server.terminate()
    server.wait(timeout=30)
    redis.Redis.from_url(REDIS).flushdb()
    drop_database()


def test_plain_http_is_sent_to_https_except_the_health_check(served):
    status, headers, _cookies, _body = served.get("/", https=False)
    assert status == 301 and headers["Location"] == "https://perhekeskus.example.fi/"
    status, _headers, _cookies, body = served.get("/healthz", https=False)
    assert status == 200 and json.loads(body)["status"] == "ok"


def test_https_pages_carry_hsts_a_strict_policy_and_secure_cookies(served):
    status, headers, cookies, body = served.get("/workspace/sign-in/")
    assert status == 200, body[:300]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    directives = {part.strip() for part in headers["Content-Security-Policy"].split(";")}
    assert {"script-src 'self'", "upgrade-insecure-requests"} <= directives
    assert headers["X-Frame-Options"] == "DENY" and headers["X-Content-Type-Options"] == "nosniff"
    [csrf] = [cookie for cookie in cookies if cookie.startswith("csrftoken=")]
    flags = {flag.strip().lower() for flag in csrf.split(";")[1:]}
    assert {"secure", "httponly", "samesite=lax"} <= flags


def test_static_files_have_hashed_names_and_are_cached_for_long(served):
    _status, _headers, _cookies, body = served.get("/")
    [stylesheet] = re.findall(rb'href="(/static/web/site\.[0-9a-f]{12}\.css)"', body)
    status, headers, _cookies, _css = served.get(stylesheet.decode(), headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Type"].startswith("text/css")
    assert "immutable" in headers["Cache-Control"] and "max-age=315360000" in headers["Cache-Control"]
    assert headers.get("Content-Encoding") == "gzip"


def test_the_favicon_answers_at_the_root_and_the_pages_link_the_hashed_svg(served):
    status, headers, _cookies, body = served.get("/favicon.ico")
    assert status == 200 and headers["Content-Type"] == "image/x-icon"
    assert body.startswith(b"\x00\x00\x01\x00")  # an ICO file
    _status, _headers, _cookies, page = served.get("/")
    [icon] = re.findall(rb'<link rel="icon" href="(/static/web/favicon\.[0-9a-f]{12}\.svg)"', page)
    status, headers, _cookies, _svg = served.get(icon.decode())
    assert status == 200 and headers["Content-Type"] == "image/svg+xml"


def test_rate_limits_are_shared_by_the_processes_and_count_the_address_the_proxy_saw(served):
    # Four searches by one family, whichever of the two processes answers: the fourth is refused.
    codes = [served.get("/search/?q=neuvola", client="6.6.6.6, 203.0.113.9")[0] for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    # What the family writes into X-Forwarded-For itself does not make it another client ...
    assert served.get("/search/?q=neuvola", client="7.7.7.7, 203.0.113.9")[0] == 429
    # ... and another family is not held back.
    assert served.get("/search/?q=neuvola", client="203.0.113.10")[0] == 200


def test_requests_are_logged_as_json_lines_without_queries_or_addresses(served):
    served.get("/search/?q=lastensuojelu", client="203.0.113.77")
    time.sleep(0.5)
    lines = [json.loads(line) for line in served.log.read_text().splitlines() if line.startswith("{")]
    searches = [
        line for line in lines if line.get("logger") == "perhekeskus.request" and line["path"] == "/search/"
    ]
    assert searches and all(
        {"time", "level", "status", "duration_ms", "request_id"} <= set(line) for line in searches
    )
    text = served.log.read_text()
    assert "lastensuojelu" not in text and "203.0.113.77" not in text


def test_the_worker_runs_as_a_process_of_its_own(served):
    result = manage("run_worker", "--once", env=served.env)
    assert result.returncode == 0, result.stderr
