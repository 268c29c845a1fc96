"""A Joensuu listing in the shape of PTV Open API v11 answers (V11VmOpenApiService, ...ServiceLocationChannel,
...PhoneChannel, ...ElectronicChannel, ...WebPageChannel, V10VmOpenApiOrganization), as the Open API's model
templates in vrk-kpa/ptv-releases define them. Ids are fixed so that tests can name what they check."""

import copy
import json
from pathlib import Path

SIUN_SOTE = "6e4a3c3a-0f52-4d2f-9a5e-6a0a8b3c1d01"
MLL = "6e4a3c3a-0f52-4d2f-9a5e-6a0a8b3c1d02"
UNKNOWN_ORG = "6e4a3c3a-0f52-4d2f-9a5e-6a0a8b3c1d99"

CHILD_CLINIC = "1b1f6f10-0000-4000-8000-000000000001"
CLINICS = "1b1f6f10-0000-4000-8000-000000000002"
FAMILY_COUNSELLING = "1b1f6f10-0000-4000-8000-000000000003"
FAMILY_CAFE = "1b1f6f10-0000-4000-8000-000000000004"
LIBRARY = "1b1f6f10-0000-4000-8000-000000000005"
VOLUNTEERING = "1b1f6f10-0000-4000-8000-000000000006"
ORPHAN = "1b1f6f10-0000-4000-8000-000000000007"
SPEECH_THERAPY = "1b1f6f10-0000-4000-8000-000000000008"

RANTAKYLA = "2c2f6f10-0000-4000-8000-000000000001"
BOOKING_LINE = "2c2f6f10-0000-4000-8000-000000000002"
CLINIC_WEB = "2c2f6f10-0000-4000-8000-000000000003"
COUNSELLING_CENTRE = "2c2f6f10-0000-4000-8000-000000000004"
CHAT = "2c2f6f10-0000-4000-8000-000000000005"
CAFE_PLACE = "2c2f6f10-0000-4000-8000-000000000006"
WRONG_POSTCODE = "2c2f6f10-0000-4000-8000-000000000007"
NATIONAL_CHAT = "2c2f6f10-0000-4000-8000-000000000008"


def texts(kind: str | None = None, **by_language) -> list[dict]:
    return [
        {"language": lang, "value": value, **({"type": kind} if kind else {})}
        for lang, value in by_language.items()
    ]


def area(*codes: str) -> list[dict]:
    return [
        {
            "type": "Municipality",
            "code": None,
            "name": None,
            "municipalities": [{"code": code, "name": texts(fi=code)} for code in codes],
        }
    ]


def service_class(code: str, name: str, *, with_code: bool = True) -> dict:
    found = {"name": texts(fi=name), "description": []}
    if with_code:
        found |= {
            "code": code,
            "ontologyType": "PTVL",
            "uri": f"http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/{code}",
        }
    return found


def koko(concept: str, name: str) -> dict:
    return {
        "name": texts(fi=name),
        "code": concept,
        "ontologyType": "KOKO",
        "uri": f"http://www.yso.fi/onto/koko/{concept}",
    }


def link_to_channel(channel_id: str, name: str, **extra) -> dict:
    return {
        "serviceChannel": {"id": channel_id, "name": name},
        "serviceChargeType": None,
        "description": [],
        "extraTypes": [],
        "serviceHours": [],
        "contactDetails": None,
        "digitalAuthorizations": [],
        "modified": "2026-09-01T08:00:00",
        **extra,
    }


def service(
    service_id: str,
    names: dict,
    *,
    classes=(),
    terms=(),
    organization: str | None = SIUN_SOTE,
    channels=(),
    summary: str = "",
    description: str = "",
    charge=None,
    areas=("167",),
) -> dict:
    return {
        "id": service_id,
        "sourceId": None,
        "generalDescriptionId": None,
        "type": "Service",
        "fundingType": "PubliclyFunded",
        "serviceNames": texts("Name", **names),
        "serviceChargeType": charge,
        "areaType": "LimitedType",
        "areas": area(*areas),
        "serviceDescriptions": texts("Summary", fi=summary or names["fi"])
        + (texts("Description", fi=description) if description else []),
        "languages": ["fi", "sv"],
        "serviceClasses": list(classes),
        "ontologyTerms": list(terms),
        "targetGroups": [],
        "lifeEvents": [],
        "serviceChannels": list(channels),
        "organizations": []
        if organization is None
        else [
            {
                "organization": {"id": organization, "name": "x"},
                "roleType": "Responsible",
                "provisionType": None,
            }
        ],
        "publishingStatus": "Published",
        "modified": "2026-09-01T08:00:00",
    }


def street_address(
    street: str, number: str, postal_code: str, municipality: str, north: str, east: str
) -> dict:
    return {
        "type": "Location",
        "subType": "Single",
        "postOfficeBoxAddress": None,
        "streetAddress": {
            "street": texts(fi=street, sv=street),
            "streetNumber": number,
            "postalCode": postal_code,
            "postOffice": texts(fi="JOENSUU", sv="JOENSUU"),
            "municipality": {"code": municipality, "name": texts(fi=municipality)},
            "additionalInformation": [],
            "latitude": north,
            "longitude": east,
            "coordinateState": "Ok",
        },
        "otherAddress": None,
        "locationAbroad": None,
        "entrances": [
            {
                "name": [],
                "isMainEntrance": True,
                "accessibilitySentences": [
                    {
                        "sentenceGroup": texts(fi="Sisäänkäynti"),
                        "sentences": [{"sentence": texts(fi="Esteetön sisäänkäynti pääovelta.")}],
                    }
                ],
            }
        ],
        "country": "FI",
    }


def hours(
    *openings, kind="DaysOfTheWeek", valid_from=None, valid_to=None, closed=False, reservation=False, info=""
):
    return {
        "serviceHourType": kind,
        "validFrom": valid_from,
        "validTo": valid_to,
        "isClosed": closed,
        "validForNow": True,
        "isAlwaysOpen": False,
        "isReservation": reservation,
        "additionalInformation": texts(fi=info) if info else [],
        "openingHour": [{"dayFrom": d, "dayTo": t, "from": f, "to": u} for d, t, f, u in openings],
    }


def channel(channel_id: str, kind: str, names: dict, *, organization=SIUN_SOTE, **fields) -> dict:
    return {
        "id": channel_id,
        "sourceId": None,
        "serviceChannelType": kind,
        "organizationId": organization,
        "serviceChannelNames": texts("Name", **names),
        "serviceChannelDescriptions": [],
        "areaType": "LimitedType",
        "areas": area("167"),
        "phoneNumbers": [],
        "emails": [],
        "languages": ["fi"],
        "webPages": [],
        "serviceHours": [],
        "services": [],
        "publishingStatus": "Published",
        "modified": "2026-09-01T08:00:00",
        **fields,
    }


def organization(organization_id: str, names: dict, kind: str, business_code: str, **fields) -> dict:
    return {
        "id": organization_id,
        "sourceId": None,
        "parentOrganizationId": None,
        "municipality": {"code": "167", "name": texts(fi="Joensuu")},
        "organizationType": kind,
        "businessCode": business_code,
        "businessName": names["fi"],
        "organizationNames": texts("Name", **names),
        "organizationDescriptions": texts("Description", fi=f"{names['fi']} tuottaa palveluja perheille."),
        "emails": [],
        "phoneNumbers": [],
        "webPages": [],
        "addresses": [],
        "publishingStatus": "Published",
        "modified": "2026-09-01T08:00:00",
        **fields,
    }


def joensuu() -> dict:
    """The listing: {"services": [...], "channels": [...], "organizations": [...]}."""
    services = [
        service(
            CHILD_CLINIC,
            {"fi": "Lastenneuvola", "sv": "Barnrådgivning"},
            classes=[service_class("P5.2", "Neuvolapalvelut")],
            terms=[koko("p5037", "lastenneuvolat")],
            summary="Lastenneuvola seuraa lapsen kasvua ja kehitystä.",
            description="Lastenneuvolassa käydään lapsen syntymästä kouluikään.",
            channels=[
                link_to_channel(RANTAKYLA, "Rantakylän neuvola"),
                link_to_channel(BOOKING_LINE, "Neuvolan ajanvaraus"),
                link_to_channel(CLINIC_WEB, "Neuvolat verkossa"),
            ],
        ),
        service(
            CLINICS,
            {"fi": "Neuvolapalvelut"},
            # A class without its code, as in the PTV samples (tests/data/ptv): found by its name.
            classes=[service_class("P5.2", "Neuvolapalvelut", with_code=False)],
            channels=[link_to_channel(RANTAKYLA, "Rantakylän neuvola")],
        ),
        service(
            FAMILY_COUNSELLING,
            {"fi": "Perheneuvola", "en": "Family counselling"},
            classes=[service_class("P3.7", "Kasvatus- ja perheneuvonta")],
            terms=[koko("p14454", "perheneuvolat")],
            charge="FreeOfCharge",
            channels=[link_to_channel(COUNSELLING_CENTRE, "Perheneuvola"), link_to_channel(CHAT, "Chat")],
        ),
        service(
            FAMILY_CAFE,
            {"fi": "Perhekahvila Jokela"},
            classes=[service_class("P4.12", "Sosiaalipalvelujen vertais- ja vapaaehtoistoiminta")],
            organization=MLL,
            charge="Chargeable",
            # No link here: the channel names the service (PTV lists the link on either side).
        ),
        service(
            LIBRARY,
            {"fi": "Kirjastopalvelut"},
            classes=[service_class("P10.1", "Kirjastot")],
        ),
        service(
            VOLUNTEERING,
            {"fi": "Vapaaehtoistoiminta"},
            classes=[service_class("P4.12", "Sosiaalipalvelujen vertais- ja vapaaehtoistoiminta")],
        ),
        service(
            ORPHAN,
            {"fi": "Perhetyö"},
            classes=[service_class("P3.6", "Lapsiperheiden sosiaalipalvelut")],
            terms=[koko("p12895", "perhetyö")],
            organization=UNKNOWN_ORG,
        ),
        service(
            SPEECH_THERAPY,
            {"fi": "Puheterapia"},
            classes=[service_class("P5.13", "Kuntoutus")],
            terms=[koko("p8003", "puheterapia")],
            channels=[
                link_to_channel(WRONG_POSTCODE, "Puheterapia Lieksa"),
                link_to_channel(NATIONAL_CHAT, "Chat"),
            ],
        ),
    ]
    channels = [
        channel(
            RANTAKYLA,
            "ServiceLocation",
            {"fi": "Rantakylän neuvola", "sv": "Rantakylä rådgivning"},
            addresses=[street_address("Rantakatu", "5", "80160", "167", "6946176.717", "644336.438")],
            phoneNumbers=[
                {
                    "type": "Phone",
                    "prefixNumber": "+358",
                    "isFinnishServiceNumber": False,
                    "number": "13 330 2000",
                    "language": "fi",
                }
            ],
            emails=[{"value": "neuvola@example.fi", "language": "fi"}],
            serviceHours=[
                hours(("Monday", "Friday", "08:00:00", "16:00:00"), info="Normaalit aukioloajat"),
                hours(
                    kind="Exceptional",
                    valid_from="2026-12-24T00:00:00",
                    valid_to="2026-12-26T00:00:00",
                    closed=True,
                    info="Joulu",
                ),
            ],
        ),
        channel(
            BOOKING_LINE,
            "Phone",
            {"fi": "Neuvolan ajanvaraus"},
            phoneNumbers=[
                {
                    "type": "Phone",
                    "prefixNumber": "+358",
                    "isFinnishServiceNumber": False,
                    "number": "13 330 1000",
                    "language": "fi",
                }
            ],
            serviceHours=[
                hours(("Monday", "", "08:00:00", "12:00:00"), ("Thursday", "", "12:00:00", "15:00:00"))
            ],
        ),
        channel(
            CLINIC_WEB,
            "WebPage",
            {"fi": "Neuvolat verkossa"},
            webPages=[{"url": "https://www.example.fi/neuvolat", "value": "Neuvolat", "language": "fi"}],
        ),
        channel(
            COUNSELLING_CENTRE,
            "ServiceLocation",
            {"fi": "Perheneuvola"},
            addresses=[street_address("Koskikatu", "11", "80100", "167", "6944173.334", "641858.777")],
            serviceHours=[
                hours(("Tuesday", "", "09:00:00", "15:00:00"), reservation=True, info="Vain ajanvarauksella"),
            ],
        ),
        channel(
            CHAT,
            "EChannel",
            {"fi": "Perheneuvolan chat"},
            webPages=[{"url": "https://chat.example.fi/perheneuvola", "value": "Chat", "language": "fi"}],
            services=[{"service": {"id": FAMILY_COUNSELLING, "name": "Perheneuvola"}}],
        ),
        channel(
            CAFE_PLACE,
            "ServiceLocation",
            {"fi": "MLL:n perhetalo"},
            organization=MLL,
            addresses=[street_address("Kauppakatu", "20", "80100", "167", "6944173.334", "641858.777")],
            serviceHours=[hours(("Wednesday", "", "09:30:00", "11:30:00"))],
            services=[{"service": {"id": FAMILY_CAFE, "name": "Perhekahvila Jokela"}}],
        ),
        channel(
            WRONG_POSTCODE,
            "ServiceLocation",
            {"fi": "Puheterapia Lieksa"},
            # A Lieksa postal code with Joensuu as the municipality.
            addresses=[street_address("Pielisentie", "1", "81700", "167", "6944173.334", "641858.777")],
        ),
    ]
    organizations = [
        organization(
            SIUN_SOTE,
            {"fi": "Pohjois-Karjalan hyvinvointialue", "sv": "Norra Karelens välfärdsområde"},
            "SotePublic",
            "3221307-8",
            webPages=[{"url": "https://www.siunsote.fi", "value": "Siun sote", "language": "fi"}],
        ),
        organization(MLL, {"fi": "MLL:n Joensuun yhdistys"}, "Organization", ""),
    ]
    return {"services": services, "channels": channels, "organizations": organizations}


def page(items: list[dict], number: int = 1, count: int = 1) -> dict:
    return {"pageNumber": number, "pageSize": 100, "pageCount": count, "itemList": items}


def write(directory: Path, listing: dict | None = None) -> Path:
    """The listing as saved PTV answers: a page of services, a page of channels, the organisations."""
    listing = copy.deepcopy(listing or joensuu())
    directory.mkdir(parents=True, exist_ok=True)
    for name, data in (
        ("services.json", page(listing["services"])),
        ("channels.json", page(listing["channels"])),
        ("organizations.json", listing["organizations"]),
    ):
        # With a byte order mark, as PTV's own files often have.
        (directory / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8-sig")
    return directory
