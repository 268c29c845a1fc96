"""Translated content: one column per language, read in the page's language with a fallback to the
next language that has text.

Declare `name = translated_char(_("name"))` on a model: it adds the columns `name_fi`, `name_sv` and
`name_en` (the network's working languages) and `name`, which reads the page's language and falls
back: Finnish → Swedish → English, Swedish → Finnish → English, and any other (the public site's
Russian, Arabic, …) → English → Finnish → Swedish, English being the likelier second language of a
family whose own language has no text. The texts families most need to read in their own language
(a service's name, summary and "how to get it", an activity's title and description) are declared
with `languages=EXTENDED_LANGUAGES`: all nine languages of the public site, and the Sámi languages
that the national service register (PTV) may have; the reference data's names and guides with
`languages=PUBLIC_LANGUAGES` (docs/decisions/0020-nine-languages.md).
"""

import contextvars
from collections.abc import Callable

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy

CONTENT_LANGUAGES = ("fi", "sv", "en")
# The nine languages of the public site (settings.LANGUAGES), and with them Northern, Inari and Skolt
# Sámi, which the national service register (PTV) may have texts in.
# The public site's languages beyond the working three: organisations may write a few texts in them.
MORE_PUBLIC_LANGUAGES = ("ru", "uk", "ar", "so", "fa", "et")
PUBLIC_LANGUAGES = (*CONTENT_LANGUAGES, *MORE_PUBLIC_LANGUAGES)
EXTENDED_LANGUAGES = (*PUBLIC_LANGUAGES, "se", "smn", "sms")
# Plain Finnish (selkosuomi): a column of its own where the plain version matters most (a service's "how
# to get it", the life-situation guides), read first on a Finnish page when the family asked for it.
PLAIN_FINNISH = "selko"
PLAIN_FINNISH_WANTED = contextvars.ContextVar("plain_finnish_wanted", default=False)
FALLBACKS = {"fi": ("fi", "sv", "en"), "sv": ("sv", "fi", "en"), "en": ("en", "fi", "sv")}
OTHER_FALLBACK = ("en", "fi", "sv")


class TranslatedFields:
    """What `translated_char` and `translated_text` declare: on its model, a column per language
    (`<name>_<code>`) and the attribute `<name>` reading them (Translated)."""

    def __init__(self, make: Callable[[str, bool], models.Field], required: bool, languages: tuple[str, ...]):
        self.make, self.required, self.languages = make, required, languages

    def contribute_to_class(self, cls, name: str) -> None:
        for code in self.languages:
            # Only the Finnish column can be required: Finnish is the network's working language.
            cls.add_to_class(f"{name}_{code}", self.make(code, not (self.required and code == "fi")))
        setattr(cls, name, Translated(name))


def translated_char(
    verbose_name: str, *, max_length: int = 200, required: bool = False, languages=CONTENT_LANGUAGES
) -> TranslatedFields:
    return TranslatedFields(
        lambda code, blank: models.CharField(
            format_lazy("{} ({})", verbose_name, code), max_length=max_length, blank=blank
        ),
        required,
        languages,
    )


def translated_text(
    verbose_name: str, *, required: bool = False, languages=CONTENT_LANGUAGES
) -> TranslatedFields:
    return TranslatedFields(
        lambda code, blank: models.TextField(format_lazy("{} ({})", verbose_name, code), blank=blank),
        required,
        languages,
    )


def languages_of(model, field: str) -> tuple[str, ...]:
    """The languages `model` has columns of `field` in (with PLAIN_FINNISH where it has that)."""
    names = {f.name for f in model._meta.concrete_fields}
    return tuple(code for code in (*EXTENDED_LANGUAGES, PLAIN_FINNISH) if f"{field}_{code}" in names)


def active_language() -> str:
    """The page's language: one of settings.LANGUAGES (Finnish for anything else)."""
    language = (translation.get_language() or "fi").split("-")[0]
    return language if language in dict(settings.LANGUAGES) else "fi"


def direction(language: str) -> str:
    """The `dir` attribute a text in `language` needs inside the page: none where both run the same
    way, so that Finnish text in an Arabic page reads left to right with its full stop at the end."""
    right_to_left = language in settings.LANGUAGES_BIDI
    if right_to_left == (active_language() in settings.LANGUAGES_BIDI):
        return ""
    return mark_safe(' dir="rtl"') if right_to_left else mark_safe(' dir="ltr"')


def fallbacks(language: str) -> tuple[str, ...]:
    """The languages to read content in for a page in `language`, in order."""
    return (language, *FALLBACKS.get(language, OTHER_FALLBACK))


def translate_with_language(obj, field: str, language: str | None = None) -> tuple[str, str]:
    """The text of `field` in `language` (default: the page's), else the first of its fallbacks that
    has text, with the language the text is in."""
    wanted = language or active_language()
    # Only for the page's own language: an API or export that names its language reads the standard text.
    if language is None and wanted == "fi" and PLAIN_FINNISH_WANTED.get():
        plain = getattr(obj, f"{field}_{PLAIN_FINNISH}", "")
        if plain:
            return plain, "fi"  # plain Finnish is Finnish (lang="fi")
    for code in fallbacks(wanted):
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return value, code
    return "", wanted


def translate(obj, field: str, language: str | None = None) -> str:
    return translate_with_language(obj, field, language)[0]


def translate_map_with_language(texts: dict[str, str], language: str | None = None) -> tuple[str, str]:
    """The text of a language map ({"fi": ..., "sv": ...}) in `language` (default: the active one),
    else the first in fallback order, with the language the text is in."""
    wanted = language or active_language()
    for code in fallbacks(wanted):
        if texts.get(code):
            return texts[code], code
    return "", wanted


def translate_map(texts: dict[str, str], language: str | None = None) -> str:
    return translate_map_with_language(texts, language)[0]


def language_map(obj, field: str) -> dict[str, str]:
    """The API's language map: only languages that have text."""
    return {code: value for code in EXTENDED_LANGUAGES if (value := getattr(obj, f"{field}_{code}", ""))}


class Translated:
    """Read-only attribute that resolves `<name>_<lang>` for the active language."""

    def __init__(self, field: str) -> None:
        self.field = field

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return translate(obj, self.field)
