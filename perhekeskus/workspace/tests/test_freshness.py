"""The daily freshness review and the task queue that runs it, with a frozen clock."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from perhekeskus.catalog.freshness import review_freshness
from perhekeskus.catalog.models import Service
from perhekeskus.catalog.tests import factories
from perhekeskus.workspace.tests.conftest import sign_in

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
SEARCH = "/api/v1/search"


def at(day: str, hour: int = 7):
    """The clock stopped at that day's hour in Helsinki."""
    return time_machine.travel(
        datetime.datetime.fromisoformat(day).replace(hour=hour, tzinfo=HELSINKI), tick=False
    )


@pytest.fixture
def reviewed(people):
    """The café, published with a place in Lieksa, last reviewed on 15 January 2026 (due 15 July)."""
    service = people["service"]
    factories.delivery(service_obj=service)
    Service.objects.filter(pk=service.pk).update(last_reviewed_at=datetime.date(2026, 1, 15))
    people["editor"].first_name, people["editor"].last_name = "Eeva", "Editori"
    people["editor"].save()
    return people


def _run(capture) -> str:
    """The day's review; its e-mails go once its marks are committed."""
    with capture(execute=True):
        return review_freshness()


def _found(client, name: str) -> bool:
    return any(hit["name"] == name for hit in client.get(SEARCH, {"q": "perhekahvila"}).json()["results"])


def test_members_are_reminded_once_two_weeks_before_the_review_date(
    reviewed, django_capture_on_commit_callbacks
):
    with at("2026-06-30"):  # 15 days before: too early
        _run(django_capture_on_commit_callbacks)
    assert mail.outbox == []
    with at("2026-07-01"):
        _run(django_capture_on_commit_callbacks)
        _run(django_capture_on_commit_callbacks)  # a second run the same day sends nothing more
    assert sorted(message.to[0] for message in mail.outbox) == ["admin@example.fi", "editor@example.fi"]
    to_editor = next(message for message in mail.outbox if message.to == ["editor@example.fi"])
    assert "Eeva Editori" in to_editor.body
    assert "Perhekahvila Pankakoski" in to_editor.body
    assert "15.7.2026" in to_editor.body
    assert (
        "http://127.0.0.1:8000" + reverse("workspace:service_edit", args=[reviewed["service"].pk])
        in to_editor.body
    )
    # No one else's personal data: not the other member's address, nor who reviewed last.
    assert "admin@example.fi" not in to_editor.body
    assert "coordinator@example.fi" not in to_editor.body
    with at("2026-07-20"):  # overdue, already reminded for this date
        _run(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2


def test_an_overdue_service_says_so_in_the_workspace_and_on_its_public_page(client, reviewed):
    page = reverse("service", args=[reviewed["service"].pk])
    with at("2026-07-15"):
        assert "Tarvitsee tarkistusta" not in client.get(page).content.decode()
    with at("2026-07-16"):
        assert "Tarvitsee tarkistusta" in client.get(page).content.decode()
        sign_in(client, reviewed["editor"])
        assert "tarkistettava" in client.get(reverse("workspace:dashboard")).content.decode()


@pytest.mark.django_db(transaction=True)  # the index follows commits
def test_twelve_months_unreviewed_leaves_search_and_tells_the_coordinator(client, reviewed):
    service = reviewed["service"]
    with at("2027-01-15"):  # exactly 12 months: still in search
        review_freshness()
    assert _found(client, service.name_fi)
    mail.outbox.clear()
    with at("2027-01-16"):
        review_freshness()
        service.refresh_from_db()
        assert service.hidden_from_search_at is not None
        assert not _found(client, service.name_fi)
        assert client.get(reverse("service", args=[service.pk])).status_code == 200  # the page stays
        told = [message for message in mail.outbox if message.to == ["coordinator@example.fi"]]
        assert len(told) == 1 and "Perhekahvila Pankakoski" in told[0].body
        review_freshness()
        assert len([m for m in mail.outbox if m.to == ["coordinator@example.fi"]]) == 1
        # One click by the organisation brings it back, and records who confirmed.
        sign_in(client, reviewed["editor"])
        client.post(reverse("workspace:service_confirm", args=[service.pk]))
        service.refresh_from_db()
        assert service.hidden_from_search_at is None
        assert service.last_reviewed_by == reviewed["editor"]
        assert service.last_reviewed_at == datetime.date(2027, 1, 16)
        assert _found(client, service.name_fi)


def test_services_the_public_does_not_see_are_left_alone(reviewed, django_capture_on_commit_callbacks):
    Service.objects.filter(pk=reviewed["service"].pk).update(status=Service.Status.DEFUNCT)
    with at("2027-03-01"):
        assert _run(django_capture_on_commit_callbacks).startswith("0 services due")
    assert mail.outbox == []
    assert Service.objects.get(pk=reviewed["service"].pk).hidden_from_search_at is None


def test_a_shorter_interval_comes_due_sooner(reviewed):
    Service.objects.filter(pk=reviewed["service"].pk).update(review_interval_months=3)
    service = Service.objects.get(pk=reviewed["service"].pk)
    assert service.review_due == datetime.date(2026, 4, 15)
    assert service.needs_review(datetime.date(2026, 4, 16))


@pytest.mark.django_db(transaction=True)  # the task framework's worker commits
def test_the_worker_runs_the_daily_review_at_six_once_a_day(reviewed, capsys):
    with at("2026-06-30", hour=7):  # the worker's first day: that day's review, nothing due yet
        call_command("run_worker", "--once")
    assert "workspace.review_freshness: done. 0 services due" in capsys.readouterr().out
    with at("2026-07-01", hour=5):
        call_command("run_worker", "--once")
    assert mail.outbox == [] and "workspace.review_freshness" not in capsys.readouterr().out
    with at("2026-07-01", hour=6):
        call_command("run_worker", "--once")
        call_command("run_worker", "--once")  # a second worker finds nothing more to do
    out = capsys.readouterr().out
    assert out.count("workspace.review_freshness: done. 1 services due for review") == 1
    assert len(mail.outbox) == 2
    with at("2026-07-02", hour=6):
        call_command("run_worker", "--once")
    assert "workspace.review_freshness: done." in capsys.readouterr().out
