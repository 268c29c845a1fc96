from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from perhekeskus.network.models import Coordinator
from perhekeskus.workspace.tests.conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_create_coordinator_makes_the_account_and_prints_a_password_link(client, people):
    output = _run(
        "create_coordinator", "uusi.koordinaattori@example.fi", "--network", "pk", "--first-name", "Uusi"
    )
    assert Coordinator.objects.filter(
        user__email="uusi.koordinaattori@example.fi", network=people["network"]
    ).exists()
    link = output.strip().splitlines()[-1].split(": ", 1)[1]
    page = client.get(link.removeprefix("http://127.0.0.1:8000"), follow=True)
    assert page.context["validlink"]


def test_create_coordinator_names_bad_input(people):
    with pytest.raises(CommandError, match="No network 'nope'"):
        _run("create_coordinator", "x@example.fi", "--network", "nope")
    with pytest.raises(CommandError, match="is not an e-mail address"):
        _run("create_coordinator", "not-an-address", "--network", "pk")


def test_list_users_shows_roles(people):
    output = _run("list_users")
    assert "coordinator@example.fi" in output and "coordinator of Pohjois-Karjala" in output
    assert "admin of Lieksan perhetyö ry" in output and "editor of Lieksan perhetyö ry" in output


def test_deactivate_user_ends_sessions_and_sign_in(client, people):
    sign_in(client, people["editor"])
    _run("deactivate_user", "EDITOR@example.fi")
    assert client.get(reverse("workspace:dashboard")).status_code == 302
    response = Client().post(
        reverse("workspace:sign_in"), {"email": "editor@example.fi", "password": PASSWORD}
    )
    assert response.status_code == 200  # refused
    with pytest.raises(CommandError, match="No account"):
        _run("deactivate_user", "nobody@example.fi")
