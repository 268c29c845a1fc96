"""Personal details a family may type into the search box, taken out of a query before it is logged: the
log is read by coordinators (unmet needs) and kept SEARCH_LOG_RETENTION_DAYS, so it must hold what was
looked for, not who looked.

Replaced by PLACEHOLDER: personal identity codes (the detector the forms refuse them with), e-mail
addresses, street addresses with a house number, phone numbers (also with dots, slashes or brackets)
and other runs of five or more digits.
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
    "tanhualla", "kaari", "kaaren", "kaarella", "rinne", "rinteen", "rinteellä", "ranta", "rannan",
    "rannalla", "tori", "torin", "torilla", "puisto", "puiston", "puistolla", "mäki", "mäen", "mäellä",
    "aukio", "aukion", "aukiolla", "linja", "linjan", "linjalla", "piha", "pihan", "pihalla", "kaarre",
    "kaarteen", "kaarteella", "vägen", "väg", "gatan", "gata", "stigen", "stig", "gränden", "gränd",
    "torget", "stranden", "backen", "parken",
)  # fmt: skip
# What a number after such a word may be instead of a house number: a year ("joulutori 2024"), an age or
# a count ("leikkipuisto 3-vuotiaille", "uimaranta 2 lasta", "leikkipiha 4 v").
NOT_HOUSE_NUMBER = (
    r"(?!(?:19|20)\d\d(?!\d))"
    r"(?=\d{1,4}(?: ?- ?\d{1,4})?(?!\d|-[^\W\d_]| ?(?:v|kk|h|pv|kpl|st|år|vuo\w*|kuukau\w*|las\w*|lap\w*"
    r"|hlö\w*|henk\w*|åri\w*|mån\w*|barn\w*)(?![^\W_])))"
)
STREET_ADDRESS = re.compile(
    r"(?<![^\W\d_])(?<!-)(?:[^\W\d_]|-)*(?:" + "|".join(sorted(STREET_ENDINGS, key=len, reverse=True)) + r")"
    r" " + NOT_HOUSE_NUMBER + r"\d{1,4}(?: ?- ?\d{1,4})?(?: ?[a-z](?![^\W_]))?"
    r"(?: (?:(?:as|bst|lgh)\.? ?)?\d{1,4}(?![^\W_]))?",
    re.I,
)
# Phone numbers written with dots, slashes or brackets: "040.123.4567", "040/123 4567", "(013) 123 456",
# "+358 (0)40 123 4567". They start with the area code's 0 (or a country code) and the number after it
# has three digits or more, which keeps dates and times out ("01.01.2024", "09.00-12.00").
PHONE = re.compile(
    r"(?<![\w+.,/-])(?:\+\d{1,3} ?(?:\(0\) ?)?\d{1,3}|\(0\d{1,3}\)|0\d{1,3})"
    r"[ ./-]?\d{3,4}(?:[ ./-]?\d{2,4}){0,3}(?![\d])"
)
PHONE_DIGITS = 7
# Digits with single spaces or hyphens between them ("040 123 4567", "013-123 456"), with a leading
# "+" for an international number; not the rest of a date or a decimal ("1.1.2024-31.12.2024").
DIGIT_RUN = re.compile(r"(?<![\d+])(?<!\d[.,/])\+?\d(?:[ -]?\d)*")
POSTAL_CODE = re.compile(r"\d{5}")


def _private_digits(match: re.Match) -> bool:
    run = match.group()
    if POSTAL_CODE.fullmatch(run):
        return False
    return run.startswith("+") or _digits(run) >= 5


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def scrub(text: str) -> str:
    """The query without identity codes, e-mail and street addresses, phone numbers and long digit
    runs, each replaced by PLACEHOLDER; normalised as the detectors read it (NFKC, one space)."""
    return scrub_telling(text)[0]


def scrub_telling(text: str) -> tuple[str, frozenset[str]]:
    """`scrub`, and what kinds of details it took out: "identity code", "e-mail", "address", "phone"."""
    text, found = normalize_for_detection(text), set()
    for start, end in reversed(identity_code_spans(text)):
        text = text[:start] + PLACEHOLDER + text[end:]
        found.add("identity code")
    steps = (
        ("e-mail", EMAIL, lambda m: PLACEHOLDER),
        ("address", STREET_ADDRESS, lambda m: PLACEHOLDER),
        ("phone", PHONE, lambda m: PLACEHOLDER if _digits(m.group()) >= PHONE_DIGITS else m.group()),
        ("phone", DIGIT_RUN, lambda m: PLACEHOLDER if _private_digits(m) else m.group()),
    )
    for kind, pattern, replace in steps:
        text, before = pattern.sub(replace, text), text
        if text != before:
            found.add(kind)
    return text.strip(), frozenset(found)


def screen(comment: str) -> tuple[str, bool]:
    """A family's free comment (feedback after a visit, what was wrong on a service's page) as it may
    be stored and shown to staff: scrubbed like a query, and whether anything was taken out."""
    comment = (comment or "").strip()
    if not comment:
        return "", False
    clean = scrub(comment)
    return clean, clean.count(PLACEHOLDER) > comment.count(PLACEHOLDER)
