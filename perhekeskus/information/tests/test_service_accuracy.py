""" "Was this information correct?" on a service's page (issue 26 part 4): a yes, or a no with what was
wrong (screened); a no reaches the organisation's editors as a review prompt, at most once a day a
service, and waits on the service's page in the workspace until the service is checked."""

import datetime

import time_machine
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from perhekeskus.activities.recurrence import HELSINKI
from perhekeskus.catalog import services as catalog_services
from perhekeskus.catalog.models import Service
from perhekeskus.core.models import Publication
from perhekeskus.information.models import AccuracyReport
from perhekeskus.workspace.tests.conftest import people, sign_in  # noqa: F401

NOW = datetime.datetime(2026, 12, 2, 12, tzinfo=HELSINKI)


def _at(moment):
    return time_machine.travel(moment, tick=False)


def test_the_service_page_asks_and_a_yes_is_counted(people, client):  # noqa: F811
    service = people["service"]
    page = client.get(reverse("service", args=[service.pk])).content.decode()
    assert (
        f'action="/services/{service.pk}/correct/"' in page
        and f'href="/services/{service.pk}/correct/"' in page
    )
    response = client.post(reverse("service_accuracy", args=[service.pk]), {"correct": "yes"})
    assert response.status_code == 302 and response["Location"].endswith("/correct/thanks/?answer=yes")
    (report,) = AccuracyReport.objects.all()
    assert report.correct and report.comment == "" and report.resolved_at is None
    assert mail.outbox == []  # a yes bothers nobody


def test_a_no_with_what_was_wrong_reaches_the_editors_once_a_day(
    people,  # noqa: F811
    client,
    django_capture_on_commit_callbacks,
):
    service, url = people["service"], reverse("service_accuracy", args=[people["service"].pk])
    with _at(NOW), django_capture_on_commit_callbacks(execute=True):
        form = client.get(url)
        assert form.status_code == 200 and 'name="comment"' in form.content.decode()
        client.post(
            url, {"correct": "no", "comment": "Aukeaa vasta klo 10. Soita minulle 040 123 4567, Liisa"}
        )
    (report,) = AccuracyReport.objects.all()
    assert not report.correct and report.screened
    assert report.comment == "Aukeaa vasta klo 10. Soita minulle […], Liisa"
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["admin@example.fi", "editor@example.fi"]  # the organisation's, not the other's
    message = mail.outbox[0]
    assert "Perhekahvila Pankakoski" in message.subject
    assert "Aukeaa vasta klo 10" in message.body and "040 123 4567" not in message.body
    assert f"/workspace/services/{service.pk}/" in message.body
    with _at(NOW + datetime.timedelta(hours=5)), django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"correct": "no", "comment": "Osoite on väärä"})
    assert len(mail.outbox) == 2  # the second waits in the workspace
    with _at(NOW + datetime.timedelta(days=1, minutes=1)), django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"correct": "no"})
    assert len(mail.outbox) == 4 and AccuracyReport.objects.filter(correct=False).count() == 3


def test_the_answers_wait_in_the_workspace_until_the_service_is_checked(people, client):  # noqa: F811
    service, url = people["service"], reverse("service_accuracy", args=[people["service"].pk])
    client.post(url, {"correct": "no", "comment": "Puhelinnumero ei vastaa"})
    client.post(url, {"correct": "yes"})
    sign_in(client, people["editor"])
    page = client.get(reverse("workspace:service_edit", args=[service.pk])).content.decode()
    assert "Puhelinnumero ei vastaa" in page
    client.post(reverse("workspace:service_confirm", args=[service.pk]))
    assert not AccuracyReport.objects.filter(resolved_at__isnull=True).exists()
    assert (
        "Puhelinnumero ei vastaa"
        not in client.get(reverse("workspace:service_edit", args=[service.pk])).content.decode()
    )
    # Saving the listing in full is checking it too.
    client.logout()
    client.post(url, {"correct": "no", "comment": "Väärä osoite"})
    catalog_services.service_save(actor=people["editor"], values={}, service=service, reviewed=True)
    assert not AccuracyReport.objects.filter(resolved_at__isnull=True).exists()


def test_a_service_that_does_not_ask_or_is_not_public_takes_no_answers(people, client):  # noqa: F811
    service = people["service"]
    Service.objects.filter(pk=service.pk).update(asks_if_correct=False)
    assert 'name="correct"' not in client.get(reverse("service", args=[service.pk])).content.decode()
    assert client.post(reverse("service_accuracy", args=[service.pk]), {"correct": "yes"}).status_code == 404
    Service.objects.filter(pk=service.pk).update(asks_if_correct=True, publication=Publication.DRAFT)
    assert client.post(reverse("service_accuracy", args=[service.pk]), {"correct": "yes"}).status_code == 404
    assert not AccuracyReport.objects.exists()


def test_bad_input_is_refused_and_a_device_is_limited(people, client):  # noqa: F811
    url = reverse("service_accuracy", args=[people["service"].pk])
    assert client.post(url, {"correct": "maybe"}).status_code == 200
    assert client.post(url, {"correct": "no", "comment": "x" * 1001}).status_code == 200
    assert not AccuracyReport.objects.exists()
    with override_settings(FEEDBACK_PER_HOUR=2):
        for _ in range(2):
            client.post(url, {"correct": "yes"})
        assert client.post(url, {"correct": "yes"}).status_code == 429
    assert AccuracyReport.objects.count() == 2
