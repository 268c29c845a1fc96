"""Staff say whether a service can use an interpreter: in the workspace's service editor and in the admin."""

import pytest
from django.urls import reverse

from perhekeskus.catalog.models import Service
from perhekeskus.conftest import sign_in_with_both_factors
from perhekeskus.core.history import history_of
from perhekeskus.workspace.tests.conftest import sign_in
from perhekeskus.workspace.tests.test_editing import _form_version, _service_post

pytestmark = pytest.mark.django_db


def test_an_editor_says_an_interpreter_is_available_free_with_a_note(client, people):
    service = people["service"]
    url = reverse("workspace:service_section", args=[service.pk, "access"])
    in_languages = reverse("workspace:service_section", args=[service.pk, "languages"])
    sign_in(client, people["editor"])
    assert 'name="interpretation"' in client.get(url).content.decode()
    assert 'name="interpretation_note_sv"' in client.get(in_languages).content.decode()
    response = client.post(
        url,
        _service_post(
            service,
            _form_version(client, url),
            interpretation="free",
            interpretation_note_fi="Kerro tulkin tarpeesta, kun varaat ajan.",
        ),
    )
    assert response.status_code == 302
    response = client.post(
        in_languages,
        {
            "version": _form_version(client, in_languages),
            "interpretation_note_en": "Ask for an interpreter when you book.",
        },
    )
    assert response.status_code == 302
    saved = Service.objects.get(pk=service.pk)
    assert saved.interpretation == "free"
    assert saved.interpretation_note_fi == "Kerro tulkin tarpeesta, kun varaat ajan."
    assert saved.interpretation_note_en == "Ask for an interpreter when you book."
    changes = next(r.changes for r in history_of(saved) if "interpretation" in r.changes)
    assert changes["interpretation"] == {"old": "", "new": "free"}


def test_a_note_without_saying_whether_an_interpreter_is_available_is_refused(client, people):
    service = people["service"]
    url = reverse("workspace:service_section", args=[service.pk, "access"])
    sign_in(client, people["editor"])
    response = client.post(
        url, _service_post(service, _form_version(client, url), interpretation_note_fi="Tulkki tilattava.")
    )
    assert response.status_code == 200
    assert "interpretation" in response.context["form"].errors
    assert Service.objects.get(pk=service.pk).interpretation_note_fi == ""


def test_an_unknown_choice_is_refused(client, people):
    service = people["service"]
    url = reverse("workspace:service_section", args=[service.pk, "access"])
    sign_in(client, people["editor"])
    response = client.post(url, _service_post(service, _form_version(client, url), interpretation="maybe"))
    assert response.status_code == 200 and "interpretation" in response.context["form"].errors
    assert Service.objects.get(pk=service.pk).interpretation == ""


def test_an_outsider_cannot_set_it(client, people):
    service = people["service"]
    sign_in(client, people["outsider"])
    url = reverse("workspace:service_section", args=[service.pk, "access"])
    response = client.post(url, _service_post(service, "", interpretation="free"))
    assert response.status_code == 404
    assert Service.objects.get(pk=service.pk).interpretation == ""


def test_a_superuser_sets_it_in_the_admin_and_filters_by_it(client, superuser, people):
    service = people["service"]
    sign_in_with_both_factors(client, superuser)
    url = reverse("admin:catalog_service_change", args=[service.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert {"interpretation", "interpretation_note_fi", "interpretation_note_sv"} <= set(form.fields)
    data = {
        name: value
        for name, value in ((n, form[n].value()) for n in form.fields)
        if value not in (None, "", [])
    }
    data = {k: [str(x) for x in v] if isinstance(v, list) else v for k, v in data.items()}
    data.update(interpretation="fee", interpretation_note_fi="Tulkkaus 20 € / käynti.")
    # The inlines, unchanged.
    for prefix in ("contacts", "deliveries"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Service.objects.get(pk=service.pk).interpretation == "fee"
    listing = client.get(reverse("admin:catalog_service_changelist"), {"interpretation": "fee"})
    assert listing.status_code == 200 and list(listing.context["cl"].result_list) == [service]
