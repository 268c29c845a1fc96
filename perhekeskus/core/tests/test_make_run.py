"""`make run`: where the development server listens, and the address links in e-mails use (SITE_URL).
Checked on what make would run (`make -n`), without starting anything."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _planned_run(*arguments: str, **environment: str) -> str:
    """The command line of `make run` that starts the server (the last one it would run)."""
    # Without the variables of a make that runs the suite (`make test`): this make starts afresh.
    left_out = ("HOST", "PORT", "SITE_URL", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")
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


def test_make_run_serves_on_localhost_port_8000_by_default():
    # Some shells export HOST as the machine's name: only the command line moves the server.
    command = _planned_run(HOST="build-machine.example", PORT="9999")
    assert "SITE_URL='http://127.0.0.1:8000'" in command
    assert command.endswith("manage.py runserver 127.0.0.1:8000'")


def test_make_run_takes_host_and_port_and_e_mail_links_follow_them():
    command = _planned_run("PORT=8080", "HOST=0.0.0.0")
    assert command.startswith("DJANGO_DEBUG=true ")
    assert "SITE_URL='http://0.0.0.0:8080'" in command
    assert command.endswith("manage.py runserver 0.0.0.0:8080'")


def test_a_site_url_of_ones_own_is_kept():
    command = _planned_run("PORT=8080", SITE_URL="https://perhekeskus.example.fi")
    assert "SITE_URL='https://perhekeskus.example.fi'" in command
    assert command.endswith("manage.py runserver 127.0.0.1:8080'")
