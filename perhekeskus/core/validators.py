"""Validation rules shared by models, the service layer and importers. Messages are translatable."""

import datetime
import math
import re
import unicodedata

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

BUSINESS_ID_RE = re.compile(r"^(\d{7})-(\d)$")
BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
# ASCII digits only (\d would take any Unicode digit) and nothing after them (not even a newline).
POSTAL_CODE_RE = re.compile(r"[0-9]{5}")
SHORT_SERVICE_NUMBER_RE = re.compile(r"^(112|116\d{3})$")

# Mainland Finland and Åland, WGS84 bounding box.
FINLAND_LATITUDE = (59.45, 70.10)
FINLAND_LONGITUDE = (19.08, 31.60)

MAX_AGE_MONTHS = 360  # youth services reach young people under 30 (Youth Act)


def business_id_check_digit(first_seven: str) -> int | None:
    """The check digit of a Finnish business ID (Y-tunnus), or None when no valid ID has these digits."""
    remainder = sum(int(d) * w for d, w in zip(first_seven, BUSINESS_ID_WEIGHTS, strict=True)) % 11
    if remainder == 1:
        return None
    return 0 if remainder == 0 else 11 - remainder


def validate_business_id(value: str) -> None:
    match = BUSINESS_ID_RE.match(value or "")
    if not match:
        raise ValidationError(
            _("Enter the business ID in the form 1234567-8."),
            code="business_id_format",
            params={"value": value},
        )
    if business_id_check_digit(match.group(1)) != int(match.group(2)):
        raise ValidationError(
            _("The check digit of business ID %(value)s is wrong."),
            code="business_id_checksum",
            params={"value": value},
        )


def validate_postal_code_format(value: str) -> None:
    if not POSTAL_CODE_RE.fullmatch(value or ""):
        raise ValidationError(
            _("A postal code has five digits, e.g. 80100."),
            code="postal_code_format",
            params={"value": value},
        )


# Finland's outline (WGS84, lat/lon), coarse but on the right side of the borders: the sea margin
# includes the islands, and the land borders keep out Vyborg, St Petersburg, Tallinn and Kiruna.
FINLAND_OUTLINE = (
    (60.50, 27.78), (60.60, 27.88), (61.13, 28.87), (61.60, 29.74), (62.17, 30.66), (62.40, 31.10), (62.62, 31.45),
    (62.92, 31.60), (63.30, 31.27), (63.80, 30.95), (64.10, 30.56), (64.50, 30.10), (65.10, 29.90),
    (65.60, 30.13), (66.20, 29.70), (66.85, 29.10), (67.60, 29.95), (68.10, 28.70), (68.55, 28.50),
    (68.90, 28.80), (69.05, 28.95), (69.30, 29.35), (69.70, 29.20), (70.10, 28.50), (70.12, 27.70),
    (69.90, 26.90), (69.70, 26.00), (69.45, 25.80), (68.95, 25.00), (68.70, 24.00), (68.90, 22.50),
    (69.10, 21.60), (69.30, 21.10), (69.07, 20.50), (68.45, 22.00), (68.05, 23.50), (67.40, 23.65),
    (66.60, 23.55), (66.10, 23.85), (65.80, 24.10), (65.40, 24.20), (64.90, 24.20), (64.20, 23.10),
    (63.70, 21.90), (63.30, 20.80), (62.70, 20.90), (61.80, 21.00), (61.00, 20.90), (60.70, 20.10),
    (60.50, 19.20), (59.90, 19.20), (59.70, 20.60), (59.65, 22.50), (59.75, 23.60), (59.95, 25.00),
    (60.15, 26.50), (60.30, 27.30),
)  # fmt: skip


def in_finland(latitude: float, longitude: float) -> bool:
    """Point in FINLAND_OUTLINE (ray casting)."""
    inside = False
    points = FINLAND_OUTLINE
    for (lat1, lon1), (lat2, lon2) in zip(points, points[1:] + points[:1], strict=True):
        if (lon1 > longitude) != (lon2 > longitude):
            crossing = lat1 + (longitude - lon1) * (lat2 - lat1) / (lon2 - lon1)
            if latitude < crossing:
                inside = not inside
    return inside


def validate_point_in_finland(latitude: float, longitude: float) -> None:
    if not in_finland(latitude, longitude):
        raise ValidationError(
            _("The point %(lat)s, %(lon)s is not in Finland. Check the coordinates (WGS84, latitude first)."),
            code="point_outside_finland",
            params={"lat": latitude, "lon": longitude},
        )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    dlat, dlon = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = (
        math.sin(dlat / 2) ** 2
        + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(dlon / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def validate_latitude(value: float) -> None:
    low, high = FINLAND_LATITUDE
    if value is not None and not low <= value <= high:
        raise ValidationError(
            _("Latitude %(value)s is outside Finland (%(low)s–%(high)s, WGS84)."),
            code="latitude_outside_finland",
            params={"value": value, "low": low, "high": high},
        )


def validate_longitude(value: float) -> None:
    low, high = FINLAND_LONGITUDE
    if value is not None and not low <= value <= high:
        raise ValidationError(
            _("Longitude %(value)s is outside Finland (%(low)s–%(high)s, WGS84)."),
            code="longitude_outside_finland",
            params={"value": value, "low": low, "high": high},
        )


def validate_age_months(value: int) -> None:
    if value is not None and not 0 <= value <= MAX_AGE_MONTHS:
        raise ValidationError(
            _("An age in months must be between 0 and %(max)s."),
            code="age_out_of_range",
            params={"max": MAX_AGE_MONTHS},
        )


web_address_validator = URLValidator(
    schemes=("http", "https"), message=_("Enter a web address that starts with https:// or http://.")
)


def normalize_phone(value: str) -> str:
    """A Finnish (or international) phone number in E.164, e.g. '013 330 1000' → '+358133301000'.

    The emergency number 112 and the European helplines 116 xxx have no E.164 form and keep their digits.
    """
    raw = (value or "").strip()
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, "FI")
    except phonenumbers.NumberParseException:
        number = None
    if number is not None and phonenumbers.is_valid_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    digits = re.sub(r"[\s-]", "", raw)
    if SHORT_SERVICE_NUMBER_RE.match(digits):
        return digits
    raise ValidationError(
        _("%(value)s is not a valid phone number. Write it with the area code, e.g. 013 330 1000."),
        code="phone_invalid",
        params={"value": value},
    )


def format_phone(value: str) -> str:
    """E.164 for display in the national format: '+358133301000' → '013 3301000'."""
    if not value or not value.startswith("+"):
        return value
    number = phonenumbers.parse(value, None)
    if number.country_code == 358:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


# Finnish personal identity code (henkilötunnus): DDMMYY, a century sign, an individual number and a
# check character. The century signs since 2023: + (1800s), - Y X W V U (1900s), A B C D E F (2000s).
# As people type it: a space, dot or hyphen between the date parts ("13.10.52-308T", "1310 52-308T",
# "13-10-52-308T"), spaces around the sign and before the check character ("131052 - 308 T"), a space in
# place of the sign ("131052 308T") or no sign at all ("131052308T"). Without a sign only a letter is
# taken as the check character: ten digits in a row are a phone number more often.
IDENTITY_CODE = re.compile(
    r"(?<![0-9])(\d{2})[ .-]?(\d{2})[ .-]?(\d{2})"
    r"(?:[ ]{0,2}([-+A-FU-Y])[ ]{0,2}|[ ]?(?=\d{3}[ ]?[A-Y](?![0-9])))"
    r"(\d{3})(?:([0-9A-Y])(?![0-9])|[ ]([0-9A-Y])(?!\w))",
    re.I,
)
# Every kind of dash a word processor or a phone keyboard puts in place of the hyphen.
DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d", "-"))
IDENTITY_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURIES = {"+": 1800, **dict.fromkeys("-YXWVU", 1900), **dict.fromkeys("ABCDEF", 2000)}


def normalize_for_detection(text: str) -> str:
    """Text as the detectors read it: NFKC (full-width digits and letters become ASCII, a no-break space a
    space), invisible format characters (zero-width spaces and joiners, soft hyphens) removed, every
    dash a hyphen and every run of white space one space."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(c for c in text if unicodedata.category(c) != "Cf").translate(DASHES)
    return re.sub(r"\s+", " ", text)


def _valid_identity_code(day: str, month: str, year: str, sign: str, individual: str, check: str) -> bool:
    centuries = [CENTURIES[sign.upper()]] if sign else [1900, 2000]
    if not any(_is_date(century + int(year), int(month), int(day)) for century in centuries):
        return False
    return IDENTITY_CHECK[int(day + month + year + individual) % 31] == check.upper()


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def identity_code_spans(text: str) -> list[tuple[int, int]]:
    """Where valid identity codes (a real date and the right check character) stand in
    normalize_for_detection(text): the one detector of the referral and feedback forms and of the search
    log's scrubbing."""
    text, spans, position = normalize_for_detection(text), [], 0
    while (match := IDENTITY_CODE.search(text, position)) is not None:
        day, month, year, sign, individual, check, spaced_check = match.groups()
        if _valid_identity_code(day, month, year, sign or "", individual, check or spaced_check):
            spans.append(match.span())
            position = match.end()
        else:  # a near miss may hide a code that starts inside it
            position = match.start() + 1
    return spans


def contains_identity_code(text: str) -> bool:
    """Whether the text holds something that is a valid identity code, however it is spaced or typed."""
    return bool(identity_code_spans(text))


def identity_code_validator(message):
    """A validator refusing text that holds an identity code, with the message of the form it guards."""

    def validate(value: str) -> None:
        if contains_identity_code(value):
            raise ValidationError(message, code="identity_code")

    return validate


validate_no_identity_code = identity_code_validator(
    _(
        "This looks like a personal identity code. Remove it: referrals never carry identity codes, "
        "only what the receiving service needs to contact the family."
    )
)
validate_no_identity_code_in_feedback = identity_code_validator(
    _("This looks like a personal identity code. Remove it: feedback about the site never needs one.")
)
