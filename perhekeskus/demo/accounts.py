"""Demo accounts for the demo network: one per workspace role, one who reads the families' contact
requests, and a superuser. The README's known password is for a local demo only (debug); anywhere else
each account gets a random password, shown once by `load_demo`."""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from perhekeskus.network.models import (
    Coordinator,
    Membership,
    Municipality,
    MunicipalityDirector,
    Network,
    Organization,
)
from perhekeskus.questions.models import Answerer

DEMO_PASSWORD = "perhekeskus-demo"
# Instead of an organisation kind: every organisation of the network with a service marked to take
# families' contact requests. A service is offered to families only while someone reads its requests
# (referrals.selectors.contact_request_services), so each of them needs a member.
CONTACT_REQUESTS = "contact-requests"
# Instead of a role: a referrer (as a nurse is) of the organisation, appointed to answer questions.
ANSWERER = "answerer"
# (e-mail, first name, last name, role, organisation kind whose first organisation by name they join)
ACCOUNTS = (
    ("koordinaattori@demo.invalid", "Kaisa", "Koordinaattori", "coordinator", None),
    ("yllapitaja@demo.invalid", "Ylermi", "Ylläpitäjä", Membership.Role.ADMIN, "wellbeing-services-county"),
    ("muokkaaja@demo.invalid", "Mervi", "Muokkaaja", Membership.Role.EDITOR, "ngo"),
    ("ohjaaja@demo.invalid", "Olli", "Ohjaaja", Membership.Role.REFERRER, "wellbeing-services-county"),
    ("vastaanottaja@demo.invalid", "Veera", "Vastaanottaja", Membership.Role.REFERRER, CONTACT_REQUESTS),
    # A public health nurse of the county who answers families' anonymous questions (questions.Answerer).
    ("vastaaja@demo.invalid", "Vilja", "Vastaaja", ANSWERER, "wellbeing-services-county"),
    # Lieksa's welfare director: reads Lieksa's report (MunicipalityDirector); the kind is the municipality.
    ("johtaja@demo.invalid", "Johanna", "Johtaja", "director", "422"),
    ("admin@demo.invalid", "", "", "superuser", None),
)


@dataclass(frozen=True)
class DemoAccount:
    email: str
    what: str
    superuser: bool
    # The password to print: None when the account has one of its own already (shown when it was set).
    password: str | None


def demo_accounts(network: Network, *, known_password: bool) -> list[DemoAccount]:
    """Create the accounts that are missing (idempotent). With `known_password` (a local demo in debug)
    they get DEMO_PASSWORD, as the README says. Without it each new account gets a random password, and
    an account that still has DEMO_PASSWORD (made by a local demo, or by an older `load_demo`) a new
    random one: the README's password never opens a production site."""
    users = get_user_model().objects
    accounts = []
    for email, first_name, last_name, role, kind in ACCOUNTS:
        password = DEMO_PASSWORD if known_password else secrets.token_urlsafe(12)
        user = users.filter(email__iexact=email).first()
        if user is None:
            create = users.create_superuser if role == "superuser" else users.create_user
            user = create(
                username=email, email=email, password=password, first_name=first_name, last_name=last_name
            )
            # May skip the second factor where the settings allow it (only in debug).
            user.demo_account = True
            user.save(update_fields=["demo_account"])
        elif not user.check_password(DEMO_PASSWORD):
            password = None
        elif not known_password:
            user.set_password(password)
            user.save(update_fields=["password"])
        accounts.append(_with_role(user, role, kind, network, password))
    return accounts


def _with_role(user, role: str, kind: str | None, network: Network, password: str | None) -> DemoAccount:
    if role == "superuser":
        return DemoAccount(user.email, "demo superuser", True, password)
    if role == "coordinator":
        Coordinator.objects.get_or_create(user=user, network=network)
        return DemoAccount(user.email, f"network coordinator of {network.name_fi}", False, password)
    if role == "director":
        municipality = Municipality.objects.get(code=kind)
        MunicipalityDirector.objects.get_or_create(user=user, municipality=municipality)
        return DemoAccount(
            user.email, f"welfare director of {municipality.name_fi} (reads its report)", False, password
        )
    if kind == CONTACT_REQUESTS:
        organizations = Organization.objects.filter(
            networks=network, services__accepts_contact_requests=True
        ).distinct()
        for organization in organizations:
            Membership.objects.get_or_create(user=user, organization=organization, defaults={"role": role})
        what = f"{role} reading the contact requests of {len(organizations)} organisations"
        return DemoAccount(user.email, what, False, password)
    organization = Organization.objects.filter(networks=network, kind__code=kind).order_by("name_fi").first()
    if role == ANSWERER:
        Membership.objects.get_or_create(
            user=user, organization=organization, defaults={"role": Membership.Role.REFERRER}
        )
        Answerer.objects.get_or_create(network=network, user=user, defaults={"title": "terveydenhoitaja"})
        what = f"public health nurse of {organization.name_fi}, answers families' questions"
        return DemoAccount(user.email, what, False, password)
    Membership.objects.get_or_create(user=user, organization=organization, defaults={"role": role})
    return DemoAccount(user.email, f"{role} of {organization.name_fi}", False, password)
