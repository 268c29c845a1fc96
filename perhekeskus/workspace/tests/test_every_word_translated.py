"""Every word of the staff workspace in the user's language: every workspace page (and the staff pages
of activities, referrals, insights, planning and information), rendered in Finnish and in Swedish for
a coordinator and for an editor, with a service that has a history, a referral with audit entries, an
activity and a plan, holds no English.

How English is found: the page's visible text (tags, scripts and styles stripped; e-mail addresses
and web addresses left out) is split into words, and a word fails the page when it is

- a word of the project's English msgids (every msgid of perhekeskus/locale/<lang>/django.po) that
  is not itself a word of that language's translations: "Service", "Languages", "Mode",
  "Location", "Save", "contacts"… so an untranslated template string, a form label Django made
  from a field name, or a msgid whose translation is missing all fail;
- a word of the name of a field of the project's models ("mode", "location", "service types"),
  which is what Django shows for a field without a translated label;
- a raw code: True, False, None, a field name with an underscore (closes_next_day, name_fi), or an
  enum value of the project's models (contacted, completed, provider-site, drop-in…) that is
  not a word of that language's translations.

Words of the test's own data (names of people, services, places) are not English msgids, so they
pass; a word both languages share ("status" in Swedish) passes only in the language that has it.
"""

import datetime
import html
import re
from functools import cache
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from perhekeskus.activities import services as activity_services
from perhekeskus.activities.models import Activity
from perhekeskus.catalog import services as catalog_services
from perhekeskus.catalog.models import Language, Service
from perhekeskus.catalog.tests import factories
from perhekeskus.core.translation import EXTENDED_LANGUAGES, PLAIN_FINNISH
from perhekeskus.information.models import Page
from perhekeskus.information.services import page_save
from perhekeskus.network.models import Municipality, MunicipalityDirector
from perhekeskus.planning.tests.test_planning import PLAN, plan  # noqa: F401
from perhekeskus.questions import services as question_services
from perhekeskus.questions.models import Answerer, QuestionDesk
from perhekeskus.referrals import services as referral_services
from perhekeskus.referrals.tests.conftest import referral_values, sides  # noqa: F401
from perhekeskus.workspace.listing_forms import SECTIONS_BY_KEY
from perhekeskus.workspace.tests.conftest import make_user, sign_in

LOCALE = Path(settings.BASE_DIR) / "perhekeskus" / "locale"
WORD = re.compile(r"[A-Za-zÅÄÖåäöÉé][\w-]*")


def _po_entries(language: str) -> list[tuple[str, str]]:
    """(msgid, msgstr) pairs of the catalogue, plural forms included."""
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text()
    entries, current, key = [], {}, None

    def unquote(line: str) -> str:
        return line[line.index('"') + 1 : line.rindex('"')].encode().decode("unicode_escape")

    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        if not line or line.startswith("#"):
            if current.get("msgid"):
                strs = [v for k, v in current.items() if k.startswith("msgstr")]
                entries.append((current["msgid"] + " " + current.get("msgid_plural", ""), " ".join(strs)))
            if not line:
                current, key = {}, None
            continue
        if line.startswith('"'):
            current[key] = current.get(key, "") + unquote(line)
            continue
        key = line.split(" ", 1)[0]
        current[key] = unquote(line)
    return entries


def _words(text: str) -> set[str]:
    return {w for w in WORD.findall(text) if not w.isupper() or len(w) > 1}


@cache
def forbidden(language: str) -> frozenset[str]:
    """The English words that must never be seen on a page in `language` (lowercase)."""
    entries = _po_entries(language)
    # Words of the language's own translations are not English; nor are those of the Finnish ones
    # (Finnish examples inside English texts, "perhekahvilaan", are also what families type).
    own = {
        w.lower()
        for _id, string in {*entries, *_po_entries("fi")}
        for w in _words(re.sub(r"%\(\w+\)s|\{\{[^}]*\}\}", "", string))
    }
    english = {
        w.lower()
        for msgid, _string in entries
        for w in _words(re.sub(r"%\(\w+\)s|\{\{[^}]*\}\}|<[^>]+>", "", msgid))
        if len(w) > 2
    }
    codes = set()
    for model in apps.get_models():
        if not model.__module__.startswith("perhekeskus."):
            continue
        for field in model._meta.get_fields():
            # A label Django makes from a field's name ("Mode", "Service types") is English too.
            # (Not a language code: "name_smn" is the name in Inari Sámi, "how_to_get_selko" in plain
            # Finnish; a field's change history may show the code.)
            english |= {
                part
                for part in field.name.lower().split("_")
                if len(part) > 2 and part not in (*EXTENDED_LANGUAGES, PLAIN_FINNISH)
            }
            if getattr(field, "choices", None):
                codes |= {str(value).lower() for value, _label in field.flatchoices if isinstance(value, str)}
    # A code that is also a language's ("sms", a text message, and Skolt Sámi, whose fields say "(sms)").
    codes = {
        c for c in codes if len(c) > 2 and WORD.fullmatch(c.replace(" ", "-")) and c not in EXTENDED_LANGUAGES
    }
    return frozenset((english | codes) - own)


def visible_text(page: str, language: str) -> str:
    page = re.sub(r"(?is)<(script|style|template)\b.*?</\1>", " ", page)
    # Words marked as another language are meant so: the language switch names "English" in English.
    page = re.sub(rf'(?is)<(\w+)\b[^>]*\blang="(?!{language}")[^"]*"[^>]*>.*?</\1>', " ", page)
    page = re.sub(r"(?s)<!--.*?-->", " ", page)
    # What a person reads of form controls: button values and placeholders; the rest of a tag is not text.
    shown = " ".join(re.findall(r'(?i)(?:placeholder|aria-label|title|alt)="([^"]*)"', page))
    text = re.sub(r"(?s)<[^>]+>", " ", page) + " " + shown
    text = html.unescape(text)
    text = re.sub(r"\S+@\S+|https?://\S+|/\S+", " ", text)
    return text


def untranslated(page: str, language: str) -> list[str]:
    text = visible_text(page, language)
    # A label of a hidden field (the version an edit started from) is a field name shown as a word.
    hidden = set(re.findall(r'<input type="hidden"[^>]*\bid="([^"]+)"', page))
    found = {
        f"label of hidden {name}" for name in re.findall(r'<label for="([^"]+)"', page) if name in hidden
    }
    for word in WORD.findall(text):
        if (
            word in ("True", "False", "None")
            or re.fullmatch(r"[a-z]+(_[a-z0-9]+)+", word)
            or word.lower() in forbidden(language)
        ):
            found.add(word)
    return sorted(found)


@pytest.fixture
def world(sides, plan, django_user_model):  # noqa: F811
    """A service with a history (an edit by the editor, weekly hours changed, a contact), a referral
    with audit entries (accepted, contacted, completed), an activity, a plan, an information page and a
    reader of Lieksa's report."""
    people = sides
    editor, coordinator = people["editor"], people["coordinator"]
    editor.first_name, editor.last_name = "Eeva", "Editori"
    editor.save()
    service = people["service"]
    delivery = service.deliveries.get()
    schedule = factories.weekday_schedule(delivery)
    catalog_services.schedule_save(
        actor=editor,
        values={},
        schedule=schedule,
        rules=[
            {"weekday": 0, "opens": datetime.time(9), "closes": datetime.time(12), "closes_next_day": False}
        ],
    )
    catalog_services.service_save(
        actor=editor,
        values={"status": Service.Status.TEMPORARILY_CLOSED, "is_free": False, "fee_description_fi": "5 €",
                "access_method": Service.AccessMethod.DROP_IN, "owner": editor},
        service=service,
        languages=Language.objects.filter(code__in=["fi", "sv"]),
        contacts=[{"name": "Liisa Lehtonen", "phone": "040 765 4321"}],
        reviewed=True,
    )  # fmt: skip
    referral = referral_services.referral_send(
        actor=people["referrer"],
        service=service,
        sending_organization=people["theirs"],
        values=referral_values(),
    )
    for step, extra in (("accept", {}), ("contacted", {}), ("complete", {"outcome": "started"})):
        referral_services.referral_step(actor=editor, referral=referral, step_name=step, **extra)
    activity = activity_services.activity_save(
        actor=editor,
        values={
            "service": service, "title_fi": "Vauvakahvila", "location": delivery.location,
            "starts_on": timezone.localdate() + datetime.timedelta(days=7), "start_time": datetime.time(10),
            "duration_minutes": 90, "repeat": "weekly", "registration": "required", "capacity": 10,
        },
    )  # fmt: skip
    page_version = page_save(
        actor=coordinator,
        values={"title_fi": "Perhekeskus", "body_fi": "Tervetuloa."},
        place={"kind": Page.Kind.ABOUT, "network": people["network"]},
    )
    # The editor answers families' questions: one taken, answered and flagged, and a template.
    QuestionDesk.objects.create(network=people["network"], is_open=True, second_review=True)
    Answerer.objects.create(network=people["network"], user=editor, title="terveydenhoitaja")
    question, _token = question_services.question_ask(
        network=people["network"], text="Lapsi ei nuku öisin, mitä voisimme tehdä?", language="fi",
        child_age_years=2, municipality=Municipality.objects.get(code="422"),
    )  # fmt: skip
    question_services.question_claim(question=question, user=editor)
    question_services.danger_flag(question=question, user=editor)
    template = question_services.template_save(
        network=people["network"], user=editor, title="Uni", body="Unesta."
    )
    reader = make_user(django_user_model, "sihteeri@example.fi", first_name="Sanna", last_name="Sihteeri")
    MunicipalityDirector.objects.create(user=reader, municipality=Municipality.objects.get(code="422"))
    return {**people, "referral": referral, "activity": activity, "schedule": schedule, "delivery": delivery,
            "page": page_version.page, "plan": plan, "question": question, "template": template}  # fmt: skip


def _pages(world) -> list[str]:
    """The address of every staff page (HTML) with the world's objects; each visited by both users."""
    service, delivery, org, network = world["service"], world["delivery"], world["ours"], world["network"]
    activity: Activity = world["activity"]
    key = f"{activity.starts_on:%Y-%m-%d}T1000"  # its first time, at 10:00
    plan_ = world["plan"]
    pages = [
        reverse("workspace:dashboard"),
        reverse("workspace:members", args=[org.pk]),
        reverse("workspace:service_edit", args=[service.pk]),
        *(
            reverse("workspace:service_section", args=[service.pk, part])
            for part in SECTIONS_BY_KEY
            if part != "basics"
        ),
        reverse("workspace:schedule_edit", args=[world["schedule"].pk]),
        reverse("workspace:location_edit", args=[delivery.location.pk]),
        reverse("workspace:organization_edit", args=[org.pk]),
        reverse("workspace:review_queue"),
        reverse("workspace:organization_create"),
        reverse("workspace:service_create", args=[org.pk]),
        reverse("workspace:location_create", args=[org.pk]),
        reverse("workspace:delivery_create", args=[service.pk]),
        reverse("workspace:delivery_edit", args=[delivery.pk]),
        reverse("workspace:schedule_create", args=[delivery.pk]),
        reverse("workspace:activity_create", args=[service.pk]),
        reverse("workspace:activity_edit", args=[activity.pk]),
        reverse("referrals:inbox"),
        reverse("referrals:services"),
        reverse("referrals:new", args=[service.pk]),
        reverse("referrals:audit"),
        reverse("referrals:detail", args=[world["referral"].pk]),
        reverse("insights:coverage", args=[network.slug]),
        reverse("insights:municipality", args=[network.slug, "422"]),
        reverse("insights:freshness", args=[network.slug]),
        reverse("insights:unmet", args=[network.slug]),
        reverse("insights:usage", args=[network.slug]),
        reverse("insights:directors", args=[network.slug]),
        reverse("planning:plan_list"),
        reverse("planning:plan_create", args=[network.slug]),
        reverse("planning:plan", args=[plan_["plan"].pk]),
        reverse("planning:plan_edit", args=[plan_["plan"].pk]),
        reverse("planning:goal_edit", args=[plan_["goal"].pk]),
        reverse("planning:measure_edit", args=[plan_["measure"].pk]),
        reverse("planning:indicator_edit", args=[plan_["entered"].pk]),
        reverse("information:feedback_list"),
        reverse("information:page_list"),
        reverse("information:page_create", args=[network.slug]),
        reverse("information:page_edit", args=[world["page"].pk]),
        reverse("information:page_version", args=[world["page"].pk, 1]),
        reverse("workspace:activity_occurrence", args=[activity.pk, key]),
        reverse("insights:questions", args=[network.slug]),
        reverse("questions:queue"),
        reverse("questions:detail", args=[world["question"].pk]),
        reverse("questions:template_list"),
        reverse("questions:template_create"),
        reverse("questions:template_edit", args=[world["template"].pk]),
        reverse("questions:desk", args=[network.slug]),
    ]
    return pages


ANONYMOUS_PAGES = ["workspace:sign_in", "workspace:password_reset", "workspace:password_reset_sent",
                   "workspace:password_reset_complete"]  # fmt: skip


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_staff_page_is_in_the_users_language(world, language):
    with translation.override(language):  # reverse() gives the language's addresses
        _check_every_page(world, language)


def _check_every_page(world, language):
    prefix = ""
    found, seen = {}, {}
    for who in ("coordinator", "editor"):
        client = Client()
        sign_in(client, world[who])
        for address in _pages(world):
            response = client.get(prefix + address)
            if response.status_code in (403, 404) or not response["Content-Type"].startswith("text/html"):
                continue
            assert response.status_code == 200, (who, address, response.status_code)
            seen[address] = True
            words = untranslated(response.content.decode(), language)
            if words:
                found[f"{who} {prefix}{address}"] = words
    anonymous = Client()
    for name in ANONYMOUS_PAGES:
        address = prefix + reverse(name)
        response = anonymous.get(address)
        assert response.status_code == 200, (address, response.status_code)
        words = untranslated(response.content.decode(), language)
        if words:
            found[f"anonymous {address}"] = words
    assert set(seen) == set(_pages(world)), set(_pages(world)) - set(seen)
    assert found == {}, "\n".join(f"{page}: {', '.join(words)}" for page, words in found.items())


def test_the_check_finds_the_english_it_is_meant_to():
    """The examples of the issue fail the check in both languages; their translations pass."""
    page = (
        "<p>Service types: <b>Perhekahvila</b></p><label>Languages:</label><label>Mode:</label>"
        '<label>Location:</label><label for="id_version">Version:</label><input type="hidden" id="id_version">'
        "<td>weekday: 0, opens: 09:00, closes_next_day: False</td>"
        "<td>muutti: contacted → completed</td><h1>Muokkaa: toiminta</h1>"
    )
    for language in ("fi", "sv"):
        words = untranslated(page, language)
        for english in ("Service", "Languages", "Mode", "Location", "weekday", "closes_next_day", "False",
                        "contacted", "completed"):  # fmt: skip
            assert english in words, (language, english, words)
        assert "label of hidden id_version" in words
    assert (
        untranslated("<p>Palvelun tyypit: Perhekahvila</p><p>tila: otettu yhteyttä → valmis</p>", "fi") == []
    )
    assert untranslated("<p>Tjänstetyper: Familjecafé</p><p>status: kontaktad → slutförd</p>", "sv") == []
