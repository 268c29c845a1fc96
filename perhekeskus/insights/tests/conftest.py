"""A small hand-built network for the insights: three municipalities of a network and one outside it.

Lieksa (422) has its own child health clinic and is reached from Joensuu's family counselling; Joensuu
(167) has a clinic, the family counselling at its site (serving Joensuu and Lieksa) and a parish
family café; an NGO's online helpline serves the whole network; Nurmes (541) has nothing of its own.
Kitee (260) is in no network of ours.
"""

import pytest

from perhekeskus.catalog.models import Service
from perhekeskus.catalog.tests import factories
from perhekeskus.network.models import Coordinator, Membership, Municipality, Network, ProviderKind
from perhekeskus.search import indexing
from perhekeskus.workspace.tests.conftest import make_user

POSTAL_CODES = {"422": "81700", "167": "80100", "541": "75500", "260": "82500"}


@pytest.fixture
def small_network(db, django_user_model):
    network = Network.objects.create(slug="pk", name_fi="Pohjois-Karjala", name_sv="Norra Karelen")
    Municipality.objects.filter(code__in=["422", "167", "541"]).update(network=network)
    Municipality.objects.filter(code="422").update(children=2000)
    lieksa, joensuu, nurmes, kitee = (factories.municipality(code) for code in ("422", "167", "541", "260"))
    county = factories.organization(
        name_fi="Hyvinvointialue", kind=ProviderKind.objects.get(code="wellbeing-services-county")
    )
    ngo = factories.organization(name_fi="Tukiyhdistys ry")
    parish = factories.organization(
        name_fi="Joensuun seurakunta", kind=ProviderKind.objects.get(code="parish")
    )
    other = factories.organization(name_fi="Muualla ry")
    for organization in (county, ngo, parish):
        organization.networks.add(network)

    def offered(name, organization, types, mode, municipalities, at_municipality=None):
        service = factories.service(organization=organization, name_fi=name, types=types)
        place = None
        if at_municipality is not None:
            place = factories.location(
                organization=organization,
                municipality=at_municipality,
                postal_code=POSTAL_CODES[at_municipality.code],
                latitude=at_municipality.latitude,
                longitude=at_municipality.longitude,
            )
        factories.delivery(service_obj=service, mode=mode, at=place, municipalities=municipalities)
        return service

    services = {
        "lieksa_clinic": offered(
            "Lieksan lastenneuvola",
            county,
            ("child-health-clinic",),
            "family-centre-building",
            [lieksa],
            lieksa,
        ),
        "joensuu_clinic": offered(
            "Joensuun lastenneuvola", county, ("child-health-clinic",), "provider-site", [joensuu], joensuu
        ),
        "counselling": offered(
            "Perheneuvola", county, ("family-counselling",), "provider-site", [joensuu, lieksa], joensuu
        ),
        "helpline": offered(
            "Vanhempien chat",
            ngo,
            ("helpline-chat", "parenting-support"),
            "online",
            [lieksa, joensuu, nurmes],
        ),
        "cafe": offered("Perhekahvila", parish, ("family-cafe",), "provider-site", [joensuu], joensuu),
        "closed": offered(
            "Suljettu neuvola", county, ("maternity-clinic",), "provider-site", [nurmes], nurmes
        ),
        # Outside the network, though it reaches Lieksa too.
        "outside": offered(
            "Kiteen neuvola", other, ("maternity-clinic",), "provider-site", [kitee, lieksa], kitee
        ),
    }
    Service.objects.filter(pk=services["closed"].pk).update(status=Service.Status.TEMPORARILY_CLOSED)
    indexing.rebuild()

    coordinator = make_user(django_user_model, "coordinator@example.fi")
    Coordinator.objects.create(user=coordinator, network=network)
    editor = make_user(django_user_model, "editor@example.fi")
    Membership.objects.create(user=editor, organization=ngo, role=Membership.Role.EDITOR)
    stranger_network = Network.objects.create(slug="other", name_fi="Muu verkosto")
    stranger = make_user(django_user_model, "stranger@example.fi")
    Coordinator.objects.create(user=stranger, network=stranger_network)
    return {
        "network": network, "lieksa": lieksa, "joensuu": joensuu, "nurmes": nurmes, "county": county,
        "ngo": ngo, "parish": parish, "services": services, "coordinator": coordinator, "editor": editor,
        "stranger": stranger,
    }  # fmt: skip
