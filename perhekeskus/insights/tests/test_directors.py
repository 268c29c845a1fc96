"""A network's coordinators appoint and remove the readers of its municipalities' reports (directors
and committee secretaries) in the workspace: a new address gets an account without a password and a
one-time link to choose one, an existing account a notice; nobody else may, and bad input writes
nothing."""

import re

import pytest
from django.contrib.messages import constants
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext, ngettext

from perhekeskus.core.tests.utils import queries_of
from perhekeskus.network import services
from perhekeskus.network.models import Municipality, MunicipalityDirector, Network
from perhekeskus.workspace.tests.conftest import PASSWORD, make_user, sign_in

NEW_ADDRESS = "uusi.sihteeri@lieksa.example.fi"


@pytest.fixture
def coordinator(small_network):
    user = small_network["coordinator"]
    user.first_name, user.last_name = "Kaisa", "Koordinaattori"
    user.save(update_fields=["first_name", "last_name"])
    return user


@pytest.fixture
def director(small_network, django_user_model):
    """Lieksa's welfare director, appointed earlier."""
    user = make_user(django_user_model, "johtaja@lieksa.example.fi")
    MunicipalityDirector.objects.create(user=user, municipality=small_network["lieksa"])
    return user


def _appoint(client, capture, data, slug="pk"):
    with capture(execute=True):  # the e-mail goes when the appointment is saved
        return client.post(reverse("insights:directors", args=[slug]), data, follow=True)


def _messages(response) -> list[tuple[int, str]]:
    return [(message.level, str(message)) for message in response.context["messages"]]


def _link(body: str, path_part: str) -> str:
    return re.search(rf"https?://testserver(\S*{path_part}\S*)", body).group(1)


def test_a_new_address_chooses_a_password_through_the_link_and_reads_the_reports(
    client, small_network, coordinator, django_user_model, django_capture_on_commit_callbacks
):
    sign_in(client, coordinator)
    response = _appoint(
        client,
        django_capture_on_commit_callbacks,
        {
            "email": NEW_ADDRESS,
            "municipalities": ["422", "167"],
            "first_name": "Uusi",
            "last_name": "Sihteeri",
        },
    )
    assert response.redirect_chain[-1][0] == reverse("insights:directors", args=["pk"])
    assert [level for level, _text in _messages(response)] == [constants.SUCCESS]
    user = django_user_model.objects.get(email=NEW_ADDRESS)
    assert not user.has_usable_password() and user.get_full_name() == "Uusi Sihteeri"
    assert set(Municipality.objects.directed_by(user).values_list("code", flat=True)) == {"422", "167"}
    # Listed under both municipalities, with a button to remove them.
    page = response.content.decode()
    for director in MunicipalityDirector.objects.filter(user=user):
        assert reverse("insights:director_remove", args=["pk", director.pk]) in page

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [NEW_ADDRESS]
    assert "Joensuu, Lieksa" in message.subject and "Joensuu, Lieksa" in message.body
    assert "Kaisa Koordinaattori" in message.body  # who appointed them, to ask when it should end
    assert "coordinator@example.fi" not in message.body
    assert _link(message.body, "/workspace/sign-in/")

    # Without a password nobody signs in to the account; the link lets its owner choose one, once.
    assert client.post(reverse("workspace:sign_out")).status_code == 302
    refused = client.post(reverse("workspace:sign_in"), {"email": NEW_ADDRESS, "password": PASSWORD})
    assert refused.status_code == 200
    path = _link(message.body, "/workspace/password/")
    form_page = client.get(path, follow=True)
    assert form_page.context["validlink"]
    chosen = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD}
    )
    assert chosen.status_code == 302
    assert not client.get(path, follow=True).context["validlink"]

    sign_in(client, user)  # the password just chosen, and the second factor like everyone
    for code in ("422", "167"):
        assert client.get(reverse("insights:municipality", args=["pk", code])).status_code == 200
    assert client.get(reverse("insights:municipality", args=["pk", "541"])).status_code == 404
    assert client.get(reverse("insights:directors", args=["pk"])).status_code == 404


def test_an_existing_account_is_told_and_the_page_says_the_same_as_for_a_new_one(
    client, small_network, coordinator, django_capture_on_commit_callbacks
):
    editor = small_network["editor"]
    sign_in(client, coordinator)
    known = _appoint(
        client, django_capture_on_commit_callbacks, {"email": "Editor@Example.fi", "municipalities": ["541"]}
    )
    unknown = _appoint(
        client, django_capture_on_commit_callbacks, {"email": NEW_ADDRESS, "municipalities": ["541"]}
    )
    assert [(level, text.replace("Editor@Example.fi", "X")) for level, text in _messages(known)] == [
        (level, text.replace(NEW_ADDRESS, "X")) for level, text in _messages(unknown)
    ]
    assert Municipality.objects.directed_by(editor).get().code == "541"
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)  # their own password stays

    notice = mail.outbox[0]
    assert notice.to == ["editor@example.fi"]
    assert "Nurmes" in notice.subject and "Kaisa Koordinaattori" in notice.body
    assert "/workspace/password/" not in notice.body
    assert _link(notice.body, "/workspace/sign-in/")
    client.post(reverse("workspace:sign_out"))
    sign_in(client, editor)
    assert client.get(reverse("insights:municipality", args=["pk", "541"])).status_code == 200


def test_the_mail_is_in_the_language_of_the_request(
    client, small_network, coordinator, django_capture_on_commit_callbacks
):
    sign_in(client, coordinator)
    with translation.override("sv"):
        _appoint(
            client, django_capture_on_commit_callbacks, {"email": NEW_ADDRESS, "municipalities": ["422"]}
        )
        subject = ngettext(
            "You can now read the family centre report of %(municipalities)s in Perhekeskus",
            "You can now read the family centre reports of %(municipalities)s in Perhekeskus",
            1,
        ) % {"municipalities": small_network["lieksa"].name}
    message = mail.outbox[0]
    assert message.subject == subject
    assert _link(message.body, "/sv/workspace/password/") and _link(message.body, "/sv/workspace/sign-in/")


def test_municipalities_already_read_are_skipped_and_said_so(
    client, small_network, coordinator, director, django_capture_on_commit_callbacks
):
    sign_in(client, coordinator)
    data = {"email": director.email, "municipalities": ["422", "541"]}
    response = _appoint(client, django_capture_on_commit_callbacks, data)
    (success_level, success), (info_level, info) = _messages(response)
    assert (success_level, info_level) == (constants.SUCCESS, constants.INFO)
    assert "Nurmes" in success and "Lieksa" not in success
    assert "Lieksa" in info and director.email in info
    assert set(Municipality.objects.directed_by(director).values_list("code", flat=True)) == {"422", "541"}
    assert (
        len(mail.outbox) == 1 and "Nurmes" in mail.outbox[0].subject and "Lieksa" not in mail.outbox[0].body
    )

    # None new: refused on the field, with the reason; nothing more is sent.
    again = _appoint(
        client, django_capture_on_commit_callbacks, {"email": director.email, "municipalities": ["422"]}
    )
    assert again.status_code == 200 and not again.redirect_chain
    (error,) = again.context["form"].errors["municipalities"]
    assert "Lieksa" in error and director.email in error
    assert MunicipalityDirector.objects.filter(user=director).count() == 2
    assert len(mail.outbox) == 1


@pytest.fixture
def other_network_municipality(small_network):
    """Kitee, in the network that the stranger coordinates."""
    kitee = Municipality.objects.get(code="260")
    kitee.network = Network.objects.get(slug="other")
    kitee.save(update_fields=["network"])
    return kitee


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "ei-osoite", "municipalities": ["422"]}, "email"),
        ({"email": "", "municipalities": ["422"]}, "email"),
        ({"email": NEW_ADDRESS}, "municipalities"),
        ({"email": NEW_ADDRESS, "municipalities": ["422", "260"]}, "municipalities"),  # another network's
        ({"email": NEW_ADDRESS, "municipalities": ["999"]}, "municipalities"),
        ({"email": NEW_ADDRESS, "municipalities": ["x" * 500]}, "municipalities"),
        ({"email": NEW_ADDRESS, "municipalities": ["422"], "first_name": "x" * 151}, "first_name"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_writes_nothing(
    client,
    coordinator,
    other_network_municipality,
    django_user_model,
    django_capture_on_commit_callbacks,
    data,
    field,
):
    sign_in(client, coordinator)
    response = _appoint(client, django_capture_on_commit_callbacks, data)
    assert response.status_code == 200 and not response.redirect_chain
    assert list(response.context["form"].errors) == [field]
    assert not MunicipalityDirector.objects.exists()
    assert not django_user_model.objects.filter(email=NEW_ADDRESS).exists()
    assert mail.outbox == []


def test_errors_are_in_the_users_language(client, small_network, coordinator):
    sign_in(client, coordinator)
    with translation.override("sv"):
        response = client.post(reverse("insights:directors", args=["pk"]), {"email": "ei-osoite"})
        not_an_address = str(EmailValidator.message)
        choose = gettext("Choose at least one municipality.")
    page = response.content.decode()
    # Django's own message, in the project's catalogue (core/django_messages.py).
    assert not_an_address == "Fyll i en giltig e-postadress." and not_an_address in page
    assert escape(choose) in page


def test_a_forged_post_without_the_forms_token_is_refused(client, small_network, coordinator):
    sign_in(client, coordinator)
    forged = Client(enforce_csrf_checks=True)
    forged.cookies = client.cookies
    response = forged.post(
        reverse("insights:directors", args=["pk"]), {"email": NEW_ADDRESS, "municipalities": ["422"]}
    )
    assert response.status_code == 403
    assert not MunicipalityDirector.objects.exists() and mail.outbox == []


def test_the_service_appoints_only_in_the_actors_networks(
    small_network, coordinator, other_network_municipality, django_user_model
):
    appoint = {"email": NEW_ADDRESS, "password_url": lambda uid, token: "", "sign_in_url": ""}
    for actor, municipalities in (
        (coordinator, [other_network_municipality]),
        (small_network["stranger"], [small_network["lieksa"]]),
        (small_network["editor"], [small_network["lieksa"]]),
        (coordinator, [Municipality.objects.get(code="091")]),  # in no network
    ):
        with pytest.raises(ValidationError) as refused:
            services.director_appoint(actor=actor, municipalities=municipalities, **appoint)
        assert list(refused.value.message_dict) == ["municipalities"]
    assert not MunicipalityDirector.objects.exists()
    assert not django_user_model.objects.filter(email=NEW_ADDRESS).exists()


def test_removing_ends_the_access_at_once(client, small_network, coordinator, director):
    reading = Client()
    sign_in(reading, director)
    report = reverse("insights:municipality", args=["pk", "422"])
    assert reading.get(report).status_code == 200
    appointment = MunicipalityDirector.objects.get(user=director)
    remove = reverse("insights:director_remove", args=["pk", appointment.pk])

    sign_in(client, coordinator)
    assert client.get(remove).status_code == 405
    assert MunicipalityDirector.objects.filter(pk=appointment.pk).exists()
    response = client.post(remove, follow=True)
    assert response.redirect_chain[-1][0] == reverse("insights:directors", args=["pk"])
    ((level, text),) = _messages(response)
    assert level == constants.SUCCESS and "Lieksa" in text
    assert not MunicipalityDirector.objects.exists()
    assert reading.get(report).status_code == 404  # the same session, the very next request


def test_only_the_networks_coordinators_may_appoint_or_remove(
    client, small_network, director, django_capture_on_commit_callbacks
):
    appointment = MunicipalityDirector.objects.get(user=director)
    page = reverse("insights:directors", args=["pk"])
    remove = reverse("insights:director_remove", args=["pk", appointment.pk])
    data = {"email": NEW_ADDRESS, "municipalities": ["422"]}

    for url in (page, remove):
        response = client.post(url, data)
        assert response.status_code == 302 and response["Location"].startswith(reverse("workspace:sign_in"))
    assert client.get(page)["Location"].startswith(reverse("workspace:sign_in"))

    for who in (director, small_network["editor"], small_network["stranger"]):
        signed_in = Client()
        sign_in(signed_in, who)
        assert signed_in.get(page).status_code == 404
        with django_capture_on_commit_callbacks(execute=True):
            assert signed_in.post(page, data).status_code == 404
        assert signed_in.post(remove).status_code == 404
    # Nor through the network the stranger does coordinate.
    other = reverse("insights:director_remove", args=["other", appointment.pk])
    assert signed_in.post(other).status_code == 404

    assert list(MunicipalityDirector.objects.all()) == [appointment]
    assert mail.outbox == []


def test_the_menu_links_the_page_for_coordinators_only(client, small_network, coordinator, director):
    page = reverse("insights:directors", args=["pk"])
    sign_in(client, coordinator)
    assert page in client.get(reverse("insights:coverage", args=["pk"])).content.decode()
    reading = Client()
    sign_in(reading, director)
    assert page not in reading.get(reverse("insights:coverage", args=["pk"])).content.decode()


def test_the_page_makes_no_query_per_reader(client, small_network, coordinator, director, django_user_model):
    sign_in(client, coordinator)
    page = reverse("insights:directors", args=["pk"])
    queries_of(client, page)  # what a process keeps (the sample-data flag) is read on its first page
    few = queries_of(client, page)
    for n in range(3):
        user = make_user(django_user_model, f"lukija{n}@example.fi")
        for place in ("joensuu", "nurmes"):
            MunicipalityDirector.objects.create(user=user, municipality=small_network[place])
    assert queries_of(client, page) == few
