import pytest
from django.core.exceptions import ValidationError

from perhekeskus.core.validators import (
    business_id_check_digit,
    normalize_phone,
    validate_age_months,
    validate_business_id,
    validate_latitude,
    validate_longitude,
    validate_postal_code_format,
    web_address_validator,
)


@pytest.mark.parametrize("value", ["0242746-2", "0207709-5", "1572860-0", "0201256-6"])
def test_valid_business_ids_pass(value):
    validate_business_id(value)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("0242746-3", "business_id_checksum"),
        ("0242746", "business_id_format"),
        ("242746-2", "business_id_format"),
        ("02427462", "business_id_format"),
        ("0242746-22", "business_id_format"),
        ("", "business_id_format"),
    ],
)
def test_invalid_business_ids_fail_with_a_specific_code(value, code):
    with pytest.raises(ValidationError) as error:
        validate_business_id(value)
    assert error.value.code == code


def test_business_id_digits_with_remainder_one_have_no_check_digit():
    digits = next(f"{n:07d}" for n in range(1000000, 1000100) if business_id_check_digit(f"{n:07d}") is None)
    weights = (7, 9, 10, 5, 8, 4, 2)
    assert sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 == 1


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("013 330 1000", "+358133301000"),
        ("040 123 4567", "+358401234567"),
        ("+358 40 1234567", "+358401234567"),
        ("00358 13 2677000", "+358132677000"),
        ("(013) 267 7000", "+358132677000"),
        ("09 123 4567", "+35891234567"),
        ("0800 100 100", "+358800100100"),
        ("116 111", "116111"),
        ("112", "112"),
        ("+46 8 123 456 78", "+46812345678"),
        ("", ""),
    ],
)
def test_phone_numbers_are_normalised_to_e164(raw, expected):
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize("raw", ["12345", "040 12", "0401234567890123", "puhelin", "+358 0", "013-abc"])
def test_invalid_phone_numbers_are_rejected(raw):
    with pytest.raises(ValidationError) as error:
        normalize_phone(raw)
    assert error.value.code == "phone_invalid"


@pytest.mark.parametrize("value", ["80100", "00100", "99999"])
def test_five_digit_postal_codes_have_valid_format(value):
    validate_postal_code_format(value)


@pytest.mark.parametrize("value", ["8010", "801000", "8010A", "", "FI-80100", "80100\n", "٨٠١٠٠"])
def test_malformed_postal_codes_fail(value):
    with pytest.raises(ValidationError):
        validate_postal_code_format(value)


@pytest.mark.parametrize(("lat", "lon"), [(60.17, 24.94), (63.317, 30.017), (69.9, 27.0), (60.1, 19.9)])
def test_points_in_finland_pass(lat, lon):
    validate_latitude(lat)
    validate_longitude(lon)


@pytest.mark.parametrize(
    ("validator", "value"),
    [
        (validate_latitude, 59.3),
        (validate_latitude, 71.0),
        (validate_longitude, 18.0),
        (validate_longitude, 32.5),
        (validate_latitude, -62.6),
    ],
)
def test_points_outside_finland_fail(validator, value):
    with pytest.raises(ValidationError):
        validator(value)


@pytest.mark.parametrize("value", [0, 84, 360])
def test_ages_within_range_pass(value):
    validate_age_months(value)


@pytest.mark.parametrize("value", [-1, 361, 1000])
def test_ages_out_of_range_fail(value):
    with pytest.raises(ValidationError):
        validate_age_months(value)


@pytest.mark.parametrize("value", ["https://www.siunsote.fi/perhekeskus", "http://example.fi"])
def test_web_addresses_pass(value):
    web_address_validator(value)


@pytest.mark.parametrize("value", ["ftp://example.fi", "www.example.fi", "javascript:alert(1)", "https://"])
def test_other_addresses_fail(value):
    with pytest.raises(ValidationError):
        web_address_validator(value)
