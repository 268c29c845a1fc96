"""Validation rules shared by models, the service layer and importers. Messages are translatable."""

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

BUSINESS_ID_RE = re.compile(r"^(\d{7})-(\d)$")
BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
POSTAL_CODE_RE = re.compile(r"^\d{5}$")
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
    if not POSTAL_CODE_RE.match(value or ""):
        raise ValidationError(
            _("A postal code has five digits, e.g. 80100."),
            code="postal_code_format",
            params={"value": value},
        )


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
