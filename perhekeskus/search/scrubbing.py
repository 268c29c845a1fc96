"""Personal details a family may type into the search box, taken out of a query before it is logged: the
log is read by coordinators (unmet needs) and kept SEARCH_LOG_RETENTION_DAYS, so it must hold what was
looked for, not who looked.

Replaced by PLACEHOLDER: personal identity codes (the detector the forms refuse them with), e-mail
addresses, street addresses with a house number, phone numbers and other runs of five or more digits.
A five-digit number standing alone is kept: it is a postal code, which tells coordinators where
families look for help and identifies nobody.
"""

import re

from perhekeskus.core.validators import identity_code_spans, normalize_for_detection

# Brackets and an ellipsis, as an omission is marked in a quotation; no word, so the unmet-needs
# grouping (search.query.grouping_key) sees only the rest of the query.
PLACEHOLDER = "[…]"

# From the start of a word only: tried at every position, a long word without "@" took quadratic time.
EMAIL = re.compile(r"(?<!\S)\S*@\S*")
# Finnish and Swedish street names by their last part (with the genitive and the "on the street"
# forms), then a house number: "Pielisentie 12 B 4", "Siltakadulla 3a", "Torikatu 5-7 as. 2".
STREET_ENDINGS = (
    "tie", "tien", "tiellä", "katu", "kadun", "kadulla", "kuja", "kujan", "kujalla", "polku", "polun",
    "polulla", "väylä", "väylän", "väylällä", "raitti", "raitin", "raitilla", "tanhua", "tanhuan",
    "tanhualla", "kaari", "kaaren", "kaarella", "rinne", "rinteen", "rinteellä", "vägen", "väg", "gatan",
    "gata", "stigen", "gränden",
)  # fmt: skip
STREET_ADDRESS = re.compile(
    r"(?<![^\W\d_])(?<!-)(?:[^\W\d_]|-)*(?:" + "|".join(sorted(STREET_ENDINGS, key=len, reverse=True)) + r")"
    r" \d{1,4}(?: ?- ?\d{1,4})?(?: ?[a-z](?![^\W_]))?"
    r"(?: (?:(?:as|bst|lgh)\.? ?)?\d{1,4}(?![^\W_]))?",
    re.I,
)
# Digits with single spaces or hyphens between them ("040 123 4567", "013-123 456"), with a leading
# "+" for an international number.
DIGIT_RUN = re.compile(r"(?<![\d+])\+?\d(?:[ -]?\d)*")
POSTAL_CODE = re.compile(r"\d{5}")


def _private_digits(match: re.Match) -> bool:
    run = match.group()
    if POSTAL_CODE.fullmatch(run):
        return False
    return run.startswith("+") or sum(c.isdigit() for c in run) >= 5


def scrub(text: str) -> str:
    """The query without identity codes, e-mail and street addresses, phone numbers and long digit
    runs, each replaced by PLACEHOLDER; normalised as the detectors read it (NFKC, one space)."""
    text = normalize_for_detection(text)
    for start, end in reversed(identity_code_spans(text)):
        text = text[:start] + PLACEHOLDER + text[end:]
    text = EMAIL.sub(PLACEHOLDER, text)
    text = STREET_ADDRESS.sub(PLACEHOLDER, text)
    text = DIGIT_RUN.sub(lambda m: PLACEHOLDER if _private_digits(m) else m.group(), text)
    return text.strip()
