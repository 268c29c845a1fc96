"""The accessibility statement with its feedback form, the privacy notice, and the coordinators' list
of feedback."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from perhekeskus.catalog.tests import factories
from perhekeskus.information.models import Feedback
from perhekeskus.information.retention import delete_old_feedback
from perhekeskus.workspace.tests.conftest import people, sign_in  # noqa: F401

STATEMENT = {"": "Saavutettavuusseloste", "/sv": "Tillgänglighetsutlåtande", "/en": "Accessibility statement"}
NOTICE = {"": "Tietosuojaseloste", "/sv": "Dataskyddsbeskrivning", "/en": "Privacy notice"}


@pytest.mark.parametrize("language", ["", "/sv", "/en"])
def test_the_statement_has_what_the_act_requires_in_each_language(client, db, language):
    page = client.get(f"{language}/accessibility/").content.decode()
    assert f"<h1>{STATEMENT[language]}</h1>" in page
    assert "WCAG 2.2" in page  # conformance status against WCAG 2.2 AA
    assert "7.12.2026" in page  # date of the assessment
    assert "axe-core" in page  # the method, with the automated checks
    assert 'id="feedback"' in page and 'name="message"' in page  # the feedback channel
    assert "saavutettavuus@traficom.fi" in page and "029 534 5000" in page  # the supervisory authority
    assert "kirjaamo@example.fi" in page  # the service's own contact


@pytest.mark.parametrize("language", ["", "/sv", "/en"])
def test_every_page_links_the_statement_and_the_notice(client, db, language):
    for path in ("/", "/search/?q=neuvola", "/workspace/sign-in/", "/no-such-page/"):
        page = client.get(language + path).content.decode()
        assert f'href="{language}/accessibility/"' in page, path
        assert f'href="{language}/privacy/"' in page, path


@pytest.mark.parametrize("language", ["", "/sv", "/en"])
def test_the_notice_covers_every_register_in_each_language(client, db, language):
    page = client.get(f"{language}/privacy/").content.decode()
    assert f"<h1>{NOTICE[language]}</h1>" in page
    for register in ("referrals", "registrations", "staff", "feedback-register", "search-log"):
        assert f'id="{register}"' in page
    for fact in (
        "Testikunnan hyvinvointialue",
        "kirjaamo@example.fi",
        "tietosuoja@example.fi",
        "tietosuoja@om.fi",
    ):
        assert fact in page


def test_retention_periods_shown_are_the_settings(client, db, settings):
    settings.REFERRAL_RETENTION_DAYS = 123
    settings.ACTIVITY_RETENTION_DAYS = 17
    settings.FEEDBACK_RETENTION_DAYS = 250
    settings.BACKUP_RETENTION_DAYS = 14
    settings.SEARCH_LOG_RETENTION_DAYS = 45
    page = client.get("/en/privacy/").content.decode()
    assert "erased 123 days after the referral" in page
    assert "A backup is kept for 14 days" in " ".join(page.split())
    assert "untouched for 246 days" in page
    assert "erased 17 days after the activity" in page
    assert "Deleted 250 days after it arrived" in page
    flat = " ".join(page.split())
    assert "after 8 hours" in flat
    assert "for the 15 minutes of the lockout" in flat
    assert "Searches are deleted 45 days after they were made" in flat
    assert "looks like a personal identity code, a phone number, an e-mail or street address" in flat


def test_forms_that_collect_personal_data_link_the_notice(client, people):  # noqa: F811
    from perhekeskus.activities import services as activity_services
    from perhekeskus.catalog.models import Service

    service = people["service"]
    Service.objects.filter(pk=service.pk).update(accepts_contact_requests=True, accepts_referrals=True)
    page = client.get(reverse("contact_request", args=[service.pk])).content.decode()
    assert 'href="/privacy/#referrals"' in page
    place = factories.location(organization=service.organization)
    activity = activity_services.activity_save(
        actor=None,
        values={
            "service": service, "title_fi": "Kerho", "location": place, "starts_on": timezone.localdate() + datetime.timedelta(days=2),
            "start_time": datetime.time(10), "repeat": "none", "registration": "required", "capacity": 5,
            "registration_opens_days": 30,
        },
    )  # fmt: skip
    start = (timezone.localdate() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT1000")
    page = client.get(reverse("activity_register", args=[activity.pk, start])).content.decode()
    assert 'href="/privacy/#registrations"' in page
    assert 'href="/privacy/#staff"' in client.get("/workspace/sign-in/").content.decode()
    sign_in(client, people["editor"])
    assert (
        'href="/privacy/#referrals"'
        in client.get(reverse("referrals:new", args=[service.pk])).content.decode()
    )


def test_feedback_is_stored_encrypted_for_the_coordinators(client, db):
    response = client.post(
        "/accessibility/",
        {"message": "Hakukentän painike ei erotu.", "page": "/search/", "email": "maija@example.fi"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/accessibility/#feedback"
    feedback = Feedback.objects.get()
    assert (feedback.message, feedback.email, feedback.page, feedback.language) == (
        "Hakukentän painike ei erotu.", "maija@example.fi", "/search/", "fi",
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("SELECT message, email FROM information_feedback")
        stored = cursor.fetchone()
    assert "painike" not in stored[0] and "maija" not in stored[1]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"message": ""}, "Tämä kenttä vaaditaan."),
        ({"message": "x", "email": "ei-osoite"}, "Syötä kelvollinen sähköpostiosoite."),
        ({"message": "x" * 4001}, "enintään 4000"),
    ],
)
def test_bad_feedback_is_refused_with_a_reason_in_the_users_language(client, db, data, message):
    response = client.post("/accessibility/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Feedback.objects.exists()


def test_robots_and_floods_store_nothing_more(client, db):
    assert client.post("/accessibility/", {"message": "spam", "website": "http://x"}).status_code == 302
    assert not Feedback.objects.exists()
    for _ in range(5):
        client.post("/accessibility/", {"message": "Palaute"})
    response = client.post("/en/accessibility/", {"message": "One more"})
    assert response.status_code == 429
    assert "Too much feedback from this device" in response.content.decode()
    assert Feedback.objects.count() == 5


def test_only_coordinators_read_and_handle_feedback(client, people):  # noqa: F811
    feedback = Feedback.objects.create(message="Kontrasti on heikko.", language="fi")
    feedback.networks.add(people["network"])  # sent from one of the network's pages
    listing = reverse("information:feedback_list")
    handled = reverse("information:feedback_handled", args=[feedback.pk])
    for response in (client.get(listing), client.post(handled)):
        assert response.status_code == 302 and response["Location"].startswith(reverse("workspace:sign_in"))
    sign_in(client, people["editor"])
    assert client.get(listing).status_code == 403
    assert client.post(handled).status_code == 403
    feedback.refresh_from_db()
    assert feedback.handled_at is None
    client.logout()
    sign_in(client, people["coordinator"])
    assert "Kontrasti on heikko." in client.get(listing).content.decode()
    assert client.get(handled).status_code == 405
    assert client.post(handled).status_code == 302
    feedback.refresh_from_db()
    assert feedback.handled_by == people["coordinator"] and feedback.handled_at is not None
    assert client.post(handled).status_code == 404  # handled once


def test_old_feedback_is_deleted_by_the_daily_task(db, settings):
    settings.FEEDBACK_RETENTION_DAYS = 30
    old = Feedback.objects.create(message="vanha", language="fi")
    Feedback.objects.filter(pk=old.pk).update(received_at=timezone.now() - datetime.timedelta(days=31))
    Feedback.objects.create(message="uusi", language="fi")
    assert (
        delete_old_feedback()
        == "1 accessibility feedback messages and 0 answers on services' information deleted."
    )
    assert list(Feedback.objects.values_list("message", flat=True)) == ["uusi"]
