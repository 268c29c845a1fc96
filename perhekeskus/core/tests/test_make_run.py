"""`make run`: where the development server listens, and the address links in e-mails use (SITE_URL).
Checked on what make would run (`make -n`), without starting anything."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _planned_run(*arguments: str, **environment: str) -> str:
    """The command line of `make run` that starts the server (the last one it would run)."""
    # Without the variables of a make that runs the suite (`make test`), nor the test settings' hosts:
    # this make starts afresh.
    left_out = ("HOST", "PORT", "SITE_URL", "DJANGO_ALLOWED_HOSTS", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")
    env = {name: value for name, value in os.environ.items() if name not in left_out}
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "run", *arguments],
        env={**env, **environment},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def _site_answers_its_own_links(command: str, tmp_path: Path) -> bool:
    """Whether the development server, with the environment the command gives it, accepts requests for
    the host of SITE_URL (Django's own host check with the real settings), instead of answering 400."""
    variables = dict(re.findall(r"(SITE_URL|DJANGO_ALLOWED_HOSTS)='([^']*)'", command))
    check = (
        "from urllib.parse import urlsplit; from django.conf import settings;"
        " from django.test import RequestFactory; from django.core.exceptions import DisallowedHost\n"
        "try:\n"
        "    RequestFactory().get('/', HTTP_HOST=urlsplit(settings.SITE_URL).netloc).get_host()\n"
        "except DisallowedHost:\n"
        "    print('refused')\n"
        "else:\n"
        "    print('accepted')\n"
    )
    keep = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", check],
        env={
            **keep,
            **variables,
            "DJANGO_SETTINGS_MODULE": "perhekeskus.settings",
            "DJANGO_DEBUG": "true",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1] == "accepted"


def test_make_run_serves_on_localhost_port_8000_by_default(tmp_path):
    # Some shells export HOST as the machine's name: only the command line moves the server.
    command = _planned_run(HOST="build-machine.example", PORT="9999")
    assert "SITE_URL='http://127.0.0.1:8000'" in command
    assert "DJANGO_ALLOWED_HOSTS='127.0.0.1,localhost'" in command
    assert command.endswith("manage.py runserver 127.0.0.1:8000'")
    assert _site_answers_its_own_links(command, tmp_path)


@pytest.mark.parametrize(("host", "listens_on"), [("0.0.0.0", "0.0.0.0"), ("::", "[::]"), ("[::]", "[::]")])
def test_on_every_interface_links_go_to_this_machine(tmp_path, host, listens_on):
    command = _planned_run("PORT=8080", f"HOST={host}")
    assert command.startswith("DJANGO_DEBUG=true ")
    assert "SITE_URL='http://127.0.0.1:8080'" in command
    assert "DJANGO_ALLOWED_HOSTS='127.0.0.1,localhost'" in command
    assert command.endswith(f"manage.py runserver {listens_on}:8080'")
    assert _site_answers_its_own_links(command, tmp_path)


def test_a_host_given_by_name_is_one_the_site_answers_to(tmp_path):
    command = _planned_run("HOST=laptop.local", "PORT=8080")
    assert "SITE_URL='http://laptop.local:8080'" in command
    assert "DJANGO_ALLOWED_HOSTS='laptop.local,127.0.0.1,localhost'" in command
    assert command.endswith("manage.py runserver laptop.local:8080'")
    assert _site_answers_its_own_links(command, tmp_path)


def test_a_site_url_and_allowed_hosts_of_ones_own_are_kept():
    command = _planned_run(
        "PORT=8080", SITE_URL="https://perhekeskus.example.fi", DJANGO_ALLOWED_HOSTS="perhekeskus.example.fi"
    )
    assert "SITE_URL='https://perhekeskus.example.fi'" in command
    assert "DJANGO_ALLOWED_HOSTS='perhekeskus.example.fi'" in command
    assert command.endswith("manage.py runserver 127.0.0.1:8080'")
