"""No promise nobody keeps (issue 22): a service offers "Ask this service to contact me" only while an
active member of its organisation reads the requests, and the confirmation tells when the service
answers, in the family's language."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from perhekeskus.catalog.models import Service
from perhekeskus.conftest import sign_in_with_both_factors
from perhekeskus.network.models import Membership, Organization
from perhekeskus.referrals import selectors, services
from perhekeskus.referrals.models import Referral
from perhekeskus.referrals.tests.test_contact_requests import FORM
from perhekeskus.workspace.tests.conftest import make_user, sign_in
from perhekeskus.workspace.tests.test_editing import _form_version, _service_post

BUTTON_FI = "Pyydä palvelua ottamaan minuun yhteyttä"


def _nobody_reads(sides) -> None:
    Membership.objects.filter(organization=sides["ours"]).delete()


def _with_details(sides, **values) -> Service:
    Service.objects.filter(pk=sides["service"].pk).update(
        **{"phone": "+358401234567", "email": "kahvila@example.fi", **values}
    )
    return Service.objects.get(pk=sides["service"].pk)


def _in(language: str, name: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


# --- Who reads ---------------------------------------------------------------------------------------


def test_with_a_member_the_page_offers_the_form_and_it_works(client, sides):
    service = sides["service"]
    page = client.get(reverse("service", args=[service.pk])).content.decode()
    assert reverse("contact_request", args=[service.pk]) in page and BUTTON_FI in page
    assert 'class="direct-contact' not in page
    assert client.get(reverse("contact_request", args=[service.pk])).status_code == 200
    assert client.post(reverse("contact_request", args=[service.pk]), FORM).status_code == 302
    assert Referral.objects.filter(kind=Referral.Kind.CONTACT_REQUEST).count() == 1


def test_nobody_reading_the_page_shows_the_direct_contact_instead_of_the_button(client, sides):
    service = _with_details(sides, website="https://kahvila.example.fi")
    _nobody_reads(sides)
    page = client.get(reverse("service", args=[service.pk])).content.decode()
    assert reverse("contact_request", args=[service.pk]) not in page and BUTTON_FI not in page
    note = page[page.index('class="direct-contact-note"') :]
    note = note[: note.index("</div>")]
    assert "Palvelulta ei voi tällä hetkellä pyytää yhteydenottoa" in note
    assert 'href="tel:+358401234567"' in note
    assert 'href="mailto:kahvila@example.fi"' in note and 'href="https://kahvila.example.fi"' in note


def test_a_service_without_details_of_its_own_points_to_its_provider(client, sides):
    _nobody_reads(sides)
    Organization.objects.filter(pk=sides["ours"].pk).update(phone="+358131234567")
    page = client.get(reverse("service", args=[sides["service"].pk])).content.decode()
    assert "Palvelulla ei ole omia yhteystietoja" in page and 'href="tel:+358131234567"' in page


@pytest.mark.parametrize("language", ["fi", "en"])
def test_nobody_reading_the_form_refuses_get_and_post_and_stores_nothing(
    client, sides, language, django_capture_on_commit_callbacks
):
    service = _with_details(sides)
    _nobody_reads(sides)
    url = _in(language, "contact_request", service.pk)
    words = {
        "fi": "ei voi tällä hetkellä ottaa vastaan yhteydenottopyyntöjä Perhekeskuksen kautta",
        "en": "cannot take contact requests through Perhekeskus at the moment",
    }[language]
    response = client.get(url)
    assert response.status_code == 409
    page = response.content.decode()
    assert words in page and 'href="tel:+358401234567"' in page and 'name="family_name"' not in page
    assert f'href="{_in(language, "service", service.pk)}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, FORM)
    assert response.status_code == 409 and words in response.content.decode()
    assert not Referral.objects.exists() and mail.outbox == []
    # Nor does the confirmation page promise anything.
    sent = client.get(_in(language, "contact_request_sent", service.pk))
    assert sent.status_code == 409 and words in sent.content.decode()


def test_the_service_layer_refuses_too(sides):
    _nobody_reads(sides)
    with pytest.raises(ValidationError):
        services.contact_request_send(service=sides["service"], values={"phone": "0401234567"})
    assert not Referral.objects.exists()


def test_an_inactive_member_or_one_who_cannot_sign_in_does_not_count(client, sides, django_user_model):
    service = sides["service"]
    url = reverse("contact_request", args=[service.pk])
    users = django_user_model.objects
    users.filter(pk__in=sides["ours"].memberships.values("user")).update(is_active=False)
    assert not selectors.takes_contact_requests(service)
    assert client.get(url).status_code == 409
    assert url not in client.get(reverse("service", args=[service.pk])).content.decode()
    # Active again but without an e-mail address: no one can sign in to read (nor be told).
    users.filter(pk=sides["editor"].pk).update(is_active=True, email="")
    assert not selectors.takes_contact_requests(service) and client.get(url).status_code == 409
    users.filter(pk=sides["admin"].pk).update(is_active=True)
    assert selectors.takes_contact_requests(service) and client.get(url).status_code == 200


def test_a_removed_member_does_not_count_and_a_referrer_is_enough(client, sides, django_user_model):
    service = sides["service"]
    url = reverse("contact_request", args=[service.pk])
    Membership.objects.filter(organization=sides["ours"], user=sides["editor"]).delete()
    assert client.get(url).status_code == 200  # the admin still reads
    Membership.objects.filter(organization=sides["ours"], user=sides["admin"]).delete()
    assert client.get(url).status_code == 409
    # (The outsider, a member of another organisation, is no reader of this one.)
    reader = make_user(django_user_model, "lukija@example.fi")
    Membership.objects.create(user=reader, organization=sides["ours"], role=Membership.Role.REFERRER)
    assert client.get(url).status_code == 200


def test_a_service_that_takes_no_requests_has_no_page_at_all(client, sides):
    Service.objects.filter(pk=sides["service"].pk).update(accepts_contact_requests=False)
    assert client.get(reverse("contact_request", args=[sides["service"].pk])).status_code == 404
    assert client.get(reverse("contact_request_sent", args=[sides["service"].pk])).status_code == 404
    page = client.get(reverse("service", args=[sides["service"].pk])).content.decode()
    assert "direct-contact-note" not in page and BUTTON_FI not in page


# --- When the service answers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "days", "words"),
    [
        ("fi", 3, "Palvelu vastaa 3 arkipäivän kuluessa."),
        ("en", 3, "The service answers within 3 working days."),
        ("en", 1, "The service answers within 1 working day."),
        ("sv", 1, "Tjänsten svarar inom 1 vardag."),
    ],
)
def test_the_confirmation_page_and_e_mail_tell_the_answer_time(
    client, sides, language, days, words, django_capture_on_commit_callbacks
):
    service = _with_details(sides, contact_answer_days=days)
    # The service page and the form tell it before the family sends, too.
    assert words in client.get(_in(language, "service", service.pk)).content.decode()
    assert words in client.get(_in(language, "contact_request", service.pk)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_in(language, "contact_request", service.pk), FORM)
    # The address keeps the family's language (no prefix for Finnish, the default).
    assert response.status_code == 302
    assert response["Location"] == _in(language, "contact_request_sent", service.pk)
    assert response["Location"].startswith({"fi": "/services/", "en": "/en/", "sv": "/sv/"}[language])
    page = client.get(response["Location"]).content.decode()
    assert words in page
    assert "tel:+358401234567" not in page  # it answers: no need to look for another way
    assert f'href="{_in(language, "service", service.pk)}"' in page
    (to_family,) = [m for m in mail.outbox if m.to == ["liisa@example.fi"]]
    assert words in to_family.body
    assert service.name_fi not in to_family.body and "401234567" not in to_family.body


@pytest.mark.parametrize(
    ("language", "page_words", "mail_words"),
    [
        (
            "fi",
            "Palvelu ei ole kertonut, kuinka pian se vastaa yhteydenottopyyntöihin.",
            "sen yhteystiedot ovat sen sivulla Perhekeskuksessa",
        ),
        (
            "en",
            "The service has not stated how soon it answers contact requests.",
            "its contact details are on its page in Perhekeskus",
        ),
    ],
)
def test_without_an_answer_time_the_confirmation_says_so_and_gives_the_direct_contact(
    client, sides, language, page_words, mail_words, django_capture_on_commit_callbacks
):
    service = _with_details(sides)
    assert service.contact_answer_days is None
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_in(language, "contact_request", service.pk), FORM)
    assert response["Location"] == _in(language, "contact_request_sent", service.pk)
    page = client.get(response["Location"]).content.decode()
    assert page_words in page
    assert 'href="tel:+358401234567"' in page and 'href="mailto:kahvila@example.fi"' in page
    (to_family,) = [m for m in mail.outbox if m.to == ["liisa@example.fi"]]
    assert page_words in to_family.body and mail_words in to_family.body
    # Neutral: the unverified address learns nothing of which service it was.
    assert service.name_fi not in to_family.body and "401234567" not in to_family.body
    assert "kahvila@example.fi" not in to_family.body


# --- Where staff set it --------------------------------------------------------------------------------


def test_staff_set_the_answer_time_in_the_workspace_within_1_to_30_days(client, sides):
    service = sides["service"]
    url = reverse("workspace:service_section", args=[service.pk, "access"])
    sign_in(client, sides["editor"])
    page = client.get(url).content.decode()
    assert 'name="contact_answer_days"' in page
    assert "Kukaan organisaatiosta ei nyt lue" not in page
    for refused in ("0", "31"):
        response = client.post(
            url, _service_post(service, _form_version(client, url), contact_answer_days=refused)
        )
        assert response.status_code == 200 and response.context["form"].errors["contact_answer_days"]
    response = client.post(url, _service_post(service, _form_version(client, url), contact_answer_days="5"))
    assert response.status_code == 302
    assert Service.objects.get(pk=service.pk).contact_answer_days == 5


def test_the_workspace_tells_when_nobody_reads_the_requests(client, sides):
    # The coordinator edits the listing; nobody of the organisation itself is a member any longer.
    _nobody_reads(sides)
    sign_in(client, sides["coordinator"])
    url = reverse("workspace:service_section", args=[sides["service"].pk, "access"])
    page = client.get(url).content.decode()
    assert "Kukaan organisaatiosta ei nyt lue yhteydenottopyyntöjä Perhekeskuksessa" in page


def test_the_admin_edits_the_answer_time(client, sides, superuser):
    sign_in_with_both_factors(client, superuser)
    page = client.get(reverse("admin:catalog_service_change", args=[sides["service"].pk])).content.decode()
    assert 'name="contact_answer_days"' in page
