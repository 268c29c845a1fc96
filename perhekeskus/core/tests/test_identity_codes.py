"""The personal identity code detector: the referral and feedback forms refuse what it finds and the
search log scrubs it. It must find a code however it is typed, and nothing else."""

import pytest

from perhekeskus.core.validators import contains_identity_code, identity_code_spans, normalize_for_detection


@pytest.mark.parametrize(
    "text",
    [
        "131052-308T",
        "131052308T",  # no century sign
        "hetu 131052308t.",
        "131052 - 308T",
        "1310 52-308T",
        "13.10.52-308T",
        "13 10 52-308T",
        "131052\u200b-308T",  # a zero-width space
        "13\u200d1052-30\u00ad8T",  # a zero-width joiner and a soft hyphen
        "\uff11\uff13\uff11\uff10\uff15\uff12\uff0d\uff13\uff10\uff18\uff34",  # full-width
        "131052-308 T",
        "131052\u00a0-\u00a0308T",  # no-break spaces
        "131052\u2212308T",  # a minus sign
        "äiti 010594Y9032 soitti",
        "010101A123N",
        "290200A1239",  # 29 February 2000 (a leap year)
        "131052 308T",  # a space in place of the sign
        "131052 308 T",
        "13-10-52-308T",  # hyphens between the date parts
        "13 10 52 308T",
        "13.10.52 308T",
        "13-10-52 - 308 T",
    ],
)
def test_identity_codes_are_found_however_they_are_typed(text):
    assert contains_identity_code(text)


@pytest.mark.parametrize(
    "text",
    [
        "12.10.2024",
        "kokous 12.10.2024 klo 10.00-12.00",
        "ajalla 01.01.2024 - 31.12.2024",
        "1.1.2024-31.12.2024",
        "puh. 040 123 4567",
        "0401234567",
        "040-123 4567",
        "+358 40 123 4567",
        "013-123 456",
        "013 330 1000",
        "asiakasnumero 1310523087",
        "131052",
        "131052-308X",  # wrong check character
        "131052308X",
        "310252-308T",  # no such day
        "290200-1239",  # the right check character, but 29 February 1900 did not exist
        "80100 Joensuu",
        "Y-tunnus 0245440-0",
        "IBAN FI21 1234 5600 0007 85",
        "lapsi 2 v 6 kk, 12 kg",
        "12.10.24-123 h",
        "Pielisentie 12 B 4",
        "290200 1239",  # a space in place of the sign and a digit check character: read as no sign
        "13-10-52-308X",
        "13 10 52 308X",
        "2024-10-13 308 T",
        "13-10-2024 308T",
        "puh. 040-123-4567",
        "040 123 456 A",
    ],
)
def test_ordinary_text_is_not_taken_for_an_identity_code(text):
    assert not contains_identity_code(text)


def test_the_spans_are_in_the_normalised_text():
    text = normalize_for_detection("äiti\u200b 13.10.52 - 308 T ja isä")
    [(start, end)] = identity_code_spans(text)
    assert text[start:end] == "13.10.52 - 308 T"
