"""Misuse of the site as it is served in production (gunicorn with eight processes sharing Redis, JSON
logs, a database of its own on the suite's engine): many registrations from one device at once, and
requests for a host name that is not ours."""

import concurrent.futures
import http.client
import json
import re
import subprocess
import threading
import time
import urllib.parse

import pytest
from django.conf import settings

from perhekeskus.core.tests.test_production import BIN, ROOT, _free_port, manage, production_environment

# A Redis database of its own for each suite: `make test` runs the SQLite and PostgreSQL suites at once.
REDIS = f"redis://127.0.0.1:6379/{12 if 'sqlite' in settings.DATABASES['default']['ENGINE'] else 8}"
HOST = "perhekeskus.example.fi"
REGISTRATIONS_PER_HOUR = 20

# A weekly activity in the served database, its first time tomorrow (held even on a public holiday);
# prints its registration address.
MAKE_ACTIVITY = """
import datetime
from perhekeskus.activities import services
from perhekeskus.activities.recurrence import HELSINKI
from perhekeskus.catalog.tests import factories
service = factories.service(name_fi="Perhekahvila")
place = factories.location(organization=service.organization, name_fi="Perhetalo")
day = datetime.datetime.now(HELSINKI).date() + datetime.timedelta(days=1)
activity = services.activity_save(actor=None, values={
    "service": service, "title_fi": "Vauvakahvila", "location": place, "starts_on": day,
    "start_time": datetime.time(10), "duration_minutes": 90, "repeat": "weekly",
    "registration": "required", "capacity": 100, "waiting_list": False,
    "registration_opens_days": 365, "registration_closes_hours": 2,
    "held_on_holidays": True,  # tomorrow may be a public holiday (6.12.): the limit is tested, not those
})
print(f"/activities/{activity.pk}/{day:%Y-%m-%d}T1000/register/")
"""


class Site:
    def __init__(self, port: int, env: dict, stderr):
        self.port, self.env, self.stderr = port, env, stderr

    def request(self, method: str, path: str, *, host: str = HOST, headers=None, body: str | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(
                method,
                path,
                body=body,
                headers={
                    "Host": host,
                    "X-Forwarded-For": "203.0.113.20",
                    "X-Forwarded-Proto": "https",
                    **(headers or {}),
                },
            )
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read().decode()
        finally:
            connection.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory, collected_static, served_database):
    import redis

    folder = tmp_path_factory.mktemp("misuse")
    database_url, drop_database = served_database("served_misuse")
    port = _free_port()
    env = production_environment(
        DATABASE_URL=database_url,
        CACHE_URL=REDIS,
        STATIC_ROOT=str(collected_static),
        TRUSTED_PROXY_COUNT="1",
        REGISTRATIONS_PER_HOUR=str(REGISTRATIONS_PER_HOUR),
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="8",
        FORWARDED_ALLOW_IPS="127.0.0.1",
    )
    redis.Redis.from_url(REDIS).flushdb()
    made = manage("shell", "-c", MAKE_ACTIVITY, env=env)
    assert made.returncode == 0, made.stderr
    stderr = folder / "stderr.log"
    with stderr.open("w") as errors, (folder / "stdout.log").open("w") as output:
        server = subprocess.Popen([str(BIN / "gunicorn")], env=env, cwd=ROOT, stdout=output, stderr=errors)
    served = Site(port, env, stderr)
    deadline = time.monotonic() + 60
    while True:
        assert server.poll() is None, stderr.read_text()
        try:
            if served.request("GET", "/healthz")[0] == 200:
                break
        except OSError:
            pass
        assert time.monotonic() < deadline, stderr.read_text()
        time.sleep(0.3)
    served.register_path = made.stdout.strip().splitlines()[-1]
    yield served
    server.terminate()
    server.wait(timeout=30)
    redis.Redis.from_url(REDIS).flushdb()
    drop_database()


def test_forty_registrations_at_once_from_one_device_get_exactly_the_limit_through(site):
    status, headers, page = site.request("GET", site.register_path)
    assert status == 200, page[:500]
    [cookie] = [value.split(";")[0] for name, value in headers if value.startswith("csrftoken=")]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    start = threading.Barrier(40)

    def register(index: int) -> int:
        form = {"csrfmiddlewaretoken": token, "name": f"Perhe {index}", "phone": "040 123 4567"}
        form.update(adults="1", children="0")
        start.wait()
        return site.request(
            "POST",
            site.register_path,
            body=urllib.parse.urlencode(form),
            headers={
                "Cookie": cookie,
                "Origin": f"https://{HOST}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )[0]

    with concurrent.futures.ThreadPoolExecutor(max_workers=40) as pool:
        codes = list(pool.map(register, range(40)))
    assert sorted(codes) == [302] * REGISTRATIONS_PER_HOUR + [429] * (40 - REGISTRATIONS_PER_HOUR)
    stored = manage(
        "shell", "-c", "from perhekeskus.activities.models import Registration as R; print(R.objects.count())",
        env=site.env,
    )  # fmt: skip
    assert stored.stdout.split()[-1] == str(REGISTRATIONS_PER_HOUR), stored.stdout + stored.stderr


def test_a_host_name_not_ours_is_one_json_warning_without_a_traceback(site):
    before = len(site.stderr.read_text().splitlines())
    status, _headers, _body = site.request("GET", "/", host="scanner.example.com")
    assert status == 400
    # The worker writes its log lines as it answers; on a busy machine they may reach the file later.
    deadline = time.monotonic() + 30
    while True:
        lines = site.stderr.read_text().splitlines()[before:]
        if sum('"perhekeskus.request"' in line for line in lines) and "DisallowedHost" in "\n".join(lines):
            break
        assert time.monotonic() < deadline, lines
        time.sleep(0.2)
    assert "Traceback" not in "\n".join(lines)
    entries = [json.loads(line) for line in lines]  # every line is JSON
    [refused] = [entry for entry in entries if entry["logger"] == "django.security.DisallowedHost"]
    assert refused["level"] == "WARNING" and "exception" not in refused
    assert "scanner.example.com" in refused["message"]
    [answered] = [entry for entry in entries if entry["logger"] == "perhekeskus.request"]
    assert answered["status"] == 400
