import datetime

import pytest

from perhekeskus.catalog import services
from perhekeskus.catalog.models import Language, LifeSituation
from perhekeskus.catalog.tests import factories
from perhekeskus.search import indexing

T = datetime.time


def _joensuu_location(organization, **values):
    return factories.location(
        organization=organization, municipality=factories.municipality("167"), postal_code="80100",
        latitude=62.601, longitude=29.763, **values,
    )  # fmt: skip


@pytest.fixture
def network(db):
    """A small network, indexed: clinics in Lieksa and Joensuu, a family café, online speech therapy,
    an overnight helpline, a confidential shelter and a closed club."""
    county = factories.organization(name_fi="Siun sote")
    lieksa_clinic = factories.service(
        organization=county, types=("child-health-clinic",), name_fi="Lieksan lastenneuvola",
        name_sv="Barnrådgivningen i Lieksa", summary_fi="Terveystarkastukset alle kouluikäisille lapsille.",
        age_min_months=0, age_max_months=84,
    )  # fmt: skip
    services.service_save(
        actor=None, service=lieksa_clinic, values={},
        languages=Language.objects.filter(code__in=["fi", "sv"]),
        life_situations=LifeSituation.objects.filter(code="baby"),
    )  # fmt: skip
    factories.weekday_schedule(factories.delivery(service_obj=lieksa_clinic), opens=T(8), closes=T(16))

    maternity = factories.service(
        organization=county, types=("maternity-clinic",), name_fi="Joensuun äitiysneuvola",
        summary_fi="Raskauden seuranta ja tuki odottavalle perheelle.", for_expecting_parents=True,
    )  # fmt: skip
    factories.weekday_schedule(
        factories.delivery(service_obj=maternity, at=_joensuu_location(county, name_fi="Joensuun terveysasema")),
        opens=T(8), closes=T(15),
    )  # fmt: skip

    ngo = factories.organization(name_fi="MLL Joensuu")
    cafe = factories.service(
        organization=ngo, types=("family-cafe",), name_fi="Perhekahvila Pesä", name_en="Family café Pesä",
        is_free=False, fee_description_fi="2 € / perhe", summary_fi="Avoin perhekahvila vauvaperheille.",
    )  # fmt: skip
    services.service_save(
        actor=None, service=cafe, values={}, languages=Language.objects.filter(code__in=["fi", "en"])
    )
    cafe_delivery = factories.delivery(
        service_obj=cafe, mode="family-centre-building", at=_joensuu_location(ngo, name_fi="Perhetalo")
    )
    services.schedule_save(
        actor=None, values={"delivery": cafe_delivery},
        rules=[{"weekday": 1, "opens": T(9, 30), "closes": T(11, 30)}],
    )  # fmt: skip

    speech = factories.service(
        organization=county, types=("speech-therapy",), name_fi="Lasten puheterapia",
        summary_fi="Puheterapeutti tukee lapsen puheen ja kielen kehitystä.", age_min_months=12, age_max_months=144,
    )  # fmt: skip
    factories.delivery(
        service_obj=speech,
        mode="online",
        municipalities=[factories.municipality("422"), factories.municipality("167")],
    )

    helpline = factories.service(organization=ngo, types=("helpline-chat",), name_fi="Kriisipuhelin")
    services.schedule_save(
        actor=None,
        values={"delivery": factories.delivery(service_obj=helpline, mode="phone",
                                               municipalities=[factories.municipality("167")]),
                "closed_on_public_holidays": False},
        rules=[{"weekday": 4, "opens": T(20), "closes": T(2), "closes_next_day": True}],
    )  # fmt: skip

    shelter_org = factories.organization(name_fi="Ensi- ja turvakoti ry")
    shelter = factories.service(
        organization=shelter_org, types=("domestic-violence-support",), name_fi="Turvakoti"
    )
    factories.delivery(
        service_obj=shelter, at=_joensuu_location(shelter_org, name_fi="Turvakoti", confidential=True)
    )

    closed = factories.service(types=("family-club",), name_fi="Suljettu perhekerho", status="inactive")
    factories.delivery(service_obj=closed)
    indexing.rebuild()
    return {
        "lieksa_clinic": lieksa_clinic, "maternity": maternity, "cafe": cafe, "speech": speech,
        "helpline": helpline, "shelter": shelter, "closed": closed,
    }  # fmt: skip
