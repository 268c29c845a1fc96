"""Sample content: the North Karelia family centre network (Siun sote and its 13 municipalities).

The network is modelled on the real one: Pohjois-Karjalan hyvinvointialue (brand Siun sote) runs the social
and health services, the municipalities run early childhood education, youth, sports and library services,
and NGOs and parishes run meeting places, clubs and peer support. The content is sample data: the
municipalities' business ids are the real ones (PTV 2022); every other business id, phone number, e-mail
address, street address and person is invented for the demonstration.

`build()` returns the structure described in FORMAT.md. It uses the standard library only.

Deliberate coverage gaps. These core service types have no delivery that reaches the municipality, so the
gaps are visible in coverage views (see DELIBERATE_GAPS):

* Rääkkylä (707): no family centre meeting place, no occupational therapy, no nutrition therapy.
* Heinävesi (090): no family centre meeting place, no speech therapy, no couple relationship support
  (Heinävesi joined North Karelia in 2021; neither the county's couple counselling nor the church's family
  counselling in Joensuu covers it in this sample).
* Polvijärvi (607): no family centre meeting place, no occupational therapy.
* Juuka (176): no family centre meeting place, no nutrition therapy.

Family cafés and parish family clubs do run in these municipalities; they are not family centre meeting
places in the sense of the national model and are typed as family-cafe / family-club only.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

# ---------------------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------------------

MON_FRI = [0, 1, 2, 3, 4]
EVERY_DAY = [0, 1, 2, 3, 4, 5, 6]
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)

SPRING_2026 = ("2026-01-07", "2026-05-29")
AUTUMN_2026 = ("2026-08-17", "2026-12-18")
SCHOOL_SPRING_2026 = ("2026-01-07", "2026-05-30")
SCHOOL_AUTUMN_2026 = ("2026-08-12", "2026-12-19")
SUMMER_2026 = ("2026-06-08", "2026-08-09")

OMASOTE = "https://omasote.siunsote.fi"


def tr(fi: str, sv: str | None = None, en: str | None = None) -> dict[str, str]:
    """Texts by language; Swedish and English only when given."""
    texts = {"fi": fi}
    if sv:
        texts["sv"] = sv
    if en:
        texts["en"] = en
    return texts


def rule(days: list[int], opens: str, closes: str, *, next_day: bool = False) -> dict:
    return {"weekdays": list(days), "opens": opens, "closes": closes, "closes_next_day": next_day}


def closed_on(date: str, reason: dict[str, str]) -> dict:
    return {"date": date, "closed": True, "opens": None, "closes": None, "reason": reason}


def open_on(date: str, opens: str, closes: str, reason: dict[str, str]) -> dict:
    return {"date": date, "closed": False, "opens": opens, "closes": closes, "reason": reason}


def christmas_2026(short_closes: str = "14:00") -> list[dict]:
    """Christmas Eve closed and shorter hours on New Year's Eve (Christmas and New Year's Day are public
    holidays and closed anyway)."""
    return [
        closed_on("2026-12-24", tr("Jouluaatto", "Julafton", "Christmas Eve")),
        open_on(
            "2026-12-31",
            "08:00",
            short_closes,
            tr(
                "Uudenvuodenaatto, lyhennetty aukiolo",
                "Nyårsafton, kortare öppettid",
                "New Year's Eve, shorter hours",
            ),
        ),
    ]


def schedule(
    *rules: dict,
    by_appointment: bool = False,
    holidays: bool = True,
    valid: tuple[str, str] | None = None,
    description: dict | None = None,
    exceptions: list[dict] | None = None,
) -> dict:
    return {
        "by_appointment": by_appointment,
        "closed_on_public_holidays": holidays,
        "valid_from": valid[0] if valid else None,
        "valid_to": valid[1] if valid else None,
        "description": description or {},
        "rules": list(rules),
        "exceptions": exceptions or [],
    }


def office_hours(
    days: list[int] = MON_FRI,
    opens: str = "08:00",
    closes: str = "15:00",
    *,
    description: dict | None = None,
    by_appointment: bool = True,
) -> list[dict]:
    """Weekday office or clinic hours with the Christmas 2026 exceptions."""
    return [
        schedule(
            rule(days, opens, closes),
            by_appointment=by_appointment,
            description=description,
            exceptions=christmas_2026(),
        )
    ]


def around_the_clock(description: dict | None = None) -> list[dict]:
    # Midnight to midnight the next day: open round the clock, every day.
    return [
        schedule(rule(EVERY_DAY, "00:00", "00:00", next_day=True), holidays=False, description=description)
    ]


def term_hours(
    *rules: dict,
    description: dict | None = None,
    by_appointment: bool = False,
    spring: tuple[str, str] = SPRING_2026,
    autumn: tuple[str, str] = AUTUMN_2026,
    autumn_exceptions: list[dict] | None = None,
) -> list[dict]:
    """The same weekly hours in the spring and autumn terms; the summer break falls between them."""
    return [
        schedule(
            *rules,
            by_appointment=by_appointment,
            valid=spring,
            description=description or tr("Kevätkausi", "Vårterminen", "Spring term"),
        ),
        schedule(
            *rules,
            by_appointment=by_appointment,
            valid=autumn,
            description=description or tr("Syyskausi", "Hösttermin", "Autumn term"),
            exceptions=autumn_exceptions,
        ),
    ]


def delivery(
    mode: str,
    municipalities: str | list[str],
    location: str | None = None,
    note: dict | None = None,
    schedules: list[dict] | None = None,
) -> dict:
    codes = [municipalities] if isinstance(municipalities, str) else list(municipalities)
    return {
        "mode": mode,
        "location": location,
        "municipalities": codes,
        "note": note or {},
        "schedules": schedules or [],
    }


def at(
    location: str,
    codes: list[str] | str,
    days: list[int] = MON_FRI,
    opens: str = "08:00",
    closes: str = "16:00",
    note: dict | None = None,
    by_appointment: bool = True,
) -> dict:
    """A delivery at a place; in a family centre building when the place is one."""
    mode = "family-centre-building" if location in FAMILY_CENTRE_BUILDINGS.values() else "provider-site"
    return delivery(
        mode, codes, location, note, office_hours(days, opens, closes, by_appointment=by_appointment)
    )


def online(codes: list[str], note: dict | None = None, schedules: list[dict] | None = None) -> dict:
    return delivery("online", codes, note=note, schedules=schedules)


def by_phone(
    codes: list[str],
    days: list[int] = MON_FRI,
    opens: str = "09:00",
    closes: str = "10:00",
    note: dict | None = None,
) -> dict:
    return delivery(
        "phone", codes, note=note, schedules=office_hours(days, opens, closes, by_appointment=False)
    )


def contact(name: str, title: dict, phone: str | None = None, email: str | None = None) -> dict:
    return {"name": name, "title": title, "phone": phone, "email": email}


def service(
    key: str,
    organization: str,
    *,
    name: dict,
    summary: dict,
    description: dict,
    types: list[str],
    situations: list[str],
    areas: list[str],
    deliveries: list[dict],
    ages: tuple[int | None, int | None] = (None, None),
    expecting: bool = False,
    parents: bool = True,
    whole_family: bool = False,
    professionals: bool = False,
    languages: list[str] | None = None,
    fee: dict | None = None,
    access: str = "appointment",
    how_to_get: dict | None = None,
    phone: str | None = None,
    email: str | None = None,
    website: str | None = None,
    eservice: str | None = None,
    status: str = "active",
    contacts: list[dict] | None = None,
    publication: str = "published",
) -> dict:
    return {
        "key": key,
        "organization": organization,
        "name": name,
        "summary": summary,
        "description": description,
        "service_types": list(types),
        "life_situations": list(situations),
        "age_min_months": ages[0],
        "age_max_months": ages[1],
        "for_expecting_parents": expecting,
        "for_parents": parents,
        "for_whole_family": whole_family,
        "for_professionals": professionals,
        "languages": list(languages or ["fi"]),
        "is_free": fee is None,
        "fee_description": fee or {},
        "access_method": access,
        "how_to_get": how_to_get or {},
        "phone": phone,
        "email": email,
        "website": website,
        "eservice_url": eservice,
        "status": status,
        "service_areas": list(areas),
        "contacts": contacts or [],
        "deliveries": deliveries,
        "publication": publication,
    }


def organization(
    key: str,
    kind: str,
    municipality: str,
    *,
    name: dict,
    description: dict,
    business_id: str | None,
    website: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    parent: str | None = None,
) -> dict:
    return {
        "key": key,
        "kind": kind,
        "business_id": business_id,
        "name": name,
        "description": description,
        "website": website,
        "email": email,
        "phone": phone,
        "parent": parent,
        "municipality": municipality,
    }


# ---------------------------------------------------------------------------------------------------------
# Municipalities
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Municipality:
    """A municipality of North Karelia with the Finnish case forms the texts need."""

    code: str
    slug: str
    fi: str
    sv: str
    gen: str  # genitive: Lieksan
    ine: str  # where: Lieksassa, Kiteellä
    ela: str  # from where: Lieksasta, Kiteeltä
    organization_name: str  # as in PTV
    organization_sv: str
    organization_en: str
    business_id: str  # real, PTV 2022
    latitude: float
    longitude: float
    postal_code: str

    @property
    def en(self) -> str:
        return self.fi

    @property
    def org_key(self) -> str:
        return f"{self.slug}-{'kaupunki' if self.organization_name.endswith('kaupunki') else 'kunta'}"

    @property
    def domain(self) -> str:
        return f"{self.slug}.fi"


# In the order of areas/north-karelia.csv (by population). Case forms: genitive, "in" and "from" (Finnish
# uses -ssa/-sta with some names and -lla/-lta with others).
MUNICIPALITY_NAMES = """
code slug        fi          sv          genitive     inessive        elative        type
167  joensuu     Joensuu     Joensuu     Joensuun     Joensuussa      Joensuusta     town
276  kontiolahti Kontiolahti Kontiolahti Kontiolahden Kontiolahdella  Kontiolahdelta commune
426  liperi      Liperi      Liperi      Liperin      Liperissä       Liperistä      commune
422  lieksa      Lieksa      Lieksa      Lieksan      Lieksassa       Lieksasta      town
260  kitee       Kitee       Kitee       Kiteen       Kiteellä        Kiteeltä       town
541  nurmes      Nurmes      Nurmes      Nurmeksen    Nurmeksessa     Nurmeksesta    town
309  outokumpu   Outokumpu   Outokumpu   Outokummun   Outokummussa    Outokummusta   town
146  ilomantsi   Ilomantsi   Ilomants    Ilomantsin   Ilomantsissa    Ilomantsista   commune
176  juuka       Juuka       Juuka       Juuan        Juuassa         Juuasta        commune
607  polvijarvi  Polvijärvi  Polvijärvi  Polvijärven  Polvijärvellä   Polvijärveltä  commune
848  tohmajarvi  Tohmajärvi  Tohmajärvi  Tohmajärven  Tohmajärvellä   Tohmajärveltä  commune
090  heinavesi   Heinävesi   Heinävesi   Heinäveden   Heinävedellä    Heinävedeltä   commune
707  raakkyla    Rääkkylä    Rääkkylä    Rääkkylän    Rääkkylässä     Rääkkylästä    commune
"""
# Real business ids (PTV 2022), centre coordinates and main postal codes (areas/north-karelia.csv).
MUNICIPALITY_FACTS = {
    "167": ("0242746-2", 62.600, 29.767, "80100"),
    "276": ("0169048-8", 62.767, 29.850, "81100"),
    "426": ("0169583-6", 62.533, 29.367, "83100"),
    "422": ("0169321-6", 63.317, 30.017, "81700"),
    "260": ("0168900-6", 62.100, 30.150, "82500"),
    "541": ("0207669-0", 63.544, 29.145, "75500"),
    "309": ("0207604-1", 62.727, 29.038, "83500"),
    "146": ("0167589-4", 62.667, 30.917, "82900"),
    "176": ("0168654-2", 63.246, 29.251, "83900"),
    "607": ("0169823-6", 62.857, 29.376, "83700"),
    "848": ("1919717-3", 62.226, 30.333, "82600"),
    "090": ("0164308-3", 62.433, 28.600, "79700"),
    "707": ("0169967-7", 62.317, 29.617, "82300"),
}


def _municipalities() -> list[Municipality]:
    rows = []
    for line in MUNICIPALITY_NAMES.strip().splitlines()[1:]:
        code, slug, fi, sv, gen, ine, ela, kind = line.split()
        if kind == "town":
            names = (f"{gen} kaupunki", f"{sv} stad", f"City of {fi}")
        else:
            names = (f"{gen} kunta", f"{sv} kommun", f"Municipality of {fi}")
        rows.append(Municipality(code, slug, fi, sv, gen, ine, ela, *names, *MUNICIPALITY_FACTS[code]))
    return rows


MUNICIPALITIES = _municipalities()
BY_CODE = {m.code: m for m in MUNICIPALITIES}
ALL_CODES = [m.code for m in MUNICIPALITIES]

JOENSUU, KONTIOLAHTI, LIPERI, LIEKSA, KITEE, NURMES, OUTOKUMPU = (
    "167",
    "276",
    "426",
    "422",
    "260",
    "541",
    "309",
)
ILOMANTSI, JUUKA, POLVIJARVI, TOHMAJARVI, HEINAVESI, RAAKKYLA = "146", "176", "607", "848", "090", "707"

# Core service types that deliberately reach no family in these municipalities.
DELIBERATE_GAPS = {
    RAAKKYLA: ["meeting-place", "occupational-therapy", "nutrition-therapy"],
    HEINAVESI: ["meeting-place", "speech-therapy", "couple-relationship-support"],
    POLVIJARVI: ["meeting-place", "occupational-therapy"],
    JUUKA: ["meeting-place", "nutrition-therapy"],
}


def except_(*codes: str) -> list[str]:
    """All municipality codes except the given ones, in the standard order."""
    return [code for code in ALL_CODES if code not in codes]


# Towns with a family centre building (perhekeskustalo).
FAMILY_CENTRE_BUILDINGS = {
    JOENSUU: "joensuu-perhekeskus",
    LIEKSA: "lieksa-perhekeskus",
    KITEE: "kitee-perhekeskus",
    NURMES: "nurmes-perhekeskus",
    KONTIOLAHTI: "kontiolahti-perhekeskus",
}

# Post offices of the postal codes used (PTV 2022, type 1 = street addresses).
POST_OFFICES = {
    "80100": "JOENSUU",
    "80110": "JOENSUU",
    "80130": "JOENSUU",
    "80200": "JOENSUU",
    "80210": "JOENSUU",
    "80220": "JOENSUU",
    "81100": "KONTIOLAHTI",
    "83100": "LIPERI",
    "81700": "LIEKSA",
    "82500": "KITEE",
    "75500": "NURMES",
    "75530": "NURMES",
    "83500": "OUTOKUMPU",
    "82900": "ILOMANTSI",
    "83900": "JUUKA",
    "83700": "POLVIJÄRVI",
    "82600": "TOHMAJÄRVI",
    "79700": "HEINÄVESI",
    "82300": "RÄÄKKYLÄ",
}

SIUN_SOTE = "siun-sote"

# ---------------------------------------------------------------------------------------------------------
# Network and family centres
# ---------------------------------------------------------------------------------------------------------

NETWORK = {
    "key": "siun-sote",
    "name": tr(
        "Siun sote – Pohjois-Karjalan hyvinvointialue",
        "Siun sote – Norra Karelens välfärdsområde",
        "Siun sote – North Karelia wellbeing services county",
    ),
    "description": tr(
        "Pohjois-Karjalan perhekeskusverkosto kokoaa yhteen Siun soten, maakunnan 13 kunnan, järjestöjen ja "
        "seurakuntien palvelut lapsille, nuorille ja perheille. Jokaisessa kunnassa on oma perhekeskus, ja "
        "erityispalvelut, kuten kasvatus- ja perheneuvola ja lasten erikoissairaanhoito, toimivat koko "
        "maakunnan yhteisinä palveluina.",
        "Familjecentrets nätverk i Norra Karelen samlar tjänster för barn, unga och familjer som "
        "välfärdsområdet Siun sote, landskapets 13 kommuner, organisationer och församlingar ordnar. Varje "
        "kommun har ett eget familjecenter, och specialtjänster som uppfostrings- och familjerådgivning och "
        "specialiserad sjukvård för barn är gemensamma för hela landskapet.",
        "The North Karelia family centre network brings together services for children, young people and "
        "families provided by Siun sote, the region's 13 municipalities, NGOs and parishes. Every "
        "municipality has its own family centre, and specialist services such as child guidance and family "
        "counselling and specialist paediatric care are shared across the whole region.",
    ),
}


def _centre(code: str, description: dict, emphasis: dict) -> dict:
    m = BY_CODE[code]
    return {
        "name": tr(f"{m.gen} perhekeskus", f"Familjecentret i {m.sv}", f"{m.en} Family Centre"),
        "description": description,
        "local_emphasis": emphasis,
    }


def _family_centres() -> dict[str, dict]:
    centres = [
        _centre(
            JOENSUU,
            tr(
                "Joensuun perhekeskus kokoaa yhteen Siun soten, Joensuun kaupungin, järjestöjen ja "
                "seurakuntien "
                "palvelut lapsille, nuorille ja perheille. Keskustan perhekeskustalossa toimivat saman katon "
                "alla "
                "neuvola, perhetyö, lapsiperheiden sosiaaliohjaus ja avoin kohtaamispaikka. Maakunnan "
                "suurimpana "
                "kaupunkina Joensuussa on myös laajin järjestöjen ja vertaisryhmien verkosto.",
                en="Joensuu Family Centre brings together the services of Siun sote, the City of Joensuu, "
                "NGOs and "
                "parishes for children, young people and families. The family centre building in the city "
                "centre houses the child health and maternity clinic, family work, social guidance and an "
                "open meeting place under one roof. As the largest town in the region, Joensuu also has the "
                "widest network of NGOs and peer groups.",
            ),
            tr(
                "Perhekeskustalon kohtaamispaikassa järjestöt ja seurakunnat pitävät perhekahviloita ja "
                "vertaisryhmiä joka arkipäivä, ja Perhetalo Ankkuri tarjoaa vertaistukea muun muassa "
                "monikkoperheille. Joensuussa toimivat myös maakunnan yhteiset erityispalvelut: kasvatus- ja "
                "perheneuvola, lastenvalvojat sekä Pohjois-Karjalan keskussairaalan lasten ja nuorten "
                "erikoissairaanhoito.",
                en="NGOs and parishes run family cafés and peer groups in the meeting place every weekday, "
                "and "
                "Perhetalo Ankkuri offers peer support, for example for families with twins or triplets. "
                "Joensuu is also home to the region's shared specialist services: the family counselling "
                "clinic, the child welfare supervisors and the paediatric departments of the North Karelia "
                "Central Hospital.",
            ),
        ),
        _centre(
            KONTIOLAHTI,
            tr(
                "Kontiolahden perhekeskus palvelee maakunnan nopeimmin kasvavan kunnan lapsiperheitä "
                "Kontiolahden keskustassa ja Lehmon alueella. Perhekeskustalossa toimivat neuvola, perhetyö "
                "ja "
                "kohtaamispaikka, ja palvelut tehdään tiiviissä yhteistyössä varhaiskasvatuksen kanssa.",
                en="Kontiolahti Family Centre serves the families of the fastest-growing municipality in the "
                "region "
                "in Kontiolahti centre and the Lehmo area. The family centre building houses the clinic, "
                "family work and a meeting place, working closely with early childhood education.",
            ),
            tr(
                "Neuvola tekee osan nelivuotiaiden terveystarkastuksista päiväkodeissa yhdessä "
                "varhaiskasvatuksen "
                "kanssa. Perheliikunnassa hyödynnetään ampumahiihtostadionin latuja ja ulkoilureittejä.",
                en="The clinic carries out some of the four-year check-ups in day-care centres together with "
                "early "
                "childhood education. Family sports make use of the biathlon stadium's ski tracks and "
                "outdoor trails.",
            ),
        ),
        _centre(
            LIPERI,
            tr(
                "Liperin perhekeskus on verkostomainen: palvelut toimivat Liperin kirkonkylässä, ja "
                "Ylämyllyn ja "
                "Viinijärven perheet käyttävät myös lähimpiä palveluja Joensuussa ja Outokummussa. Neuvola, "
                "perhetyö ja kouluterveydenhuolto toimivat Liperin terveysasemalta käsin.",
                en="Liperi Family Centre works as a network: services are in the Liperi village centre, and "
                "families in Ylämylly and Viinijärvi also use the nearest services in Joensuu and Outokumpu. "
                "The clinic, family work and school health care work from the Liperi health centre.",
            ),
            tr(
                "Perheiden kohtaamispaikka kokoontuu kirjaston lastenosastolla, ja MLL:n perhekahvila "
                "toimii seurakuntakeskuksessa.",
                en="The family meeting place gathers in the children's section of the library, and the MLL "
                "family café meets in the parish centre.",
            ),
        ),
        _centre(
            LIEKSA,
            tr(
                "Lieksan perhekeskus on Siun soten, Lieksan kaupungin, järjestöjen ja Lieksan seurakunnan "
                "yhteinen palveluverkosto. Pielisentien perhekeskustalossa toimivat neuvola, perhetyö, "
                "sosiaaliohjaus ja perheiden kohtaamispaikka, ja sieltä tehdään myös jalkautuvaa työtä "
                "kyliin.",
                en="Lieksa Family Centre is a joint service network of Siun sote, the City of Lieksa, NGOs "
                "and "
                "the Lieksa parish. The family centre building on Pielisentie houses the clinic, family "
                "work, "
                "social guidance and the family meeting place, and staff also work out in the villages.",
            ),
            tr(
                "Pitkien välimatkojen vuoksi Lieksassa panostetaan liikkuviin ja etäpalveluihin: "
                "perhetyöntekijät "
                "ja terveydenhoitajat tekevät kotikäyntejä myös Kolille, Vuonislahteen ja Hattuvaaraan, ja "
                "moni "
                "vastaanotto onnistuu videoyhteydellä. Perhekahvila järjestetään yhteistyössä MLL:n "
                "paikallisyhdistyksen ja Lieksan seurakunnan kanssa.",
                en="Because of the long distances, Lieksa invests in mobile and remote services: family "
                "workers "
                "and nurses also make home visits to Koli, Vuonislahti and Hattuvaara, and many appointments "
                "can be held by video. The family café is run together with the local MLL association and "
                "the Lieksa parish.",
            ),
        ),
        _centre(
            KITEE,
            tr(
                "Kiteen perhekeskus palvelee perheitä keskustan perhekeskustalossa ja Kesälahden "
                "lähipalvelupisteessä. Perhekeskustalossa toimivat neuvola, perhetyö ja kohtaamispaikka sekä "
                "kasvatus- ja perheneuvolan Keski-Karjalan vastaanotto.",
                en="Kitee Family Centre serves families in the family centre building in the town centre and "
                "at "
                "the Kesälahti local service point. The building houses the clinic, family work, the meeting "
                "place and the Central Karelia office of the family counselling clinic.",
            ),
            tr(
                "Kesälahden alueelle tehdään säännöllisesti jalkautuvaa työtä: neuvolan terveydenhoitaja ja "
                "perhetyöntekijä ovat tavattavissa Kesälahdella viikoittain. Kiteeltä käsin palvellaan myös "
                "Rääkkylän ja Tohmajärven perheitä erityistyöntekijöiden vastaanotoilla.",
                en="Staff work regularly in the Kesälahti area: the public health nurse and a family worker "
                "are "
                "available in Kesälahti every week. Specialists based in Kitee also see families from "
                "Rääkkylä and Tohmajärvi.",
            ),
        ),
        _centre(
            NURMES,
            tr(
                "Nurmeksen perhekeskus on Ylä-Karjalan lapsiperhepalvelujen keskus, joka palvelee myös Juuan "
                "perheitä. Perhekeskustalossa toimivat neuvola, perhetyö, nuorten mielenterveysvastaanotto "
                "ja "
                "kohtaamispaikka.",
                en="Nurmes Family Centre is the hub of family services in Upper Karelia and also serves "
                "families "
                "from Juuka. The building houses the clinic, family work, the youth mental health service "
                "and "
                "a meeting place.",
            ),
            tr(
                "Kasvatus- ja perheneuvolan, lastenvalvojan ja puheterapian vastaanotot palvelevat "
                "Nurmeksesta "
                "käsin myös juukalaisia perheitä. Kesäisin perheille järjestetään luonto- ja "
                "liikuntatapahtumia "
                "Pielisen rannalla.",
                en="The family counselling clinic, the child welfare supervisor and speech therapy in Nurmes "
                "also "
                "serve families from Juuka. In summer, outdoor and sports events for families are held on "
                "the "
                "shore of Lake Pielinen.",
            ),
        ),
        _centre(
            OUTOKUMPU,
            tr(
                "Outokummun perhekeskus toimii terveysaseman, koulujen ja kirjaston yhteistyönä. Kaupungissa "
                "on "
                "myös Ammattiopisto Riverian kampus, jonka opiskelijaperheille tarjotaan "
                "opiskeluterveydenhuoltoa "
                "ja perhetyötä.",
                en="Outokumpu Family Centre is a cooperation of the health centre, schools and the library. "
                "The "
                "town also has a campus of Riveria vocational college, whose student families receive "
                "student "
                "health care and family work.",
            ),
            tr(
                "Perheiden kohtaamispaikka kokoontuu kirjastossa. Nuorisotalo on peruskorjauksen vuoksi "
                "suljettuna, ja nuorisotyö toimii sillä aikaa kouluilla ja verkossa.",
                en="The family meeting place gathers in the library. The youth centre is closed for "
                "renovation, "
                "and youth work meanwhile takes place in schools and online.",
            ),
        ),
        _centre(
            ILOMANTSI,
            tr(
                "Ilomantsin perhekeskus palvelee laajan rajakunnan perheitä Ilomantsin kirkonkylästä käsin. "
                "Monet erityispalvelut tuodaan Joensuusta jalkautuvina vastaanottoina tai videoyhteydellä.",
                en="Ilomantsi Family Centre serves the families of a large border municipality from the "
                "Ilomantsi "
                "village centre. Many specialist services come from Joensuu as outreach appointments or by "
                "video.",
            ),
            tr(
                "Kohtaamispaikka toimii kirjastossa, ja siellä kokoontuu myös MLL:n perhekahvila. "
                "Paikallisessa "
                "toiminnassa näkyvät karjalainen ja ortodoksinen perinne.",
                en="The meeting place is in the library, where the MLL family café also meets. Karelian and "
                "Orthodox traditions are visible in local activities.",
            ),
        ),
        _centre(
            JUUKA,
            tr(
                "Juuan perhekeskus on pieni ja tekee tiivistä yhteistyötä Nurmeksen kanssa. Neuvola ja "
                "kouluterveydenhuolto toimivat Juuan terveysasemalla, ja osa erityispalveluista saadaan "
                "Nurmeksesta.",
                en="Juuka Family Centre is small and works closely with Nurmes. The clinic and school health "
                "care "
                "are at the Juuka health centre, and some specialist services come from Nurmes.",
            ),
            tr(
                "Juuassa ei ole omaa perhekeskuksen kohtaamispaikkaa; perheet kokoontuvat MLL:n "
                "perhekahvilassa "
                "ja seurakunnan perhekerhossa. Ravitsemusterapian saatavuutta selvitetään.",
                en="Juuka has no family centre meeting place of its own; families meet in the MLL family "
                "café and "
                "the parish family club. The availability of nutrition therapy is being looked into.",
            ),
        ),
        _centre(
            POLVIJARVI,
            tr(
                "Polvijärven perhekeskus palvelee perheitä kunnan terveysasemalla ja kouluilla. Lähellä "
                "Joensuuta ja Outokumpua sijaitsevana kuntana moni erityispalvelu saadaan naapurikunnista.",
                en="Polvijärvi Family Centre serves families at the health centre and in schools. As "
                "Polvijärvi "
                "is close to Joensuu and Outokumpu, many specialist services come from the neighbouring "
                "towns.",
            ),
            tr(
                "Polvijärvellä ei ole perheiden kohtaamispaikkaa, ja lasten toimintaterapiaa ei tällä "
                "hetkellä "
                "ole saatavilla. Seurakunnan perhekerho on kunnan tärkein avoin kokoontumispaikka "
                "lapsiperheille.",
                en="Polvijärvi has no family meeting place, and occupational therapy for children is "
                "currently "
                "not available. The parish family club is the main open gathering place for families.",
            ),
        ),
        _centre(
            TOHMAJARVI,
            tr(
                "Tohmajärven perhekeskus palvelee perheitä Kemien keskustassa ja Värtsilän alueella. "
                "Erityispalvelut saadaan pääosin Kiteeltä ja Joensuusta.",
                en="Tohmajärvi Family Centre serves families in the Kemie centre and the Värtsilä area. "
                "Specialist services mainly come from Kitee and Joensuu.",
            ),
            tr(
                "Rajanaapuruuden vuoksi kunnassa asuu venäjänkielisiä perheitä, ja neuvolassa on tarjolla "
                "palvelua myös venäjäksi. Kohtaamispaikka kokoontuu kirjastossa.",
                en="Being close to the border, the municipality has Russian-speaking families, and the "
                "clinic "
                "also offers services in Russian. The meeting place gathers in the library.",
            ),
        ),
        _centre(
            HEINAVESI,
            tr(
                "Heinävesi siirtyi Etelä-Savosta Pohjois-Karjalaan vuoden 2021 alussa. Pienessä kunnassa "
                "neuvola, "
                "kouluterveydenhuolto ja perhetyö toimivat paikan päällä, ja osa palveluista tuotetaan "
                "Joensuusta jalkautuvina käynteinä tai etäyhteydellä.",
                en="Heinävesi moved from South Savo to North Karelia at the start of 2021. In this small "
                "municipality the clinic, school health care and family work are local, and some services "
                "come from Joensuu as visits or remote appointments.",
            ),
            tr(
                "Heinävedellä ei ole perheiden kohtaamispaikkaa, eikä lasten puheterapiaa tai parisuhdetukea "
                "tällä hetkellä saa omasta kunnasta. Etäpalveluja kehitetään, jotta pitkä matka Joensuuhun "
                "ei "
                "estäisi tuen saamista.",
                en="Heinävesi has no family meeting place, and speech therapy and couple support are "
                "currently "
                "not available in the municipality. Remote services are being developed so that the long "
                "journey to Joensuu does not stop families from getting support.",
            ),
        ),
        _centre(
            RAAKKYLA,
            tr(
                "Rääkkylä on maakunnan pienin kunta, jonka neuvola, kouluterveydenhuolto ja perhetyö "
                "toimivat "
                "paikallisesti. Muut palvelut saadaan pääosin Kiteeltä ja Joensuusta.",
                en="Rääkkylä is the smallest municipality in the region; its clinic, school health care and "
                "family "
                "work are local. Other services mainly come from Kitee and Joensuu.",
            ),
            tr(
                "Seurakunnan perhekerho on kunnan tärkein kohtaamispaikka lapsiperheille, sillä "
                "perhekeskuksen "
                "kohtaamispaikkaa ei ole. Lasten toiminta- ja ravitsemusterapiaa ei tällä hetkellä saa "
                "Rääkkylään.",
                en="The parish family club is the main meeting place for families, as there is no family "
                "centre "
                "meeting place. Occupational and nutrition therapy for children are currently not available "
                "for Rääkkylä.",
            ),
        ),
    ]
    return dict(
        zip(
            [
                JOENSUU,
                KONTIOLAHTI,
                LIPERI,
                LIEKSA,
                KITEE,
                NURMES,
                OUTOKUMPU,
                ILOMANTSI,
                JUUKA,
                POLVIJARVI,
                TOHMAJARVI,
                HEINAVESI,
                RAAKKYLA,
            ],
            centres,
            strict=True,
        )
    )


# ---------------------------------------------------------------------------------------------------------
# Organisations
# ---------------------------------------------------------------------------------------------------------

# Invented switchboard numbers of the municipalities.
MUNICIPAL_PHONES = {
    JOENSUU: "013 267 7000",
    KONTIOLAHTI: "013 734 1000",
    LIPERI: "013 451 2000",
    LIEKSA: "013 689 4000",
    KITEE: "013 684 1000",
    NURMES: "013 687 2000",
    OUTOKUMPU: "013 555 3000",
    ILOMANTSI: "013 881 4000",
    JUUKA: "013 681 5000",
    POLVIJARVI: "013 631 6000",
    TOHMAJARVI: "013 685 7000",
    HEINAVESI: "013 856 8000",
    RAAKKYLA: "013 843 9000",
}

# Local MLL associations (most municipalities) and their invented business ids.
MLL_ASSOCIATIONS = {
    JOENSUU: "2328004-1",
    KONTIOLAHTI: "2865108-3",
    LIPERI: "1601263-9",
    LIEKSA: "1651909-3",
    KITEE: "2623826-0",
    NURMES: "1697405-3",
    OUTOKUMPU: "2266905-5",
    ILOMANTSI: "2722195-4",
    JUUKA: "1621632-4",
    POLVIJARVI: "2564169-9",
    TOHMAJARVI: "1950254-5",
}

# Evangelical Lutheran parishes outside Joensuu (Joensuu has a parish union, below) and invented ids.
PARISHES = {
    KONTIOLAHTI: "1759631-4",
    LIPERI: "2822518-0",
    LIEKSA: "2815822-1",
    KITEE: "2722633-3",
    NURMES: "1629734-7",
    OUTOKUMPU: "2710272-8",
    ILOMANTSI: "2727969-7",
    JUUKA: "2331899-4",
    POLVIJARVI: "1603996-2",
    TOHMAJARVI: "1963642-0",
    HEINAVESI: "1597690-3",
    RAAKKYLA: "1779287-6",
}

# Invented parish office numbers share the local exchange of the municipality.
PARISH_PHONE_PREFIX = {
    KONTIOLAHTI: "734",
    LIPERI: "451",
    LIEKSA: "689",
    KITEE: "684",
    NURMES: "687",
    OUTOKUMPU: "555",
    ILOMANTSI: "881",
    JUUKA: "681",
    POLVIJARVI: "631",
    TOHMAJARVI: "685",
    HEINAVESI: "856",
    RAAKKYLA: "843",
}


def ascii_slug(text: str) -> str:
    return text.lower().replace("ä", "a").replace("ö", "o").replace("å", "a")


def mll_key(code: str) -> str:
    return f"mll-{BY_CODE[code].slug}"


def parish_key(code: str) -> str:
    return "joensuun-seurakunta" if code == JOENSUU else f"{BY_CODE[code].slug}-seurakunta"


def parish_site(code: str) -> str:
    return f"https://www.{ascii_slug(BY_CODE[code].gen)}seurakunta.fi"


def _municipal_organizations() -> list[dict]:
    rows = []
    for m in MUNICIPALITIES:
        text = (
            f"{m.organization_name} vastaa varhaiskasvatuksesta, perusopetuksesta, nuoriso-, liikunta- ja "
            "kulttuuripalveluista sekä asukkaiden hyvinvoinnin edistämisestä. Sosiaali- ja "
            "terveyspalvelut järjestää Pohjois-Karjalan hyvinvointialue Siun sote."
        )
        if m.code == HEINAVESI:
            text += " Heinävesi siirtyi Etelä-Savon maakunnasta Pohjois-Karjalaan vuoden 2021 alussa."
        rows.append(
            organization(
                m.org_key,
                "municipality",
                m.code,
                business_id=m.business_id,
                name=tr(m.organization_name, m.organization_sv, m.organization_en),
                description=tr(
                    text,
                    en=(
                        f"The {m.organization_en} is responsible for early childhood education, basic "
                        "education, "
                        "youth, sports and cultural services and for promoting the wellbeing of its "
                        "residents. "
                        "Social and health services are provided by the North Karelia wellbeing services "
                        "county, "
                        "Siun sote."
                    ),
                ),
                website=f"https://www.{m.domain}",
                email=f"kirjaamo@{m.domain}",
                phone=MUNICIPAL_PHONES[m.code],
            )
        )
    return rows


def _ngo_organizations() -> list[dict]:
    rows = [
        organization(
            "mll-ita-suomen-piiri",
            "ngo",
            JOENSUU,
            business_id="1578634-1",
            name=tr(
                "Mannerheimin Lastensuojeluliiton Itä-Suomen piiri ry",
                "Mannerheims Barnskyddsförbunds Östra Finlands distrikt rf",
                "Mannerheim League for Child Welfare, Eastern Finland District",
            ),
            description=tr(
                "MLL:n Itä-Suomen piiri tukee alueensa paikallisyhdistyksiä ja vapaaehtoisia sekä järjestää "
                "lastenhoitoapua ja perhekummitoimintaa. Piirin Joensuun toimisto palvelee Pohjois-Karjalan "
                "paikallisyhdistyksiä.",
                en="The Eastern Finland District of MLL supports local associations and volunteers and runs "
                "the "
                "childcare service and family mentor activities. Its Joensuu office serves the local "
                "associations of North Karelia.",
            ),
            website="https://ita-suomenpiiri.mll.fi",
            email="ita-suomi@mll.fi",
            phone="044 712 3401",
        )
    ]
    for code, business_id in MLL_ASSOCIATIONS.items():
        m = BY_CODE[code]
        rows.append(
            organization(
                mll_key(code),
                "ngo",
                code,
                business_id=business_id,
                parent="mll-ita-suomen-piiri",
                name=tr(
                    f"Mannerheimin Lastensuojeluliiton {m.gen} paikallisyhdistys ry",
                    en=f"Mannerheim League for Child Welfare, {m.en} local association",
                ),
                description=tr(
                    f"MLL:n {m.gen} paikallisyhdistys on vapaaehtoisten ylläpitämä yhdistys, joka järjestää "
                    f"{m.ine} perhekahvilaa, tapahtumia ja muuta toimintaa lapsiperheille. Toimintaan voi "
                    "tulla mukaan vapaaehtoiseksi tai jäseneksi."
                ),
                website=f"https://{m.slug}.mll.fi",
                email=f"paikallisyhdistys.{m.slug}@mll.fi",
            )
        )
    rows += [
        organization(
            "joensuun-perhetaloyhdistys",
            "ngo",
            JOENSUU,
            business_id="1680244-6",
            name=tr("Joensuun Perhetaloyhdistys ry", en="Joensuu Family House Association"),
            description=tr(
                "Joensuun Perhetaloyhdistys ylläpitää Perhetalo Ankkuria, joka on lapsiperheiden avoin "
                "kohtaamispaikka ja vertaisryhmien koti Joensuun keskustassa. Yhdistyksen toimintaa "
                "rahoittaa Sosiaali- ja terveysjärjestöjen avustuskeskus STEA.",
                en="The association runs Perhetalo Ankkuri, an open meeting place and home for peer groups "
                "for families in the centre of Joensuu. Its work is funded by STEA.",
            ),
            website="https://www.perhetaloankkuri.fi",
            email="info@perhetaloankkuri.fi",
            phone="050 421 7780",
        ),
        organization(
            "pohjois-karjalan-martat",
            "ngo",
            JOENSUU,
            business_id="2409420-8",
            name=tr("Pohjois-Karjalan Martat ry", en="North Karelia Martha Organisation"),
            description=tr(
                "Pohjois-Karjalan Martat neuvoo kotitalouksia ruoanlaitossa, taloudenhoidossa ja arjen "
                "taidoissa. Lapsiperheille järjestetään muun muassa vauvaperheiden ruokakursseja ja lasten "
                "kokkikerhoja eri puolilla maakuntaa.",
                en="The North Karelia Martha Organisation advises households on cooking, money management "
                "and "
                "everyday skills, including cooking courses for families with babies.",
            ),
            website="https://www.martat.fi/pohjois-karjala",
            email="pohjois-karjala@martat.fi",
            phone="040 718 2250",
        ),
        organization(
            "joensuun-seudun-4h",
            "ngo",
            JOENSUU,
            business_id="2376970-1",
            name=tr("Joensuun seudun 4H-yhdistys ry", en="Joensuu Region 4-H Association"),
            description=tr(
                "Joensuun seudun 4H-yhdistys järjestää kerhoja, kursseja ja työllistymistä tukevaa toimintaa "
                "lapsille ja nuorille Joensuussa, Kontiolahdella ja Liperissä."
            ),
            website="https://joensuunseutu.4h.fi",
            email="joensuunseutu@4h.fi",
            phone="040 587 1120",
        ),
        organization(
            "pielisen-karjalan-4h",
            "ngo",
            LIEKSA,
            business_id="1646497-7",
            name=tr("Pielisen Karjalan 4H-yhdistys ry", en="Pielinen Karelia 4-H Association"),
            description=tr(
                "Pielisen Karjalan 4H-yhdistys toimii Lieksassa, Nurmeksessa ja Juuassa. Yhdistys järjestää "
                "4H-kerhoja, nuorten työpalvelua ja lastenhoitokursseja."
            ),
            website="https://pielisenkarjala.4h.fi",
            email="pielisenkarjala@4h.fi",
            phone="044 561 2290",
        ),
        organization(
            "keski-karjalan-4h",
            "ngo",
            KITEE,
            business_id="2004706-8",
            name=tr("Keski-Karjalan 4H-yhdistys ry", en="Central Karelia 4-H Association"),
            description=tr(
                "Keski-Karjalan 4H-yhdistys järjestää kerho- ja leiritoimintaa sekä nuorten työllistymistä "
                "tukevaa toimintaa Kiteellä, Tohmajärvellä ja Rääkkylässä."
            ),
            website="https://keskikarjala.4h.fi",
            email="keskikarjala@4h.fi",
            phone="050 336 4410",
        ),
        organization(
            "pohjois-karjalan-ensi-ja-turvakoti",
            "ngo",
            JOENSUU,
            business_id="1690238-3",
            name=tr(
                "Pohjois-Karjalan ensi- ja turvakoti ry",
                en="North Karelia Mother and Child Home and Shelter Association",
            ),
            description=tr(
                "Yhdistys ylläpitää Pohjois-Karjalan turvakotia, Joensuun ensikotia ja avopalveluja, joissa "
                "tuetaan vauvaperheitä ja lähisuhdeväkivaltaa kokeneita. Yhdistys on Ensi- ja turvakotien "
                "liiton jäsen, ja turvakotitoiminta rahoitetaan valtion varoista.",
                en="The association runs the North Karelia shelter, the Joensuu mother and child home and "
                "outpatient services for families with babies and people affected by domestic violence.",
            ),
            website="https://www.pkensijaturvakoti.fi",
            email="toimisto@pkensijaturvakoti.fi",
            phone="013 227 4100",
        ),
        organization(
            "pelastakaa-lapset-ita-suomi",
            "ngo",
            JOENSUU,
            business_id="2655629-3",
            name=tr(
                "Pelastakaa Lapset ry, Itä-Suomen aluetoimisto",
                en="Save the Children Finland, Eastern Finland office",
            ),
            description=tr(
                "Pelastakaa Lapset ry:n Itä-Suomen aluetoimisto kouluttaa ja tukee vapaaehtoisia "
                "tukiperheitä "
                "ja tukihenkilöitä. Toimintaa järjestetään yhteistyössä Siun soten lastensuojelun ja "
                "perhetyön kanssa."
            ),
            website="https://www.pelastakaalapset.fi",
            email="ita-suomi@pelastakaalapset.fi",
            phone="040 668 2031",
        ),
        organization(
            "mieli-pohjois-karjala",
            "ngo",
            JOENSUU,
            business_id="2390281-6",
            name=tr("MIELI Pohjois-Karjalan mielenterveys ry", en="MIELI North Karelia Mental Health"),
            description=tr(
                "MIELI Pohjois-Karjalan mielenterveys ry ylläpitää Joensuun kriisikeskusta, joka tarjoaa "
                "maksutonta keskusteluapua äkillisissä kriiseissä ja elämänmuutoksissa. Yhdistys järjestää "
                "myös eroryhmiä ja mielen hyvinvoinnin kursseja.",
                en="The association runs the Joensuu crisis centre, which offers free counselling in sudden "
                "crises and life changes, and organises separation groups.",
            ),
            website="https://www.mielipohjoiskarjala.fi",
            email="kriisikeskus@mielipohjoiskarjala.fi",
            phone="013 255 3400",
        ),
        organization(
            "kotomaa",
            "ngo",
            JOENSUU,
            business_id="1623963-0",
            name=tr(
                "Monikulttuurinen perheyhdistys Kotomaa ry", en="Kotomaa Multicultural Family Association"
            ),
            description=tr(
                "Kotomaa on joensuulainen yhdistys, joka tukee maahan muuttaneita perheitä arjessa, "
                "suomen kielen oppimisessa ja suomalaiseen yhteiskuntaan tutustumisessa. Toiminnassa on "
                "mukana vapaaehtoisia, jotka puhuvat muun muassa arabiaa, ukrainaa ja venäjää.",
                en="Kotomaa is a Joensuu association that supports immigrant families in everyday life, in "
                "learning Finnish and in getting to know Finnish society.",
            ),
            website="https://www.kotomaa.fi",
            email="kotomaa@kotomaa.fi",
            phone="044 931 2087",
        ),
        organization(
            "pohjois-karjalan-kuurot",
            "ngo",
            JOENSUU,
            business_id="3234034-1",
            name=tr("Pohjois-Karjalan Kuurojen Yhdistys ry"),
            description=tr(
                "Yhdistys kokoaa yhteen viittomakieliset ja heidän perheensä Pohjois-Karjalassa. Toimintaa "
                "ovat kerhot, tapahtumat ja vertaistuki suomalaisella viittomakielellä."
            ),
            website="https://www.pkkuurot.fi",
            email="yhdistys@pkkuurot.fi",
        ),
    ]
    return rows


def _parish_organizations() -> list[dict]:
    rows = [
        organization(
            "joensuun-seurakuntayhtyma",
            "parish",
            JOENSUU,
            business_id="2685842-7",
            name=tr(
                "Joensuun evankelis-luterilainen seurakuntayhtymä",
                en="Joensuu Evangelical Lutheran Parish Union",
            ),
            description=tr(
                "Joensuun seurakuntayhtymään kuuluvat Joensuun ja Pielisensuun seurakunnat. Yhtymä ylläpitää "
                "yhteisiä palveluja, kuten kirkon perheneuvontaa ja seurakuntien päiväkerhoja."
            ),
            website="https://www.joensuunseurakunnat.fi",
            email="kirkkoherranvirasto@joensuunseurakunnat.fi",
            phone="013 263 2000",
        ),
        organization(
            "joensuun-seurakunta",
            "parish",
            JOENSUU,
            business_id="3211541-9",
            parent="joensuun-seurakuntayhtyma",
            name=tr("Joensuun seurakunta", en="Joensuu Parish"),
            description=tr(
                "Joensuun seurakunta on keskustan ja eteläisten kaupunginosien evankelis-luterilainen "
                "seurakunta. Lapsiperheille järjestetään perhekerhoja, vauvakirkkoja ja perheleirejä."
            ),
            website="https://www.joensuunseurakunnat.fi/joensuun-seurakunta",
            phone="013 263 2100",
        ),
        organization(
            "pielisensuun-seurakunta",
            "parish",
            JOENSUU,
            business_id="2146933-4",
            parent="joensuun-seurakuntayhtyma",
            name=tr("Pielisensuun seurakunta", en="Pielisensuu Parish"),
            description=tr(
                "Pielisensuun seurakunta palvelee Joensuun pohjoisia ja itäisiä kaupunginosia sekä Enon "
                "aluetta. Perhekerhot kokoontuvat Pielisensuun kirkolla ja kaupunginosien kerhotiloissa."
            ),
            website="https://www.joensuunseurakunnat.fi/pielisensuun-seurakunta",
            phone="013 263 2200",
        ),
    ]
    for code, business_id in PARISHES.items():
        m = BY_CODE[code]
        rows.append(
            organization(
                parish_key(code),
                "parish",
                code,
                business_id=business_id,
                name=tr(f"{m.gen} seurakunta", en=f"{m.en} Parish"),
                description=tr(
                    f"{m.gen} evankelis-luterilainen seurakunta järjestää lapsiperheille perhekerhoja, "
                    "kasteeseen liittyviä tapahtumia ja leirejä. Seurakunnan toimintaan ovat tervetulleita "
                    "kaikki, myös muut kuin seurakunnan jäsenet."
                ),
                website=parish_site(code),
                email=f"kanslia@{ascii_slug(m.gen)}seurakunta.fi",
                phone=f"013 {PARISH_PHONE_PREFIX[code]} 2000",
            )
        )
    rows.append(
        organization(
            "joensuun-ortodoksinen-seurakunta",
            "parish",
            JOENSUU,
            business_id="2107354-0",
            name=tr("Joensuun ortodoksinen seurakunta", en="Joensuu Orthodox Parish"),
            description=tr(
                "Joensuun ortodoksinen seurakunta on Suomen ortodoksisen kirkon suurimpia seurakuntia. "
                "Seurakunta järjestää lapsille ja perheille kerhoja, leirejä ja perhejumalanpalveluksia "
                "Pyhän "
                "Nikolaoksen kirkossa."
            ),
            website="https://www.joensuunortodoksinenseurakunta.fi",
            email="kanslia@ort.fi",
            phone="013 263 6100",
        )
    )
    return rows


def _organizations() -> list[dict]:
    siun_sote = organization(
        SIUN_SOTE,
        "wellbeing-services-county",
        JOENSUU,
        business_id="1816353-7",
        name=tr(
            "Pohjois-Karjalan hyvinvointialue (Siun sote)",
            "Norra Karelens välfärdsområde (Siun sote)",
            "North Karelia wellbeing services county (Siun sote)",
        ),
        description=tr(
            "Siun sote järjestää Pohjois-Karjalan 13 kunnan asukkaiden sosiaali-, terveys- ja "
            "pelastuspalvelut. Lapsiperheille tarkoitettuja palveluja ovat muun muassa neuvolat, perhetyö, "
            "kasvatus- ja perheneuvonta, lastensuojelu ja lasten erikoissairaanhoito Pohjois-Karjalan "
            "keskussairaalassa.",
            "Siun sote ordnar social-, hälso- och räddningstjänster för invånarna i Norra Karelens 13 "
            "kommuner. Tjänsterna för barnfamiljer omfattar bland annat rådgivning, familjearbete, "
            "familjerådgivning, barnskydd och specialiserad sjukvård för barn vid Norra Karelens "
            "centralsjukhus.",
            "Siun sote provides social, health and rescue services for the residents of the 13 "
            "municipalities "
            "of North Karelia. Its services for families include maternity and child health clinics, family "
            "work, family counselling, child welfare and specialist paediatric care at the North Karelia "
            "Central Hospital.",
        ),
        website="https://www.siunsote.fi",
        email="kirjaamo@siunsote.fi",
        phone="013 330 1000",
    )
    return [siun_sote, *_municipal_organizations(), *_ngo_organizations(), *_parish_organizations()]


# ---------------------------------------------------------------------------------------------------------
# Locations
# ---------------------------------------------------------------------------------------------------------

ACC_FULL = tr(
    "Esteetön sisäänkäynti, hissi ja esteetön wc. Invapysäköintipaikat ovat pääoven vieressä.",
    "Tillgänglig entré, hiss och tillgänglig toalett. Parkeringsplatser för personer med "
    "funktionsnedsättning finns vid huvudentrén.",
    "Step-free entrance, lift and accessible toilet. Accessible parking spaces are next to the main "
    "entrance.",
)
ACC_FAMILY = tr(
    "Esteetön sisäänkäynti ja katettu lastenvaunujen säilytyspaikka. Vauvanhoitopiste ja imetystila ovat "
    "aulan vieressä, ja esteetön wc on ensimmäisessä kerroksessa.",
    "Tillgänglig entré och täckt barnvagnsparkering. Skötbord och amningsrum finns vid lobbyn.",
    "Step-free entrance and covered pram parking. A baby-changing point and a breastfeeding room are next to "
    "the lobby, and there is an accessible toilet on the ground floor.",
)
ACC_RAMP = tr(
    "Pääsisäänkäynnissä on luiska ja automaattiovi. Tilat ovat yhdessä kerroksessa.",
    en="The main entrance has a ramp and an automatic door. The premises are on one floor.",
)
ACC_UPSTAIRS = tr(
    "Tilat ovat toisessa kerroksessa, ja rakennuksessa on hissi. Lastenvaunut voi jättää alakerran aulaan.",
    en="The premises are on the first floor and the building has a lift. Prams can be left in the "
    "downstairs lobby.",
)
ACC_STEPS = tr(
    "Pääovella on kolme porrasta; esteetön sisäänkäynti on rakennuksen päädyssä. Soita tarvittaessa "
    "ovikelloa, niin henkilökunta tulee avuksi.",
    en="There are three steps at the main door; the step-free entrance is at the end of the building. Ring "
    "the bell if you need help.",
)
ACC_HALL = tr(
    "Esteetön sisäänkäynti ja pukuhuoneet. Liikuntasaliin pääsee pyörätuolilla aulan kautta.",
    en="Step-free entrance and changing rooms. The sports hall is reachable by wheelchair through the lobby.",
)


def _place(
    key: str,
    org: str,
    code: str,
    name: dict,
    street: str,
    postal: str,
    dlat: float,
    dlon: float,
    accessibility: dict | None = None,
    entrance: dict | None = None,
    confidential: bool = False,
) -> dict:
    m = BY_CODE[code]
    return {
        "key": key,
        "organization": org,
        "name": name,
        "street_address": tr(street),
        "postal_code": postal,
        "post_office": POST_OFFICES[postal],
        "municipality": code,
        "latitude": round(m.latitude + dlat, 4),
        "longitude": round(m.longitude + dlon, 4),
        "accessibility": accessibility or {},
        "entrance": entrance or {},
        "confidential": confidential,
    }


def _health_centre(
    code: str, street: str, postal: str, dlat: float, dlon: float, accessibility: dict | None = ACC_FULL
) -> dict:
    m = BY_CODE[code]
    return _place(
        f"{m.slug}-terveysasema",
        SIUN_SOTE,
        code,
        tr(f"{m.gen} terveysasema", f"Hälsostationen i {m.sv}", f"{m.en} health centre"),
        street,
        postal,
        dlat,
        dlon,
        accessibility,
    )


def _family_centre_building(
    code: str, street: str, postal: str, dlat: float, dlon: float, entrance: dict | None = None
) -> dict:
    m = BY_CODE[code]
    return _place(
        FAMILY_CENTRE_BUILDINGS[code],
        SIUN_SOTE,
        code,
        tr(f"{m.gen} perhekeskus", f"Familjecentret i {m.sv}", f"{m.en} Family Centre"),
        street,
        postal,
        dlat,
        dlon,
        ACC_FAMILY,
        entrance,
    )


def _municipal(
    code: str,
    suffix: str,
    name: str,
    street: str,
    dlat: float,
    dlon: float,
    accessibility: dict | None = ACC_RAMP,
    postal: str | None = None,
) -> dict:
    m = BY_CODE[code]
    return _place(
        f"{m.slug}-{suffix}",
        m.org_key,
        code,
        tr(name),
        street,
        postal or m.postal_code,
        dlat,
        dlon,
        accessibility,
    )


def _parish_centre(
    code: str, name: str, street: str, dlat: float, dlon: float, accessibility: dict | None = ACC_RAMP
) -> dict:
    m = BY_CODE[code]
    return _place(
        f"{m.slug}-seurakuntakeskus",
        parish_key(code),
        code,
        tr(name),
        street,
        m.postal_code,
        dlat,
        dlon,
        accessibility,
    )


def _locations() -> list[dict]:
    return [
        # Joensuu
        _family_centre_building(
            JOENSUU,
            "Siltakatu 12",
            "80100",
            0.0012,
            0.0030,
            tr(
                "Pääovi Siltakadun puolelta. Lastenvaunuille on oma ovi ja säilytystila pihan puolella.",
                en="Main door on Siltakatu. Prams have their own door and storage room on the courtyard "
                "side.",
            ),
        ),
        _health_centre(JOENSUU, "Koskikatu 9", "80100", -0.0021, 0.0015),
        _place(
            "joensuu-rantakyla-terveysasema",
            SIUN_SOTE,
            JOENSUU,
            tr("Rantakylän terveysasema", "Hälsostationen i Rantakylä", "Rantakylä health centre"),
            "Rantakylänkatu 6",
            "80220",
            0.0110,
            0.0380,
            ACC_FULL,
        ),
        _place(
            "pkks",
            SIUN_SOTE,
            JOENSUU,
            tr(
                "Pohjois-Karjalan keskussairaala",
                "Norra Karelens centralsjukhus",
                "North Karelia Central Hospital",
            ),
            "Tikkamäentie 16",
            "80210",
            -0.0015,
            0.0075,
            ACC_FULL,
            tr(
                "Lasten ja nuorten poliklinikat ovat C-siiven toisessa kerroksessa; sisäänkäynti "
                "pääaulan kautta.",
                en="The paediatric outpatient clinics are on the first floor of wing C; enter through the "
                "main lobby.",
            ),
        ),
        _place(
            "joensuu-perheneuvola",
            SIUN_SOTE,
            JOENSUU,
            tr(
                "Kasvatus- ja perheneuvola, Joensuu",
                "Uppfostrings- och familjerådgivningen, Joensuu",
                "Family counselling clinic, Joensuu",
            ),
            "Papinkatu 4",
            "80100",
            0.0030,
            -0.0020,
            ACC_UPSTAIRS,
        ),
        _place(
            "joensuu-perheoikeudelliset",
            SIUN_SOTE,
            JOENSUU,
            tr("Perheoikeudelliset palvelut", "Familjerättsliga tjänster", "Family law services"),
            "Kauppakatu 40",
            "80100",
            -0.0008,
            -0.0045,
            ACC_FULL,
        ),
        _place(
            "joensuu-sosiaalipalvelut",
            SIUN_SOTE,
            JOENSUU,
            tr(
                "Lapsiperheiden sosiaalipalvelut, Joensuu",
                "Socialtjänster för barnfamiljer, Joensuu",
                "Social services for families, Joensuu",
            ),
            "Torikatu 36",
            "80100",
            0.0005,
            -0.0031,
            ACC_FULL,
        ),
        _municipal(
            JOENSUU,
            "kansainvalinen-palvelupiste",
            "Kansainvälinen palvelupiste",
            "Siltakatu 2",
            0.0017,
            0.0052,
        ),
        _municipal(
            JOENSUU,
            "nuorisotalo",
            "Nuorisotalo Kipinä",
            "Kalevankatu 9",
            0.0045,
            -0.0060,
            ACC_STEPS,
            postal="80110",
        ),
        _municipal(JOENSUU, "kirjasto", "Joensuun pääkirjasto", "Koskikatu 25", -0.0030, 0.0055, ACC_FULL),
        _municipal(JOENSUU, "avoin-paivakoti", "Avoin päiväkoti Mustikka", "Pohjoiskatu 8", 0.0060, 0.0010),
        _municipal(
            JOENSUU, "liikuntahalli", "Mehtimäen liikuntahalli", "Mehtimäentie 3", 0.0070, -0.0100, ACC_HALL
        ),
        _place(
            "joensuu-perhetalo",
            "joensuun-perhetaloyhdistys",
            JOENSUU,
            tr("Perhetalo Ankkuri"),
            "Länsikatu 15",
            "80110",
            -0.0015,
            -0.0085,
            ACC_FAMILY,
            tr(
                "Sisäänkäynti pihan puolelta; ovessa on Ankkurin logo.",
                en="Entrance from the courtyard; look for the Ankkuri logo on the door.",
            ),
        ),
        _place(
            "joensuu-ensikoti",
            "pohjois-karjalan-ensi-ja-turvakoti",
            JOENSUU,
            tr("Joensuun ensikoti"),
            "Sirkkalantie 14",
            "80130",
            -0.0080,
            -0.0120,
            ACC_RAMP,
        ),
        _place(
            "joensuu-avopalvelukeskus",
            "pohjois-karjalan-ensi-ja-turvakoti",
            JOENSUU,
            tr("Avopalvelukeskus Kohtaamo", en="Kohtaamo outpatient centre"),
            "Suvantokatu 8",
            "80100",
            0.0025,
            0.0075,
            ACC_UPSTAIRS,
        ),
        _place(
            "joensuu-turvakoti",
            "pohjois-karjalan-ensi-ja-turvakoti",
            JOENSUU,
            tr("Pohjois-Karjalan turvakoti", en="North Karelia shelter"),
            "Rantakatu 31",
            "80100",
            -0.0040,
            0.0100,
            ACC_RAMP,
            confidential=True,
        ),
        _place(
            "joensuu-seurakuntakeskus",
            "joensuun-seurakuntayhtyma",
            JOENSUU,
            tr("Joensuun seurakuntakeskus"),
            "Kirkkokatu 28",
            "80100",
            0.0040,
            0.0025,
            ACC_FULL,
        ),
        _place(
            "joensuu-pielisensuun-kirkko",
            "pielisensuun-seurakunta",
            JOENSUU,
            tr("Pielisensuun kirkko ja seurakuntasali"),
            "Karjalankatu 37",
            "80200",
            0.0110,
            0.0030,
            ACC_RAMP,
        ),
        _place(
            "joensuu-nikolaoksen-kirkko",
            "joensuun-ortodoksinen-seurakunta",
            JOENSUU,
            tr("Pyhän Nikolaoksen kirkko ja seurakuntasali"),
            "Kirkkokatu 32",
            "80100",
            0.0050,
            0.0040,
            ACC_STEPS,
        ),
        _place(
            "joensuu-martat",
            "pohjois-karjalan-martat",
            JOENSUU,
            tr("Marttojen opetuskeittiö"),
            "Kauppakatu 19",
            "80100",
            -0.0012,
            0.0022,
            ACC_RAMP,
        ),
        _place(
            "joensuu-4h",
            "joensuun-seudun-4h",
            JOENSUU,
            tr("Joensuun seudun 4H:n kerhotila"),
            "Torikatu 16",
            "80100",
            0.0009,
            -0.0010,
            ACC_STEPS,
        ),
        _place(
            "joensuu-kriisikeskus",
            "mieli-pohjois-karjala",
            JOENSUU,
            tr("Kriisikeskus Joensuu"),
            "Rantakatu 2",
            "80100",
            -0.0035,
            0.0085,
            ACC_UPSTAIRS,
        ),
        _place(
            "joensuu-kotomaa",
            "kotomaa",
            JOENSUU,
            tr("Monikulttuurinen olohuone Kotomaa"),
            "Niskakatu 5",
            "80100",
            0.0020,
            0.0065,
            ACC_RAMP,
        ),
        _place(
            "joensuu-kuurojen-kerhotila",
            "pohjois-karjalan-kuurot",
            JOENSUU,
            tr("Kuurojen yhdistyksen kerhotila"),
            "Vuorikatu 28",
            "80100",
            0.0035,
            -0.0040,
            ACC_STEPS,
        ),
        _place(
            "joensuu-pelastakaa-lapset",
            "pelastakaa-lapset-ita-suomi",
            JOENSUU,
            tr("Pelastakaa Lapset, Itä-Suomen aluetoimisto"),
            "Kauppakatu 23",
            "80100",
            -0.0005,
            0.0012,
            ACC_UPSTAIRS,
        ),
        # Kontiolahti
        _family_centre_building(KONTIOLAHTI, "Keskuskatu 8", "81100", 0.0010, 0.0012),
        _health_centre(KONTIOLAHTI, "Keskuskatu 17", "81100", -0.0012, 0.0025),
        _municipal(KONTIOLAHTI, "nuorisotila", "Nuorisotila Kontio", "Koulutie 3", 0.0025, -0.0030),
        _municipal(KONTIOLAHTI, "kirjasto", "Kontiolahden kirjasto", "Keskuskatu 10", 0.0015, 0.0002),
        _municipal(KONTIOLAHTI, "avoin-paivakoti", "Päiväkoti Kontionpesä", "Urheilutie 5", 0.0040, 0.0045),
        _municipal(
            KONTIOLAHTI,
            "liikuntahalli",
            "Kontiolahden liikuntahalli",
            "Urheilutie 9",
            0.0050,
            0.0060,
            ACC_HALL,
        ),
        _parish_centre(KONTIOLAHTI, "Kontiolahden seurakuntakeskus", "Kirkkotie 2", -0.0030, -0.0015),
        # Liperi
        _health_centre(LIPERI, "Keskustie 10", "83100", 0.0010, 0.0020),
        _municipal(LIPERI, "nuorisotila", "Nuorisotila Nuotta", "Koulutie 4", 0.0020, -0.0025),
        _municipal(LIPERI, "kirjasto", "Liperin kirjasto", "Keskustie 14", 0.0015, 0.0010),
        _municipal(LIPERI, "avoin-paivakoti", "Päiväkoti Tenava", "Liperintie 8", 0.0035, 0.0040),
        _municipal(
            LIPERI, "liikuntahalli", "Liperin liikuntahalli", "Urheilutie 2", -0.0040, 0.0050, ACC_HALL
        ),
        _parish_centre(LIPERI, "Liperin seurakuntakeskus", "Kirkkotie 3", -0.0025, -0.0010),
        # Lieksa
        _family_centre_building(
            LIEKSA,
            "Pielisentie 40",
            "81700",
            0.0010,
            0.0020,
            tr(
                "Sisäänkäynti sisäpihan puolelta. Lastenvaunuille on katos oven vieressä.",
                en="Entrance from the inner courtyard. There is a shelter for prams next to the door.",
            ),
        ),
        _health_centre(LIEKSA, "Mannerheimintie 47", "81700", -0.0040, 0.0035),
        _municipal(LIEKSA, "nuorisotila", "Nuorisotila Kulma", "Koskikatu 2", 0.0020, -0.0030, ACC_STEPS),
        _municipal(LIEKSA, "kirjasto", "Lieksan kirjasto", "Pielisentie 22", 0.0005, -0.0010),
        _municipal(LIEKSA, "avoin-paivakoti", "Avoin päiväkoti Touhutupa", "Koulukatu 7", 0.0035, 0.0050),
        _municipal(
            LIEKSA, "liikuntahalli", "Lieksan liikuntahalli", "Urheilukatu 8", -0.0055, 0.0060, ACC_HALL
        ),
        _parish_centre(LIEKSA, "Lieksan seurakuntakeskus", "Rantakatu 3", -0.0020, -0.0045),
        # Kitee
        _family_centre_building(KITEE, "Kiteentie 14", "82500", 0.0015, 0.0020),
        _health_centre(KITEE, "Rantatie 6", "82500", -0.0030, 0.0040),
        _municipal(KITEE, "nuorisotila", "Nuorisotila Pesä", "Koulukatu 5", 0.0025, -0.0020),
        _municipal(KITEE, "kirjasto", "Kiteen kirjasto", "Kiteentie 20", 0.0010, -0.0035),
        _municipal(KITEE, "avoin-paivakoti", "Päiväkoti Satumaa", "Savikontie 3", 0.0045, 0.0030),
        _municipal(
            KITEE, "liikuntahalli", "Kiteen liikuntahalli", "Urheilutie 2", -0.0050, -0.0040, ACC_HALL
        ),
        _parish_centre(KITEE, "Kiteen seurakuntakeskus", "Karjalankatu 2", -0.0015, -0.0015),
        # Nurmes
        _family_centre_building(NURMES, "Kirkkokatu 16", "75500", 0.0008, 0.0015),
        _health_centre(NURMES, "Kötsintie 2", "75530", -0.0060, 0.0080),
        _municipal(NURMES, "nuorisotila", "Nuorisotalo Nuokkari", "Porokylänkatu 9", 0.0020, -0.0025),
        _municipal(NURMES, "kirjasto", "Nurmeksen kirjasto", "Kirkkokatu 21", 0.0012, 0.0030),
        _municipal(NURMES, "avoin-paivakoti", "Päiväkoti Pikku-Pielinen", "Ylikyläntie 4", 0.0040, -0.0050),
        _municipal(
            NURMES, "liikuntahalli", "Nurmeksen liikuntahalli", "Urheilukatu 3", -0.0035, -0.0060, ACC_HALL
        ),
        _parish_centre(NURMES, "Nurmeksen seurakuntakeskus", "Kirkkokatu 2", -0.0010, -0.0020),
        # Outokumpu
        _health_centre(OUTOKUMPU, "Sairaalakatu 1", "83500", 0.0020, 0.0030),
        _municipal(
            OUTOKUMPU, "nuorisotila", "Nuorisotalo Kaivos", "Kummunkatu 12", -0.0010, -0.0020, ACC_STEPS
        ),
        _municipal(OUTOKUMPU, "kirjasto", "Outokummun kirjasto", "Hovilankatu 4", 0.0005, 0.0012),
        _municipal(OUTOKUMPU, "avoin-paivakoti", "Päiväkoti Kaivostupa", "Asemakatu 7", 0.0035, -0.0040),
        _municipal(
            OUTOKUMPU,
            "liikuntahalli",
            "Outokummun liikuntahalli",
            "Urheilukatu 5",
            -0.0045,
            -0.0050,
            ACC_HALL,
        ),
        _parish_centre(OUTOKUMPU, "Outokummun seurakuntakeskus", "Kirkkokatu 6", -0.0025, 0.0035),
        # Ilomantsi
        _health_centre(ILOMANTSI, "Henrikintie 7", "82900", 0.0012, 0.0025),
        _municipal(ILOMANTSI, "nuorisotila", "Nuorisotila Vaara", "Mantsintie 9", -0.0010, -0.0020),
        _municipal(ILOMANTSI, "kirjasto", "Ilomantsin kirjasto", "Mantsintie 5", 0.0008, -0.0008),
        _municipal(ILOMANTSI, "avoin-paivakoti", "Päiväkoti Pikkupiilo", "Kalevalantie 6", 0.0040, 0.0035),
        _municipal(
            ILOMANTSI, "liikuntahalli", "Ilomantsin liikuntahalli", "Urheilutie 4", -0.0050, -0.0045, ACC_HALL
        ),
        _parish_centre(ILOMANTSI, "Ilomantsin seurakuntakeskus", "Kirkkotie 4", -0.0030, 0.0040),
        # Juuka
        _health_centre(JUUKA, "Poikolantie 3", "83900", 0.0015, 0.0020, ACC_RAMP),
        _municipal(JUUKA, "nuorisotila", "Nuorisotila Junnari", "Koulutie 6", -0.0012, -0.0025, ACC_STEPS),
        _municipal(JUUKA, "avoin-paivakoti", "Päiväkoti Mustikkamäki", "Ahmovaarantie 2", 0.0030, 0.0040),
        _municipal(JUUKA, "liikuntahalli", "Juuan liikuntahalli", "Urheilutie 1", -0.0040, 0.0030, ACC_HALL),
        _parish_centre(JUUKA, "Juuan seurakuntakeskus", "Kirkkotie 5", -0.0020, -0.0010, ACC_STEPS),
        # Polvijärvi
        _health_centre(POLVIJARVI, "Kinahmontie 14", "83700", 0.0010, 0.0030, ACC_RAMP),
        _municipal(POLVIJARVI, "nuorisotila", "Nuorisotila Polle", "Koulutie 2", -0.0015, -0.0020),
        _municipal(
            POLVIJARVI, "avoin-paivakoti", "Päiväkoti Lepinkäinen", "Mäntyniementie 3", 0.0030, -0.0040
        ),
        _parish_centre(POLVIJARVI, "Polvijärven seurakuntakeskus", "Kirkkotie 8", -0.0025, 0.0015),
        # Tohmajärvi
        _health_centre(TOHMAJARVI, "Kirkkotie 2", "82600", 0.0012, 0.0018),
        _municipal(TOHMAJARVI, "nuorisotila", "Nuorisotila Kemppi", "Keskustie 7", -0.0010, -0.0022),
        _municipal(TOHMAJARVI, "kirjasto", "Tohmajärven kirjasto", "Keskustie 11", 0.0006, -0.0012),
        _municipal(TOHMAJARVI, "avoin-paivakoti", "Päiväkoti Onnela", "Koulutie 5", 0.0035, 0.0030),
        _municipal(
            TOHMAJARVI,
            "liikuntahalli",
            "Tohmajärven liikuntahalli",
            "Urheilutie 3",
            -0.0040,
            0.0045,
            ACC_HALL,
        ),
        _parish_centre(TOHMAJARVI, "Tohmajärven seurakuntakeskus", "Kirkkotie 12", 0.0022, 0.0040),
        # Heinävesi
        _health_centre(HEINAVESI, "Sairaalantie 2", "79700", 0.0015, 0.0025, ACC_RAMP),
        _municipal(HEINAVESI, "nuorisotila", "Nuorisotila Kanava", "Koulutie 4", -0.0010, -0.0030, ACC_STEPS),
        _municipal(HEINAVESI, "avoin-paivakoti", "Päiväkoti Kotiranta", "Rantatie 3", 0.0030, 0.0035),
        _parish_centre(HEINAVESI, "Heinäveden seurakuntakeskus", "Kirkkotie 14", -0.0025, 0.0010, ACC_STEPS),
        # Rääkkylä
        _health_centre(RAAKKYLA, "Rääkkyläntie 19", "82300", 0.0010, 0.0020, ACC_RAMP),
        _municipal(RAAKKYLA, "nuorisotila", "Nuorisotila Rääkki", "Koulutie 1", -0.0012, -0.0020, None),
        _municipal(RAAKKYLA, "avoin-paivakoti", "Päiväkoti Pikkusirkku", "Niittytie 2", 0.0025, -0.0035),
        _parish_centre(RAAKKYLA, "Rääkkylän seurakuntatalo", "Kirkkotie 6", -0.0020, 0.0025, ACC_STEPS),
    ]


# ---------------------------------------------------------------------------------------------------------
# Siun sote: services organised in every municipality
# ---------------------------------------------------------------------------------------------------------

BIG = {JOENSUU, KONTIOLAHTI, LIPERI, LIEKSA, KITEE, NURMES, OUTOKUMPU}

# Clinic days: the nurse works in the smallest municipalities on some weekdays only.
CLINIC_DAYS = {
    ILOMANTSI: [MON, TUE, WED, THU],
    JUUKA: [MON, TUE, THU, FRI],
    POLVIJARVI: [MON, WED, THU, FRI],
    HEINAVESI: [MON, WED, THU],
    RAAKKYLA: [TUE, THU],
}
WEEKDAY_NAMES = {
    MON: "maanantaisin",
    TUE: "tiistaisin",
    WED: "keskiviikkoisin",
    THU: "torstaisin",
    FRI: "perjantaisin",
}

NEUVOLA_LANGUAGES = {JOENSUU: ["fi", "en"], KONTIOLAHTI: ["fi", "en"], TOHMAJARVI: ["fi", "ru"]}
REMOTE_CLINIC = {LIEKSA, ILOMANTSI, HEINAVESI}

KESALAHTI_NOTE = tr(
    "Terveydenhoitaja ja perhetyöntekijä ovat tavattavissa myös Kesälahden lähipalvelupisteessä torstaisin.",
    en="The nurse and a family worker can also be met at the Kesälahti service point on Thursdays.",
)
VILLAGES_NOTE = tr(
    "Kotikäyntejä tehdään myös kyliin, esimerkiksi Kolille, Vuonislahteen ja Hattuvaaraan.",
    en="Home visits are also made to the villages, for example Koli, Vuonislahti and Hattuvaara.",
)
VIDEO_NOTE = tr(
    "Osa seurantakäynneistä voidaan pitkien välimatkojen vuoksi hoitaa videovastaanottona.",
    en="Because of long distances, some follow-up visits can be held as video appointments.",
)


def sote_phone(block: int, code: str) -> str:
    """Invented direct numbers of Siun sote: one block of numbers per service, one number per municipality."""
    return f"013 330 {block + 10 * ALL_CODES.index(code)}"


def clinic_days(code: str) -> list[int]:
    return CLINIC_DAYS.get(code, MON_FRI)


def clinic_closes(code: str) -> str:
    return "16:00" if code in BIG else "15:00"


def days_text(code: str) -> dict:
    days = clinic_days(code)
    if days == MON_FRI:
        return {}
    names = [WEEKDAY_NAMES[day] for day in days]
    listed = ", ".join(names[:-1]) + " ja " + names[-1]
    return tr(f"Vastaanotto on {listed}.")


def clinic_sites(code: str) -> list[tuple[str, str]]:
    """Where the clinics of a municipality work: the family centre building, or the health centre."""
    if code == JOENSUU:
        return [
            ("family-centre-building", "joensuu-perhekeskus"),
            ("provider-site", "joensuu-rantakyla-terveysasema"),
        ]
    if code in FAMILY_CENTRE_BUILDINGS:
        return [("family-centre-building", FAMILY_CENTRE_BUILDINGS[code])]
    return [("provider-site", f"{BY_CODE[code].slug}-terveysasema")]


def clinic_deliveries(code: str, *, with_home_visit: bool = False, with_phone: bool = False) -> list[dict]:
    note = KESALAHTI_NOTE if code == KITEE else days_text(code)
    rows = [
        delivery(mode, code, location, note, office_hours(clinic_days(code), "08:00", clinic_closes(code)))
        for mode, location in clinic_sites(code)
    ]
    if with_home_visit:
        rows.append(
            delivery(
                "home-visit",
                code,
                note=VILLAGES_NOTE if code == LIEKSA else {},
                schedules=office_hours(clinic_days(code), "08:00", clinic_closes(code)),
            )
        )
    if with_phone:
        rows.append(
            delivery(
                "phone",
                code,
                note=tr(
                    "Neuvolan puhelinaikana voit kysyä lapsen kasvuun, ruokailuun ja rokotuksiin liittyvistä "
                    "asioista.",
                    en="During the clinic's telephone hour you can ask about growth, feeding and "
                    "vaccinations.",
                ),
                schedules=office_hours(clinic_days(code), "12:00", "13:00", by_appointment=False),
            )
        )
    if code in REMOTE_CLINIC:
        rows.append(delivery("online", code, note=VIDEO_NOTE, schedules=office_hours(clinic_days(code))))
    return rows


def neuvola_contacts(m: Municipality) -> list[dict]:
    return [
        contact(
            "Neuvolan ajanvaraus",
            tr(
                "Ajanvaraus ja puhelinneuvonta",
                "Tidsbokning och telefonrådgivning",
                "Appointments and advice",
            ),
            sote_phone(2100, m.code),
            f"neuvola.{m.slug}@siunsote.fi",
        )
    ]


def _maternity_clinic(m: Municipality) -> dict:
    return service(
        f"{m.slug}-aitiysneuvola",
        SIUN_SOTE,
        name=tr(f"{m.gen} äitiysneuvola", f"Mödrarådgivningen i {m.sv}", f"{m.en} maternity clinic"),
        summary=tr(
            "Äitiysneuvola seuraa raskauden kulkua ja tukee koko perhettä vauvan odotuksessa.",
            "Mödrarådgivningen följer graviditeten och stöder hela familjen under väntetiden.",
            "The maternity clinic follows your pregnancy and supports the whole family while you wait for "
            "the "
            "baby.",
        ),
        description=tr(
            f"{m.gen} äitiysneuvolassa terveydenhoitaja seuraa raskauden etenemistä sekä odottavan äidin ja "
            "sikiön terveyttä. Käynneillä puhutaan myös parisuhteesta, jaksamisesta ja siitä, miten vauvan "
            "tulo muuttaa perheen arkea. Puoliso tai tukihenkilö on aina tervetullut mukaan vastaanotolle.",
            "På mödrarådgivningen följer hälsovårdaren graviditetens förlopp och hälsan hos den blivande "
            "mamman och barnet. Under besöken talar ni också om parförhållandet, orken och hur vardagen "
            "förändras när barnet kommer. Partnern eller en stödperson är alltid välkommen med.",
            "At the maternity clinic a public health nurse follows the progress of the pregnancy and the "
            "health of the mother and the baby. The visits also cover your relationship, your wellbeing and "
            "how the baby will change family life. Your partner or a support person is always welcome.",
        ),
        types=["maternity-clinic"],
        situations=["expecting"],
        areas=[m.code],
        expecting=True,
        languages=NEUVOLA_LANGUAGES.get(m.code),
        how_to_get=tr(
            "Soita neuvolan ajanvaraukseen, kun raskaustesti on positiivinen. Ensimmäinen käynti on yleensä "
            "raskausviikoilla 8–10. Voit jättää yhteydenottopyynnön myös Omasoten kautta.",
            en="Call the clinic's appointment line when your pregnancy test is positive. The first visit is "
            "usually in pregnancy weeks 8–10. You can also send a contact request through Omasote.",
        ),
        phone=sote_phone(2100, m.code),
        email=f"neuvola.{m.slug}@siunsote.fi",
        website="https://www.siunsote.fi/neuvolat",
        eservice=OMASOTE,
        contacts=neuvola_contacts(m),
        deliveries=clinic_deliveries(m.code),
    )


def _child_health_clinic(m: Municipality) -> dict:
    deliveries = clinic_deliveries(m.code, with_home_visit=True, with_phone=True)
    if m.code == KONTIOLAHTI:
        deliveries.append(
            delivery(
                "early-childhood-education",
                m.code,
                note=tr(
                    "Osa nelivuotiaiden terveystarkastuksista tehdään päiväkodeissa yhdessä "
                    "varhaiskasvatuksen kanssa.",
                    en="Some four-year check-ups take place in day-care centres together with early "
                    "childhood education.",
                ),
            )
        )
    return service(
        f"{m.slug}-lastenneuvola",
        SIUN_SOTE,
        name=tr(f"{m.gen} lastenneuvola", f"Barnrådgivningen i {m.sv}", f"{m.en} child health clinic"),
        summary=tr(
            "Lastenneuvola seuraa lapsen kasvua ja kehitystä syntymästä kouluikään ja tukee vanhempia arjen "
            "kysymyksissä.",
            "Barnrådgivningen följer barnets tillväxt och utveckling från födseln till skolåldern och stöder "
            "föräldrarna i vardagen.",
            "The child health clinic follows your child's growth and development from birth until school age "
            "and supports parents in everyday questions.",
        ),
        description=tr(
            "Lastenneuvolassa lapsi ja perhe tapaavat saman terveydenhoitajan säännöllisesti, ja lääkäri on "
            "mukana määräaikaisissa terveystarkastuksissa. Laajoihin terveystarkastuksiin kutsutaan molemmat "
            "vanhemmat, ja niissä keskustellaan koko perheen hyvinvoinnista. Neuvolasta saa myös rokotukset "
            "sekä tarvittaessa ohjauksen muihin perhekeskuksen palveluihin.",
            "På barnrådgivningen träffar barnet och familjen samma hälsovårdare regelbundet, och en läkare "
            "deltar i de periodiska hälsoundersökningarna. Båda föräldrarna kallas till de omfattande "
            "hälsoundersökningarna där hela familjens välbefinnande diskuteras. Rådgivningen ger också "
            "vaccinationer och hänvisar vid behov till familjecentrets övriga tjänster.",
            "At the child health clinic your child and family meet the same public health nurse regularly, "
            "and "
            "a doctor takes part in the scheduled check-ups. Both parents are invited to the extensive "
            "health "
            "examinations, which look at the wellbeing of the whole family. The clinic also gives "
            "vaccinations and, when needed, guides you to other family centre services.",
        ),
        types=["child-health-clinic"],
        situations=["baby", "under-school-age", "development-concern"],
        areas=[m.code],
        ages=(0, 84),
        languages=NEUVOLA_LANGUAGES.get(m.code),
        how_to_get=tr(
            "Neuvola ottaa yhteyttä perheeseen vauvan synnyttyä ja sopii ensimmäisen kotikäynnin. Seuraavat "
            "käynnit sovitaan vastaanotolla tai neuvolan ajanvarauksesta.",
            en="The clinic contacts the family after the baby is born and arranges the first home visit. "
            "Later visits are agreed at the clinic or through the appointment line.",
        ),
        phone=sote_phone(2100, m.code),
        email=f"neuvola.{m.slug}@siunsote.fi",
        website="https://www.siunsote.fi/neuvolat",
        eservice=OMASOTE,
        contacts=neuvola_contacts(m),
        deliveries=deliveries,
    )


def _family_planning_clinic(m: Municipality) -> dict:
    days = [WED] if m.code not in BIG else MON_FRI
    mode, location = clinic_sites(m.code)[-1]
    note = tr("Ehkäisyneuvolan vastaanotto on keskiviikkoisin.") if days == [WED] else {}
    return service(
        f"{m.slug}-ehkaisyneuvola",
        SIUN_SOTE,
        name=tr(
            f"{m.gen} ehkäisyneuvola", f"Preventivrådgivningen i {m.sv}", f"{m.en} family planning clinic"
        ),
        summary=tr(
            "Ehkäisyneuvolasta saat luottamuksellista neuvontaa raskauden ehkäisyyn, seksuaaliterveyteen ja "
            "perhesuunnitteluun.",
            "På preventivrådgivningen får du konfidentiell rådgivning om preventivmedel, sexuell hälsa och "
            "familjeplanering.",
            "The family planning clinic offers confidential advice on contraception, sexual health and "
            "family "
            "planning.",
        ),
        description=tr(
            "Ehkäisyneuvolassa terveydenhoitaja auttaa löytämään sinulle sopivan ehkäisymenetelmän ja seuraa "
            "sen sopivuutta. Vastaanotolla voi puhua myös raskaustoiveista, synnytyksen jälkeisestä "
            "ehkäisystä ja seksuaalisuuteen liittyvistä huolista. Nuoret saavat ehkäisyneuvontaa myös koulu- "
            "ja opiskeluterveydenhuollosta.",
            "På preventivrådgivningen hjälper hälsovårdaren dig att hitta ett lämpligt preventivmedel och "
            "följer upp hur det fungerar. Du kan också tala om önskan att bli gravid, preventivmedel efter "
            "förlossningen och frågor kring sexualitet.",
            "At the family planning clinic a nurse helps you find a suitable method of contraception and "
            "follows up how it works for you. You can also talk about plans for pregnancy, contraception "
            "after "
            "giving birth and any worries about sexuality.",
        ),
        types=["family-planning-clinic"],
        situations=["expecting"],
        areas=[m.code],
        how_to_get=tr(
            "Varaa aika neuvolan ajanvarauksesta tai Omasoten kautta.",
            en="Book an appointment through the clinic's appointment line or Omasote.",
        ),
        phone=sote_phone(2100, m.code),
        eservice=OMASOTE,
        website="https://www.siunsote.fi/ehkaisyneuvola",
        deliveries=[
            delivery(mode, m.code, location, note, office_hours(days, "08:00", clinic_closes(m.code))),
        ],
    )


def _antenatal_training(m: Municipality) -> dict:
    mode, location = clinic_sites(m.code)[0]
    if m.code in BIG:
        deliveries = [
            delivery(
                mode,
                m.code,
                location,
                tr("Ryhmät alkavat noin kuuden viikon välein, ja ilmoittautuminen tehdään neuvolan kautta."),
                term_hours(rule([TUE], "17:00", "19:00")),
            )
        ]
    else:
        deliveries = [
            delivery(
                "online",
                m.code,
                note=tr(
                    "Koska odottavia perheitä on kunnassa vähän, valmennus järjestetään pääosin verkossa "
                    "yhdessä naapurikuntien perheiden kanssa.",
                    en="As there are few expecting families in the municipality, the training is mainly held "
                    "online together with families from neighbouring municipalities.",
                ),
                schedules=term_hours(rule([TUE], "17:30", "19:00")),
            ),
            delivery(
                mode,
                m.code,
                location,
                tr("Yksi tapaamisista pidetään omassa neuvolassa; aika sovitaan ryhmän alkaessa."),
            ),
        ]
    return service(
        f"{m.slug}-perhevalmennus",
        SIUN_SOTE,
        name=tr(
            f"Perhevalmennus, {m.fi}", f"Familjeförberedelse, {m.sv}", f"Antenatal family training, {m.en}"
        ),
        summary=tr(
            "Perhevalmennus valmistaa esikoistaan odottavia vanhempia synnytykseen, vauva-arkeen ja "
            "vanhemmuuteen.",
            "Familjeförberedelsen förbereder föräldrar som väntar sitt första barn på förlossningen, "
            "vardagen "
            "med bebis och föräldraskapet.",
            "Antenatal family training prepares first-time parents for the birth, everyday life with a baby "
            "and "
            "parenthood.",
        ),
        description=tr(
            "Perhevalmennus on ryhmämuotoista valmennusta, joka alkaa raskauden puolivälissä ja jatkuu vielä "
            "vauvan syntymän jälkeen. Tapaamisissa käsitellään synnytystä, imetystä, vauvan hoitoa ja "
            "parisuhdetta vauvaperheessä, ja samalla tutustuu muihin samassa elämänvaiheessa oleviin. "
            "Ohjaajina toimivat neuvolan terveydenhoitaja ja perhetyöntekijä.",
            "Familjeförberedelsen ordnas i grupp från mitten av graviditeten till tiden efter förlossningen. "
            "Träffarna handlar om förlossning, amning, spädbarnsvård och parförhållandet i en familj med "
            "bebis.",
            "Antenatal family training is a group that starts halfway through the pregnancy and continues "
            "after "
            "the baby is born. The meetings cover birth, breastfeeding, baby care and the couple "
            "relationship, "
            "and you get to know other parents at the same stage of life.",
        ),
        types=["antenatal-family-training"],
        situations=["expecting"],
        areas=[m.code],
        expecting=True,
        access="registration",
        how_to_get=tr(
            "Terveydenhoitaja kertoo valmennuksesta äitiysneuvolassa ja ilmoittaa perheen ryhmään.",
            en="The maternity clinic nurse tells you about the training and registers you for a group.",
        ),
        phone=sote_phone(2100, m.code),
        website="https://www.siunsote.fi/perhevalmennus",
        deliveries=deliveries,
    )


def _school_health_care(m: Municipality) -> dict:
    return service(
        f"{m.slug}-kouluterveydenhuolto",
        SIUN_SOTE,
        name=tr(f"Kouluterveydenhuolto, {m.fi}", f"Skolhälsovård, {m.sv}", f"School health care, {m.en}"),
        summary=tr(
            "Kouluterveydenhoitaja ja koululääkäri seuraavat oppilaiden terveyttä, kasvua ja hyvinvointia "
            "koko "
            "perusopetuksen ajan.",
            "Skolhälsovårdaren och skolläkaren följer elevernas hälsa, tillväxt och välbefinnande under hela "
            "den grundläggande utbildningen.",
            "The school nurse and school doctor follow pupils' health, growth and wellbeing throughout basic "
            "education.",
        ),
        description=tr(
            "Jokaisella koululla on oma kouluterveydenhoitaja, jonka vastaanotolle oppilas voi mennä myös "
            "ilman ajanvarausta. Terveystarkastukset tehdään joka vuosiluokalla, ja laajoihin tarkastuksiin "
            "ensimmäisellä, viidennellä ja kahdeksannella luokalla kutsutaan myös huoltajat. "
            "Kouluterveydenhoitaja tekee yhteistyötä opettajien, kuraattorin ja psykologin kanssa.",
            "Varje skola har en egen skolhälsovårdare som eleven kan besöka också utan tidsbokning. "
            "Hälsoundersökningar görs i varje årskurs, och vårdnadshavarna kallas till de omfattande "
            "undersökningarna i årskurserna ett, fem och åtta.",
            "Every school has its own school nurse, whom pupils can also see without an appointment. Health "
            "checks take place in every year, and parents are invited to the extensive checks in years one, "
            "five and eight. The school nurse works together with teachers, the school social worker and the "
            "psychologist.",
        ),
        types=["school-health-care"],
        situations=["school-age", "teenager"],
        areas=[m.code],
        ages=(84, 192),
        access="drop-in",
        how_to_get=tr(
            "Terveydenhoitajan vastaanottoajat löytyvät koulun tiedotteista ja Wilmasta. Huoltaja voi ottaa "
            "yhteyttä Wilman kautta tai puhelimitse.",
            en="The nurse's hours are in the school's notices and in Wilma. Parents can get in touch through "
            "Wilma or by phone.",
        ),
        phone=sote_phone(2500, m.code),
        email=f"kouluterveydenhuolto.{m.slug}@siunsote.fi",
        website="https://www.siunsote.fi/kouluterveydenhuolto",
        deliveries=[
            delivery(
                "school",
                m.code,
                note=tr(
                    "Vastaanottopäivät vaihtelevat kouluittain.",
                    en="Reception days vary from school to school.",
                ),
                schedules=term_hours(
                    rule(MON_FRI, "08:00", "15:00"), spring=SCHOOL_SPRING_2026, autumn=SCHOOL_AUTUMN_2026
                ),
            )
        ],
    )


def _family_work(m: Municipality) -> dict:
    mode, location = clinic_sites(m.code)[0]
    note = KESALAHTI_NOTE if m.code == KITEE else (VILLAGES_NOTE if m.code == LIEKSA else {})
    return service(
        f"{m.slug}-perhetyo",
        SIUN_SOTE,
        name=tr(f"Perhetyö, {m.fi}", f"Familjearbete, {m.sv}", f"Family work, {m.en}"),
        summary=tr(
            "Perhetyö tukee vanhemmuutta ja perheen arkea, kun voimat ovat vähissä tai elämässä on "
            "muutoksia.",
            "Familjearbetet stöder föräldraskapet och familjens vardag när krafterna tryter eller livet "
            "förändras.",
            "Family work supports parenting and everyday family life when energy is low or life is changing.",
        ),
        description=tr(
            "Perhetyöntekijä tapaa perhettä kotona tai perhekeskuksessa muutaman kerran tai pidemmän jakson "
            "ajan. Yhdessä etsitään keinoja esimerkiksi päivärytmin, lapsen unen, rajojen asettamisen ja "
            "vanhempien jaksamisen kysymyksiin. Ennaltaehkäisevä perhetyö on maksutonta, eikä se edellytä "
            "lastensuojelun asiakkuutta.",
            "Familjearbetaren träffar familjen hemma eller på familjecentret några gånger eller under en "
            "längre "
            "period. Tillsammans söker ni lösningar på till exempel dygnsrytm, barnets sömn, gränser och "
            "föräldrarnas ork. Det förebyggande familjearbetet är avgiftsfritt.",
            "A family worker meets the family at home or at the family centre a few times or over a longer "
            "period. Together you look for ways to deal with daily routines, the child's sleep, setting "
            "limits "
            "and parents' coping. Preventive family work is free of charge and does not require being a "
            "client "
            "of child welfare.",
        ),
        types=["family-work", "parenting-support"],
        situations=["baby", "under-school-age", "school-age", "parent-coping"],
        areas=[m.code],
        ages=(0, 216),
        whole_family=True,
        how_to_get=tr(
            "Soita perhetyön numeroon tai pyydä neuvolaa, koulua tai varhaiskasvatusta ottamaan yhteyttä "
            "puolestasi. Voit jättää yhteydenottopyynnön myös Omasotessa.",
            en="Call family work directly or ask the clinic, school or day care to contact us on your "
            "behalf. "
            "You can also send a contact request in Omasote.",
        ),
        phone=sote_phone(2700, m.code),
        email=f"perhetyo.{m.slug}@siunsote.fi",
        website="https://www.siunsote.fi/perhetyo",
        eservice=OMASOTE,
        contacts=[
            contact(
                "Perhetyön ohjaaja",
                tr("Perhetyön yhteydenotot", "Kontakt till familjearbetet", "Family work enquiries"),
                sote_phone(2700, m.code),
                f"perhetyo.{m.slug}@siunsote.fi",
            )
        ],
        deliveries=[
            delivery("home-visit", m.code, note=note, schedules=office_hours(MON_FRI, "08:00", "16:00")),
            delivery(mode, m.code, location, schedules=office_hours(MON_FRI, "08:00", "16:00")),
        ],
    )


def _home_help(m: Municipality) -> dict:
    return service(
        f"{m.slug}-lapsiperheiden-kotipalvelu",
        SIUN_SOTE,
        name=tr(
            f"Lapsiperheiden kotipalvelu, {m.fi}",
            f"Hemservice för barnfamiljer, {m.sv}",
            f"Home help for families with children, {m.en}",
        ),
        summary=tr(
            "Kotipalvelu auttaa lapsiperhettä arjen askareissa ja lastenhoidossa, kun vanhempien omat voimat "
            "eivät riitä.",
            "Hemservicen hjälper barnfamiljer med vardagssysslor och barnskötsel när föräldrarnas egna "
            "krafter "
            "inte räcker till.",
            "Home help assists families with children in household tasks and childcare when the parents "
            "cannot "
            "cope on their own.",
        ),
        description=tr(
            "Kotipalvelua voi saada esimerkiksi raskauden, synnytyksen, sairauden, uupumuksen tai perheen "
            "elämäntilanteen muutoksen vuoksi. Kodinhoitaja tulee kotiin sovittuina aikoina ja auttaa "
            "lastenhoidossa sekä kodin päivittäisissä tehtävissä. Avun tarve arvioidaan yhdessä perheen "
            "kanssa "
            "ensimmäisellä käynnillä.",
            "Hemservice kan beviljas till exempel vid graviditet, förlossning, sjukdom, utmattning eller "
            "förändringar i familjens livssituation. En hemvårdare kommer hem vid överenskomna tider och "
            "hjälper till med barnen och de dagliga sysslorna.",
            "Home help can be granted, for example, during pregnancy, after childbirth, in illness or "
            "exhaustion, or when the family's situation changes. A home help worker comes at agreed times "
            "and "
            "helps with childcare and daily household tasks. The need for help is assessed together with the "
            "family on the first visit.",
        ),
        types=["home-help-families"],
        situations=["baby", "parent-coping"],
        areas=[m.code],
        ages=(0, 144),
        whole_family=True,
        fee=tr(
            "Palvelu on maksullinen. Maksu määräytyy perheen koon ja tulojen mukaan, ja ensimmäinen "
            "arviointikäynti on maksuton.",
            "Tjänsten är avgiftsbelagd. Avgiften beror på familjens storlek och inkomster.",
            "There is a fee that depends on the size and income of the family; the first assessment visit is "
            "free.",
        ),
        how_to_get=tr(
            "Hae kotipalvelua soittamalla lapsiperheiden palveluohjaukseen tai jättämällä hakemuksen "
            "Omasotessa.",
            en="Apply by calling service guidance for families or by sending an application in Omasote.",
        ),
        phone=sote_phone(2900, m.code),
        eservice=OMASOTE,
        website="https://www.siunsote.fi/lapsiperheiden-kotipalvelu",
        deliveries=[
            delivery(
                "home-visit",
                m.code,
                note=tr("Käynnit sovitaan perheen tarpeiden mukaan arkipäiville."),
                schedules=office_hours(MON_FRI, "07:30", "16:00"),
            )
        ],
    )


def _social_guidance(m: Municipality) -> dict:
    mode, location = clinic_sites(m.code)[0]
    return service(
        f"{m.slug}-sosiaaliohjaus",
        SIUN_SOTE,
        name=tr(
            f"Lapsiperheiden sosiaaliohjaus, {m.fi}",
            f"Socialhandledning för barnfamiljer, {m.sv}",
            f"Social guidance for families with children, {m.en}",
        ),
        summary=tr(
            "Sosiaaliohjaaja auttaa, kun perheen arjessa on huolta esimerkiksi taloudesta, asumisesta, "
            "jaksamisesta tai lapsen hyvinvoinnista.",
            "Socialhandledaren hjälper när familjen är orolig för till exempel ekonomin, boendet, orken "
            "eller "
            "barnets välbefinnande.",
            "A social counsellor helps when a family is worried about money, housing, coping or a child's "
            "wellbeing.",
        ),
        description=tr(
            "Lapsiperheiden sosiaaliohjauksessa selvitetään perheen tilanne ja sovitaan yhdessä "
            "tarvittavasta "
            "tuesta. Sosiaaliohjaaja voi auttaa esimerkiksi etuuksien hakemisessa, arjen suunnittelussa ja "
            "yhteydenpidossa muihin palveluihin. Tarvittaessa tehdään palvelutarpeen arviointi, jonka "
            "perusteella perhe voi saada perhetyötä, kotipalvelua tai muuta sosiaalihuoltolain mukaista "
            "tukea.",
            "Inom socialhandledningen utreds familjens situation och ni kommer tillsammans överens om "
            "behövligt "
            "stöd. Socialhandledaren kan hjälpa till med att söka förmåner, planera vardagen och hålla "
            "kontakt "
            "med andra tjänster.",
            "Social guidance looks at the family's situation and agrees with you on the support you need. "
            "The "
            "social counsellor can help, for example, with applying for benefits, planning everyday life and "
            "dealing with other services. If needed, a service needs assessment is made, after which the "
            "family can receive family work, home help or other social welfare support.",
        ),
        types=["family-social-work"],
        situations=["parent-coping", "violence", "substance-use"],
        areas=[m.code],
        ages=(0, 216),
        whole_family=True,
        how_to_get=tr(
            "Soita sosiaaliohjauksen puhelinaikana tai jätä yhteydenottopyyntö Omasotessa.",
            en="Call during the telephone hour or send a contact request in Omasote.",
        ),
        phone=sote_phone(3100, m.code),
        email=f"sosiaaliohjaus.{m.slug}@siunsote.fi",
        website="https://www.siunsote.fi/lapsiperheiden-sosiaalityo",
        eservice=OMASOTE,
        deliveries=[
            delivery(mode, m.code, location, schedules=office_hours(MON_FRI, "08:00", "15:30")),
            delivery(
                "phone",
                m.code,
                note=tr("Puhelinaika arkisin kello 9–11.", en="Telephone hour on weekdays 9–11."),
                schedules=office_hours(MON_FRI, "09:00", "11:00", by_appointment=False),
            ),
        ],
    )


def _student_welfare(m: Municipality) -> dict:
    deliveries = [
        delivery(
            "school",
            m.code,
            schedules=term_hours(
                rule(MON_FRI, "08:00", "15:00"),
                by_appointment=True,
                spring=SCHOOL_SPRING_2026,
                autumn=SCHOOL_AUTUMN_2026,
            ),
        )
    ]
    if m.code in (JOENSUU, KONTIOLAHTI):
        deliveries.append(
            delivery(
                "early-childhood-education",
                m.code,
                note=tr(
                    "Psykologi tekee konsultaatiokäyntejä esiopetusryhmiin.",
                    en="The psychologist visits pre-primary groups for consultations.",
                ),
            )
        )
    return service(
        f"{m.slug}-opiskeluhuolto",
        SIUN_SOTE,
        name=tr(
            f"Koulukuraattorit ja koulupsykologit, {m.fi}",
            f"Skolkuratorer och skolpsykologer, {m.sv}",
            f"School social workers and psychologists, {m.en}",
        ),
        summary=tr(
            "Koulukuraattori ja koulupsykologi tukevat oppilaan hyvinvointia, koulunkäyntiä ja "
            "kaverisuhteita.",
            "Skolkuratorn och skolpsykologen stöder elevens välbefinnande, skolgång och kamratrelationer.",
            "School social workers and psychologists support pupils' wellbeing, schooling and friendships.",
        ),
        description=tr(
            "Kuraattorin ja psykologin puheille voi hakeutua oppilas itse, hänen huoltajansa tai koulun "
            "henkilökunta. Keskusteluissa voidaan käsitellä esimerkiksi koulupoissaoloja, kiusaamista, "
            "stressiä, mielialaa tai kotiin liittyviä huolia. Palvelu on luottamuksellista ja kuuluu "
            "kaikille "
            "esiopetuksen, perusopetuksen ja toisen asteen opiskelijoille.",
            "Eleven själv, vårdnadshavaren eller skolans personal kan ta kontakt med kuratorn eller "
            "psykologen. "
            "Samtalen kan handla om frånvaro, mobbning, stress, humör eller oro hemma.",
            "Pupils themselves, their parents or school staff can contact the school social worker or "
            "psychologist. Conversations can deal with absences, bullying, stress, mood or worries at home. "
            "The service is confidential and available to all pupils from pre-primary to upper secondary "
            "education.",
        ),
        types=["student-welfare"],
        situations=["school-age", "teenager", "mental-wellbeing"],
        areas=[m.code],
        ages=(72, 240),
        how_to_get=tr(
            "Varaa aika Wilman kautta, soita tai pyydä opettajaa auttamaan yhteydenotossa.",
            en="Book through Wilma, call, or ask a teacher to help you get in touch.",
        ),
        phone=sote_phone(3300, m.code),
        email=f"opiskeluhuolto.{m.slug}@siunsote.fi",
        website="https://www.siunsote.fi/opiskeluhuolto",
        deliveries=deliveries,
    )


def _child_oral_health(m: Municipality) -> dict:
    location = "joensuu-rantakyla-terveysasema" if m.code == JOENSUU else f"{m.slug}-terveysasema"
    return service(
        f"{m.slug}-lasten-suun-terveydenhuolto",
        SIUN_SOTE,
        name=tr(
            f"Lasten ja nuorten suun terveydenhuolto, {m.fi}",
            f"Munhälsovård för barn och unga, {m.sv}",
            f"Oral health care for children and young people, {m.en}",
        ),
        summary=tr(
            "Hammashoitola kutsuu lapset ja nuoret suun terveystarkastuksiin ikävaiheen mukaan ja hoitaa "
            "tarvittavat toimenpiteet.",
            "Tandkliniken kallar barn och unga till munhälsoundersökningar enligt ålder och sköter behövlig "
            "vård.",
            "The dental clinic invites children and young people to oral health check-ups by age and "
            "provides "
            "any treatment needed.",
        ),
        description=tr(
            "Lasten ja nuorten suun terveydenhuolto on alle 18-vuotiaille maksutonta. Ensimmäinen käynti on "
            "yleensä lapsen ollessa noin vuoden ikäinen, ja sen jälkeen tarkastukset tehdään yksilöllisen "
            "tarpeen mukaan. Hammashoitolasta saa myös ohjausta hampaiden harjaukseen, napostelun "
            "välttämiseen ja fluorin käyttöön.",
            en="Oral health care is free for children and young people under 18. The first visit is usually "
            "around the child's first birthday, and later check-ups follow individual needs. The clinic also "
            "advises on brushing, snacking and the use of fluoride.",
        ),
        types=["child-oral-health"],
        situations=["baby", "under-school-age", "school-age", "teenager"],
        areas=[m.code],
        ages=(0, 216),
        how_to_get=tr(
            "Hammashoitola lähettää kutsun tarkastukseen. Särkytapauksissa soita suun terveydenhuollon "
            "ajanvaraukseen heti aamulla.",
            en="The clinic sends an invitation. For toothache, call the dental appointment line in the "
            "morning.",
        ),
        phone=sote_phone(3500, m.code),
        website="https://www.siunsote.fi/suun-terveydenhuolto",
        deliveries=[
            delivery(
                "provider-site",
                m.code,
                location,
                schedules=office_hours(clinic_days(m.code), "08:00", "15:30"),
            )
        ],
    )


# Upper secondary schools and vocational campuses with student health care.
STUDENT_SITES = {
    JOENSUU: "Joensuun lukioissa ja Ammattiopisto Riverian Joensuun kampuksilla",
    KONTIOLAHTI: "Kontiolahden lukiossa",
    LIPERI: "Liperin lukiossa",
    LIEKSA: "Lieksan lukiossa ja Riverian Lieksan kampuksella",
    KITEE: "Kiteen lukiossa ja Riverian Kiteen kampuksella",
    NURMES: "Nurmeksen lukiossa ja Riverian Nurmeksen kampuksella",
    OUTOKUMPU: "Outokummun lukiossa ja Riverian Outokummun kampuksella",
    ILOMANTSI: "Ilomantsin lukiossa",
    JUUKA: "Juuan lukiossa",
}


def _student_health_care(m: Municipality) -> dict:
    return service(
        f"{m.slug}-opiskeluterveydenhuolto",
        SIUN_SOTE,
        name=tr(
            f"Opiskeluterveydenhuolto, {m.fi}", f"Studerandehälsovård, {m.sv}", f"Student health care, {m.en}"
        ),
        summary=tr(
            "Opiskeluterveydenhuolto palvelee lukioiden ja ammatillisten oppilaitosten opiskelijoita "
            "terveyteen, hyvinvointiin ja opiskelukykyyn liittyvissä asioissa.",
            "Studerandehälsovården betjänar studerande vid gymnasier och yrkesläroanstalter i frågor om "
            "hälsa, "
            "välbefinnande och studieförmåga.",
            "Student health care serves students at upper secondary schools and vocational colleges in "
            "matters "
            "of health, wellbeing and study ability.",
        ),
        description=tr(
            "Opiskeluterveydenhoitajan vastaanotolla voi puhua esimerkiksi jaksamisesta, mielialasta, "
            "seksuaaliterveydestä, päihteistä tai ravitsemuksesta. Ensimmäisen vuoden opiskelijat kutsutaan "
            "terveystarkastukseen, ja tarvittaessa järjestetään lääkärin vastaanotto. "
            "Opiskeluterveydenhuolto "
            "on opiskelijoille maksutonta.",
            en="With the student nurse you can talk about coping, mood, sexual health, substances or "
            "nutrition. First-year students are invited to a health check, and a doctor's appointment is "
            "arranged when needed. Student health care is free for students.",
        ),
        types=["student-health-care"],
        situations=["teenager"],
        areas=[m.code],
        ages=(180, 264),
        parents=False,
        how_to_get=tr(
            "Terveydenhoitajan vastaanottoajat ovat oppilaitoksen Wilmassa ja ilmoitustauluilla.",
            en="The nurse's hours are in the school's Wilma and on the notice boards.",
        ),
        phone=sote_phone(3700, m.code),
        website="https://www.siunsote.fi/opiskeluterveydenhuolto",
        deliveries=[
            delivery(
                "school",
                m.code,
                note=tr(f"Vastaanotot {STUDENT_SITES[m.code]}."),
                schedules=term_hours(
                    rule(MON_FRI, "08:30", "15:00"), spring=SCHOOL_SPRING_2026, autumn=SCHOOL_AUTUMN_2026
                ),
            )
        ],
    )


def _siun_sote_local_services() -> list[dict]:
    rows = []
    for m in MUNICIPALITIES:
        rows += [
            _maternity_clinic(m),
            _child_health_clinic(m),
            _family_planning_clinic(m),
            _antenatal_training(m),
            _school_health_care(m),
            _family_work(m),
            _home_help(m),
            _social_guidance(m),
            _student_welfare(m),
            _child_oral_health(m),
        ]
        if m.code in STUDENT_SITES:
            rows.append(_student_health_care(m))
    return rows


# ---------------------------------------------------------------------------------------------------------
# Siun sote: regional services (one service, deliveries in several municipalities)
# ---------------------------------------------------------------------------------------------------------

# Municipalities served from Joensuu when a regional service has offices in Joensuu, Lieksa, Nurmes and Kitee.
FROM_JOENSUU = [JOENSUU, KONTIOLAHTI, LIPERI, OUTOKUMPU, POLVIJARVI, HEINAVESI, ILOMANTSI]
FROM_NURMES = [NURMES, JUUKA]
FROM_KITEE = [KITEE, TOHMAJARVI, RAAKKYLA]


def regional_offices(
    joensuu: str,
    *,
    lieksa: str = "lieksa-perhekeskus",
    nurmes: str = "nurmes-perhekeskus",
    kitee: str = "kitee-perhekeskus",
    joensuu_codes: list[str] = FROM_JOENSUU,
    nurmes_codes: list[str] = FROM_NURMES,
    kitee_codes: list[str] = FROM_KITEE,
    lieksa_days: list[int] = MON_FRI,
    nurmes_days: list[int] = MON_FRI,
    kitee_days: list[int] = MON_FRI,
) -> list[dict]:
    """The usual pattern of a county-wide service: an office in Joensuu and in Lieksa, Nurmes and Kitee."""
    return [
        at(joensuu, joensuu_codes),
        at(lieksa, LIEKSA, lieksa_days),
        at(nurmes, nurmes_codes, nurmes_days),
        at(kitee, kitee_codes, kitee_days),
    ]


def _family_counselling() -> dict:
    deliveries = regional_offices(
        "joensuu-perheneuvola",
        joensuu_codes=[JOENSUU, KONTIOLAHTI, LIPERI, OUTOKUMPU, POLVIJARVI, HEINAVESI],
        lieksa_days=[TUE, WED, THU],
        nurmes_days=[MON, TUE, THU],
    )
    deliveries += [
        at(
            "ilomantsi-terveysasema",
            ILOMANTSI,
            [WED],
            note=tr(
                "Jalkautuva vastaanotto Ilomantsin terveysasemalla joka toinen keskiviikko.",
                en="Outreach appointments at the Ilomantsi health centre every other Wednesday.",
            ),
        ),
        online(
            ALL_CODES,
            tr("Videovastaanotot Omasoten kautta.", en="Video appointments through Omasote."),
            office_hours(),
        ),
        delivery(
            "early-childhood-education",
            [JOENSUU, KONTIOLAHTI],
            note=tr(
                "Konsultaatiot varhaiskasvatuksen henkilöstölle ja perheille päiväkodeissa.",
                en="Consultations for day-care staff and families in day-care centres.",
            ),
        ),
        by_phone(
            ALL_CODES, note=tr("Puhelinaika arkisin kello 9–10.", en="Telephone hour on weekdays 9–10.")
        ),
    ]
    return service(
        "kasvatus-ja-perheneuvola",
        SIUN_SOTE,
        name=tr(
            "Kasvatus- ja perheneuvola",
            "Uppfostrings- och familjerådgivningen",
            "Child guidance and family counselling clinic",
        ),
        summary=tr(
            "Kasvatus- ja perheneuvola tukee perheitä, kun lapsen kasvuun, kehitykseen tai perheen "
            "vuorovaikutukseen liittyy huolta.",
            "Uppfostrings- och familjerådgivningen stöder familjer när det finns oro kring barnets uppväxt, "
            "utveckling eller samspelet i familjen.",
            "The family counselling clinic supports families who are worried about a child's growth, "
            "development or family relationships.",
        ),
        description=tr(
            "Perheneuvolan psykologit, sosiaalityöntekijät ja perheterapeutit auttavat alle 18-vuotiaiden "
            "lasten perheitä esimerkiksi tunne-elämän, käyttäytymisen, oppimisen ja perheristiriitojen "
            "kysymyksissä. Työskentely voi olla vanhempien tapaamisia, lapsen tutkimuksia tai koko perheen "
            "keskusteluja. Toimipisteet ovat Joensuussa, Lieksassa, Nurmeksessa ja Kiteellä, ja muihin "
            "kuntiin "
            "tehdään jalkautuvia käyntejä ja etävastaanottoja.",
            "Familjerådgivningens psykologer, socialarbetare och familjeterapeuter hjälper familjer med barn "
            "under 18 år i frågor om känsloliv, beteende, inlärning och konflikter i familjen. Byråerna "
            "finns i "
            "Joensuu, Lieksa, Nurmes och Kitee, och till andra kommuner görs besök och distansmottagningar.",
            "The clinic's psychologists, social workers and family therapists help families with children "
            "under 18 with emotional, behavioural and learning difficulties and family conflicts. Work may "
            "include meetings with parents, assessments of the child or family sessions. The offices are in "
            "Joensuu, Lieksa, Nurmes and Kitee, with outreach and remote appointments for other "
            "municipalities.",
        ),
        types=["family-counselling"],
        situations=["school-age", "separation", "development-concern", "mental-wellbeing", "relationship"],
        areas=ALL_CODES,
        ages=(0, 216),
        whole_family=True,
        languages=["fi", "en"],
        how_to_get=tr(
            "Perheneuvolaan ei tarvita lähetettä. Soita puhelinaikana tai lähetä yhteydenottopyyntö "
            "Omasotessa.",
            en="No referral is needed. Call during the telephone hour or send a contact request in Omasote.",
        ),
        phone="013 330 4100",
        email="perheneuvola@siunsote.fi",
        website="https://www.siunsote.fi/perheneuvola",
        eservice=OMASOTE,
        contacts=[
            contact(
                "Perheneuvolan ajanvaraus",
                tr("Puhelinaika ma–pe 9–10", en="Phone hour Mon–Fri 9–10"),
                "013 330 4100",
                "perheneuvola@siunsote.fi",
            )
        ],
        deliveries=deliveries,
    )


def _separation_support() -> dict:
    return service(
        "eroauttaminen-ja-sovittelu",
        SIUN_SOTE,
        name=tr(
            "Eroauttaminen ja perheasioiden sovittelu",
            "Stöd vid separation och medling i familjeärenden",
            "Separation support and family mediation",
        ),
        summary=tr(
            "Perheasioiden sovittelussa eroava perhe saa apua lapsen asumisesta, tapaamisista ja elatuksesta "
            "sopimiseen.",
            "Vid medling i familjeärenden får en familj som separerar hjälp att komma överens om barnets "
            "boende, umgänge och underhåll.",
            "Family mediation helps separating parents agree on where the child lives, contact and "
            "maintenance.",
        ),
        description=tr(
            "Eroauttamisen työntekijät tukevat vanhempia eron eri vaiheissa ja auttavat pitämään lapsen "
            "näkökulman mukana ratkaisuissa. Sovittelu on vapaaehtoista ja maksutonta, ja tapaamisissa on "
            "yleensä kaksi sovittelijaa. Vanhemmille järjestetään myös Ero lapsiperheessä -ryhmiä ja "
            "lapsille "
            "omia eroryhmiä.",
            en="Separation support workers help parents through the different stages of a separation and "
            "keep "
            "the child's point of view in the decisions. Mediation is voluntary and free, and there are "
            "usually two mediators at the meetings. Groups are also run for separating parents and for "
            "children.",
        ),
        types=["separation-support"],
        situations=["separation", "relationship"],
        areas=ALL_CODES,
        languages=["fi", "en"],
        how_to_get=tr(
            "Toinen tai molemmat vanhemmat voivat pyytää sovittelua soittamalla perheneuvolan "
            "ajanvaraukseen.",
            en="One or both parents can ask for mediation by calling the family counselling clinic.",
        ),
        phone="013 330 4100",
        website="https://www.siunsote.fi/eroauttaminen",
        eservice=OMASOTE,
        deliveries=[
            *regional_offices(
                "joensuu-perheneuvola",
                joensuu_codes=FROM_JOENSUU,
                lieksa_days=[TUE, WED, THU],
                nurmes_days=[MON, TUE, THU],
            ),
            online(ALL_CODES, tr("Sovittelutapaamiset voidaan pitää myös videoyhteydellä."), office_hours()),
        ],
    )


def _child_welfare_supervisor() -> dict:
    return service(
        "lastenvalvojat",
        SIUN_SOTE,
        name=tr("Lastenvalvojat", "Barnatillsyningsmännen", "Child welfare supervisors"),
        summary=tr(
            "Lastenvalvoja vahvistaa isyyden ja äitiyden sekä vanhempien sopimukset lapsen huollosta, "
            "asumisesta, tapaamisoikeudesta ja elatuksesta.",
            "Barnatillsyningsmannen fastställer faderskap och moderskap och bekräftar föräldrarnas avtal om "
            "vårdnad, boende, umgänge och underhåll.",
            "The child welfare supervisor confirms paternity and maternity and the parents' agreements on "
            "custody, residence, contact and child maintenance.",
        ),
        description=tr(
            "Lastenvalvojan luona vanhemmat voivat tehdä sopimuksen lapsen huollosta, asumisesta, "
            "tapaamisoikeudesta ja elatusavusta, ja vahvistettu sopimus on yhtä pätevä kuin tuomioistuimen "
            "päätös. Isyyden tai äitiyden tunnustaminen tehdään ensisijaisesti jo äitiysneuvolassa raskauden "
            "aikana. Lastenvalvojan palvelut ovat maksuttomia.",
            "Hos barnatillsyningsmannen kan föräldrarna avtala om vårdnad, boende, umgänge och "
            "underhållsbidrag, "
            "och ett fastställt avtal gäller som ett domstolsbeslut. Faderskap och moderskap erkänns i "
            "första "
            "hand redan på mödrarådgivningen.",
            "With the child welfare supervisor, parents can make agreements on custody, residence, contact "
            "and "
            "child maintenance; a confirmed agreement is as valid as a court decision. Paternity or "
            "maternity "
            "is usually acknowledged at the maternity clinic during pregnancy. The service is free of "
            "charge.",
        ),
        types=["child-welfare-supervisor"],
        situations=["separation"],
        areas=ALL_CODES,
        languages=["fi", "sv", "en"],
        how_to_get=tr(
            "Varaa aika puhelinaikana tai Omasoten ajanvarauksessa. Sopimuksen voi allekirjoittaa myös "
            "sähköisesti.",
            en="Book an appointment by phone or in Omasote. Agreements can also be signed electronically.",
        ),
        phone="013 330 4300",
        email="lastenvalvojat@siunsote.fi",
        website="https://www.siunsote.fi/lastenvalvojat",
        eservice=OMASOTE,
        contacts=[
            contact(
                "Lastenvalvojien ajanvaraus",
                tr("Puhelinaika ma–to 9–11", en="Phone hour Mon–Thu 9–11"),
                "013 330 4300",
                "lastenvalvojat@siunsote.fi",
            )
        ],
        deliveries=[
            *regional_offices(
                "joensuu-perheoikeudelliset", lieksa_days=[TUE], nurmes_days=[THU], kitee_days=[WED]
            ),
            online(ALL_CODES, tr("Tapaaminen onnistuu myös videoyhteydellä."), office_hours()),
            by_phone(ALL_CODES, [MON, TUE, WED, THU], "09:00", "11:00"),
        ],
    )


def _couple_relationship_support() -> dict:
    # Heinävesi is a deliberate gap: no delivery reaches it.
    return service(
        "parisuhdeneuvonta",
        SIUN_SOTE,
        name=tr(
            "Parisuhdeneuvonta ja parisuhdekurssit",
            "Parrådgivning och parkurser",
            "Couple counselling and relationship courses",
        ),
        summary=tr(
            "Parisuhdeneuvonnassa pariskunnat saavat keskusteluapua arjen ristiriitoihin, vauva-ajan "
            "muutoksiin "
            "ja yhteisen ajan löytämiseen.",
            "I parrådgivningen får par samtalsstöd kring konflikter i vardagen, förändringar under "
            "bebistiden "
            "och att hitta tid för varandra.",
            "Couple counselling helps couples with everyday conflicts, the changes a baby brings and finding "
            "time for each other.",
        ),
        description=tr(
            "Keskustelut käydään pariskunnan kanssa yhdessä, ja tavoitteena on löytää uusia tapoja puhua ja "
            "ratkaista erimielisyyksiä. Lisäksi järjestetään pienryhmäkursseja vauvaperheiden vanhemmille ja "
            "uusperheille. Palvelu on maksutonta, eikä se edellytä muiden perhekeskuspalvelujen asiakkuutta.",
            en="Couples meet the counsellor together to find new ways of talking and resolving "
            "disagreements. "
            "Small-group courses are also arranged for parents of babies and for stepfamilies. The service "
            "is free of charge.",
        ),
        types=["couple-relationship-support"],
        situations=["relationship", "separation"],
        areas=except_(HEINAVESI),
        how_to_get=tr(
            "Soita perheneuvolan puhelinaikana ja kerro, että toivotte parisuhdekeskusteluja.",
            en="Call the family counselling clinic and ask for couple counselling.",
        ),
        phone="013 330 4100",
        website="https://www.siunsote.fi/parisuhde",
        deliveries=regional_offices(
            "joensuu-perheneuvola",
            joensuu_codes=[JOENSUU, KONTIOLAHTI, LIPERI, OUTOKUMPU, POLVIJARVI, ILOMANTSI],
            lieksa_days=[TUE, WED, THU],
            nurmes_days=[MON, TUE, THU],
        ),
    )


def _psychologist() -> dict:
    return service(
        "lasten-ja-perheiden-psykologipalvelut",
        SIUN_SOTE,
        name=tr(
            "Lasten ja perheiden psykologipalvelut",
            "Psykologtjänster för barn och familjer",
            "Psychologist services for children and families",
        ),
        summary=tr(
            "Psykologi arvioi lapsen kehitystä ja tukee lasta ja perhettä tunne-elämän, käyttäytymisen ja "
            "oppimisen haasteissa.",
            "Psykologen bedömer barnets utveckling och stöder barnet och familjen vid svårigheter med "
            "känsloliv, beteende och inlärning.",
            "A psychologist assesses the child's development and supports the child and family with "
            "emotional, "
            "behavioural and learning difficulties.",
        ),
        description=tr(
            "Neuvolan ja perhekeskuksen psykologit tekevät kehitysarvioita, antavat lyhytterapeuttista tukea "
            "ja "
            "ohjaavat tarvittaessa jatkotutkimuksiin. Vastaanotolle ohjaudutaan yleensä neuvolan, "
            "varhaiskasvatuksen tai koulun kautta, mutta vanhemmat voivat ottaa yhteyttä myös itse. Käynnit "
            "ovat maksuttomia.",
            en="The psychologists of the clinics and family centres carry out developmental assessments, "
            "give "
            "short-term support and refer to further examinations when needed. Families are usually guided "
            "by the clinic, day care or school, but parents can also contact us directly.",
        ),
        types=["psychologist"],
        situations=["development-concern", "mental-wellbeing", "under-school-age"],
        areas=ALL_CODES,
        ages=(0, 216),
        how_to_get=tr(
            "Kysy neuvolan terveydenhoitajalta tai soita psykologien ajanvaraukseen.",
            en="Ask the clinic nurse or call the psychologists' appointment line.",
        ),
        phone="013 330 4500",
        website="https://www.siunsote.fi/psykologit",
        deliveries=[
            at("joensuu-perhekeskus", [JOENSUU, KONTIOLAHTI, LIPERI, POLVIJARVI, HEINAVESI]),
            at("lieksa-perhekeskus", LIEKSA),
            at("nurmes-perhekeskus", FROM_NURMES),
            at("kitee-perhekeskus", FROM_KITEE),
            at("outokumpu-terveysasema", OUTOKUMPU, [MON, WED, THU]),
            at("ilomantsi-terveysasema", ILOMANTSI, [TUE]),
            delivery(
                "early-childhood-education",
                [JOENSUU, LIEKSA],
                note=tr(
                    "Psykologi havainnoi lasta tarvittaessa päiväkodissa.",
                    en="If needed, the psychologist observes the child in day care.",
                ),
            ),
        ],
    )


def _therapy(
    key: str,
    name: dict,
    summary: dict,
    description: dict,
    types: list[str],
    situations: list[str],
    areas: list[str],
    deliveries: list[dict],
    phone: str,
    ages: tuple[int, int] = (0, 192),
    access: str = "referral",
) -> dict:
    return service(
        key,
        SIUN_SOTE,
        name=name,
        summary=summary,
        description=description,
        types=types,
        situations=situations,
        areas=areas,
        ages=ages,
        access=access,
        how_to_get=tr(
            "Terapiaan ohjaudutaan neuvolan, kouluterveydenhuollon tai lääkärin lähetteellä. Kysy lisää "
            "omalta terveydenhoitajalta.",
            en="You are referred by the child health clinic, school health care or a doctor.",
        ),
        phone=phone,
        website="https://www.siunsote.fi/lasten-kuntoutus",
        deliveries=deliveries,
    )


def _speech_therapy() -> dict:
    # Heinävesi is a deliberate gap.
    return _therapy(
        "lasten-puheterapia",
        tr("Lasten puheterapia", "Talterapi för barn", "Speech therapy for children"),
        tr(
            "Puheterapeutti tutkii ja kuntouttaa lasten puheen, kielen, vuorovaikutuksen ja syömisen "
            "vaikeuksia.",
            "Talterapeuten undersöker och rehabiliterar barns svårigheter med tal, språk, kommunikation och "
            "att "
            "äta.",
            "Speech therapists assess and treat children's difficulties with speech, language, interaction "
            "and "
            "eating.",
        ),
        tr(
            "Puheterapiaan ohjaudutaan, kun lapsen puheen tai kielen kehitys herättää huolta neuvolassa tai "
            "varhaiskasvatuksessa. Arvioinnin jälkeen perhe saa kotiharjoitteita, ohjausta arkeen tai jakson "
            "yksilöllistä terapiaa. Puheterapeutit tekevät tiivistä yhteistyötä päiväkotien kanssa, ja osa "
            "käynneistä voidaan toteuttaa etäterapiana.",
            en="Children are referred when their speech or language development causes concern at the clinic "
            "or in day care. After an assessment the family gets exercises for home, guidance or a period of "
            "individual therapy. Some sessions can be held remotely.",
        ),
        ["speech-therapy"],
        ["under-school-age", "development-concern", "special-needs"],
        except_(HEINAVESI),
        [
            at("joensuu-terveysasema", [JOENSUU, KONTIOLAHTI, LIPERI, ILOMANTSI]),
            at("lieksa-terveysasema", LIEKSA),
            at("nurmes-terveysasema", FROM_NURMES),
            at("kitee-terveysasema", FROM_KITEE),
            at("outokumpu-terveysasema", [OUTOKUMPU, POLVIJARVI], [MON, TUE, THU]),
            delivery(
                "early-childhood-education",
                [JOENSUU, KONTIOLAHTI, LIEKSA, NURMES],
                note=tr("Puheterapeutti ohjaa päiväkodin henkilöstöä tukemaan lapsen kieltä arjessa."),
            ),
            online(
                [LIEKSA, ILOMANTSI, NURMES, JUUKA],
                tr(
                    "Etäterapiaa tarjotaan pitkien välimatkojen vuoksi.",
                    en="Remote therapy is offered because of long distances.",
                ),
                office_hours(),
            ),
        ],
        "013 330 4700",
    )


def _occupational_therapy() -> dict:
    # Rääkkylä and Polvijärvi are deliberate gaps.
    return _therapy(
        "lasten-toimintaterapia",
        tr("Lasten toimintaterapia", "Ergoterapi för barn", "Occupational therapy for children"),
        tr(
            "Toimintaterapeutti tukee lapsen arjen taitoja, kuten leikkiä, omatoimisuutta, hienomotoriikkaa "
            "ja "
            "aistitiedon käsittelyä.",
            "Ergoterapeuten stöder barnets vardagsfärdigheter, såsom lek, självständighet, finmotorik och "
            "sinnesbearbetning.",
            "Occupational therapists support children's everyday skills such as play, self-care, fine motor "
            "skills and sensory processing.",
        ),
        tr(
            "Toimintaterapiassa selvitetään, mikä vaikeuttaa lapsen toimintaa kotona, päiväkodissa tai "
            "koulussa, ja etsitään keinoja arjen sujumiseen. Terapia voi olla lyhyt ohjausjakso, vanhempien "
            "ja "
            "kasvattajien ohjausta tai säännöllistä yksilöterapiaa. Toimintaterapiaan tarvitaan lääkärin tai "
            "psykologin lähete.",
            en="Occupational therapy looks at what makes everyday life difficult for the child at home, in "
            "day "
            "care or at school and finds ways to make it work. It can be a short period of guidance, advice "
            "for parents and educators or regular individual therapy.",
        ),
        ["occupational-therapy"],
        ["development-concern", "special-needs"],
        except_(RAAKKYLA, POLVIJARVI),
        [
            at("joensuu-terveysasema", [JOENSUU, KONTIOLAHTI, LIPERI, HEINAVESI, ILOMANTSI]),
            at("lieksa-terveysasema", LIEKSA, [MON, WED]),
            at("nurmes-terveysasema", FROM_NURMES, [TUE, THU]),
            at("kitee-terveysasema", [KITEE, TOHMAJARVI], [MON, TUE, WED]),
            at("outokumpu-terveysasema", OUTOKUMPU, [FRI]),
            delivery(
                "school",
                [JOENSUU, LIEKSA],
                note=tr("Toimintaterapeutti voi käydä koulussa arvioimassa oppilaan työskentelyä luokassa."),
            ),
        ],
        "013 330 4710",
    )


def _physiotherapy() -> dict:
    return _therapy(
        "lasten-fysioterapia",
        tr("Lasten fysioterapia", "Fysioterapi för barn", "Physiotherapy for children"),
        tr(
            "Lasten fysioterapeutti arvioi ja tukee vauvan ja lapsen motorista kehitystä, liikkumista ja "
            "asentoja.",
            "Barnfysioterapeuten bedömer och stöder bebisens och barnets motoriska utveckling, rörelse och "
            "hållning.",
            "Paediatric physiotherapists assess and support the motor development, movement and posture of "
            "babies and children.",
        ),
        tr(
            "Fysioterapeutin vastaanotolle tullaan esimerkiksi vauvan asentoepäsymmetrian, viivästyneen "
            "motorisen kehityksen tai kömpelyyden vuoksi. Vanhemmat saavat ohjeita siihen, miten lapsen "
            "kehitystä voi tukea leikin ja arjen avulla. Vauvojen ensikäynti voidaan tehdä kotona.",
            en="Children come to the physiotherapist because of, for example, a baby's asymmetric posture, "
            "delayed motor development or clumsiness. Parents get advice on supporting development through "
            "play and everyday activities. A baby's first visit can take place at home.",
        ),
        ["physiotherapy"],
        ["baby", "development-concern", "special-needs"],
        ALL_CODES,
        [
            at("joensuu-terveysasema", [JOENSUU, KONTIOLAHTI, LIPERI, HEINAVESI, RAAKKYLA, ILOMANTSI]),
            at("lieksa-terveysasema", LIEKSA),
            at("nurmes-terveysasema", FROM_NURMES),
            at("kitee-terveysasema", [KITEE, TOHMAJARVI]),
            at("outokumpu-terveysasema", [OUTOKUMPU, POLVIJARVI], [MON, WED]),
            delivery(
                "home-visit",
                [JOENSUU, KONTIOLAHTI, LIPERI, LIEKSA, NURMES],
                note=tr("Alle vuoden ikäisten vauvojen ensikäynti voidaan tehdä kotona."),
            ),
        ],
        "013 330 4720",
    )


def _nutrition_therapy() -> dict:
    # Rääkkylä and Juuka are deliberate gaps.
    return _therapy(
        "ravitsemusterapia-lapsille",
        tr(
            "Ravitsemusterapia lapsille ja perheille",
            "Näringsterapi för barn och familjer",
            "Nutrition therapy for children and families",
        ),
        tr(
            "Ravitsemusterapeutti auttaa perheitä lapsen syömiseen, ruoka-allergioihin, painonhallintaan ja "
            "erityisruokavalioihin liittyvissä kysymyksissä.",
            "Näringsterapeuten hjälper familjer med frågor om barnets ätande, födoämnesallergier, "
            "viktkontroll och specialdieter.",
            "A nutrition therapist helps families with questions about a child's eating, food allergies, "
            "weight "
            "management and special diets.",
        ),
        tr(
            "Ravitsemusterapeutin vastaanotolle ohjaudutaan lääkärin tai terveydenhoitajan lähetteellä. "
            "Tapaamisissa tehdään perheen arkeen sopiva ruokasuunnitelma ja seurataan lapsen kasvua yhdessä "
            "neuvolan tai kouluterveydenhuollon kanssa. Osa vastaanotoista toteutetaan videoyhteydellä.",
            en="Families are referred by a doctor or nurse. Together you make an eating plan that suits the "
            "family's everyday life, and the child's growth is followed with the clinic or school nurse. "
            "Some appointments are held by video.",
        ),
        ["nutrition-therapy"],
        ["development-concern", "special-needs"],
        except_(RAAKKYLA, JUUKA),
        [
            at("pkks", [JOENSUU, KONTIOLAHTI, LIPERI, OUTOKUMPU, POLVIJARVI, HEINAVESI, ILOMANTSI]),
            at("lieksa-terveysasema", LIEKSA, [THU]),
            at("nurmes-terveysasema", NURMES, [WED]),
            at("kitee-terveysasema", [KITEE, TOHMAJARVI], [TUE]),
            online([LIEKSA, NURMES, ILOMANTSI], tr("Videovastaanotot Omasoten kautta."), office_hours()),
        ],
        "013 330 4730",
        ages=(0, 216),
    )


def _hospital(
    key: str,
    name: dict,
    summary: dict,
    description: dict,
    types: list[str],
    situations: list[str],
    deliveries: list[dict],
    ages: tuple[int | None, int | None],
    phone: str,
    expecting: bool = False,
    how_to_get: dict | None = None,
) -> dict:
    """A specialist service of the North Karelia Central Hospital (PKKS) for the whole region."""
    return service(
        key,
        SIUN_SOTE,
        name=name,
        summary=summary,
        description=description,
        types=types,
        situations=situations,
        areas=ALL_CODES,
        ages=ages,
        expecting=expecting,
        access="referral",
        how_to_get=how_to_get
        or tr(
            "Hoitoon tullaan lääkärin lähetteellä. Kiireellisissä tilanteissa ota yhteyttä "
            "yhteispäivystykseen.",
            en="Patients are referred by a doctor. In urgent cases, contact the emergency department.",
        ),
        phone=phone,
        website="https://www.siunsote.fi/lapset-ja-nuoret-erikoissairaanhoito",
        deliveries=deliveries,
    )


def _child_psychiatry() -> dict:
    return _hospital(
        "lastenpsykiatrian-poliklinikka",
        tr(
            "Lastenpsykiatrian poliklinikka",
            "Barnpsykiatriska polikliniken",
            "Child psychiatry outpatient clinic",
        ),
        tr(
            "Lastenpsykiatrian poliklinikka tutkii ja hoitaa alle 13-vuotiaiden lasten mielenterveyden "
            "häiriöitä.",
            "Barnpsykiatriska polikliniken undersöker och behandlar psykiska störningar hos barn under 13 "
            "år.",
            "The child psychiatry clinic assesses and treats mental health disorders in children under 13.",
        ),
        tr(
            "Poliklinikalle tullaan lääkärin lähetteellä, kun perustason tuki ei riitä. Hoito suunnitellaan "
            "yhdessä perheen kanssa, ja siihen voi kuulua tutkimusjakso, lapsen ja vanhempien tapaamisia, "
            "perheterapiaa tai verkostoneuvotteluja koulun ja varhaiskasvatuksen kanssa. Osa tapaamisista "
            "voidaan järjestää videoyhteydellä.",
            en="Children are referred by a doctor when basic-level support is not enough. Treatment is "
            "planned "
            "with the family and may include an assessment period, meetings with the child and parents, "
            "family therapy or network meetings with the school or day care.",
        ),
        ["child-youth-mental-health", "specialist-paediatric-care"],
        ["mental-wellbeing", "school-age"],
        [
            at("pkks", ALL_CODES, closes="15:30"),
            online(ALL_CODES, tr("Videovastaanotot sovitusti."), office_hours()),
        ],
        (0, 156),
        "013 330 5100",
    )


def _youth_psychiatry() -> dict:
    return _hospital(
        "nuorisopsykiatrian-poliklinikka",
        tr(
            "Nuorisopsykiatrian poliklinikka",
            "Ungdomspsykiatriska polikliniken",
            "Adolescent psychiatry outpatient clinic",
        ),
        tr(
            "Nuorisopsykiatrian poliklinikka hoitaa 13–22-vuotiaiden nuorten vaikeita mielenterveyden "
            "ongelmia.",
            "Ungdomspsykiatriska polikliniken behandlar svåra psykiska problem hos unga i åldern 13–22 år.",
            "The adolescent psychiatry clinic treats serious mental health problems of young people aged "
            "13–22.",
        ),
        tr(
            "Nuorisopsykiatrian poliklinikalla hoidetaan esimerkiksi vaikeaa masennusta, ahdistusta, "
            "syömishäiriöitä ja psykoosioireita. Hoitoon kuuluu yksilökäyntejä, perhetapaamisia ja "
            "tarvittaessa lääkehoitoa. Lieksassa ja Nurmeksessa on jalkautuvat vastaanotot.",
            en="The clinic treats, for example, severe depression, anxiety, eating disorders and psychotic "
            "symptoms. Treatment includes individual visits, family meetings and medication when needed. "
            "There are outreach appointments in Lieksa and Nurmes.",
        ),
        ["child-youth-mental-health", "specialist-paediatric-care"],
        ["teenager", "mental-wellbeing"],
        [
            at("pkks", ALL_CODES, closes="15:30"),
            at("lieksa-terveysasema", LIEKSA, [WED]),
            at("nurmes-terveysasema", FROM_NURMES, [THU]),
            online(ALL_CODES, tr("Videovastaanotot sovitusti."), office_hours()),
        ],
        (156, 264),
        "013 330 5200",
    )


def _low_threshold_mental_health() -> dict:
    return service(
        "lasten-ja-nuorten-mielenterveysvastaanotto",
        SIUN_SOTE,
        name=tr(
            "Lasten ja nuorten mielenterveysvastaanotto",
            "Mottagning för psykisk hälsa för barn och unga",
            "Mental health service for children and young people",
        ),
        summary=tr(
            "Perustason vastaanotolta lapsi tai nuori saa nopeasti keskusteluapua ahdistukseen, alakuloon ja "
            "muihin mielen hyvinvoinnin huoliin.",
            "På mottagningen får barn och unga snabbt samtalsstöd vid ångest, nedstämdhet och andra bekymmer "
            "kring psykiskt välbefinnande.",
            "Children and young people quickly get counselling for anxiety, low mood and other mental "
            "wellbeing "
            "worries.",
        ),
        description=tr(
            "Vastaanotolle voi hakeutua ilman lähetettä, ja ensimmäinen tapaaminen järjestetään yleensä "
            "kahden "
            "viikon sisällä. Työntekijöinä on psykiatrisia sairaanhoitajia, psykologeja ja sosiaaliohjaajia, "
            "jotka käyttävät lyhyitä tutkittuja menetelmiä, kuten IPC-ohjausta. Tarvittaessa hoito jatkuu "
            "lasten- tai nuorisopsykiatrian poliklinikalla.",
            "Ingen remiss behövs, och det första mötet ordnas vanligen inom två veckor. Vid behov fortsätter "
            "vården på barn- eller ungdomspsykiatriska polikliniken.",
            "No referral is needed, and the first meeting is usually within two weeks. Psychiatric nurses, "
            "psychologists and social counsellors use brief, evidence-based methods such as interpersonal "
            "counselling. If needed, care continues at the child or adolescent psychiatry clinic.",
        ),
        types=["child-youth-mental-health"],
        situations=["mental-wellbeing", "teenager", "school-age"],
        areas=ALL_CODES,
        ages=(84, 264),
        languages=["fi", "en"],
        how_to_get=tr(
            "Soita vastaanoton numeroon tai jätä yhteydenottopyyntö Omasotessa. Myös nuori voi "
            "ottaa yhteyttä itse.",
            en="Call us or send a contact request in Omasote. Young people can contact us themselves.",
        ),
        phone="013 330 5300",
        email="nuortenmielenterveys@siunsote.fi",
        website="https://www.siunsote.fi/nuorten-mielenterveys",
        eservice=OMASOTE,
        deliveries=[
            at("joensuu-perhekeskus", [JOENSUU, KONTIOLAHTI, LIPERI, POLVIJARVI, HEINAVESI]),
            at("lieksa-perhekeskus", LIEKSA),
            at("nurmes-perhekeskus", FROM_NURMES),
            at("kitee-perhekeskus", FROM_KITEE),
            at("outokumpu-terveysasema", OUTOKUMPU, [TUE, THU]),
            at("ilomantsi-terveysasema", ILOMANTSI, [MON]),
            online(
                ALL_CODES,
                tr("Chat ja videovastaanotot arkisin.", en="Chat and video appointments on weekdays."),
                office_hours(MON_FRI, "09:00", "15:00", by_appointment=False),
            ),
            delivery(
                "school",
                JOENSUU,
                note=tr(
                    "Työntekijät pitävät vastaanottoa myös Joensuun yläkouluilla.",
                    en="Staff also hold sessions at Joensuu lower secondary schools.",
                ),
            ),
        ],
    )


def _paediatric_outpatient_clinic() -> dict:
    return _hospital(
        "lastentautien-poliklinikka",
        tr("Lastentautien poliklinikka", "Pediatriska polikliniken", "Paediatric outpatient clinic"),
        tr(
            "Lastentautien poliklinikka tutkii ja hoitaa lasten ja nuorten sairauksia erikoislääkärin "
            "johdolla.",
            "Pediatriska polikliniken undersöker och behandlar sjukdomar hos barn och unga under ledning av "
            "specialistläkare.",
            "The paediatric outpatient clinic examines and treats illnesses of children and young people "
            "under "
            "specialist doctors.",
        ),
        tr(
            "Poliklinikalla hoidetaan esimerkiksi astmaa, diabetesta, allergioita, epilepsiaa ja kasvun "
            "häiriöitä. Hoidon suunnittelussa ovat mukana lastenlääkärit, erikoissairaanhoitajat ja "
            "kuntoutuksen "
            "ammattilaiset. Pitkäaikaissairaiden lasten perheet saavat tukea myös sopeutumisvalmennuksesta.",
            "På polikliniken behandlas till exempel astma, diabetes, allergier, epilepsi och "
            "tillväxtstörningar.",
            "The clinic treats, for example, asthma, diabetes, allergies, epilepsy and growth disorders. "
            "Paediatricians, specialist nurses and rehabilitation professionals plan care together. Families "
            "of "
            "children with long-term illnesses also get support from adjustment training.",
        ),
        ["specialist-paediatric-care"],
        ["special-needs", "development-concern"],
        [at("pkks", ALL_CODES, closes="15:30")],
        (0, 192),
        "013 330 5400",
    )


def _paediatric_ward() -> dict:
    return _hospital(
        "lasten-ja-nuorten-osasto",
        tr("Lasten ja nuorten osasto", "Barn- och ungdomsavdelningen", "Children's and adolescents' ward"),
        tr(
            "Lasten ja nuorten osastolla hoidetaan sairaalahoitoa tarvitsevia lapsia ja nuoria ympäri "
            "vuorokauden.",
            "På barn- och ungdomsavdelningen vårdas barn och unga som behöver sjukhusvård dygnet runt.",
            "The ward cares for children and young people who need hospital treatment around the clock.",
        ),
        tr(
            "Osastolla voi olla vanhempi lapsen mukana koko hoidon ajan, ja perhehuoneissa vanhempi voi myös "
            "yöpyä. Osastolle tullaan yhteispäivystyksen kautta tai lääkärin lähetteellä. Sairaalakoulu "
            "tukee "
            "pitkään osastolla olevien lasten koulunkäyntiä.",
            en="A parent can stay with the child throughout the treatment, and in family rooms also "
            "overnight. "
            "Children come through the emergency department or with a referral. The hospital school helps "
            "children who stay longer to keep up with school.",
        ),
        ["specialist-paediatric-care"],
        ["special-needs"],
        [
            delivery(
                "provider-site",
                ALL_CODES,
                "pkks",
                tr("Osasto on C-siiven kolmannessa kerroksessa."),
                around_the_clock(tr("Vierailut sovitaan osaston kanssa.")),
            )
        ],
        (0, 192),
        "013 330 5500",
        how_to_get=tr(
            "Osastolle tullaan yhteispäivystyksen kautta tai lääkärin lähetteellä.",
            en="Through the emergency department or with a referral.",
        ),
    )


def _birth_preparation() -> dict:
    return _hospital(
        "synnytysvalmennus",
        tr(
            "Synnytysvalmennus ja tutustuminen synnytyssairaalaan",
            "Förlossningsförberedelse",
            "Childbirth preparation",
        ),
        tr(
            "Pohjois-Karjalan keskussairaalan synnytysvalmennus kertoo synnytyksen kulusta, "
            "kivunlievityksestä "
            "ja ensimmäisistä päivistä vauvan kanssa.",
            "Förlossningsförberedelsen vid Norra Karelens centralsjukhus berättar om förlossningen, "
            "smärtlindring och de första dagarna med barnet.",
            "The childbirth preparation of the North Karelia Central Hospital explains labour, pain relief "
            "and "
            "the first days with your baby.",
        ),
        tr(
            "Valmennus on katsottavissa verkossa omaan tahtiin, ja sen lisäksi järjestetään "
            "keskiviikkoiltaisin "
            "tutustumiskierroksia synnytysosastolle. Kaikki maakunnan synnytykset hoidetaan Joensuussa, "
            "joten "
            "valmennus on tarkoitettu koko Pohjois-Karjalan perheille. Tukihenkilö on tervetullut mukaan.",
            en="The course can be watched online at your own pace, and tours of the maternity ward are held "
            "on "
            "Wednesday evenings. All births in the region take place in Joensuu, so the course is meant for "
            "families from all of North Karelia.",
        ),
        ["antenatal-family-training"],
        ["expecting"],
        [
            online(
                ALL_CODES,
                tr(
                    "Verkkovalmennus on katsottavissa milloin tahansa.",
                    en="The online course is available at any time.",
                ),
            ),
            delivery(
                "provider-site",
                ALL_CODES,
                "pkks",
                tr("Tutustumiskierroksille ilmoittaudutaan ennakkoon."),
                term_hours(rule([WED], "18:00", "19:00")),
            ),
        ],
        (None, None),
        "013 330 5600",
        expecting=True,
        how_to_get=tr(
            "Linkin verkkovalmennukseen saat äitiysneuvolasta.",
            en="The maternity clinic gives you the link to the online course.",
        ),
    )


def _substance_use_pregnancy() -> dict:
    return _hospital(
        "hal-poliklinikka",
        tr("HAL-poliklinikka", "HAL-polikliniken", "HAL outpatient clinic"),
        tr(
            "HAL-poliklinikka tukee raskaana olevia, joilla on päihteiden tai lääkkeiden käyttöä, ja seuraa "
            "raskautta yhdessä äitiysneuvolan kanssa.",
            "HAL-polikliniken stöder gravida som använder rusmedel eller läkemedel och följer graviditeten "
            "tillsammans med mödrarådgivningen.",
            "The HAL clinic supports pregnant women who use substances or medicines and follows the "
            "pregnancy "
            "together with the maternity clinic.",
        ),
        tr(
            "Poliklinikalla työskentelee kätilöitä, sosiaalityöntekijä ja lääkäri, jotka auttavat "
            "vähentämään tai lopettamaan päihteiden käytön raskauden aikana. Tuki jatkuu vauvan syntymän "
            "jälkeen, ja tarvittaessa perhe ohjataan ensikotiin tai päihdekuntoutukseen. Asioista puhutaan "
            "luottamuksellisesti ja ilman syyllistämistä.",
            en="Midwives, a social worker and a doctor help to reduce or stop substance use during "
            "pregnancy. "
            "Support continues after the birth, and families can be guided to a mother and child home or "
            "to rehabilitation.",
        ),
        ["substance-use-support"],
        ["expecting", "substance-use"],
        [at("pkks", ALL_CODES, closes="15:00")],
        (None, None),
        "013 330 5700",
        expecting=True,
    )


def _domestic_violence_work() -> dict:
    return service(
        "lahisuhdevakivaltatyo",
        SIUN_SOTE,
        name=tr(
            "Lähisuhdeväkivaltatyö",
            "Arbete mot våld i nära relationer",
            "Support for domestic and intimate partner violence",
        ),
        summary=tr(
            "Lähisuhdeväkivaltatyöstä saa apua, jos olet kokenut tai käyttänyt väkivaltaa läheisessä "
            "ihmissuhteessa tai lapsi on nähnyt väkivaltaa.",
            "Du får hjälp om du har upplevt eller utövat våld i en nära relation eller om ett barn har sett "
            "våld.",
            "Help if you have experienced or used violence in a close relationship or if a child has "
            "witnessed "
            "violence.",
        ),
        description=tr(
            "Työntekijät tapaavat väkivaltaa kokeneita, väkivaltaa käyttäneitä sekä väkivaltaa nähneitä tai "
            "kokeneita lapsia ja nuoria. Tapaamisissa arvioidaan turvallisuus, tehdään turvasuunnitelma ja "
            "sovitaan jatkotuesta, kuten turvakotiin pääsystä tai MARAK-työskentelystä. Palvelu on "
            "luottamuksellista ja maksutonta, ja neuvoa voi kysyä myös nimettömänä puhelimitse.",
            en="Staff meet people who have experienced or used violence and children who have witnessed or "
            "experienced it. Meetings assess safety, make a safety plan and agree on further support, such "
            "as a place in a shelter or multi-agency risk assessment (MARAC). The service is confidential "
            "and free, and you can also ask for advice anonymously by phone.",
        ),
        types=["domestic-violence-support"],
        situations=["violence"],
        areas=ALL_CODES,
        languages=["fi", "en"],
        how_to_get=tr(
            "Soita neuvontanumeroon arkisin. Välittömässä vaarassa soita 112.",
            en="Call the advice line on weekdays. If you are in immediate danger, call 112.",
        ),
        phone="013 330 5800",
        email="lahisuhdevakivalta@siunsote.fi",
        website="https://www.siunsote.fi/lahisuhdevakivalta",
        deliveries=[
            *regional_offices(
                "joensuu-sosiaalipalvelut", lieksa_days=[MON, WED], nurmes_days=[TUE], kitee_days=[THU]
            ),
            by_phone(ALL_CODES, MON_FRI, "09:00", "15:00"),
        ],
    )


def _social_emergency() -> dict:
    return service(
        "sosiaali-ja-kriisipaivystys",
        SIUN_SOTE,
        name=tr(
            "Sosiaali- ja kriisipäivystys", "Social- och krisjour", "Social and crisis emergency services"
        ),
        summary=tr(
            "Sosiaali- ja kriisipäivystys auttaa kiireellisissä sosiaalisissa hätätilanteissa ja äkillisissä "
            "kriiseissä ympäri vuorokauden.",
            "Social- och krisjouren hjälper dygnet runt i brådskande sociala nödsituationer och plötsliga "
            "kriser.",
            "The social and crisis emergency service helps around the clock in urgent social emergencies and "
            "sudden crises.",
        ),
        description=tr(
            "Päivystykseen voi soittaa esimerkiksi silloin, kun lapsen turvallisuus on vaarassa, perheessä "
            "on "
            "väkivaltaa tai perhettä on kohdannut äkillinen kriisi, kuten läheisen kuolema. Virka-aikana "
            "kiireelliset lastensuojeluasiat hoitaa oman alueen lastensuojelu ja muina aikoina "
            "sosiaalipäivystys. Hätätilanteessa soita aina 112.",
            "Du kan ringa jouren till exempel när ett barns säkerhet är i fara, när det förekommer våld i "
            "familjen eller vid en plötslig kris. I nödsituationer ring alltid 112.",
            "You can call, for example, when a child's safety is at risk, when there is violence in the "
            "family "
            "or when the family faces a sudden crisis such as the death of a close person. In an emergency "
            "always call 112.",
        ),
        types=["child-welfare", "domestic-violence-support"],
        situations=["violence", "parent-coping"],
        areas=ALL_CODES,
        professionals=True,
        languages=["fi", "sv", "en"],
        access="drop-in",
        how_to_get=tr(
            "Soita päivystysnumeroon mihin vuorokaudenaikaan tahansa.",
            en="Call the emergency number at any time of day or night.",
        ),
        phone="013 330 6000",
        website="https://www.siunsote.fi/sosiaalipaivystys",
        deliveries=[
            delivery("phone", ALL_CODES, schedules=around_the_clock()),
            delivery(
                "provider-site",
                ALL_CODES,
                "pkks",
                tr(
                    "Sosiaalipäivystäjä työskentelee keskussairaalan yhteispäivystyksen yhteydessä.",
                    en="The social emergency worker is based at the hospital's emergency department.",
                ),
                around_the_clock(),
            ),
        ],
    )


def _child_welfare() -> dict:
    return service(
        "lastensuojelu",
        SIUN_SOTE,
        name=tr("Lastensuojelun sosiaalityö", "Socialt arbete inom barnskyddet", "Child welfare social work"),
        summary=tr(
            "Lastensuojelu tukee lasta ja perhettä silloin, kun lapsen kasvuolot tai oma käyttäytyminen "
            "vaarantavat hänen terveytensä tai kehityksensä.",
            "Barnskyddet stöder barnet och familjen när barnets uppväxtförhållanden eller eget beteende "
            "äventyrar hens hälsa eller utveckling.",
            "Child welfare supports the child and family when the child's living conditions or own behaviour "
            "put their health or development at risk.",
        ),
        description=tr(
            "Lastensuojelun asiakkuus alkaa lastensuojeluilmoituksesta tai perheen omasta yhteydenotosta, "
            "jonka jälkeen selvitetään lapsen tilanne ja tuen tarve. Avohuollon tukitoimia ovat esimerkiksi "
            "tehostettu perhetyö, tukihenkilö tai -perhe, perhekuntoutus ja taloudellinen tuki. "
            "Lastensuojeluilmoituksen voi tehdä kuka tahansa, ja ammattilaisilla on siihen lakisääteinen "
            "velvollisuus.",
            en="Child welfare starts from a child welfare notification or the family's own contact, after "
            "which "
            "the child's situation and need for support are assessed. Support in open care includes "
            "intensive family work, a support person or family, family rehabilitation and financial "
            "support. Anyone can make a notification, and professionals are required by law to do so.",
        ),
        types=["child-welfare"],
        situations=["violence", "substance-use", "parent-coping"],
        areas=ALL_CODES,
        ages=(0, 216),
        whole_family=True,
        professionals=True,
        how_to_get=tr(
            "Lastensuojeluilmoituksen voi tehdä sähköisesti Siun soten verkkosivuilla tai soittamalla "
            "ilmoituspuhelimeen. Virka-ajan ulkopuolella ota yhteyttä sosiaali- ja kriisipäivystykseen.",
            en="Make a notification online on the Siun sote website or by phone. Outside office hours, "
            "contact "
            "the social and crisis emergency service.",
        ),
        phone="013 330 6100",
        email="lastensuojelu@siunsote.fi",
        website="https://www.siunsote.fi/lastensuojelu",
        eservice="https://www.siunsote.fi/lastensuojeluilmoitus",
        contacts=[
            contact("Lastensuojelun ilmoituspuhelin", tr("Arkisin 8–15", en="Weekdays 8–15"), "013 330 6100")
        ],
        deliveries=[
            *regional_offices(
                "joensuu-sosiaalipalvelut",
                lieksa="lieksa-terveysasema",
                nurmes="nurmes-terveysasema",
                kitee="kitee-terveysasema",
            ),
            delivery("home-visit", ALL_CODES, schedules=office_hours(MON_FRI, "08:00", "16:00")),
            by_phone(ALL_CODES, MON_FRI, "08:00", "15:00", tr("Lastensuojelun ilmoituspuhelin.")),
        ],
    )


def _service_guidance() -> dict:
    return service(
        "lapsiperheiden-palveluneuvonta",
        SIUN_SOTE,
        name=tr(
            "Lapsiperheiden palveluneuvonta",
            "Servicerådgivning för barnfamiljer",
            "Service guidance for families with children",
        ),
        summary=tr(
            "Palveluneuvonnasta saat tietoa ja ohjausta Siun soten, kuntien ja järjestöjen palveluista "
            "lapsiperheille.",
            "Servicerådgivningen ger information och vägledning om tjänster för barnfamiljer hos Siun sote, "
            "kommunerna och organisationerna.",
            "Service guidance gives information and advice about services for families provided by Siun "
            "sote, "
            "the municipalities and NGOs.",
        ),
        description=tr(
            "Palveluohjaaja kuuntelee perheen tilanteen ja auttaa löytämään sopivan palvelun, oli kyse "
            "neuvolasta, perhetyöstä, kotipalvelusta tai järjestöjen vertaistuesta. Tarvittaessa "
            "palveluohjaaja "
            "välittää yhteydenottopyynnön suoraan oikealle työntekijälle perheen suostumuksella. Neuvontaa "
            "saa "
            "puhelimitse, chatissa ja Joensuun ja Lieksan perhekeskuksissa.",
            "Servicehandledaren lyssnar på familjens situation och hjälper till att hitta rätt tjänst. Vid "
            "behov förmedlar handledaren en kontaktbegäran direkt till rätt arbetstagare med familjens "
            "samtycke.",
            "A service counsellor listens to your situation and helps you find the right service, whether it "
            "is the clinic, family work, home help or peer support from NGOs. With your consent, the "
            "counsellor "
            "can pass a contact request directly to the right worker. Advice is available by phone, by chat "
            "and in the Joensuu and Lieksa family centres.",
        ),
        types=["service-guidance"],
        situations=["parent-coping", "new-to-finland", "special-needs"],
        areas=ALL_CODES,
        whole_family=True,
        languages=["fi", "en"],
        access="drop-in",
        how_to_get=tr(
            "Soita, avaa chat Siun soten verkkosivuilla tai tule käymään perhekeskuksessa.",
            en="Call, open the chat on the Siun sote website or visit a family centre.",
        ),
        phone="013 330 6200",
        email="perheneuvonta@siunsote.fi",
        website="https://www.siunsote.fi/perhekeskus",
        deliveries=[
            by_phone(ALL_CODES, MON_FRI, "08:00", "16:00"),
            online(
                ALL_CODES,
                tr("Chat Siun soten verkkosivuilla.", en="Chat on the Siun sote website."),
                office_hours([MON, TUE, WED, THU], "09:00", "15:00", by_appointment=False),
            ),
            at("joensuu-perhekeskus", JOENSUU, MON_FRI, "09:00", "15:00", by_appointment=False),
            at("lieksa-perhekeskus", LIEKSA, [TUE], "09:00", "14:00", by_appointment=False),
        ],
    )


def _family_rehabilitation() -> dict:
    return service(
        "perhekuntoutus",
        SIUN_SOTE,
        name=tr("Perhekuntoutus", "Familjerehabilitering", "Family rehabilitation"),
        summary=tr(
            "Perhekuntoutus on suunnitelmallista ja tiivistä tukea perheille, joiden arki on pitkään "
            "kuormittunut.",
            "Familjerehabilitering är planmässigt och intensivt stöd för familjer vars vardag länge har "
            "varit "
            "belastad.",
            "Family rehabilitation is planned, intensive support for families whose everyday life has been "
            "under strain for a long time.",
        ),
        description=tr(
            "Perhekuntoutus kestää yleensä puolesta vuodesta vuoteen, ja siihen kuuluu kotikäyntejä, "
            "perhetapaamisia ja ryhmäjaksoja. Tavoitteena on vahvistaa vanhemmuutta ja vuorovaikutusta sekä "
            "löytää keinoja arjen hallintaan. Kuntoutukseen ohjaudutaan lastensuojelun tai sosiaalihuollon "
            "kautta.",
            en="Family rehabilitation usually lasts from six months to a year and includes home visits, "
            "family "
            "meetings and group periods. The aim is to strengthen parenting and interaction and find ways "
            "to manage everyday life.",
        ),
        types=["family-rehabilitation"],
        situations=["special-needs", "parent-coping", "substance-use"],
        areas=ALL_CODES,
        whole_family=True,
        access="referral",
        how_to_get=tr(
            "Perheen sosiaalityöntekijä tai sosiaaliohjaaja hakee kuntoutusta yhdessä perheen kanssa.",
            en="The family's social worker applies for rehabilitation together with the family.",
        ),
        phone="013 330 6300",
        website="https://www.siunsote.fi/perhekuntoutus",
        deliveries=[
            at("joensuu-sosiaalipalvelut", ALL_CODES),
            delivery("home-visit", ALL_CODES, schedules=office_hours(MON_FRI, "08:00", "18:00")),
        ],
    )


def _parenting_groups() -> dict:
    return service(
        "vanhempainryhmat",
        SIUN_SOTE,
        name=tr("Vanhempainryhmät", "Föräldragrupper", "Parenting groups"),
        summary=tr(
            "Vanhempainryhmissä saa tietoa ja käytännön keinoja lapsen tunteiden ja käyttäytymisen "
            "tukemiseen.",
            "I föräldragrupperna får man kunskap och praktiska sätt att stödja barnets känslor och beteende.",
            "Parenting groups give information and practical ways to support a child's emotions and "
            "behaviour.",
        ),
        description=tr(
            "Ryhmissä käytetään tutkitusti vaikuttavia menetelmiä, kuten Ihmeelliset vuodet -ohjelmaa, ja ne "
            "on tarkoitettu 3–8-vuotiaiden lasten vanhemmille. Ryhmä kokoontuu kerran viikossa noin 12 "
            "kertaa, ja lastenhoito järjestetään tapaamisten ajaksi. Verkkoryhmään voi osallistua mistä "
            "tahansa maakunnan kunnasta.",
            en="The groups use evidence-based programmes such as Incredible Years and are meant for parents "
            "of "
            "children aged 3–8. A group meets once a week about 12 times, with childcare arranged during the "
            "meetings. Anyone in the region can join the online group.",
        ),
        types=["parenting-support"],
        situations=["under-school-age", "school-age", "parent-coping"],
        areas=ALL_CODES,
        ages=(36, 96),
        access="registration",
        how_to_get=tr(
            "Ilmoittaudu neuvolan, perhetyön tai perheneuvolan kautta.",
            en="Register through the clinic, family work or family counselling.",
        ),
        phone="013 330 6400",
        website="https://www.siunsote.fi/vanhempainryhmat",
        deliveries=[
            delivery(
                "family-centre-building",
                [JOENSUU, KONTIOLAHTI, LIPERI],
                "joensuu-perhekeskus",
                schedules=term_hours(rule([TUE], "17:00", "19:00")),
            ),
            delivery(
                "family-centre-building",
                LIEKSA,
                "lieksa-perhekeskus",
                schedules=term_hours(rule([WED], "17:00", "19:00")),
            ),
            delivery(
                "family-centre-building",
                [KITEE, TOHMAJARVI],
                "kitee-perhekeskus",
                schedules=term_hours(rule([THU], "17:00", "19:00")),
            ),
            delivery(
                "family-centre-building",
                NURMES,
                "nurmes-perhekeskus",
                schedules=term_hours(rule([MON], "17:00", "19:00")),
            ),
            online(ALL_CODES, schedules=term_hours(rule([MON], "18:30", "20:00"))),
        ],
    )


def _immigrant_guidance() -> dict:
    codes = [JOENSUU, KONTIOLAHTI, LIPERI, OUTOKUMPU, ILOMANTSI, TOHMAJARVI]
    return service(
        "maahan-muuttaneiden-perheiden-palveluohjaus",
        SIUN_SOTE,
        name=tr(
            "Maahan muuttaneiden perheiden palveluohjaus",
            "Servicehandledning för inflyttade familjer",
            "Service guidance for immigrant families",
        ),
        summary=tr(
            "Palveluohjaaja auttaa Suomeen muuttaneita lapsiperheitä löytämään sosiaali- ja terveyspalvelut "
            "ja "
            "ymmärtämään, miten ne toimivat.",
            "Servicehandledaren hjälper barnfamiljer som flyttat till Finland att hitta social- och "
            "hälsovårdstjänster och förstå hur de fungerar.",
            "A service counsellor helps families who have moved to Finland find social and health services "
            "and "
            "understand how they work.",
        ),
        description=tr(
            "Palveluohjaaja neuvoo esimerkiksi neuvolan, hammashoidon ja varhaiskasvatuksen käytössä ja "
            "auttaa "
            "täyttämään hakemuksia. Vastaanotolla voi käyttää tulkkia, ja osa työntekijöistä puhuu "
            "englantia, "
            "venäjää, ukrainaa tai arabiaa. Palvelu tehdään yhteistyössä kuntien kotoutumispalvelujen "
            "kanssa.",
            en="The counsellor gives advice on using the clinics, dental care and early childhood education "
            "and "
            "helps with applications. An interpreter can be used, and some staff speak English, Russian, "
            "Ukrainian or Arabic. The service works together with the municipal integration services.",
        ),
        types=["immigrant-family-support", "service-guidance"],
        situations=["new-to-finland"],
        areas=codes,
        whole_family=True,
        languages=["fi", "en", "ru", "uk", "ar"],
        how_to_get=tr(
            "Tule avoimelle vastaanotolle tai varaa aika puhelimitse.",
            en="Come to the drop-in hours or book a time by phone.",
        ),
        phone="013 330 6500",
        email="monikulttuurinen.ohjaus@siunsote.fi",
        website="https://www.siunsote.fi/maahanmuuttajat",
        deliveries=[
            at(
                "joensuu-perhekeskus",
                [JOENSUU, KONTIOLAHTI, LIPERI],
                [TUE, THU],
                "09:00",
                "12:00",
                tr("Avoin vastaanotto tiistaisin ja torstaisin.", en="Drop-in on Tuesdays and Thursdays."),
                by_appointment=False,
            ),
            by_phone(codes, MON_FRI, "09:00", "15:00"),
        ],
    )


def _siun_sote_regional_services() -> list[dict]:
    return [
        _family_counselling(),
        _separation_support(),
        _child_welfare_supervisor(),
        _couple_relationship_support(),
        _psychologist(),
        _speech_therapy(),
        _occupational_therapy(),
        _physiotherapy(),
        _nutrition_therapy(),
        _child_psychiatry(),
        _youth_psychiatry(),
        _low_threshold_mental_health(),
        _paediatric_outpatient_clinic(),
        _paediatric_ward(),
        _birth_preparation(),
        _substance_use_pregnancy(),
        _domestic_violence_work(),
        _social_emergency(),
        _child_welfare(),
        _service_guidance(),
        _family_rehabilitation(),
        _parenting_groups(),
        _immigrant_guidance(),
    ]


# ---------------------------------------------------------------------------------------------------------
# Municipalities: early childhood education, youth, sports, libraries, meeting places
# ---------------------------------------------------------------------------------------------------------


def municipal_mobile(code: str, block: int) -> str:
    """Invented mobile numbers of municipal staff."""
    index = ALL_CODES.index(code)
    return f"044 {block + index} {5100 + 37 * index}"


YOUTH_HOUSES = {
    JOENSUU: (
        "nuorisotalo",
        "Nuorisotalo Kipinä",
        [rule([MON, TUE, WED, THU], "15:00", "21:00"), rule([FRI], "18:00", "23:00")],
    ),
    KONTIOLAHTI: (
        "nuorisotila",
        "Nuorisotila Kontio",
        [rule([MON, TUE, WED, THU], "14:00", "20:00"), rule([FRI], "18:00", "22:00")],
    ),
    LIPERI: (
        "nuorisotila",
        "Nuorisotila Nuotta",
        [rule([TUE, WED], "15:00", "20:00"), rule([FRI], "18:00", "22:00")],
    ),
    LIEKSA: (
        "nuorisotila",
        "Nuorisotila Kulma",
        [rule([TUE, WED, THU], "15:00", "20:00"), rule([FRI], "18:00", "22:00")],
    ),
    KITEE: (
        "nuorisotila",
        "Nuorisotila Pesä",
        [rule([MON, WED], "15:00", "20:00"), rule([FRI], "18:00", "22:00")],
    ),
    NURMES: (
        "nuorisotila",
        "Nuorisotalo Nuokkari",
        [rule([TUE, THU], "15:00", "20:00"), rule([FRI], "18:00", "22:00")],
    ),
    OUTOKUMPU: (
        "nuorisotila",
        "Nuorisotalo Kaivos",
        [rule([MON, TUE, WED, THU], "15:00", "20:00"), rule([FRI], "18:00", "22:00")],
    ),
    ILOMANTSI: (
        "nuorisotila",
        "Nuorisotila Vaara",
        [rule([TUE, THU], "16:00", "20:00"), rule([FRI], "18:00", "22:00")],
    ),
    JUUKA: (
        "nuorisotila",
        "Nuorisotila Junnari",
        [rule([WED], "15:00", "20:00"), rule([FRI], "18:00", "22:00")],
    ),
    POLVIJARVI: (
        "nuorisotila",
        "Nuorisotila Polle",
        [rule([TUE], "15:00", "20:00"), rule([FRI], "18:00", "22:00")],
    ),
    TOHMAJARVI: (
        "nuorisotila",
        "Nuorisotila Kemppi",
        [rule([MON, WED], "15:00", "20:00"), rule([FRI], "18:00", "22:00")],
    ),
    HEINAVESI: (
        "nuorisotila",
        "Nuorisotila Kanava",
        [rule([THU], "15:00", "20:00"), rule([FRI], "18:00", "22:00")],
    ),
    RAAKKYLA: (
        "nuorisotila",
        "Nuorisotila Rääkki",
        [rule([WED], "15:00", "19:00"), rule([FRI], "18:00", "21:00")],
    ),
}
YOUTH_ONLINE = {JOENSUU, LIEKSA, KONTIOLAHTI, OUTOKUMPU}


def youth_schedules(rules: list[dict], summer: bool) -> list[dict]:
    season_rules = [dict(item) for item in rules]
    rows = [
        schedule(
            *season_rules, valid=("2026-01-07", "2026-06-05"), description=tr("Kevätkausi", en="Spring")
        ),
        schedule(
            *season_rules,
            valid=("2026-08-10", "2026-12-31"),
            description=tr("Syyskausi", en="Autumn"),
            exceptions=[
                open_on("2026-12-11", "18:00", "23:30", tr("Pikkujoulubileet", en="Christmas party")),
                closed_on("2026-12-24", tr("Jouluaatto", en="Christmas Eve")),
                closed_on("2026-12-31", tr("Uudenvuodenaatto", en="New Year's Eve")),
            ],
        ),
    ]
    if summer:
        rows.insert(
            1,
            schedule(
                rule([TUE, WED, THU], "12:00", "18:00"),
                valid=SUMMER_2026,
                description=tr("Kesäaukiolo", en="Summer opening hours"),
            ),
        )
    return rows


def _youth_services(m: Municipality) -> dict:
    suffix, house, rules = YOUTH_HOUSES[m.code]
    location = f"{m.slug}-{suffix}"
    status = "active"
    description = tr(
        f"{house} on avoin kohtaamispaikka yläkouluikäisille ja sitä vanhemmille nuorille. Illoissa voi "
        "pelata, kokata, soittaa tai vain jutella nuoriso-ohjaajien kanssa. Nuorisopalvelut järjestävät myös "
        "retkiä, leirejä ja loma-ajan toimintaa, ja nuoret voivat vaikuttaa kunnan asioihin "
        "nuorisovaltuuston kautta.",
        en=f"{house} is an open meeting place for young people from lower secondary school age upwards. In "
        "the evenings you can play games, cook, make music or just talk with the youth workers. Youth "
        "services also organise trips, camps and holiday activities, and young people can influence local "
        "decisions through the youth council.",
    )
    deliveries = [
        delivery("provider-site", m.code, location, schedules=youth_schedules(rules, m.code in BIG))
    ]
    if m.code == OUTOKUMPU:
        status = "temporarily-closed"
        description = tr(
            f"{house} on suljettuna peruskorjauksen vuoksi syksyyn 2026 asti. Sillä aikaa nuoriso-ohjaajat "
            "pitävät avoimia iltoja koulukeskuksen tiloissa ja ovat tavattavissa verkossa. Talon on määrä "
            "avautua uudistettuna syyslomalla.",
            en=f"{house} is closed for renovation until autumn 2026. Meanwhile the youth workers hold open "
            "evenings at the school centre and can be reached online.",
        )
        deliveries.append(
            delivery(
                "school",
                m.code,
                note=tr("Väistötilat koulukeskuksessa remontin ajan."),
                schedules=[schedule(rule([TUE, THU], "15:00", "20:00"), valid=("2026-01-07", "2026-10-16"))],
            )
        )
    if m.code in YOUTH_ONLINE:
        deliveries.append(
            online(
                m.code,
                tr(
                    "Nuoriso-ohjaajat ovat tavattavissa Discordissa ja Instagramissa.",
                    en="Youth workers can be reached on Discord and Instagram.",
                ),
                [schedule(rule([MON, TUE, WED, THU], "18:00", "20:00"))],
            )
        )
    return service(
        f"{m.slug}-nuorisopalvelut",
        m.org_key,
        name=tr(f"Nuorisopalvelut, {m.fi}", f"Ungdomstjänster, {m.sv}", f"Youth services, {m.en}"),
        summary=tr(
            "Nuorisopalvelut tarjoavat nuorille avointa toimintaa, harrastuksia ja tukea turvallisten "
            "aikuisten "
            "seurassa.",
            "Ungdomstjänsterna erbjuder unga öppen verksamhet, fritidsaktiviteter och stöd av trygga vuxna.",
            "Youth services offer young people open activities, hobbies and support from trusted adults.",
        ),
        description=description,
        types=["youth-services"],
        situations=["teenager"],
        areas=[m.code],
        ages=(156, 348),
        parents=False,
        languages=["fi", "en"] if m.code == JOENSUU else None,
        access="drop-in",
        how_to_get=tr(
            "Tule paikalle aukioloaikana, ilmoittautumista ei tarvita.",
            en="Just drop in during opening hours; no registration is needed.",
        ),
        phone=municipal_mobile(m.code, 710),
        email=f"nuorisopalvelut@{m.domain}",
        website=f"https://www.{m.domain}/nuorisopalvelut",
        status=status,
        deliveries=deliveries,
    )


def _early_childhood_education(m: Municipality) -> dict:
    deliveries = [
        delivery(
            "early-childhood-education",
            m.code,
            note=tr(
                "Useimmat päiväkodit ovat auki arkisin kello 6.30–17.",
                en="Most day-care centres are open on weekdays from 6.30 to 17.",
            ),
            schedules=[schedule(rule(MON_FRI, "06:30", "17:00"))],
        ),
        by_phone(
            [m.code],
            MON_FRI,
            "09:00",
            "12:00",
            tr("Varhaiskasvatuksen palveluohjaus.", en="Early childhood education service guidance."),
        ),
    ]
    if m.code == JOENSUU:
        deliveries.insert(
            1,
            delivery(
                "early-childhood-education",
                m.code,
                note=tr(
                    "Vuorohoitoa tarjotaan iltaisin, öisin ja viikonloppuisin vanhempien työvuorojen mukaan. "
                    "Joensuussa toimii myös englanninkielinen varhaiskasvatusryhmä.",
                    en="Round-the-clock care is offered in the evenings, at night and at weekends according "
                    "to "
                    "the parents' shifts. Joensuu also has an English-language group.",
                ),
                schedules=around_the_clock(tr("Vuorohoitopäiväkoti", en="Round-the-clock day-care centre")),
            ),
        )
    return service(
        f"{m.slug}-varhaiskasvatus",
        m.org_key,
        name=tr(
            f"Varhaiskasvatus, {m.fi}", f"Småbarnspedagogik, {m.sv}", f"Early childhood education, {m.en}"
        ),
        summary=tr(
            "Päiväkodit ja perhepäivähoito tarjoavat varhaiskasvatusta ja esiopetusta alle kouluikäisille "
            "lapsille.",
            "Daghemmen och familjedagvården erbjuder småbarnspedagogik och förskoleundervisning för barn "
            "under "
            "skolåldern.",
            "Day-care centres and family day care provide early childhood and pre-primary education for "
            "children under school age.",
        ),
        description=tr(
            f"{m.organization_name} järjestää varhaiskasvatusta päiväkodeissa ja perhepäivähoidossa sekä "
            "maksutonta esiopetusta kouluun valmistautuville. Varhaiskasvatuksessa lapsi leikkii, oppii ja "
            "harjoittelee taitojaan yhdessä muiden lasten kanssa, ja jokaiselle laaditaan oma "
            "varhaiskasvatussuunnitelma. Hakemus kannattaa jättää neljä kuukautta ennen hoidon tarvetta tai "
            "kaksi viikkoa ennen, jos tarve johtuu äkillisestä työllistymisestä tai opiskelusta.",
            f"{m.organization_sv} ordnar småbarnspedagogik i daghem och familjedagvård samt avgiftsfri "
            "förskoleundervisning. Ansökan ska lämnas fyra månader innan platsen behövs, eller två veckor "
            "innan "
            "om behovet beror på plötslig anställning eller studier.",
            f"The {m.organization_en} provides early childhood education in day-care centres and family day "
            "care, and free pre-primary education for children preparing for school. Children play, learn "
            "and "
            "practise skills together, and each child has an individual early childhood education plan. "
            "Apply "
            "four months before you need a place, or two weeks before if the need is due to sudden "
            "employment "
            "or studies.",
        ),
        types=["early-childhood-education"],
        situations=["under-school-age", "baby"],
        areas=[m.code],
        ages=(9, 84),
        languages=["fi", "en"] if m.code == JOENSUU else None,
        fee=tr(
            "Varhaiskasvatus on maksullista, ja maksu määräytyy perheen koon, tulojen ja hoitoajan mukaan. "
            "Esiopetus on maksutonta.",
            "Småbarnspedagogiken är avgiftsbelagd enligt familjens storlek, inkomster och vårdtid. "
            "Förskoleundervisningen är avgiftsfri.",
            "Fees depend on the family's size, income and hours of care. Pre-primary education is free.",
        ),
        access="registration",
        how_to_get=tr(
            "Hae paikkaa kunnan sähköisessä asiointipalvelussa. Varhaiskasvatuksen palveluohjaus auttaa "
            "hakemisessa ja vapaiden paikkojen selvittämisessä.",
            en="Apply in the municipality's online service. Service guidance helps with applications and "
            "available places.",
        ),
        phone=municipal_mobile(m.code, 720),
        email=f"varhaiskasvatus@{m.domain}",
        website=f"https://www.{m.domain}/varhaiskasvatus",
        eservice=f"https://asiointi.{m.domain}/varhaiskasvatus",
        deliveries=deliveries,
    )


# Open early childhood activities: (place, the place in the inessive case, access, weekly rules, fee).
OPEN_ECEC = {
    JOENSUU: (
        "Avoin päiväkoti Mustikka",
        "avoimessa päiväkoti Mustikassa",
        "drop-in",
        [rule([MON, TUE, WED, THU], "09:00", "12:00")],
        None,
    ),
    KONTIOLAHTI: (
        "Päiväkoti Kontionpesä",
        "päiväkoti Kontionpesässä",
        "drop-in",
        [rule([TUE, THU], "09:00", "11:30")],
        None,
    ),
    LIPERI: (
        "Päiväkoti Tenava",
        "päiväkoti Tenavassa",
        "registration",
        [rule([MON, WED], "09:00", "11:30")],
        40,
    ),
    LIEKSA: (
        "Avoin päiväkoti Touhutupa",
        "avoimessa päiväkoti Touhutuvassa",
        "drop-in",
        [rule([MON, WED, FRI], "09:00", "12:00")],
        None,
    ),
    KITEE: (
        "Päiväkoti Satumaa",
        "päiväkoti Satumaassa",
        "drop-in",
        [rule([TUE, THU], "09:00", "11:30")],
        None,
    ),
    NURMES: (
        "Päiväkoti Pikku-Pielinen",
        "päiväkoti Pikku-Pielisessä",
        "registration",
        [rule([TUE, THU], "09:00", "11:30")],
        35,
    ),
    OUTOKUMPU: (
        "Päiväkoti Kaivostupa",
        "päiväkoti Kaivostuvassa",
        "drop-in",
        [rule([WED], "09:00", "11:30")],
        None,
    ),
    ILOMANTSI: (
        "Päiväkoti Pikkupiilo",
        "päiväkoti Pikkupiilossa",
        "registration",
        [rule([TUE, THU], "09:00", "11:00")],
        30,
    ),
    JUUKA: (
        "Päiväkoti Mustikkamäki",
        "päiväkoti Mustikkamäessä",
        "registration",
        [rule([WED], "09:00", "11:30")],
        30,
    ),
    POLVIJARVI: (
        "Päiväkoti Lepinkäinen",
        "päiväkoti Lepinkäisessä",
        "registration",
        [rule([THU], "09:00", "11:30")],
        30,
    ),
    TOHMAJARVI: ("Päiväkoti Onnela", "päiväkoti Onnelassa", "drop-in", [rule([TUE], "09:30", "11:30")], None),
    HEINAVESI: (
        "Päiväkoti Kotiranta",
        "päiväkoti Kotirannassa",
        "registration",
        [rule([WED], "09:00", "11:00")],
        25,
    ),
    RAAKKYLA: (
        "Päiväkoti Pikkusirkku",
        "päiväkoti Pikkusirkussa",
        "registration",
        [rule([TUE], "09:00", "11:00")],
        25,
    ),
}


def _open_early_childhood(m: Municipality) -> dict:
    place, inessive, access, rules, fee = OPEN_ECEC[m.code]
    deliveries = [
        delivery("provider-site", m.code, f"{m.slug}-avoin-paivakoti", schedules=term_hours(*rules))
    ]
    if m.code == JOENSUU:
        deliveries.append(
            delivery(
                "family-centre-building",
                m.code,
                "joensuu-perhekeskus",
                tr(
                    "Varhaiskasvatuksen opettaja pitää laulu- ja leikkituokion perhekeskuksen "
                    "kohtaamispaikassa."
                ),
                term_hours(rule([FRI], "09:30", "11:00")),
            )
        )
    weekly = "kahtena aamupäivänä viikossa" if len(rules[0]["weekdays"]) == 2 else "kerran viikossa"
    if access == "drop-in":
        name = tr(place) if place.startswith("Avoin") else tr(f"Avoin varhaiskasvatus, {m.fi}")
        opening = (
            f"{place} on tarkoitettu"
            if place.startswith("Avoin")
            else f"Avoin varhaiskasvatus kokoontuu {inessive} ja on tarkoitettu"
        )
        description = tr(
            f"{opening} kotona hoidettaville alle kouluikäisille lapsille ja heidän vanhemmilleen tai muille "
            "hoitajilleen. Ohjelmassa on vapaata leikkiä, laulu- ja lorutuokioita sekä ulkoilua "
            "varhaiskasvatuksen opettajan ohjauksessa. Samalla aikuiset tapaavat toisiaan ja saavat vinkkejä "
            "lapsen kasvun tukemiseen."
        )
        summary = tr(
            "Avoin varhaiskasvatus tarjoaa kotona hoidettaville lapsille ja heidän aikuisilleen leikkiä, "
            "lauluhetkiä ja yhdessäoloa."
        )
    else:
        name = tr(f"Leikkikerhot, {m.fi}")
        description = tr(
            f"Leikkikerho kokoontuu {inessive} kotona hoidettaville 3–5-vuotiaille lapsille. Kerhossa "
            "leikitään, lauletaan, askarrellaan ja harjoitellaan ryhmässä toimimista varhaiskasvatuksen "
            "opettajan johdolla. Lapsi tulee kerhoon ilman vanhempaa, ja kerhokausi seuraa koulujen "
            "lukuvuotta."
        )
        summary = tr(
            f"Leikkikerho tarjoaa kotona hoidettaville 3–5-vuotiaille leikkiä ja ryhmätoimintaa {weekly}."
        )
    return service(
        f"{m.slug}-avoin-varhaiskasvatus",
        m.org_key,
        name=name,
        summary=summary,
        description=description,
        types=["open-early-childhood-activities"],
        situations=["under-school-age", "baby", "peer-company"]
        if access == "drop-in"
        else ["under-school-age"],
        areas=[m.code],
        ages=(0, 84) if access == "drop-in" else (36, 72),
        whole_family=access == "drop-in",
        fee=tr(f"Kerhon kausimaksu on {fee} euroa.") if fee else None,
        access=access,
        how_to_get=tr(
            "Tule paikalle aukioloaikana."
            if access == "drop-in"
            else "Ilmoita lapsi kerhoon kunnan sähköisessä asiointipalvelussa tai soittamalla."
        ),
        phone=municipal_mobile(m.code, 730),
        email=f"varhaiskasvatus@{m.domain}",
        website=f"https://www.{m.domain}/avoin-varhaiskasvatus",
        deliveries=deliveries,
    )


# Family sports: weekly family slots in the sports hall.
FAMILY_SPORTS = {
    JOENSUU: [rule([SAT], "10:00", "12:00"), rule([SUN], "10:00", "12:00")],
    KONTIOLAHTI: [rule([SUN], "10:00", "12:00")],
    LIPERI: [rule([SUN], "10:00", "11:30")],
    LIEKSA: [rule([SAT], "10:00", "12:00")],
    KITEE: [rule([SUN], "11:00", "13:00")],
    NURMES: [rule([SAT], "10:00", "12:00")],
    OUTOKUMPU: [rule([SUN], "10:00", "12:00")],
    ILOMANTSI: [rule([SAT], "11:00", "12:30")],
    JUUKA: [rule([SUN], "11:00", "12:30")],
    TOHMAJARVI: [rule([SUN], "10:00", "11:30")],
}


def _family_sports(m: Municipality) -> dict:
    description = tr(
        "Perheliikuntavuoroilla koko perhe liikkuu yhdessä ohjaajan rakentamilla temppuradoilla ja "
        "liikuntaleikeissä. Temppukerhot on tarkoitettu 3–6-vuotiaille, ja koululaisille järjestetään omia "
        "harrastekerhoja. Vuorot ovat maksuttomia, eikä niihin tarvitse ilmoittautua."
    )
    status = "active"
    if m.code == KONTIOLAHTI:
        status = "temporarily-closed"
        description = tr(
            "Kontiolahden liikuntahalli on peruskorjauksessa, ja perheliikuntavuorot jatkuvat hallin "
            "valmistuttua syksyllä 2026. Sillä välin perheitä kannustetaan ulkoilemaan ja hiihtämään "
            "ampumahiihtostadionin valaistuilla laduilla."
        )
    return service(
        f"{m.slug}-perheliikunta",
        m.org_key,
        name=tr(f"Perheliikunta, {m.fi}"),
        summary=tr(
            "Perheliikuntavuoroilla lapset ja aikuiset liikkuvat yhdessä ohjatuissa leikeissä ja "
            "temppuradoilla."
        ),
        description=description,
        types=["family-leisure"],
        situations=["under-school-age", "school-age", "peer-company"],
        areas=[m.code],
        ages=(0, 156),
        whole_family=True,
        access="drop-in",
        how_to_get=tr("Tule liikuntahallille vuoron alkaessa, mukaan sisäliikuntavarusteet."),
        phone=municipal_mobile(m.code, 740),
        email=f"liikuntapalvelut@{m.domain}",
        website=f"https://www.{m.domain}/liikunta",
        status=status,
        deliveries=[
            delivery(
                "provider-site",
                m.code,
                f"{m.slug}-liikuntahalli",
                schedules=term_hours(*FAMILY_SPORTS[m.code]),
            )
        ],
    )


# Meeting places: in the family centre building, or in the library where there is no building.
MEETING_PLACES = {
    JOENSUU: (
        "joensuu-perhekeskus",
        [rule([MON, TUE, WED, THU], "09:00", "15:00"), rule([FRI], "09:00", "12:00")],
    ),
    KONTIOLAHTI: ("kontiolahti-perhekeskus", [rule([TUE, FRI], "09:00", "12:00")]),
    LIEKSA: ("lieksa-perhekeskus", [rule([TUE, WED, THU], "09:00", "14:00")]),
    KITEE: ("kitee-perhekeskus", [rule([TUE, THU], "09:00", "13:00")]),
    NURMES: ("nurmes-perhekeskus", [rule([MON, WED], "09:00", "13:00")]),
    LIPERI: ("liperi-kirjasto", [rule([WED], "09:30", "11:30")]),
    OUTOKUMPU: ("outokumpu-kirjasto", [rule([TUE], "09:30", "11:30")]),
    ILOMANTSI: ("ilomantsi-kirjasto", [rule([THU], "09:30", "11:30")]),
    TOHMAJARVI: ("tohmajarvi-kirjasto", [rule([WED], "09:30", "11:30")]),
}


def _meeting_place(m: Municipality) -> dict:
    location, rules = MEETING_PLACES[m.code]
    in_building = m.code in FAMILY_CENTRE_BUILDINGS
    if m.code == LIEKSA:
        second = (
            "Toimintaa järjestävät yhdessä Lieksan kaupunki, Siun sote, MLL:n Lieksan paikallisyhdistys ja "
            "Lieksan seurakunta, ja tiistaisin paikalla on myös palveluohjaaja."
        )
    else:
        second = (
            "Eri päivinä siellä toimivat muun muassa MLL:n perhekahvila ja järjestöjen vertaisryhmät, ja "
            "neuvolan terveydenhoitaja pitää avointa vastaanottoa."
        )
    if in_building:
        description = tr(
            "Kohtaamispaikassa on leikkitila, vauvanhoitopiste ja kahvinkeittomahdollisuus, ja paikalla on "
            "aina "
            f"perhekeskuksen työntekijä tai vapaaehtoinen. {second} Voit tulla yksin, lapsen kanssa tai koko "
            "perheen voimin."
        )
    else:
        description = tr(
            "Kohtaamispaikka kokoontuu kirjaston lastenosastolla, jossa on leikkinurkka ja tilaa "
            "lastenvaunuille. "
            "Paikalla on kunnan perheohjaaja, ja vierailijoina käy neuvolan, järjestöjen ja seurakunnan "
            "työntekijöitä. Kohtaamispaikkaan ei tarvitse ilmoittautua, ja se on maksuton."
        )
    schedules = term_hours(*rules)
    if m.code == JOENSUU:
        schedules[1]["exceptions"] = [
            open_on(
                "2026-12-16",
                "09:00",
                "13:00",
                tr("Perheiden joulupuuro", en="Christmas porridge for families"),
            )
        ]
        schedules.insert(
            1,
            schedule(
                rule([TUE, THU], "09:00", "12:00"),
                valid=SUMMER_2026,
                description=tr("Kesäaukiolo", en="Summer opening hours"),
            ),
        )
        description["en"] = (
            "The meeting place has a play area, a baby-changing point and a coffee corner, and a family "
            "centre "
            "worker or volunteer is always there. On different days the MLL family café and NGO peer groups "
            "meet there, and the clinic nurse holds a drop-in hour. Come alone, with your child or with the "
            "whole "
            "family."
        )
    if m.code == LIEKSA:
        description["en"] = (
            "The meeting place has a play area, a baby-changing point and a coffee corner. It is run jointly "
            "by "
            "the City of Lieksa, Siun sote, the local MLL association and the Lieksa parish, and a service "
            "counsellor is there on Tuesdays. Come alone, with your child or with the whole family."
        )
    english = m.code in (JOENSUU, LIEKSA)
    return service(
        f"{m.slug}-kohtaamispaikka",
        m.org_key,
        name=tr(
            f"Perhekeskuksen kohtaamispaikka, {m.fi}",
            f"Familjecentrets mötesplats i {m.sv}",
            f"Family centre meeting place, {m.en}",
        ),
        summary=tr(
            "Kohtaamispaikka on kaikille avoin perheiden olohuone, jossa voi tavata muita perheitä ja "
            "perhekeskuksen työntekijöitä ilman ajanvarausta.",
            en="An open living room for families where you can meet other families and family centre staff "
            "without an appointment."
            if english
            else None,
        ),
        description=description,
        types=["meeting-place"],
        situations=["peer-company", "baby", "under-school-age", "expecting", "new-to-finland"],
        areas=[m.code],
        whole_family=True,
        languages=["fi", "en"] if m.code == JOENSUU else None,
        access="drop-in",
        how_to_get=tr(
            "Tule paikalle aukioloaikana.", en="Drop in during opening hours." if english else None
        ),
        phone=municipal_mobile(m.code, 750),
        email=f"perhekeskus@{m.domain}",
        website=f"https://www.{m.domain}/perhekeskus",
        deliveries=[
            delivery(
                "family-centre-building" if in_building else "provider-site",
                m.code,
                location,
                schedules=schedules,
            )
        ],
    )


LIBRARY_STORYTIMES = {
    JOENSUU: [rule([WED], "10:00", "10:30"), rule([THU], "17:30", "18:00")],
    KONTIOLAHTI: [rule([TUE], "10:00", "10:30")],
    LIEKSA: [rule([THU], "10:00", "10:30")],
    KITEE: [rule([WED], "10:00", "10:30")],
    NURMES: [rule([TUE], "10:00", "10:30")],
    OUTOKUMPU: [rule([THU], "10:00", "10:30")],
}


def _library_storytimes(m: Municipality) -> dict:
    return service(
        f"{m.slug}-kirjaston-perhetuokiot",
        m.org_key,
        name=tr(f"Perheiden kirjastotuokiot, {m.fi}"),
        summary=tr(
            "Kirjasto järjestää vauvoille ja leikki-ikäisille lorutuokioita ja satutunteja, joissa "
            "tutustutaan kirjoihin yhdessä aikuisen kanssa."
        ),
        description=tr(
            "Lorutuokiot on tarkoitettu alle 3-vuotiaille ja heidän aikuisilleen, ja satutunneille ovat "
            "tervetulleita 3–6-vuotiaat. Kirjastosta voi lainata myös vauvakassin, jossa on kirjoja ja "
            "lukuvinkkejä vauvaperheille. Tuokiot ovat maksuttomia, eikä niihin tarvitse ilmoittautua."
        ),
        types=["family-leisure"],
        situations=["baby", "under-school-age", "peer-company"],
        areas=[m.code],
        ages=(0, 84),
        whole_family=True,
        access="drop-in",
        phone=municipal_mobile(m.code, 760),
        email=f"kirjasto@{m.domain}",
        website=f"https://www.{m.domain}/kirjasto",
        deliveries=[
            delivery(
                "provider-site",
                m.code,
                f"{m.slug}-kirjasto",
                schedules=term_hours(*LIBRARY_STORYTIMES[m.code]),
            )
        ],
    )


def _outreach_youth_work(m: Municipality) -> dict:
    return service(
        f"{m.slug}-etsiva-nuorisotyo",
        m.org_key,
        name=tr(f"Etsivä nuorisotyö, {m.fi}"),
        summary=tr(
            "Etsivä nuorisotyö tukee alle 29-vuotiaita nuoria, jotka tarvitsevat apua opiskelu- tai "
            "työpaikan löytämiseen tai arjen asioihin."
        ),
        description=tr(
            "Etsivä nuorisotyöntekijä kulkee nuoren rinnalla niin kauan kuin tarvitaan ja auttaa esimerkiksi "
            "asunto-, raha- ja terveysasioissa. Yhteyttä voi ottaa nuori itse, hänen läheisensä tai "
            "ammattilainen, "
            "kuten koulu tai Kela. Palvelu on maksutonta, luottamuksellista ja vapaaehtoista."
        ),
        types=["youth-services"],
        situations=["teenager", "mental-wellbeing"],
        areas=[m.code],
        ages=(180, 348),
        parents=False,
        how_to_get=tr("Soita tai laita viesti WhatsAppissa, niin sovitaan tapaaminen."),
        phone=municipal_mobile(m.code, 770),
        email=f"etsivanuorisotyo@{m.domain}",
        website=f"https://www.{m.domain}/etsiva-nuorisotyo",
        deliveries=[
            by_phone([m.code], MON_FRI, "09:00", "16:00"),
            online([m.code], tr("WhatsApp ja Instagram."), [schedule(rule(MON_FRI, "09:00", "16:00"))]),
            delivery(
                "home-visit", m.code, note=tr("Tapaaminen voi olla kotona tai muussa sovitussa paikassa.")
            ),
        ],
    )


def _joensuu_integration() -> dict:
    return service(
        "joensuu-kotoutumispalvelut-perheille",
        "joensuu-kaupunki",
        name=tr(
            "Kotoutumispalvelut lapsiperheille",
            "Integrationstjänster för barnfamiljer",
            "Integration services for families",
        ),
        summary=tr(
            "Kaupungin kotoutumispalvelut auttavat Joensuuhun muuttaneita perheitä asettumaan, oppimaan "
            "kieltä "
            "ja löytämään paikkansa uudessa kotikaupungissa.",
            "Stadens integrationstjänster hjälper familjer som flyttat till Joensuu att bosätta sig, lära "
            "sig "
            "språket och hitta sin plats i den nya hemstaden.",
            en="The city's integration services help families who have moved to Joensuu to settle in, learn "
            "the "
            "language and find their place in their new home town.",
        ),
        description=tr(
            "Kotoutumisen ohjaajat laativat perheen kanssa kotoutumissuunnitelman ja neuvovat asumisessa, "
            "kielikoulutuksessa ja lasten päivähoito- ja koulupaikoissa. Palvelupisteessä on avoin "
            "neuvontapäivä, jolloin apua saa myös ilman ajanvarausta. Tulkkaus järjestetään tarvittaessa "
            "maksutta.",
            en="Integration advisers draw up an integration plan with the family and give advice on housing, "
            "language courses, day care and school places. There is a weekly drop-in day, and "
            "interpreting is arranged free of charge when needed.",
        ),
        types=["immigrant-family-support", "service-guidance"],
        situations=["new-to-finland"],
        areas=[JOENSUU],
        whole_family=True,
        languages=["fi", "en", "ru", "uk", "ar", "fa", "so"],
        how_to_get=tr(
            "Varaa aika puhelimitse tai tule avoimeen neuvontaan keskiviikkoisin.",
            en="Book a time by phone or come to the open advice hours on Wednesdays.",
        ),
        phone="013 267 7450",
        email="kotoutuminen@joensuu.fi",
        website="https://www.joensuu.fi/kotoutuminen",
        deliveries=[
            at("joensuu-kansainvalinen-palvelupiste", JOENSUU, [MON, TUE, THU], "09:00", "15:00"),
            at(
                "joensuu-kansainvalinen-palvelupiste",
                JOENSUU,
                [WED],
                "09:00",
                "15:00",
                tr("Avoin neuvonta ilman ajanvarausta.", en="Drop-in advice without an appointment."),
                by_appointment=False,
            ),
        ],
    )


def _municipal_services() -> list[dict]:
    rows = []
    for m in MUNICIPALITIES:
        rows += [_early_childhood_education(m), _open_early_childhood(m), _youth_services(m)]
        if m.code in FAMILY_SPORTS:
            rows.append(_family_sports(m))
        if m.code in MEETING_PLACES:
            rows.append(_meeting_place(m))
        if m.code in LIBRARY_STORYTIMES:
            rows.append(_library_storytimes(m))
        if m.code in (JOENSUU, LIEKSA, NURMES, KITEE, OUTOKUMPU):
            rows.append(_outreach_youth_work(m))
    rows.append(_joensuu_integration())
    return rows


# ---------------------------------------------------------------------------------------------------------
# NGOs
# ---------------------------------------------------------------------------------------------------------

# MLL family cafés: (location, weekly rule, status).
MLL_CAFES = {
    JOENSUU: ("joensuu-perhekeskus", rule([TUE], "09:30", "11:30"), "active"),
    KONTIOLAHTI: ("kontiolahti-perhekeskus", rule([FRI], "09:30", "11:30"), "active"),
    LIPERI: ("liperi-seurakuntakeskus", rule([WED], "09:30", "11:30"), "active"),
    LIEKSA: ("lieksa-perhekeskus", rule([WED], "09:30", "11:30"), "active"),
    KITEE: ("kitee-perhekeskus", rule([THU], "09:30", "11:30"), "active"),
    NURMES: ("nurmes-perhekeskus", rule([MON], "09:30", "11:30"), "active"),
    OUTOKUMPU: ("outokumpu-seurakuntakeskus", rule([THU], "09:30", "11:30"), "active"),
    ILOMANTSI: ("ilomantsi-kirjasto", rule([THU], "09:30", "11:30"), "active"),
    JUUKA: ("juuka-seurakuntakeskus", rule([TUE], "09:30", "11:30"), "active"),
    POLVIJARVI: ("polvijarvi-seurakuntakeskus", rule([WED], "09:30", "11:30"), "inactive"),
    TOHMAJARVI: ("tohmajarvi-seurakuntakeskus", rule([MON], "09:30", "11:30"), "active"),
}
MLL_CAFES_IN_ENGLISH = {JOENSUU, KONTIOLAHTI, LIEKSA, KITEE, NURMES}


def ngo_mobile(index: int) -> str:
    """Invented mobile numbers of NGO volunteers and staff."""
    return f"040 {520 + index} {3300 + 41 * index}"


def _mll_cafe(code: str) -> dict:
    m = BY_CODE[code]
    location, weekly, status = MLL_CAFES[code]
    extra = ""
    if code == LIEKSA:
        extra = " Kahvila järjestetään yhdessä Lieksan seurakunnan kanssa perhekeskuksen kohtaamispaikassa."
    if code == POLVIJARVI:
        extra = " Kahvilan toiminta on tauolla, koska yhdistys etsii uusia vapaaehtoisia vetäjiä."
    mode = "family-centre-building" if location in FAMILY_CENTRE_BUILDINGS.values() else "provider-site"
    exceptions = None
    if code in (JOENSUU, LIEKSA):
        day = "2026-12-15" if code == JOENSUU else "2026-12-16"
        exceptions = [
            open_on(
                day,
                "09:30",
                "12:30",
                tr("Joulukahvila, auki tavallista pidempään", en="Christmas café, open longer than usual"),
            )
        ]
    english = code in MLL_CAFES_IN_ENGLISH
    return service(
        f"{m.slug}-mll-perhekahvila",
        mll_key(code),
        name=tr(f"MLL:n perhekahvila, {m.fi}", en=f"MLL family café, {m.en}" if english else None),
        summary=tr(
            "Vapaaehtoisten pitämä perhekahvila on avoin kohtaamispaikka vauvaperheille ja leikki-ikäisten "
            "lasten vanhemmille.",
            en="A family café run by volunteers, open to families with babies and small children."
            if english
            else None,
        ),
        description=tr(
            f"MLL:n {m.gen} paikallisyhdistyksen perhekahvilassa lapset leikkivät ja aikuiset vaihtavat "
            "kuulumisia kahvikupin ääressä. Kahvilassa on leikkinurkka, ja tarjolla on kahvia ja pientä "
            "purtavaa muutaman euron hintaan. Kahvilaan voi tulla ilman ilmoittautumista, ja myös "
            "isovanhemmat "
            f"ja odottavat perheet ovat tervetulleita.{extra}",
            en="Children play while the adults chat over a cup of coffee. There is a play corner, and coffee "
            "and snacks cost a couple of euros. No registration is needed, and grandparents and expecting "
            "families are welcome too."
            if english
            else None,
        ),
        types=["family-cafe"],
        situations=["baby", "under-school-age", "peer-company", "expecting"],
        areas=[code],
        ages=(0, 84),
        whole_family=True,
        access="drop-in",
        how_to_get=tr(
            "Tule paikalle kahvilan aukioloaikana.", en="Drop in during the café hours." if english else None
        ),
        phone=ngo_mobile(ALL_CODES.index(code)),
        email=f"paikallisyhdistys.{m.slug}@mll.fi",
        website=f"https://{m.slug}.mll.fi",
        status=status,
        deliveries=[
            delivery(mode, code, location, schedules=term_hours(weekly, autumn_exceptions=exceptions))
        ],
    )


def _mll_services() -> list[dict]:
    rows = [_mll_cafe(code) for code in MLL_CAFES]
    rows += [
        service(
            "joensuu-mll-isa-lapsi-lauantait",
            mll_key(JOENSUU),
            name=tr("Isä–lapsi-lauantait", en="Dad and child Saturdays"),
            summary=tr(
                "Isä–lapsi-lauantaina isät, isoisät ja muut miehet tulevat lasten kanssa leikkimään ja "
                "tapaamaan toisiaan.",
                en="On dad and child Saturdays, fathers, grandfathers and other men come to play with "
                "their children and meet each other.",
            ),
            description=tr(
                "Lauantaiaamuisin Perhetalo Ankkurissa on tarjolla vapaata leikkiä, yhteinen aamupala ja "
                "vaihtuvaa ohjelmaa, kuten temppurata tai retki lähimetsään. Vapaaehtoiset isät vetävät "
                "toimintaa yhdessä MLL:n työntekijän kanssa. Osallistuminen on maksutonta.",
                en="On Saturday mornings at Perhetalo Ankkuri there is free play, a shared breakfast and "
                "changing activities such as an obstacle course or a trip to the nearby forest. Volunteer "
                "dads run the mornings together with an MLL worker.",
            ),
            types=["peer-support-group", "family-leisure"],
            situations=["baby", "under-school-age", "peer-company"],
            areas=[JOENSUU, KONTIOLAHTI, LIPERI],
            ages=(0, 84),
            whole_family=True,
            access="drop-in",
            phone=ngo_mobile(20),
            email="paikallisyhdistys.joensuu@mll.fi",
            website="https://joensuu.mll.fi",
            deliveries=[
                delivery(
                    "provider-site",
                    JOENSUU,
                    "joensuu-perhetalo",
                    schedules=term_hours(rule([SAT], "10:00", "12:00")),
                )
            ],
        ),
        service(
            "mll-lastenhoitoapu",
            "mll-ita-suomen-piiri",
            name=tr("MLL:n lastenhoitoapu", "MLL:s barnvaktsförmedling", "MLL childcare service"),
            summary=tr(
                "MLL:n koulutetut lastenhoitajat tulevat kotiin hoitamaan lapsia, kun perhe tarvitsee "
                "tilapäistä apua.",
                "MLL:s utbildade barnvakter kommer hem och sköter barnen när familjen behöver tillfällig "
                "hjälp.",
                "MLL's trained childminders come to your home to look after the children when the family "
                "needs temporary help.",
            ),
            description=tr(
                "Lastenhoitajan voi tilata esimerkiksi vanhemman asioinnin, harrastuksen, työvuoron tai "
                "levon "
                "ajaksi. Hoitajat ovat MLL:n kouluttamia, ja heidän taustansa on tarkistettu. Hoitoa "
                "välitetään "
                "Joensuun, Kontiolahden, Liperin ja Outokummun alueella.",
                "Barnvakten kan beställas till exempel för ärenden, fritid, arbetsskift eller vila. "
                "Barnvakterna "
                "är utbildade av MLL och deras bakgrund är kontrollerad.",
                "You can book a childminder while you run errands, go to a hobby or a work shift, or rest. "
                "The "
                "childminders are trained by MLL and their backgrounds have been checked. The service covers "
                "Joensuu, Kontiolahti, Liperi and Outokumpu.",
            ),
            types=["temporary-childcare-help"],
            situations=["baby", "parent-coping"],
            areas=[JOENSUU, KONTIOLAHTI, LIPERI, OUTOKUMPU],
            ages=(0, 144),
            fee=tr(
                "Hoitotunti maksaa arkisin 10,50 euroa ja iltaisin ja viikonloppuisin 12 euroa. Lisäksi "
                "peritään välitysmaksu.",
                "En timme kostar 10,50 euro på vardagar och 12 euro kvällar och veckoslut.",
                "An hour costs 10.50 euros on weekdays and 12 euros in the evenings and at weekends, plus a "
                "booking fee.",
            ),
            how_to_get=tr(
                "Tilaa hoitaja soittamalla välitykseen viimeistään edellisenä päivänä.",
                en="Book by phone at least one day in advance.",
            ),
            phone="044 712 3410",
            email="lastenhoito.ita-suomi@mll.fi",
            website="https://ita-suomenpiiri.mll.fi/lastenhoitoapu",
            deliveries=[
                delivery("home-visit", [JOENSUU, KONTIOLAHTI, LIPERI, OUTOKUMPU]),
                by_phone(
                    [JOENSUU, KONTIOLAHTI, LIPERI, OUTOKUMPU],
                    [MON, TUE, WED, THU],
                    "09:00",
                    "15:00",
                    tr("Hoitajien välitys.", en="Booking line."),
                ),
            ],
        ),
        service(
            "mll-perhekummit",
            "mll-ita-suomen-piiri",
            name=tr("MLL:n perhekummitoiminta", "MLL:s familjefaddrar", "MLL family mentors"),
            summary=tr(
                "Perhekummi on koulutettu vapaaehtoinen, joka tukee lapsiperhettä arjessa ja on "
                "vanhemman tukena ja juttukaverina."
            ),
            description=tr(
                "Perhekummi tapaa perhettä noin kerran viikossa muutaman kuukauden ajan ja voi esimerkiksi "
                "leikkiä lasten kanssa, lähteä mukaan ulkoilemaan tai kuunnella vanhemman huolia. Toiminta "
                "on "
                "maksutonta ja luottamuksellista. Perhekummit saavat MLL:ltä koulutuksen ja työnohjauksen."
            ),
            types=["support-person-family", "parenting-support"],
            situations=["baby", "parent-coping"],
            areas=[JOENSUU, KONTIOLAHTI, LIPERI, LIEKSA, NURMES],
            ages=(0, 144),
            how_to_get=tr("Ota yhteyttä MLL:n piiritoimistoon, niin etsitään perheellesi sopiva kummi."),
            phone="044 712 3420",
            email="perhekummit.ita-suomi@mll.fi",
            website="https://ita-suomenpiiri.mll.fi/perhekummit",
            deliveries=[delivery("home-visit", [JOENSUU, KONTIOLAHTI, LIPERI, LIEKSA, NURMES])],
        ),
    ]
    return rows


def _peer_group(
    key: str,
    name: dict,
    summary: dict,
    description: dict,
    situations: list[str],
    weekly: dict,
    areas: list[str],
    *,
    ages: tuple[int | None, int | None] = (None, None),
    extra: list[dict] | None = None,
    group_description: dict | None = None,
    status: str = "active",
) -> dict:
    return service(
        key,
        "joensuun-perhetaloyhdistys",
        name=name,
        summary=summary,
        description=description,
        types=["peer-support-group"],
        situations=situations,
        areas=areas,
        ages=ages,
        access="drop-in",
        how_to_get=tr(
            "Tule mukaan ryhmään; ensimmäisellä kerralla voit soittaa etukäteen ohjaajalle.",
            en="Just come along; before your first visit you can call the group leader."
            if "en" in name
            else None,
        ),
        phone="050 421 7781",
        email="ryhmat@perhetaloankkuri.fi",
        website="https://www.perhetaloankkuri.fi/ryhmat",
        status=status,
        deliveries=[
            delivery(
                "provider-site",
                JOENSUU,
                "joensuu-perhetalo",
                schedules=term_hours(weekly, description=group_description),
            ),
            *(extra or []),
        ],
    )


def _family_house_services() -> list[dict]:
    return [
        service(
            "perhetalo-ankkurin-avoin-olohuone",
            "joensuun-perhetaloyhdistys",
            name=tr(
                "Perhetalo Ankkurin avoin olohuone",
                "Familjehuset Ankkuris öppna vardagsrum",
                "Perhetalo Ankkuri open living room",
            ),
            summary=tr(
                "Perhetalo Ankkurin olohuone on lapsiperheiden avoin kohtaamispaikka ja perhekahvila "
                "Joensuun keskustassa.",
                en="The living room of Perhetalo Ankkuri is an open meeting place and family café in "
                "the centre of Joensuu.",
            ),
            description=tr(
                "Olohuoneeseen voi tulla lasten kanssa leikkimään, syömään eväitä ja tapaamaan muita "
                "perheitä. "
                "Paikalla on aina perhetalon työntekijä, jolle voi kertoa myös arjen huolista. Perhetalossa "
                "kokoontuvat lisäksi monet vertaisryhmät ja järjestöjen kerhot.",
                en="You can come with your children to play, eat your packed lunch and meet other families. "
                "A "
                "staff member is always there to talk to about everyday worries. Many peer groups and NGO "
                "clubs also meet in the house.",
            ),
            types=["meeting-place", "family-cafe"],
            situations=["baby", "under-school-age", "peer-company", "parent-coping"],
            areas=[JOENSUU, KONTIOLAHTI, LIPERI],
            whole_family=True,
            languages=["fi", "en"],
            access="drop-in",
            how_to_get=tr("Tule paikalle aukioloaikana.", en="Drop in during opening hours."),
            phone="050 421 7780",
            email="info@perhetaloankkuri.fi",
            website="https://www.perhetaloankkuri.fi",
            deliveries=[
                delivery(
                    "provider-site",
                    JOENSUU,
                    "joensuu-perhetalo",
                    schedules=term_hours(rule([MON, TUE, WED, THU], "09:00", "14:00")),
                )
            ],
        ),
        _peer_group(
            "perhetalo-monikkoperheet",
            tr("Monikkoperheiden vertaisryhmä", en="Peer group for families with twins or triplets"),
            tr(
                "Vertaisryhmä kaksosia tai kolmosia odottaville ja kasvattaville perheille.",
                en="A peer group for families expecting or raising twins or triplets.",
            ),
            tr(
                "Ryhmässä monikkoperheiden vanhemmat jakavat kokemuksia imetyksestä, unirytmeistä, "
                "tarvikkeista ja jaksamisesta. Ryhmää ohjaa vapaaehtoinen monikkovanhempi yhteistyössä "
                "Suomen "
                "Monikkoperheet ry:n kanssa, ja lapset ovat tervetulleita mukaan. Kauempana asuville "
                "perheille "
                "järjestetään kerran kuussa verkkotapaaminen.",
                en="Parents of twins and triplets share experiences of feeding, sleep, equipment and coping. "
                "The group is led by a volunteer parent of multiples together with the Finnish Multiple "
                "Births Association, and children are welcome. Families living further away can join a "
                "monthly online meeting.",
            ),
            ["expecting", "baby", "peer-company"],
            rule([WED], "17:30", "19:00"),
            ALL_CODES,
            extra=[
                online(
                    ALL_CODES,
                    tr(
                        "Verkkotapaaminen kuukauden ensimmäisenä maanantaina.",
                        en="Online meeting on the first Monday of the month.",
                    ),
                    term_hours(rule([MON], "19:00", "20:00")),
                )
            ],
            group_description=tr(
                "Ryhmä kokoontuu parillisten viikkojen keskiviikkoina.",
                en="The group meets on Wednesdays of even-numbered weeks.",
            ),
        ),
        _peer_group(
            "perhetalo-erityislasten-vanhemmat",
            tr("Erityislasten vanhempien vertaisryhmä"),
            tr(
                "Vertaisryhmä vanhemmille, joiden lapsi tarvitsee erityistä tukea sairauden, vamman tai "
                "kehityksen haasteiden vuoksi."
            ),
            tr(
                "Ryhmässä voi jakaa arjen iloja ja huolia muiden samassa tilanteessa olevien kanssa ja saada "
                "vinkkejä palveluihin ja tukiin. Kerran kuukaudessa vierailijana on asiantuntija, "
                "esimerkiksi "
                "Kelan tai vammaispalvelujen työntekijä. Lapsille järjestetään hoito tapaamisen ajaksi."
            ),
            ["special-needs", "parent-coping", "peer-company"],
            rule([MON], "18:00", "20:00"),
            [JOENSUU, KONTIOLAHTI, LIPERI],
        ),
        _peer_group(
            "perhetalo-yhden-vanhemman-perheet",
            tr("Yhden vanhemman perheiden ryhmä"),
            tr("Vertaisryhmä yksin lapsiaan kasvattaville vanhemmille, myös eron jälkeen."),
            tr(
                "Ryhmässä puhutaan yksinhuoltajan arjesta, jaksamisesta ja yhteistyöstä lapsen toisen "
                "vanhemman "
                "kanssa. Lapset leikkivät sillä aikaa lastenhoitajan kanssa viereisessä huoneessa. Ryhmä on "
                "maksuton ja avoin, ja mukaan voi tulla kesken kauden."
            ),
            ["separation", "parent-coping", "peer-company"],
            rule([THU], "17:00", "19:00"),
            [JOENSUU, KONTIOLAHTI, LIPERI],
        ),
        _peer_group(
            "perhetalo-vauvakupla",
            tr("Vauvaperheiden vertaisryhmä Vauvakupla"),
            tr("Vauvakupla on avoin vertaisryhmä alle vuoden ikäisten vauvojen vanhemmille."),
            tr(
                "Tapaamisissa jutellaan vauva-arjesta, lauletaan lorulauluja ja vaihdetaan kokemuksia "
                "esimerkiksi imetyksestä ja unesta. Ryhmää ohjaa perhetalon työntekijä, ja kerran "
                "kuukaudessa "
                "mukana on neuvolan terveydenhoitaja. Vauvan kanssa tullaan sellaisena kuin ollaan."
            ),
            ["baby", "peer-company"],
            rule([FRI], "10:00", "11:30"),
            [JOENSUU, KONTIOLAHTI, LIPERI],
            ages=(0, 12),
        ),
        _peer_group(
            "perhetalo-sateenkaariperheet",
            tr("Sateenkaariperheiden tapaamiset", en="Rainbow families meet-ups"),
            tr(
                "Sateenkaariperheiden tapaamisissa seksuaali- ja sukupuolivähemmistöihin kuuluvat vanhemmat "
                "ja "
                "heidän lapsensa voivat tutustua toisiinsa.",
                en="Rainbow families meet-ups bring together LGBTIQ+ parents and their children.",
            ),
            tr(
                "Tapaamisissa leikitään, syödään yhdessä ja jutellaan perheiden arjesta turvallisessa "
                "ilmapiirissä. Tapaamiset järjestetään yhteistyössä Sateenkaariperheet ry:n kanssa. Mukaan "
                "ovat "
                "tervetulleita myös perheellistymistä suunnittelevat.",
                en="We play, eat together and talk about family life in a safe atmosphere. The meet-ups are "
                "organised together with the Finnish Rainbow Families association. People planning to "
                "start a family are also welcome.",
            ),
            ["peer-company", "expecting"],
            rule([SAT], "13:00", "15:00"),
            [JOENSUU, KONTIOLAHTI, LIPERI],
        ),
    ]


def _martha_services() -> list[dict]:
    def course(location: str, codes: list[str] | str, day: int) -> dict:
        mode = "family-centre-building" if location in FAMILY_CENTRE_BUILDINGS.values() else "provider-site"
        return delivery(mode, codes, location, schedules=term_hours(rule([day], "17:00", "19:30")))

    return [
        service(
            "martat-vauvaperheiden-ruokakurssi",
            "pohjois-karjalan-martat",
            name=tr(
                "Vauvaperheiden ruokakurssi",
                "Matlagningskurs för familjer med bebis",
                "Cooking course for families with babies",
            ),
            summary=tr(
                "Kurssilla opitaan valmistamaan vauvalle soseita ja sormiruokaa sekä koko perheelle "
                "sopivaa arkiruokaa.",
                en="Learn to make purées and finger food for your baby and everyday meals for the whole "
                "family.",
            ),
            description=tr(
                "Kurssi on tarkoitettu 4–12 kuukauden ikäisten vauvojen vanhemmille, jotka miettivät "
                "kiinteiden "
                "ruokien aloittamista. Marttaneuvoja näyttää, miten soseet ja sormiruoat valmistetaan "
                "edullisesti ja turvallisesti, ja lopuksi syödään yhdessä. Vauvat ovat tervetulleita mukaan.",
                en="The course is for parents of babies aged 4–12 months who are starting solid food. A "
                "Martha "
                "adviser shows how to make purées and finger food cheaply and safely, and at the end we eat "
                "together. Babies are welcome.",
            ),
            types=["parenting-support"],
            situations=["baby", "parent-coping"],
            areas=ALL_CODES,
            ages=(4, 24),
            languages=["fi", "en"],
            fee=tr(
                "Kurssimaksu on 15 euroa perheeltä, ja se sisältää raaka-aineet.",
                en="The fee is 15 euros per family, ingredients included.",
            ),
            access="registration",
            how_to_get=tr(
                "Ilmoittaudu Pohjois-Karjalan Marttojen verkkosivuilla.",
                en="Register on the website of the North Karelia Martha Organisation.",
            ),
            phone="040 718 2251",
            email="pohjois-karjala@martat.fi",
            website="https://www.martat.fi/pohjois-karjala/kurssit",
            deliveries=[
                course("joensuu-martat", [JOENSUU, KONTIOLAHTI, LIPERI, POLVIJARVI], TUE),
                course("lieksa-perhekeskus", LIEKSA, WED),
                course("kitee-perhekeskus", [KITEE, TOHMAJARVI, RAAKKYLA], THU),
                course("nurmes-perhekeskus", [NURMES, JUUKA], MON),
                online(
                    ALL_CODES,
                    tr(
                        "Verkkokurssi kokoontuu kolmena iltana; ohjeet ja ostoslista lähetetään etukäteen.",
                        en="The online course meets on three evenings; instructions and a shopping "
                        "list are sent in advance.",
                    ),
                    term_hours(rule([THU], "18:00", "19:30")),
                ),
            ],
        ),
        service(
            "martat-lasten-kokkikerho",
            "pohjois-karjalan-martat",
            name=tr("Lasten kokkikerho"),
            summary=tr(
                "Kokkikerhossa 7–12-vuotiaat opettelevat valmistamaan helppoja ja terveellisiä ruokia."
            ),
            description=tr(
                "Kerhossa leivotaan, kokataan ja opitaan samalla keittiön turvallisuutta ja ruokahävikin "
                "välttämistä. Jokainen kerhokerta päättyy yhteiseen ruokailuun. Kerhoa ohjaavat Marttojen "
                "koulutetut vapaaehtoiset."
            ),
            types=["family-leisure"],
            situations=["school-age"],
            areas=[JOENSUU, OUTOKUMPU],
            ages=(84, 156),
            parents=False,
            fee=tr("Kerhomaksu on 20 euroa lukukaudelta."),
            access="registration",
            phone="040 718 2252",
            website="https://www.martat.fi/pohjois-karjala/kerhot",
            deliveries=[
                delivery(
                    "provider-site",
                    JOENSUU,
                    "joensuu-martat",
                    schedules=term_hours(rule([WED], "15:00", "16:30")),
                ),
                delivery(
                    "provider-site",
                    OUTOKUMPU,
                    "outokumpu-seurakuntakeskus",
                    schedules=term_hours(rule([TUE], "15:00", "16:30")),
                ),
            ],
        ),
    ]


def _four_h_services() -> list[dict]:
    def clubs(key: str, org: str, area_name: str, codes: list[str], phone: str, site: str) -> dict:
        return service(
            key,
            org,
            name=tr(f"4H-kerhot, {area_name}"),
            summary=tr(
                "4H-kerhoissa 7–12-vuotiaat oppivat käden taitoja, ruoanlaittoa, luontoasioita ja "
                "yrittäjyyttä."
            ),
            description=tr(
                "Kerhot kokoontuvat koulujen tiloissa kerran viikossa heti koulupäivän jälkeen. Kerhoissa "
                "kokataan, rakennetaan, retkeillään ja hoidetaan eläimiä, ja ohjaajina toimivat 4H:n "
                "kouluttamat nuoret. Kerhoon ilmoittaudutaan syys- ja kevätkauden alussa."
            ),
            types=["family-leisure", "youth-services"],
            situations=["school-age"],
            areas=codes,
            ages=(84, 156),
            parents=False,
            fee=tr("Kerhomaksu on 30 euroa lukukaudelta."),
            access="registration",
            phone=phone,
            website=site,
            deliveries=[
                delivery(
                    "school",
                    codes,
                    note=tr("Kerhot kokoontuvat koulujen tiloissa."),
                    schedules=term_hours(
                        rule([MON, TUE, WED, THU], "13:00", "15:30"),
                        spring=SCHOOL_SPRING_2026,
                        autumn=SCHOOL_AUTUMN_2026,
                    ),
                )
            ],
        )

    return [
        clubs(
            "joensuun-seudun-4h-kerhot",
            "joensuun-seudun-4h",
            "Joensuun seutu",
            [JOENSUU, KONTIOLAHTI, LIPERI],
            "040 587 1121",
            "https://joensuunseutu.4h.fi/kerhot",
        ),
        clubs(
            "pielisen-karjalan-4h-kerhot",
            "pielisen-karjalan-4h",
            "Pielisen Karjala",
            [LIEKSA, NURMES, JUUKA],
            "044 561 2291",
            "https://pielisenkarjala.4h.fi/kerhot",
        ),
        clubs(
            "keski-karjalan-4h-kerhot",
            "keski-karjalan-4h",
            "Keski-Karjala",
            [KITEE, TOHMAJARVI, RAAKKYLA],
            "050 336 4411",
            "https://keskikarjala.4h.fi/kerhot",
        ),
        service(
            "joensuun-seudun-4h-tyopalvelu",
            "joensuun-seudun-4h",
            name=tr("4H-työpalvelu nuorille"),
            summary=tr(
                "4H-työpalvelun kautta 13–28-vuotiaat nuoret saavat ensimmäisiä työkokemuksiaan "
                "kotitalouksien ja yritysten pienistä töistä."
            ),
            description=tr(
                "Nuori voi tehdä työpalvelun kautta esimerkiksi pihatöitä, siivousta, lastenhoitoa tai "
                "tapahtuma-apua, ja 4H hoitaa laskutuksen ja vakuutukset. Ennen töiden aloittamista nuori "
                "osallistuu työelämäkoulutukseen. Palvelu toimii Joensuun, Kontiolahden ja Liperin alueella."
            ),
            types=["youth-services"],
            situations=["teenager"],
            areas=[JOENSUU, KONTIOLAHTI, LIPERI],
            ages=(156, 348),
            parents=False,
            access="registration",
            phone="040 587 1122",
            website="https://joensuunseutu.4h.fi/tyopalvelu",
            deliveries=[
                at(
                    "joensuu-4h",
                    [JOENSUU, KONTIOLAHTI, LIPERI],
                    [MON, WED],
                    "12:00",
                    "16:00",
                    by_appointment=False,
                ),
                online([JOENSUU, KONTIOLAHTI, LIPERI], tr("Ilmoittautuminen ja työtilaukset verkossa.")),
            ],
        ),
        service(
            "pielisen-karjalan-4h-lastenhoitokurssi",
            "pielisen-karjalan-4h",
            name=tr("Lastenhoitokurssi nuorille"),
            summary=tr("Lastenhoitokurssilla 13–17-vuotiaat oppivat hoitamaan pieniä lapsia turvallisesti."),
            description=tr(
                "Kurssilla käydään läpi lapsen kehitys, leikit, ruokailu, turvallisuus ja ensiapu, ja osa "
                "harjoituksista tehdään perhekeskuksen kohtaamispaikassa yhdessä perheiden kanssa. Kurssin "
                "suorittaneet voivat ottaa vastaan lastenhoitotöitä 4H:n kautta. Kurssi järjestetään "
                "yhteistyössä MLL:n Lieksan paikallisyhdistyksen kanssa."
            ),
            types=["youth-services"],
            situations=["teenager"],
            areas=[LIEKSA, NURMES],
            ages=(156, 216),
            parents=False,
            fee=tr("Kurssimaksu on 25 euroa."),
            access="registration",
            phone="044 561 2292",
            website="https://pielisenkarjala.4h.fi/kurssit",
            deliveries=[
                delivery(
                    "family-centre-building",
                    [LIEKSA, NURMES],
                    "lieksa-perhekeskus",
                    schedules=[
                        schedule(
                            rule([MON, WED], "15:30", "18:00"),
                            valid=("2026-03-02", "2026-03-27"),
                            description=tr("Kevään kurssi"),
                        )
                    ],
                ),
            ],
        ),
    ]


def _shelter_services() -> list[dict]:
    org = "pohjois-karjalan-ensi-ja-turvakoti"
    joensuu_area = [JOENSUU, KONTIOLAHTI, LIPERI]
    return [
        service(
            "pohjois-karjalan-turvakoti",
            org,
            name=tr("Pohjois-Karjalan turvakoti", "Skyddshemmet i Norra Karelen", "North Karelia shelter"),
            summary=tr(
                "Turvakoti tarjoaa turvallisen paikan ja kriisiapua lähisuhdeväkivaltaa kokeneille ja sen "
                "uhan alla eläville aikuisille ja lapsille.",
                "Skyddshemmet erbjuder en trygg plats och krishjälp för vuxna och barn som utsatts för eller "
                "hotas av våld i nära relationer.",
                "The shelter offers a safe place and crisis help for adults and children who have "
                "experienced "
                "or are threatened by domestic violence.",
            ),
            description=tr(
                "Turvakotiin voi tulla yksin tai lasten kanssa ilman lähetettä mihin vuorokaudenaikaan "
                "tahansa, "
                "ja palvelu on maksutonta. Työntekijät auttavat turvallisuuden suunnittelussa, "
                "viranomaisasioissa ja jatkoasumisen järjestämisessä, ja lapsille on omaa tukea. Turvakodin "
                "osoite on salainen asukkaiden turvallisuuden vuoksi.",
                en="You can come alone or with your children without a referral at any time of day or night, "
                "and the service is free. Staff help with safety planning, dealing with the authorities and "
                "finding housing, and children get their own support. The address is kept secret for the "
                "residents' safety.",
            ),
            types=["domestic-violence-support"],
            situations=["violence"],
            areas=ALL_CODES,
            whole_family=True,
            languages=["fi", "en", "ru"],
            access="drop-in",
            how_to_get=tr(
                "Soita turvakotiin ennen tuloa, niin sovitaan turvallinen tapa saapua. Hätätilanteessa soita "
                "112.",
                en="Call the shelter before you come so that a safe way of arriving can be agreed. In an "
                "emergency call 112.",
            ),
            phone="013 227 4111",
            email="turvakoti@pkensijaturvakoti.fi",
            website="https://www.pkensijaturvakoti.fi/turvakoti",
            contacts=[
                contact(
                    "Turvakodin päivystys", tr("Ympäri vuorokauden", en="Around the clock"), "013 227 4111"
                )
            ],
            deliveries=[
                delivery("provider-site", ALL_CODES, "joensuu-turvakoti", schedules=around_the_clock()),
                delivery(
                    "phone",
                    ALL_CODES,
                    note=tr(
                        "Päivystävä puhelin vastaa ympäri vuorokauden.",
                        en="The phone is answered around the clock.",
                    ),
                    schedules=around_the_clock(),
                ),
            ],
        ),
        service(
            "joensuun-ensikoti",
            org,
            name=tr("Joensuun ensikoti", en="Joensuu mother and child home"),
            summary=tr(
                "Ensikoti tukee odottavia ja vauvaperheitä, jotka tarvitsevat ympärivuorokautista tukea "
                "vanhemmuuteen ja arkeen.",
                en="The mother and child home supports expecting families and families with babies who "
                "need round-the-clock support in parenting and daily life.",
            ),
            description=tr(
                "Ensikodissa perhe asuu tavallisesti muutamasta kuukaudesta vuoteen, ja työntekijät tukevat "
                "vauvan hoidossa, vuorovaikutuksessa ja arjen taidoissa ympäri vuorokauden. Ensikodissa on "
                "myös päihdekuntoutukseen erikoistuneita paikkoja raskaana oleville ja vauvaperheille. "
                "Ensikotiin tullaan sosiaalityöntekijän ohjaamana.",
                en="Families usually live in the home from a few months to a year, with staff supporting "
                "baby "
                "care, interaction and everyday skills around the clock. There are also places specialised "
                "in substance abuse rehabilitation for pregnant women and families with babies.",
            ),
            types=["mother-baby-home", "substance-use-support"],
            situations=["expecting", "baby", "substance-use"],
            areas=ALL_CODES,
            ages=(0, 12),
            expecting=True,
            whole_family=True,
            languages=["fi", "en"],
            access="referral",
            how_to_get=tr(
                "Ensikotijaksosta sovitaan perheen sosiaalityöntekijän kanssa.",
                en="A stay is agreed with the family's social worker.",
            ),
            phone="013 227 4120",
            email="ensikoti@pkensijaturvakoti.fi",
            website="https://www.pkensijaturvakoti.fi/ensikoti",
            deliveries=[
                delivery("provider-site", ALL_CODES, "joensuu-ensikoti", schedules=around_the_clock())
            ],
        ),
        service(
            "kohtaamo-vauvaperheiden-avopalvelut",
            org,
            name=tr(
                "Vauvaperheiden avopalvelut Kohtaamo",
                "Kohtaamo – öppenvård för familjer med bebis",
                en="Kohtaamo outpatient services for families with babies",
            ),
            summary=tr(
                "Kohtaamo tarjoaa keskusteluapua, kotikäyntejä ja avoimen vauvaryhmän odottaville ja "
                "vauvaperheille.",
                en="Kohtaamo offers counselling, home visits and an open baby group for expecting "
                "families and families with babies.",
            ),
            description=tr(
                "Kohtaamon työntekijät tukevat vanhempia, joita mietityttää vauvan hoito, oma jaksaminen tai "
                "vaikea elämäntilanne. Tapaamiset voivat olla Kohtaamossa tai kotona, ja torstaisin "
                "kokoontuu kaikille avoin vauvaryhmä. Palvelu on maksutonta, eikä se edellytä lähetettä.",
                en="Kohtaamo's staff support parents who are worried about caring for the baby, their own "
                "coping or a difficult life situation. Meetings can be at Kohtaamo or at home, and an open "
                "baby group meets on Thursdays. The service is free and no referral is needed.",
            ),
            types=["parenting-support", "peer-support-group"],
            situations=["expecting", "baby", "parent-coping"],
            areas=joensuu_area,
            ages=(0, 24),
            expecting=True,
            languages=["fi", "en"],
            how_to_get=tr(
                "Soita tai tule suoraan torstain vauvaryhmään.",
                en="Call us or come straight to the Thursday baby group.",
            ),
            phone="013 227 4130",
            email="kohtaamo@pkensijaturvakoti.fi",
            website="https://www.pkensijaturvakoti.fi/kohtaamo",
            deliveries=[
                at("joensuu-avopalvelukeskus", joensuu_area, [MON, TUE, WED, FRI], "09:00", "15:00"),
                delivery(
                    "provider-site",
                    joensuu_area,
                    "joensuu-avopalvelukeskus",
                    tr("Avoin vauvaryhmä.", en="Open baby group."),
                    term_hours(rule([THU], "10:00", "12:00")),
                ),
                delivery("home-visit", joensuu_area),
            ],
        ),
        service(
            "vakivaltatyon-avopalvelut",
            org,
            name=tr(
                "Väkivaltatyön avopalvelut",
                "Öppenvård vid våld i nära relationer",
                "Outpatient services for domestic violence",
            ),
            summary=tr(
                "Avopalveluista saavat tukea väkivaltaa kokeneet, väkivaltaa käyttäneet ja väkivaltaa "
                "nähneet lapset ja nuoret.",
                en="Support for people who have experienced or used violence and for children and "
                "young people who have witnessed it.",
            ),
            description=tr(
                "Työskentely perustuu yksilö- ja ryhmätapaamisiin, ja lapsille ja nuorille on oma Lapsen "
                "aika -työmuoto. Väkivaltaa käyttäneille naisille ja miehille on omat ryhmänsä, ja miesten "
                "kanssa tehtävä työ toteutetaan Jussi-työn mallilla. Tapaamiset ovat luottamuksellisia ja "
                "maksuttomia.",
                en="Work is based on individual and group meetings, with a separate programme for children "
                "and "
                "young people. Groups are offered for women and men who have used violence. Meetings are "
                "confidential and free.",
            ),
            types=["domestic-violence-support"],
            situations=["violence"],
            areas=ALL_CODES,
            whole_family=True,
            languages=["fi", "en"],
            how_to_get=tr(
                "Ota yhteyttä puhelimitse tai chatissa; voit olla yhteydessä myös nimettömänä.",
                en="Contact us by phone or chat; you can stay anonymous.",
            ),
            phone="013 227 4140",
            email="vakivaltatyo@pkensijaturvakoti.fi",
            website="https://www.pkensijaturvakoti.fi/vakivaltatyo",
            deliveries=[
                at("joensuu-avopalvelukeskus", [JOENSUU, KONTIOLAHTI, LIPERI, OUTOKUMPU, POLVIJARVI]),
                online(
                    ALL_CODES,
                    tr("Chat ja videotapaamiset.", en="Chat and video meetings."),
                    office_hours(MON_FRI, "09:00", "15:00", by_appointment=False),
                ),
                by_phone(ALL_CODES, MON_FRI, "09:00", "15:00"),
            ],
        ),
    ]


def _other_ngo_services() -> list[dict]:
    return [
        # Waits for the coordinator's review in the workspace: the demo's review queue is not empty.
        service(
            "vauvaperheiden-verkkovertaisryhma",
            "mll-ita-suomen-piiri",
            name=tr("Vauvaperheiden verkkovertaisryhmä"),
            summary=tr("Vertaisryhmä verkossa vauvaperheiden vanhemmille: jaetaan arjen iloja ja huolia."),
            description=tr(
                "Ryhmä kokoontuu verkossa kahden viikon välein iltaisin. Vapaaehtoinen ohjaaja johdattaa "
                "keskustelua; aiheina uni, syöminen, jaksaminen ja parisuhde vauva-arjessa."
            ),
            types=["peer-support-group"],
            situations=["baby", "parent-coping"],
            areas=ALL_CODES,
            ages=(0, 12),
            access="registration",
            deliveries=[delivery("online", ALL_CODES)],
            publication="pending",
        ),
        service(
            "tukiperhe-ja-tukihenkilotoiminta",
            "pelastakaa-lapset-ita-suomi",
            name=tr("Tukiperhe- ja tukihenkilötoiminta"),
            summary=tr(
                "Vapaaehtoinen tukiperhe tai tukihenkilö tuo lapsen elämään turvallisen aikuisen ja "
                "antaa vanhemmille hetken hengähdystauon."
            ),
            description=tr(
                "Tukiperheessä lapsi viettää yleensä yhden viikonlopun kuukaudessa, ja tukihenkilö tapaa "
                "lasta "
                "tai nuorta muutaman tunnin viikossa yhteisen tekemisen merkeissä. Pelastakaa Lapset "
                "kouluttaa "
                "ja tukee vapaaehtoisia ja sopii toiminnasta yhdessä perheen ja sosiaalityöntekijän kanssa. "
                "Toiminta on perheelle maksutonta."
            ),
            types=["support-person-family"],
            situations=["parent-coping", "school-age", "teenager"],
            areas=ALL_CODES,
            ages=(0, 216),
            access="referral",
            how_to_get=tr(
                "Tukiperheestä tai -henkilöstä sovitaan yleensä sosiaalihuollon tai lastensuojelun "
                "kanssa, mutta perhe voi myös kysyä toiminnasta suoraan aluetoimistosta."
            ),
            phone="040 668 2032",
            email="ita-suomi@pelastakaalapset.fi",
            website="https://www.pelastakaalapset.fi/tukiperhetoiminta",
            deliveries=[
                at(
                    "joensuu-pelastakaa-lapset",
                    [JOENSUU, KONTIOLAHTI, LIPERI],
                    [TUE, WED, THU],
                    "09:00",
                    "15:00",
                ),
                delivery("home-visit", ALL_CODES, note=tr("Tukihenkilö tapaa lasta kotipaikkakunnalla.")),
            ],
        ),
        service(
            "kriisikeskus-ja-kriisipuhelin",
            "mieli-pohjois-karjala",
            name=tr(
                "Kriisikeskuksen keskusteluapu ja kriisipuhelin",
                "Krishjälp och kristelefon",
                "Crisis counselling and crisis helpline",
            ),
            summary=tr(
                "Kriisikeskuksesta saa maksutonta keskusteluapua äkillisissä kriiseissä, kuten eron, "
                "menetyksen tai onnettomuuden jälkeen.",
                "Kriscentret erbjuder avgiftsfri samtalshjälp i plötsliga kriser, till exempel efter en "
                "separation, en förlust eller en olycka.",
                "The crisis centre offers free counselling in sudden crises, for example after a separation, "
                "a "
                "loss or an accident.",
            ),
            description=tr(
                "Kriisityöntekijät ja koulutetut vapaaehtoiset kuuntelevat ja auttavat jäsentämään "
                "tilannetta, "
                "ja tarvittaessa ohjaavat jatkoavun piiriin. Vastaanotolle voi tulla 1–5 kertaa ilman "
                "lähetettä. Kriisipuhelin päivystää iltaisin ja viikonloppuöinä, jolloin muuta apua on "
                "vähiten "
                "saatavilla.",
                en="Crisis workers and trained volunteers listen, help you make sense of the situation and "
                "guide you to further help if needed. You can come for 1–5 sessions without a referral. The "
                "helpline is open in the evenings and on weekend nights, when other help is hardest to "
                "find.",
            ),
            types=["helpline-chat"],
            situations=["mental-wellbeing", "separation", "violence", "parent-coping"],
            areas=ALL_CODES,
            languages=["fi", "en"],
            access="drop-in",
            how_to_get=tr(
                "Soita kriisipuhelimeen tai varaa aika vastaanotolle.",
                en="Call the helpline or book a counselling appointment.",
            ),
            phone="013 255 3410",
            email="kriisikeskus@mielipohjoiskarjala.fi",
            website="https://www.mielipohjoiskarjala.fi/kriisikeskus",
            deliveries=[
                delivery(
                    "phone",
                    ALL_CODES,
                    note=tr(
                        "Perjantain ja lauantain päivystys jatkuu kello kahteen yöllä.",
                        en="On Friday and Saturday the line is open until 2 am.",
                    ),
                    schedules=[
                        schedule(
                            rule([MON, TUE, WED, THU, SUN], "18:00", "22:00"),
                            rule([FRI, SAT], "20:00", "02:00", next_day=True),
                            holidays=False,
                            exceptions=[
                                open_on(
                                    "2026-12-24",
                                    "14:00",
                                    "23:59",
                                    tr("Jouluaaton päivystys", en="Christmas Eve helpline"),
                                )
                            ],
                        )
                    ],
                ),
                at("joensuu-kriisikeskus", [JOENSUU, KONTIOLAHTI, LIPERI, OUTOKUMPU, POLVIJARVI]),
                online(
                    ALL_CODES,
                    tr("Chat arkipäivisin.", en="Chat on weekdays."),
                    office_hours(MON_FRI, "12:00", "16:00", by_appointment=False),
                ),
            ],
        ),
        service(
            "mieli-eroryhmat",
            "mieli-pohjois-karjala",
            name=tr("Eroryhmät", "Skilsmässogrupper", "Separation support groups"),
            summary=tr(
                "Eroryhmässä eron kokeneet aikuiset saavat vertaistukea ja tietoa eron jälkeiseen elämään.",
                en="Separation groups give adults peer support and information for life after a separation.",
            ),
            description=tr(
                "Ryhmä kokoontuu kahdeksan kertaa koulutetun ohjaajan johdolla, ja jokaisella kerralla on "
                "oma "
                "teemansa, kuten tunteet, vanhemmuus ja uuden arjen rakentaminen. Ryhmään mahtuu kymmenen "
                "osallistujaa. Verkkoryhmään voi osallistua mistä päin maakuntaa tahansa.",
                en="A group meets eight times with a trained leader, and each meeting has its own theme, "
                "such as "
                "emotions, parenting and building a new everyday life. Up to ten people can join. The online "
                "group is open to people from anywhere in the region.",
            ),
            types=["separation-support", "peer-support-group"],
            situations=["separation", "relationship"],
            areas=ALL_CODES,
            languages=["fi", "en"],
            access="registration",
            how_to_get=tr(
                "Ilmoittaudu kriisikeskuksen verkkosivuilla tai puhelimitse.",
                en="Register on the crisis centre's website or by phone.",
            ),
            phone="013 255 3400",
            website="https://www.mielipohjoiskarjala.fi/eroryhmat",
            deliveries=[
                delivery(
                    "provider-site",
                    [JOENSUU, KONTIOLAHTI, LIPERI],
                    "joensuu-kriisikeskus",
                    schedules=term_hours(rule([MON], "17:30", "19:30")),
                ),
                online(ALL_CODES, schedules=term_hours(rule([WED], "18:00", "19:30"))),
            ],
        ),
        service(
            "kotomaa-monikulttuurinen-perhekerho",
            "kotomaa",
            name=tr("Monikulttuurinen perhekerho", en="Multicultural family club"),
            summary=tr(
                "Perhekerhossa suomalaiset ja maahan muuttaneet perheet tapaavat toisiaan, leikkivät ja "
                "harjoittelevat suomen kieltä arjen tilanteissa.",
                en="In the family club, Finnish and immigrant families meet, play and practise Finnish "
                "in everyday situations.",
            ),
            description=tr(
                "Kerhossa lauletaan, leikitään ja askarrellaan yhdessä, ja aikuiset voivat kysyä neuvoa "
                "arjen "
                "asioissa vapaaehtoisilta, jotka puhuvat useita kieliä. Vuoden juhlia vietetään eri "
                "kulttuurien "
                "tapojen mukaan. Kerho on maksuton ja avoin kaikille alle kouluikäisten lasten perheille.",
                en="We sing, play and do crafts together, and adults can ask for advice from volunteers who "
                "speak several languages. Festivals are celebrated according to different cultures' "
                "traditions. The club is free and open to all families with children under school age.",
            ),
            types=["immigrant-family-support", "family-club"],
            situations=["new-to-finland", "peer-company", "under-school-age"],
            areas=[JOENSUU, KONTIOLAHTI, LIPERI],
            ages=(0, 84),
            whole_family=True,
            languages=["fi", "en", "ar", "uk", "ru"],
            access="drop-in",
            how_to_get=tr("Tule paikalle kerhon aikaan.", en="Come along during club hours."),
            phone="044 931 2088",
            email="kotomaa@kotomaa.fi",
            website="https://www.kotomaa.fi/perhekerho",
            deliveries=[
                delivery(
                    "provider-site",
                    JOENSUU,
                    "joensuu-kotomaa",
                    schedules=term_hours(rule([WED], "10:00", "12:00")),
                )
            ],
        ),
        service(
            "kotomaa-aitien-suomen-kielen-ryhma",
            "kotomaa",
            name=tr("Äitien suomen kielen ryhmä", en="Finnish language group for mothers"),
            summary=tr(
                "Ryhmässä kotona lapsia hoitavat äidit opiskelevat suomen kieltä, ja lapsille on "
                "järjestetty hoito.",
                en="Mothers caring for children at home study Finnish while their children are looked after.",
            ),
            description=tr(
                "Opetus etenee arjen tilanteiden kautta, kuten neuvolakäynnin, kaupassa asioinnin ja "
                "päiväkodin kanssa asioinnin harjoittelulla. Ryhmää opettaa suomi toisena kielenä -opettaja, "
                "ja "
                "lapset leikkivät samaan aikaan viereisessä huoneessa vapaaehtoisten kanssa. Ryhmä sopii "
                "myös "
                "niille, jotka eivät vielä ole päässeet kotoutumiskoulutukseen.",
                en="Lessons use everyday situations such as visiting the clinic, shopping and talking to day "
                "care staff. A teacher of Finnish as a second language leads the group, and volunteers look "
                "after the children next door.",
            ),
            types=["immigrant-family-support"],
            situations=["new-to-finland", "parent-coping"],
            areas=[JOENSUU, KONTIOLAHTI, LIPERI],
            languages=["fi", "ar", "uk", "so", "fa"],
            access="registration",
            how_to_get=tr(
                "Ilmoittaudu puhelimitse tai tule tutustumaan ensimmäiselle kerralle.",
                en="Register by phone or come and try the first session.",
            ),
            phone="044 931 2089",
            email="kotomaa@kotomaa.fi",
            website="https://www.kotomaa.fi/kieliryhma",
            deliveries=[
                delivery(
                    "provider-site",
                    JOENSUU,
                    "joensuu-kotomaa",
                    schedules=term_hours(rule([MON, THU], "09:30", "11:30")),
                )
            ],
        ),
        service(
            "viittomakielinen-perhekerho",
            "pohjois-karjalan-kuurot",
            name=tr("Viittomakielinen perhekerho"),
            summary=tr(
                "Perhekerho viittomakielisille perheille ja perheille, joissa on kuuro tai huonokuuloinen "
                "lapsi tai vanhempi."
            ),
            description=tr(
                "Kerhossa leikitään, lauletaan viittoen ja vaihdetaan kokemuksia viittomakielisen perheen "
                "arjesta. Kerhoa ohjaa viittomakielinen ohjaaja, ja mukaan ovat tervetulleita myös "
                "viittomakieltä "
                "opettelevat kuulevat perheenjäsenet. Kerho kokoontuu lauantaisin."
            ),
            types=["family-club", "peer-support-group"],
            situations=["special-needs", "peer-company", "under-school-age"],
            areas=[JOENSUU, KONTIOLAHTI, LIPERI],
            ages=(0, 144),
            whole_family=True,
            languages=["fse", "fi"],
            access="drop-in",
            phone="050 374 9120",
            email="yhdistys@pkkuurot.fi",
            website="https://www.pkkuurot.fi/perhekerho",
            deliveries=[
                delivery(
                    "provider-site",
                    JOENSUU,
                    "joensuu-kuurojen-kerhotila",
                    schedules=term_hours(rule([SAT], "11:00", "13:00")),
                )
            ],
        ),
    ]


def _ngo_services() -> list[dict]:
    return [
        *_mll_services(),
        *_family_house_services(),
        *_martha_services(),
        *_four_h_services(),
        *_shelter_services(),
        *_other_ngo_services(),
    ]


# ---------------------------------------------------------------------------------------------------------
# Parishes
# ---------------------------------------------------------------------------------------------------------

# Family clubs: parish organisation, its name in the genitive, location and weekly rules.
FAMILY_CLUBS = [
    ("joensuun-seurakunta", "Joensuun", JOENSUU, "joensuu-seurakuntakeskus", [rule([WED], "09:30", "11:30")]),
    (
        "pielisensuun-seurakunta",
        "Pielisensuun",
        JOENSUU,
        "joensuu-pielisensuun-kirkko",
        [rule([TUE, THU], "09:30", "11:30")],
    ),
    (
        parish_key(KONTIOLAHTI),
        "Kontiolahden",
        KONTIOLAHTI,
        "kontiolahti-seurakuntakeskus",
        [rule([WED], "09:30", "11:30")],
    ),
    (parish_key(LIPERI), "Liperin", LIPERI, "liperi-seurakuntakeskus", [rule([TUE], "09:30", "11:30")]),
    (parish_key(LIEKSA), "Lieksan", LIEKSA, "lieksa-seurakuntakeskus", [rule([TUE], "09:30", "11:30")]),
    (parish_key(KITEE), "Kiteen", KITEE, "kitee-seurakuntakeskus", [rule([MON], "09:30", "11:30")]),
    (parish_key(NURMES), "Nurmeksen", NURMES, "nurmes-seurakuntakeskus", [rule([THU], "09:30", "11:30")]),
    (
        parish_key(OUTOKUMPU),
        "Outokummun",
        OUTOKUMPU,
        "outokumpu-seurakuntakeskus",
        [rule([WED], "09:30", "11:30")],
    ),
    (
        parish_key(ILOMANTSI),
        "Ilomantsin",
        ILOMANTSI,
        "ilomantsi-seurakuntakeskus",
        [rule([TUE], "10:00", "12:00")],
    ),
    (parish_key(JUUKA), "Juuan", JUUKA, "juuka-seurakuntakeskus", [rule([THU], "09:30", "11:30")]),
    (
        parish_key(POLVIJARVI),
        "Polvijärven",
        POLVIJARVI,
        "polvijarvi-seurakuntakeskus",
        [rule([TUE], "09:30", "11:30")],
    ),
    (
        parish_key(TOHMAJARVI),
        "Tohmajärven",
        TOHMAJARVI,
        "tohmajarvi-seurakuntakeskus",
        [rule([THU], "09:30", "11:30")],
    ),
    (
        parish_key(HEINAVESI),
        "Heinäveden",
        HEINAVESI,
        "heinavesi-seurakuntakeskus",
        [rule([WED], "10:00", "12:00")],
    ),
    (
        parish_key(RAAKKYLA),
        "Rääkkylän",
        RAAKKYLA,
        "raakkyla-seurakuntakeskus",
        [rule([TUE], "10:00", "12:00")],
    ),
]
# Where the parish family club is the only weekly open gathering for families.
ONLY_GATHERING = {POLVIJARVI, HEINAVESI, RAAKKYLA}


def _family_club(org: str, genitive: str, code: str, location: str, rules: list[dict]) -> dict:
    extra = ""
    if code in ONLY_GATHERING:
        extra = (
            " Kerho on paikkakunnan ainoa viikoittainen avoin kokoontuminen lapsiperheille, joten mukaan "
            "ovat tervetulleita myös odottavat perheet."
        )
    if code == LIEKSA:
        extra = " Keskiviikkoisin seurakunnan lastenohjaaja on mukana MLL:n perhekahvilassa perhekeskuksessa."
    slug = org.removesuffix("-seurakunta")
    return service(
        f"{slug}-seurakunnan-perhekerho",
        org,
        name=tr(f"{genitive} seurakunnan perhekerho"),
        summary=tr(
            "Seurakunnan perhekerhossa pienet lapset ja heidän aikuisensa leikkivät, laulavat ja "
            "viettävät aikaa yhdessä."
        ),
        description=tr(
            "Perhekerho on avoin kaikille alle kouluikäisille lapsille ja heidän vanhemmilleen, "
            "isovanhemmilleen "
            "tai muille hoitajilleen seurakunnan jäsenyydestä riippumatta. Kerhoaamuun kuuluu vapaata "
            "leikkiä, "
            "yhteinen laulu- ja hartaushetki sekä kahvit. Kerhoa ohjaavat seurakunnan lastenohjaajat."
            f"{extra}"
        ),
        types=["family-club"],
        situations=["baby", "under-school-age", "peer-company"],
        areas=[code],
        ages=(0, 84),
        whole_family=True,
        access="drop-in",
        how_to_get=tr("Tule mukaan kerhon aikaan, ilmoittautumista ei tarvita."),
        phone=ngo_mobile(30 + [row[0] for row in FAMILY_CLUBS].index(org)),
        website=(parish_site(code) if code != JOENSUU else "https://www.joensuunseurakunnat.fi")
        + "/perhekerhot",
        deliveries=[delivery("provider-site", code, location, schedules=term_hours(*rules))],
    )


# Day clubs for 3–5-year-olds: organisation, parish name in the genitive, municipality, deliveries.
DAY_CLUBS = [
    (
        "joensuun-seurakuntayhtyma",
        "Joensuun seurakuntien",
        JOENSUU,
        [("joensuu-seurakuntakeskus", [MON, WED]), ("joensuu-pielisensuun-kirkko", [TUE, THU])],
    ),
    (
        parish_key(KONTIOLAHTI),
        "Kontiolahden seurakunnan",
        KONTIOLAHTI,
        [("kontiolahti-seurakuntakeskus", [TUE, THU])],
    ),
    (parish_key(LIPERI), "Liperin seurakunnan", LIPERI, [("liperi-seurakuntakeskus", [MON, THU])]),
    (parish_key(LIEKSA), "Lieksan seurakunnan", LIEKSA, [("lieksa-seurakuntakeskus", [MON, THU])]),
    (parish_key(KITEE), "Kiteen seurakunnan", KITEE, [("kitee-seurakuntakeskus", [TUE, THU])]),
    (parish_key(NURMES), "Nurmeksen seurakunnan", NURMES, [("nurmes-seurakuntakeskus", [MON, WED])]),
]


def _day_club(org: str, genitive: str, code: str, places: list[tuple[str, list[int]]]) -> dict:
    return service(
        f"{BY_CODE[code].slug}-seurakunnan-paivakerhot",
        org,
        name=tr(f"{genitive} päiväkerhot"),
        summary=tr(
            "Päiväkerho on 3–5-vuotiaille tarkoitettu leikki- ja satukerho, johon lapsi tulee ilman "
            "vanhempaa."
        ),
        description=tr(
            "Päiväkerho kokoontuu kahtena aamupäivänä viikossa pienessä ryhmässä lastenohjaajan johdolla. "
            "Kerhossa leikitään, lauletaan, askarrellaan ja kuullaan raamatunkertomuksia, ja lapsi "
            "harjoittelee "
            "toimimista ryhmässä. Kerho on maksuton, ja siihen ilmoittaudutaan keväällä seuraavaa syksyä "
            "varten."
        ),
        types=["open-early-childhood-activities"],
        situations=["under-school-age"],
        areas=[code],
        ages=(36, 72),
        access="registration",
        how_to_get=tr("Ilmoita lapsi kerhoon seurakunnan verkkosivuilla."),
        phone=ngo_mobile(50 + [row[0] for row in DAY_CLUBS].index(org)),
        website=(parish_site(code) if code != JOENSUU else "https://www.joensuunseurakunnat.fi")
        + "/paivakerhot",
        deliveries=[
            delivery("provider-site", code, location, schedules=term_hours(rule(days, "09:00", "12:00")))
            for location, days in places
        ],
    )


def _parish_services() -> list[dict]:
    rows = [_family_club(*row) for row in FAMILY_CLUBS]
    rows += [_day_club(*row) for row in DAY_CLUBS]
    # The church's family counselling does not reach Heinävesi (a deliberate gap, see DELIBERATE_GAPS).
    rows.append(
        service(
            "kirkon-perheneuvonta",
            "joensuun-seurakuntayhtyma",
            name=tr("Kirkon perheneuvonta", "Kyrkans familjerådgivning", "Church family counselling"),
            summary=tr(
                "Kirkon perheneuvonnasta saa maksutonta keskusteluapua parisuhteen, perhe-elämän ja eron "
                "kysymyksiin."
            ),
            description=tr(
                "Perheneuvojat ovat perheterapeuttisen koulutuksen saaneita työntekijöitä, jotka tapaavat "
                "pareja, "
                "perheitä ja yksittäisiä ihmisiä. Palvelu on luottamuksellista, eikä se edellytä kirkon "
                "jäsenyyttä. "
                "Vastaanotot ovat Joensuussa, ja kerran viikossa perheneuvoja tapaa asiakkaita Lieksassa ja "
                "Nurmeksessa."
            ),
            types=["couple-relationship-support", "family-counselling"],
            situations=["relationship", "separation", "parent-coping"],
            areas=except_(HEINAVESI),
            how_to_get=tr("Varaa aika puhelimitse arkisin kello 9–11."),
            phone="013 263 2300",
            email="perheneuvonta@joensuunseurakunnat.fi",
            website="https://www.joensuunseurakunnat.fi/perheneuvonta",
            deliveries=[
                at("joensuu-seurakuntakeskus", except_(HEINAVESI, LIEKSA, NURMES, JUUKA)),
                at("lieksa-seurakuntakeskus", LIEKSA, [WED]),
                at("nurmes-seurakuntakeskus", [NURMES, JUUKA], [THU]),
                by_phone(except_(HEINAVESI), MON_FRI, "09:00", "11:00"),
            ],
        )
    )
    rows.append(
        service(
            "ortodoksinen-perhekerho",
            "joensuun-ortodoksinen-seurakunta",
            name=tr("Ortodoksinen perhekerho"),
            summary=tr(
                "Ortodoksisessa perhekerhossa pienet lapset ja heidän aikuisensa leikkivät, laulavat ja "
                "tutustuvat kirkon perinteisiin."
            ),
            description=tr(
                "Kerhossa lauletaan, leikitään ja askarrellaan kirkkovuoden juhlien, kuten pääsiäisen ja "
                "joulun, "
                "teemoista. Kerhoaamu päättyy yhteiseen hetkeen kirkossa ja teehen seurakuntasalissa. Kerho "
                "on "
                "avoin kaikille perheille kirkkokuntaan katsomatta."
            ),
            types=["family-club"],
            situations=["baby", "under-school-age", "peer-company"],
            areas=[JOENSUU],
            ages=(0, 84),
            whole_family=True,
            access="drop-in",
            phone="040 612 7730",
            website="https://www.joensuunortodoksinenseurakunta.fi/perhekerho",
            deliveries=[
                delivery(
                    "provider-site",
                    JOENSUU,
                    "joensuu-nikolaoksen-kirkko",
                    schedules=term_hours(rule([FRI], "10:00", "12:00")),
                )
            ],
        )
    )
    return rows


# ---------------------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------------------


def build() -> dict:
    """The whole demo network as plain data (see FORMAT.md); a fresh copy on every call."""
    services = [
        *_siun_sote_local_services(),
        *_siun_sote_regional_services(),
        *_municipal_services(),
        *_ngo_services(),
        *_parish_services(),
    ]
    organizations = _organizations()
    # Referrals and families' contact requests: the NGOs' and parishes' services take both, and the
    # county's services that need a referral take referrals.
    kinds = {row["key"]: row["kind"] for row in organizations}
    for row in services:
        community = kinds[row["organization"]] in ("ngo", "parish")
        row["accepts_referrals"] = community or row["access_method"] == "referral"
        row["accepts_contact_requests"] = community
    return copy.deepcopy(
        {
            "network": NETWORK,
            "family_centres": _family_centres(),
            "organizations": organizations,
            "locations": _locations(),
            "services": services,
        }
    )
