"""Publishing needs a complete listing (catalog.completeness): the refusal and its message, the
checklist on the editor's page and in the queue, the organisation's "listings that need attention"
page and who sees it. The coordinators' queue is one compact row per listing with its diff behind a
disclosure; a decision (publish, return) reaches the editor by e-mail and on the dashboard, with the
coordinator's note."""

import re
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from perhekeskus.catalog import completeness
from perhekeskus.catalog import services as catalog_services
from perhekeskus.catalog.models import Service
from perhekeskus.catalog.tests import factories
from perhekeskus.core.models import ChangeRecord, Publication
from perhekeskus.workspace.tests.conftest import sign_in


def fi(text: str) -> str:
    """A message as the Finnish workspace shows it (the msgid until the catalogue is compiled)."""
    with translation.override("fi"):
        return gettext(text)


def _pending(people, name: str, **values) -> Service:
    """A service its editor sent for review, with all but what `values` leaves out."""
    service = factories.service(organization=people["ours"], name_fi=name, publication=Publication.DRAFT)
    factories.delivery(service_obj=service, mode="online", municipalities=[factories.municipality()])
    defaults = {"summary_fi": "Tapaamisia.", "how_to_get_fi": "Tule paikalle.", "phone": "040 123 4567"}
    service = catalog_services.service_save(
        actor=people["editor"], values={**defaults, **values}, service=service
    )
    from perhekeskus.catalog import publishing

    return publishing.take_step(actor=people["editor"], instance=service, step_name="submit")


def _labels_fi(service) -> dict:
    with translation.override("fi"):
        return {item.key: str(item.label) for item in completeness.checklist(service)}


def test_publishing_is_refused_without_a_contact_and_accepted_once_it_is_added(
    client, people, django_capture_on_commit_callbacks
):
    service = _pending(people, "Vauvaryhmä", phone="")
    step = reverse("workspace:service_step", args=[service.pk])
    sign_in(client, people["coordinator"])
    page = client.get(reverse("workspace:service_edit", args=[service.pk])).content.decode()
    contact = _labels_fi(service)["contact"]
    assert contact in page  # the checklist on the service's page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(step, {"step": "publish"}, follow=True)
    text = response.content.decode()
    assert fi("%(name)s cannot be published yet. Missing: %(missing)s.") % {
        "name": "Vauvaryhmä", "missing": contact,
    } in text.replace("&quot;", '"')  # fmt: skip
    assert Service.objects.get(pk=service.pk).publication == Publication.PENDING
    assert mail.outbox == []

    catalog_services.service_save(actor=people["editor"], values={"phone": "040 765 4321"}, service=service)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(step, {"step": "publish", "note": "Hyvä kuvaus!"})
    assert Service.objects.get(pk=service.pk).publication == Publication.PUBLISHED
    [message] = mail.outbox
    assert message.to == [people["editor"].email]
    assert "Vauvaryhmä" in message.subject and "Hyvä kuvaus!" in message.body
    assert reverse("workspace:service_edit", args=[service.pk]) in message.body


def test_a_returned_listing_reaches_its_editor_by_e_mail_and_on_the_dashboard_with_the_note(
    client, people, django_capture_on_commit_callbacks
):
    service = _pending(people, "Isäryhmä")
    sign_in(client, people["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("workspace:service_step", args=[service.pk]),
            {"step": "return", "note": "Lisää kokoontumispaikka."},
        )
    assert Service.objects.get(pk=service.pk).publication == Publication.DRAFT
    [message] = mail.outbox
    assert message.to == [people["editor"].email]
    assert "Isäryhmä" in message.subject and "Lisää kokoontumispaikka." in message.body
    record = ChangeRecord.objects.filter(object_id=service.pk).order_by("-changed_at").first()
    assert record.note == "Lisää kokoontumispaikka." and record.actor == people["coordinator"]
    # The coordinator's own dashboard does not tell them of their own decision.
    assert "Lisää kokoontumispaikka." not in client.get(reverse("workspace:dashboard")).content.decode()
    client.post(reverse("workspace:sign_out"))

    for person in ("editor", "admin"):  # every keeper of the organisation's listings
        sign_in(client, people[person])
        dashboard = client.get(reverse("workspace:dashboard")).content.decode()
        assert "Isäryhmä" in dashboard and "Lisää kokoontumispaikka." in dashboard
        assert fi("returned to your organisation") in dashboard
        client.post(reverse("workspace:sign_out"))
    sign_in(client, people["outsider"])
    assert "Lisää kokoontumispaikka." not in client.get(reverse("workspace:dashboard")).content.decode()
    client.post(reverse("workspace:sign_out"))

    # Sent for review again, the return is old news.
    sign_in(client, people["editor"])
    client.post(reverse("workspace:service_step", args=[service.pk]), {"step": "submit"})
    assert Service.objects.get(pk=service.pk).publication == Publication.PENDING
    assert "Lisää kokoontumispaikka." not in client.get(reverse("workspace:dashboard")).content.decode()


def test_a_members_own_withdrawal_is_no_notice_and_a_publishing_is(client, people):
    withdrawn = _pending(people, "Peruttu ryhmä")
    sign_in(client, people["admin"])
    client.post(reverse("workspace:service_step", args=[withdrawn.pk]), {"step": "withdraw"})
    assert Service.objects.get(pk=withdrawn.pk).publication == Publication.DRAFT
    client.post(reverse("workspace:sign_out"))
    published = _pending(people, "Julkaistu ryhmä")
    sign_in(client, people["coordinator"])
    client.post(reverse("workspace:service_step", args=[published.pk]), {"step": "publish"})
    client.post(reverse("workspace:sign_out"))
    sign_in(client, people["editor"])
    dashboard = client.get(reverse("workspace:dashboard")).content.decode()
    notices = dashboard[dashboard.index('class="notices"') : dashboard.index("</section>")]
    assert "Julkaistu ryhmä" in notices and "Peruttu ryhmä" not in notices


def test_a_note_is_refused_when_too_long_or_with_a_step_that_decides_nothing(client, people):
    service = _pending(people, "Muistiinpanoryhmä")
    sign_in(client, people["coordinator"])
    step = reverse("workspace:service_step", args=[service.pk])
    client.post(step, {"step": "return", "note": "x" * 2001})
    assert Service.objects.get(pk=service.pk).publication == Publication.PENDING
    client.post(reverse("workspace:sign_out"))
    sign_in(client, people["editor"])
    client.post(step, {"step": "withdraw", "note": "huomio"})
    assert Service.objects.get(pk=service.pk).publication == Publication.PENDING


class _Disclosures(HTMLParser):
    """Where each diff table sits: inside an unopened <details>, or shown."""

    def __init__(self) -> None:
        super().__init__()
        self.open_details: list[bool] = []
        self.tables: list[bool] = []  # True: hidden behind a closed disclosure

    def handle_starttag(self, tag, attrs):
        if tag == "details":
            self.open_details.append("open" in dict(attrs))
        elif tag == "table" and "diff" in (dict(attrs).get("class") or ""):
            self.tables.append(bool(self.open_details) and not any(self.open_details))

    def handle_endtag(self, tag):
        if tag == "details":
            self.open_details.pop()


def test_the_queue_is_one_compact_row_per_listing_with_its_diff_on_demand(client, people):
    for n in range(9):
        _pending(people, f"Jonoryhmä {n}")
    from perhekeskus.catalog import publishing

    # Published; archived, changed (the phone and the description) and sent to be published again.
    changed = people["service"]
    factories.delivery(service_obj=changed, mode="online", municipalities=[factories.municipality()])
    publishing.take_step(actor=people["editor"], instance=changed, step_name="archive")
    catalog_services.service_save(
        actor=people["editor"],
        values={"phone": "040 111 2222", "description_fi": "Uusi kuvaus", "summary_fi": "Kahvila"},
        service=Service.objects.get(pk=changed.pk),
    )
    publishing.take_step(
        actor=people["editor"], instance=Service.objects.get(pk=changed.pk), step_name="restore"
    )

    sign_in(client, people["coordinator"])
    page = client.get(reverse("workspace:review_queue")).content.decode()
    summaries = re.findall(r'<p class="review-summary">(.*?)</p>', page, re.S)
    assert len(summaries) == 10
    new = fi("New: not published before")
    assert sum(new in summary for summary in summaries) == 9
    with translation.override("fi"):
        phone, description = (
            str(Service._meta.get_field(name).verbose_name) for name in ("phone", "description_fi")
        )
    [sentence] = [summary for summary in summaries if new not in summary]
    expected = fi("Changed: %(fields)s") % {"fields": ""}
    assert expected.strip() in sentence and phone in sentence and description in sentence
    assert "publication" not in sentence and fi("last reviewed") not in sentence
    # Each row says what its checklist lacks; the changed one lacks how to get the service.
    assert _labels_fi(changed)["how_to_get"] in sentence
    assert all("Testi" in summary for summary in summaries)  # who sent it: the editor
    parser = _Disclosures()
    parser.feed(page)
    assert parser.tables and all(parser.tables)  # no diff table is open on arrival
    assert len(parser.tables) >= 10


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("editor", 200), ("admin", 200), ("coordinator", 200), ("outsider", 404)],
)
def test_who_sees_the_listings_that_need_attention(client, people, role, status):
    if role != "anonymous":
        sign_in(client, people[role])
    url = reverse("workspace:organization_attention", args=[people["ours"].pk])
    assert client.get(url).status_code == status


def test_the_attention_list_shows_the_incomplete_services_and_leaves_them_published(client, people):
    incomplete = people["service"]  # published, without contact or texts
    complete = factories.ready_to_publish(
        factories.service(organization=people["ours"], name_fi="Valmis palvelu")
    )
    archived = factories.service(
        organization=people["ours"], name_fi="Arkistoitu palvelu", publication=Publication.ARCHIVED
    )
    sign_in(client, people["editor"])
    dashboard = client.get(reverse("workspace:dashboard")).content.decode()
    url = reverse("workspace:organization_attention", args=[people["ours"].pk])
    assert url in dashboard
    page = client.get(url).content.decode()
    assert incomplete.name_fi in page and complete.name_fi not in page and archived.name_fi not in page
    labels = _labels_fi(incomplete)
    for key in ("contact", "summary", "how_to_get", "delivery"):
        assert labels[key] in page
    assert labels["swedish"] not in page  # advised only
    assert Service.objects.get(pk=incomplete.pk).publication == Publication.PUBLISHED
