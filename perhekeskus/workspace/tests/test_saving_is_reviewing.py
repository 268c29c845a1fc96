"""Saving a service in full in the workspace is reviewing it: the listing was looked at as a whole, so
the save records today's review by the person, as "still accurate" does, and the history says who."""

import pytest
from django.urls import reverse
from django.utils import timezone

from perhekeskus.catalog.models import Service
from perhekeskus.catalog.tests import factories
from perhekeskus.core.history import history_of
from perhekeskus.workspace.tests.conftest import sign_in
from perhekeskus.workspace.tests.test_editing import _form_version, _service_post


@pytest.fixture
def never_reviewed(people):
    """The café, published with a place, never confirmed accurate; its editor has a name."""
    factories.delivery(service_obj=people["service"])
    Service.objects.filter(pk=people["service"].pk).update(last_reviewed_at=None, last_reviewed_by=None)
    people["editor"].first_name, people["editor"].last_name = "Eeva", "Editori"
    people["editor"].save()
    people["service"].refresh_from_db()
    return people


def _says_reviewed_today(client, service) -> None:
    today = f"{timezone.localdate():%-d.%-m.%Y}"
    workspace = client.get(reverse("workspace:service_edit", args=[service.pk])).content.decode()
    assert "Ei koskaan tarkistettu" not in workspace
    assert f"Tarkistettu viimeksi {today}" in workspace and "(Eeva Editori)" in workspace
    dashboard = client.get(reverse("workspace:dashboard")).content.decode()
    assert ">ei koskaan<" not in dashboard and today in dashboard
    public = client.get(reverse("service", args=[service.pk])).content.decode()
    assert f"Tiedot tarkistettu {today}" in public


def test_an_edit_in_the_workspace_is_a_review_by_its_editor(client, never_reviewed):
    service = never_reviewed["service"]
    sign_in(client, never_reviewed["editor"])
    url = reverse("workspace:service_edit", args=[service.pk])
    assert "Ei koskaan tarkistettu" in client.get(url).content.decode()
    response = client.post(url, _service_post(service, _form_version(client, url), summary_fi="Uusi kuvaus"))
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.last_reviewed_at == timezone.localdate()
    assert service.last_reviewed_by == never_reviewed["editor"]
    _says_reviewed_today(client, service)
    # The history names who confirmed it, by name (not an id or an e-mail address).
    record = history_of(service).order_by("-changed_at").first()
    assert record.actor == never_reviewed["editor"]
    assert record.changes["last_reviewed_by"]["new"] == str(never_reviewed["editor"].pk)
    page = client.get(url).content.decode()
    history = page[page.index('id="history-heading"') :]
    assert "<strong>Eeva Editori</strong>" in history  # who made the change
    assert (
        '<th scope="row">viimeksi tarkistanut</th><td><del>–</del></td><td><ins>Eeva Editori</ins>' in history
    )


def test_still_accurate_is_a_review_by_who_pressed_it(client, never_reviewed):
    service = never_reviewed["service"]
    sign_in(client, never_reviewed["editor"])
    response = client.post(reverse("workspace:service_confirm", args=[service.pk]))
    assert response.status_code == 302
    service.refresh_from_db()
    assert (service.last_reviewed_at, service.last_reviewed_by) == (
        timezone.localdate(),
        never_reviewed["editor"],
    )
    _says_reviewed_today(client, service)
