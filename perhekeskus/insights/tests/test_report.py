"""The municipality report: the same figures on the page, in the PDF (text read back), in the workbook
(cells read back) and from the command; usage figures against known data; one-click reminders."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from pypdf import PdfReader

from perhekeskus.activities import services as activity_services
from perhekeskus.activities.models import Occurrence, OccurrenceChange, Registration
from perhekeskus.catalog.models import Service, ServiceType
from perhekeskus.insights import committee_item, report, usage
from perhekeskus.insights.models import ReviewReminder, ServiceView
from perhekeskus.referrals.models import Referral
from perhekeskus.search.models import SearchLog
from perhekeskus.workspace.tests.conftest import sign_in


@pytest.fixture
def used(small_network):
    """Known usage this month: 3 searches for Lieksa (one without results), 5 views of Lieksa's clinic,
    2 referrals to the family counselling (one accepted), 4 people registered at a Lieksa activity (2
    registrations, one attended)."""
    for count in (0, 2, 5):
        SearchLog.objects.create(
            query="kantoliina", query_key="kantoliina", language="fi", filters={}, municipality="422",
            result_count=count,
        )  # fmt: skip
    SearchLog.objects.create(
        query="x", query_key="x", language="fi", filters={}, municipality="167", result_count=0
    )
    clinic = small_network["services"]["lieksa_clinic"]
    ServiceView.objects.create(service=clinic, day=timezone.localdate(), municipality="422", views=5)
    # Views by families whose municipality is unknown: region-wide, counted once.
    counselling_page = small_network["services"]["counselling"]
    ServiceView.objects.create(service=counselling_page, day=timezone.localdate(), municipality="", views=7)
    counselling = small_network["services"]["counselling"]
    now = timezone.now()
    Referral.objects.create(
        service=counselling, receiving_organization=counselling.organization, status=Referral.Status.ACCEPTED,
        sent_at=now - datetime.timedelta(hours=5), accepted_at=now - datetime.timedelta(hours=2),
        family_municipality=small_network["lieksa"],
    )  # fmt: skip
    Referral.objects.create(service=counselling, receiving_organization=counselling.organization, sent_at=now)
    clinic = small_network["services"]["lieksa_clinic"]
    activity = activity_services.activity_save(
        actor=None,
        values={
            "service": clinic, "title_fi": "Vauvaryhmä", "location": clinic.deliveries.get().location,
            "starts_on": timezone.localdate(), "start_time": datetime.time(0, 1), "duration_minutes": 60,
            "repeat": "none", "registration": "required", "capacity": 10,
        },
    )  # fmt: skip
    start = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(0, 1)))
    occurrence = Occurrence.objects.create(activity=activity, start=start)
    Registration.objects.create(occurrence=occurrence, adults=1, children=1, name="A", attended=True)
    Registration.objects.create(occurrence=occurrence, adults=1, children=1, name="B", attended=False)
    Registration.objects.create(
        occurrence=occurrence, adults=2, name="C", status=Registration.Status.CANCELLED
    )
    return small_network


def test_usage_figures_per_month_and_municipality(used):
    month = usage.first_of_month(timezone.localdate())
    months = usage.month_range(timezone.localdate())
    assert len(months) == 12 and months[-1] == month
    network = used["network"]
    searches = usage.search_counts(months, network, "422")[month]
    assert searches == {"searches": 3, "no_results": 1, "few_results": 1, "no_click": 2}
    assert usage.search_counts(months, network)[month]["searches"] == 4
    assert usage.page_views(months, "422")[month] == 5
    # The counselling reaches Joensuu and Lieksa: its views of unknown families count in neither.
    assert usage.page_views(months, "167")[month] == 0
    assert usage.page_views(months, "541")[month] == 0
    assert usage.page_views(months, "")[month] == 7
    organizations = used["network"].organizations.all()
    assert usage.referral_counts(months, organizations, "422")[month] == {
        "sent": 1, "accepted": 1, "declined": 0, "completed": 0,
    }  # fmt: skip
    assert usage.referral_counts(months, organizations, "")[month]["sent"] == 1
    assert usage.referral_counts(months, organizations, "167")[month]["sent"] == 0
    assert usage.referral_counts(months, organizations, "541")[month]["sent"] == 0
    assert usage.activity_counts(months, organizations, "422")[month] == {
        "registrations": 2, "people": 4, "present": 1, "marked": 2,
    }  # fmt: skip
    assert usage.activity_counts(months, organizations, "167")[month]["registrations"] == 0
    lieksa, nurmes = report.report_data(used["lieksa"]), report.report_data(used["nurmes"])
    assert (lieksa["figures"]["services"], nurmes["figures"]["services"]) == (3, 1)  # closed is a gap
    assert (lieksa["referral_statistics"]["total"], nurmes["referral_statistics"]["total"]) == (2, 0)
    assert lieksa["referral_statistics"]["acceptance_rate"] == 1.0
    by_municipality = usage.searches_by_municipality(months, network)
    assert by_municipality["422"][month] == 3
    assert by_municipality["167"][month] == 1


def test_registrations_of_cancelled_times_do_not_count_and_a_moved_time_counts_when_held(used):
    today = timezone.localdate()
    month = usage.first_of_month(today)
    months = usage.month_range(today)
    organizations = used["network"].organizations.all()
    occurrence = Occurrence.objects.get()

    def by_month():
        return {
            m: row["registrations"] for m, row in usage.activity_counts(months, organizations, "422").items()
        }

    assert by_month()[month] == 2
    change = OccurrenceChange.objects.create(
        activity=occurrence.activity, original_start=occurrence.start, cancelled=True
    )
    assert sum(by_month().values()) == 0
    # Moved to last month: counted there.
    change.cancelled = False
    change.new_start = occurrence.start - datetime.timedelta(days=today.day + 3)
    change.save()
    counts = by_month()
    assert (counts[months[-2]], counts[month]) == (2, 0)
    # Moved to before the twelve months shown: not counted at all.
    change.new_start = usage.start_of(months[0]) - datetime.timedelta(days=1)
    change.save()
    assert sum(by_month().values()) == 0
    # Cancelled for good: not counted, whatever its times.
    change.delete()
    type(occurrence.activity).objects.filter(pk=occurrence.activity_id).update(cancelled=True)
    assert sum(by_month().values()) == 0


def _pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_holds_the_figures_in_finnish_and_swedish(used):
    core_total = ServiceType.objects.filter(is_core=True).count()
    text = _pdf_text(report.pdf(used["lieksa"], "fi"))
    assert "Lieksa" in text
    # Local, regional (the counselling in Joensuu), remote only (the chat), missing: never "3 / 25".
    assert f"1 kunnassa, 1 alueellisesti, 1 vain etänä, {core_total - 3} puuttuu" in text
    assert f"3 / {core_total}" not in text
    assert "Lieksan lastenneuvola" in text and "Perheneuvola" in text and "Vanhempien chat" in text
    assert "Perhekeskus – Lieksa" in text  # the title, without a family centre of its own
    assert "Kiteen neuvola" not in text  # not of the network
    assert "Perhekahvila" in text  # Joensuu's family café is one of the services missing here
    text_sv = _pdf_text(report.pdf(used["lieksa"], "sv"))
    assert "Lieksa" in text_sv
    assert f"1 i kommunen, 1 regionalt, 1 endast på distans, {core_total - 3} saknas" in text_sv
    assert text_sv != text


def test_the_workbook_holds_the_figures(used):
    book = load_workbook(io.BytesIO(report.xlsx(used["lieksa"], "fi")))
    summary = {row[0].value: row[1].value for row in book.worksheets[0].iter_rows(min_row=2)}
    values = list(summary.values())
    core_total = ServiceType.objects.filter(is_core=True).count()
    assert values[1:8] == [1, 1, 1, core_total - 3, core_total, 3, 10049]
    assert 2000 in values
    assert 1.5 in values  # services per 1,000 children
    usage_sheet = book.worksheets[-1]
    last = [cell.value for cell in list(usage_sheet.iter_rows())[-1]]
    assert last[1:] == [3, 1, 5, 1, 1, 2, 1]  # one referral of a Lieksa family; the other region-wide
    services_sheet = book.worksheets[2]
    names = {row[1].value for row in services_sheet.iter_rows(min_row=2)}
    assert names == {"Lieksan lastenneuvola", "Perheneuvola", "Vanhempien chat"}
    core_sheet = book.worksheets[3]
    rows = {row[0].value: [cell.value for cell in row] for row in core_sheet.iter_rows(min_row=2)}
    assert len(rows) == core_total  # every core type named
    counselling = rows[ServiceType.objects.get(code="family-counselling").name_fi]
    assert counselling[2] == "alueellisesti" and counselling[3].endswith(", Joensuu")
    assert 90 <= counselling[4] <= 120 and counselling[5] == "Perheneuvola (Hyvinvointialue)"
    assert sorted(row[2] for row in rows.values()).count("puuttuu") == core_total - 3
    assert all(isinstance(row[4], int) for row in rows.values() if row[2] == "alueellisesti")
    assert usage_sheet._charts and book.worksheets[1]._charts


def test_the_workbook_keeps_a_formula_looking_name_as_text(used):
    Service.objects.filter(pk=used["services"]["counselling"].pk).update(name_fi='=HYPERLINK("http://x")')
    book = load_workbook(io.BytesIO(report.xlsx(used["lieksa"], "fi")))
    cells = [row[1] for row in book.worksheets[2].iter_rows(min_row=2)]
    named = [cell for cell in cells if "HYPERLINK" in str(cell.value)]
    assert [(cell.value, cell.data_type) for cell in named] == [('=HYPERLINK("http://x")', "s")]


def test_the_page_and_downloads(client, used):
    sign_in(client, used["coordinator"])
    page = client.get(reverse("insights:municipality", args=["pk", "422"])).content.decode()
    assert "Perheneuvola" in page and "<svg" in page
    response = client.get(reverse("insights:report_pdf", args=["pk", "422", "sv"]))
    assert response["Content-Type"] == "application/pdf"
    assert "Lieksa" in _pdf_text(response.content)
    response = client.get(reverse("insights:report_xlsx", args=["pk", "422", "fi"]))
    assert load_workbook(io.BytesIO(response.content)).worksheets[0]["B3"].value == 1  # in Lieksa
    response = client.get(reverse("insights:coverage_csv", args=["pk"]), {"kinds": "ngo"})
    assert "Vanhempien chat" in response.content.decode() and "Perheneuvola" not in response.content.decode()


def test_the_command_writes_each_format(used, tmp_path):
    for file_format in ("pdf", "xlsx", "csv", "html"):
        path = tmp_path / f"lieksa.{file_format}"
        call_command(
            "municipality_report", "422", "--format", file_format, "--output", str(path), stdout=io.StringIO()
        )
        assert path.stat().st_size > 0
    assert "Perheneuvola" in _pdf_text((tmp_path / "lieksa.pdf").read_bytes())
    assert load_workbook(tmp_path / "lieksa.xlsx").worksheets[0]["B3"].value == 1


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["999", "--output", "x.pdf"], "No municipality with the code '999'"),
        (["260", "--output", "x.pdf"], "belongs to no service network"),
        (["422", "--format", "pdf", "--output", "-"], "cannot go to the terminal"),
        (["422", "--output", "/no/such/folder/x.pdf"], "does not exist"),
    ],
)
def test_the_command_refuses_clearly(used, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("municipality_report", *arguments, stdout=io.StringIO())


def test_one_click_reminder_for_overdue_services(client, used, django_capture_on_commit_callbacks):
    overdue = timezone.localdate() - datetime.timedelta(days=400)
    Service.objects.filter(pk=used["services"]["helpline"].pk).update(last_reviewed_at=overdue)
    sign_in(client, used["coordinator"])
    page = client.get(reverse("insights:freshness", args=["pk"])).content.decode()
    assert "Vanhempien chat" in page and "Perheneuvola" not in page
    mail.outbox.clear()
    url = reverse("insights:remind", args=["pk", used["ngo"].pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["editor@example.fi"]]
    assert "Vanhempien chat" in mail.outbox[0].body
    reminder = ReviewReminder.objects.get()
    assert (reminder.organization, reminder.sent_by, reminder.services, reminder.recipients) == (
        used["ngo"], used["coordinator"], 1, 1,
    )  # fmt: skip
    # A second press the same day sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "muistutettiin alle vuorokausi sitten" in response.content.decode()
    assert len(mail.outbox) == 1
    assert ReviewReminder.objects.count() == 1
    # An organisation with nothing overdue gets nothing.
    client.post(reverse("insights:remind", args=["pk", used["county"].pk]))
    assert len(mail.outbox) == 1
    # An organisation of another network is not found.
    assert (
        client.post(
            reverse("insights:remind", args=["pk", used["services"]["outside"].organization.pk])
        ).status_code
        == 404
    )


def test_review_status_is_counted_as_the_service_pages_say_it(client, used):
    """Confirmed in time, never confirmed (not yet due) and overdue are three figures, and a service never
    confirmed is never reported as "reviewed in time"."""
    today = timezone.localdate()
    Service.objects.filter(pk=used["services"]["lieksa_clinic"].pk).update(
        last_reviewed_at=today - datetime.timedelta(days=30)
    )
    Service.objects.filter(pk=used["services"]["counselling"].pk).update(last_reviewed_at=None)
    Service.objects.filter(pk=used["services"]["helpline"].pk).update(
        last_reviewed_at=today - datetime.timedelta(days=250)
    )
    with translation.override("fi"):
        data = report.report_data(used["lieksa"])
        page = report.render_html(used["lieksa"], "fi", for_print=False)
    reviews = data["reviews"]
    assert [s.name_fi for s in reviews.in_time] == ["Lieksan lastenneuvola"]
    assert [s.name_fi for s in reviews.never] == ["Perheneuvola"]
    assert [s.name_fi for s in reviews.overdue] == ["Vanhempien chat"]
    text = " ".join(page.split())
    assert (
        "Kuntaan ulottuvista 3 palvelusta 1 on organisaation vahvistama ajantasaiseksi tarkistusvälin "
        "puitteissa, 1 ei ole koskaan vahvistettu mutta ei ole vielä erääntynyt"
    ) in text
    assert "Kaikki kuntaan ulottuvat palvelut on tarkistettu ajallaan" not in text
    book = load_workbook(io.BytesIO(report.xlsx(used["lieksa"], "fi")))
    summary = {row[0].value: row[1].value for row in book.worksheets[0].iter_rows(min_row=2)}
    assert summary["Palvelut, joiden tarkistus on myöhässä"] == 1
    assert summary["Palvelut, joita ei ole koskaan vahvistettu, eivät vielä erääntyneet"] == 1
    # The network's freshness page says "never" where the service page says it was never checked.
    Service.objects.filter(pk=used["services"]["counselling"].pk).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )
    sign_in(client, used["coordinator"])
    page = client.get(reverse("insights:freshness", args=["pk"])).content.decode()
    row = page[page.index("Perheneuvola") :]
    assert row[: row.index("</tr>")].count("ei koskaan") == 1


def test_per_child_figures_print_their_source_and_year(client, used):
    from perhekeskus.network.models import Municipality

    Municipality.objects.filter(code="422").update(
        children=2000,
        children_under_7=700,
        population_year=2024,
        population_source="Tilastokeskus, taulukko 11re",
    )
    used["lieksa"].refresh_from_db()
    with translation.override("fi"):
        text = " ".join(report.render_html(used["lieksa"], "fi", for_print=False).split())
    assert "2 000 (700)" in text  # 0–17 (of them 0–6), grouped by thousands (a no-break space)
    assert "Lasten määrät: Tilastokeskus, taulukko 11re, 2024." in text
    # The recorded source is Finnish: the Swedish report says so.
    with translation.override("sv"):
        swedish = " ".join(report.render_html(used["lieksa"], "sv", for_print=False).split())
    assert "Antalet barn: Tilastokeskus, taulukko 11re, 2024 (endast på finska)." in swedish
    sign_in(client, used["coordinator"])
    matrix = " ".join(client.get(reverse("insights:coverage", args=["pk"])).content.decode().split())
    assert "Lasten määrät: Tilastokeskus, taulukko 11re, 2024 (Lieksa)." in matrix


def _docx_text(content: bytes) -> list[str]:
    from docx import Document

    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [paragraph.text for paragraph in document.paragraphs] + cells


def test_the_committee_item_as_a_word_document_in_finnish_and_swedish(client, used):
    core_total = ServiceType.objects.filter(is_core=True).count()
    used["network"].is_sample_data = True
    used["network"].save(update_fields=["is_sample_data"])
    texts = _docx_text(committee_item.docx(used["lieksa"], "fi"))
    assert texts[0] == "Perhekeskus – Lieksa"
    assert any(text.startswith("Esimerkkiaineisto") for text in texts)  # the sample-data label
    assert f"1 kunnassa, 1 alueellisesti, 1 vain etänä, {core_total - 3} puuttuu" in texts
    counselling = ServiceType.objects.get(code="family-counselling").name_fi
    row = texts[texts.index(counselling) : texts.index(counselling) + 3]
    assert row[1].startswith("alueellisesti: lähin ") and row[1].endswith(", Joensuu (noin 105 km)")
    assert row[2] == "Perheneuvola (Hyvinvointialue)"
    assert "10\xa0049" in texts  # residents, grouped by thousands
    assert "Lasten määrät: kirjattu käsin." in texts  # Lieksa's children were typed in, with no year
    # On A4, each table's header repeated on every page it runs over, its columns sized to their text.
    from docx import Document
    from docx.oxml.ns import qn

    document = Document(io.BytesIO(committee_item.docx(used["lieksa"], "fi")))
    assert round(document.sections[0].page_width.cm, 1) == 21.0
    for table in document.tables:
        assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")
        assert all(row._tr.trPr.xpath("./w:cantSplit") for row in table.rows)  # a row on one page
        widths = [column.width for column in table.columns]
        assert len(set(widths)) > 1 and round(sum(widths) / 360000) == 17  # EMU per cm
    # On every page: the title, date and the sample-data label above, "page N / M" below; Finnish for
    # Word's spelling.
    section = document.sections[0]
    assert section.header.paragraphs[0].text.endswith(" · ESIMERKKIAINEISTO")
    assert section.header.paragraphs[0].text.startswith("Perhekeskus – Lieksa · ")
    footer = section.footer.paragraphs[0]
    assert [field.get(qn("w:instr")) for field in footer._p.findall(qn("w:fldSimple"))] == [
        "PAGE",
        "NUMPAGES",
    ]
    assert document.styles.element.xpath("//w:rPrDefault//w:lang/@w:val") == ["fi-FI"]
    swedish = _docx_text(committee_item.docx(used["lieksa"], "sv"))
    assert f"1 i kommunen, 1 regionalt, 1 endast på distans, {core_total - 3} saknas" in swedish
    assert any(text.startswith("Exempeldata") for text in swedish)
    # Downloaded by a coordinator; others are refused like the other formats (test_permissions).
    sign_in(client, used["coordinator"])
    response = client.get(reverse("insights:report_docx", args=["pk", "422", "sv"]))
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert f"1 i kommunen, 1 regionalt, 1 endast på distans, {core_total - 3} saknas" in _docx_text(
        response.content
    )


def test_the_workbook_has_typed_dates_and_a_table_per_sheet(used):
    book = load_workbook(io.BytesIO(report.xlsx(used["lieksa"], "fi")))
    assert isinstance(book.worksheets[0]["B2"].value, datetime.datetime)  # the date, not text
    usage_sheet = book.worksheets[-1]
    months = [row[0].value for row in usage_sheet.iter_rows(min_row=2)]
    assert len(months) == 12 and all(isinstance(month, datetime.datetime) for month in months)
    assert usage_sheet["A2"].number_format == "m/yyyy"


def test_a_swedish_report_marks_local_texts_written_only_in_finnish(used):
    from perhekeskus.network.models import FamilyCentre

    FamilyCentre.objects.create(
        municipality=used["lieksa"],
        network=used["network"],
        name_fi="Lieksan perhekeskus",
        description_fi="Kaupungin perhekeskus.",
    )
    used["lieksa"].refresh_from_db()
    swedish = " ".join(report.render_html(used["lieksa"], "sv", for_print=True).split())
    assert (
        'lang="fi">Kaupungin perhekeskus. <span class="note" lang="sv">(endast på finska)</span>' in swedish
    )
    finnish = " ".join(report.render_html(used["lieksa"], "fi", for_print=True).split())
    assert "Kaupungin perhekeskus." in finnish and "(vain suomeksi)" not in finnish


def test_a_coordinator_writes_the_summary_and_proposal_and_every_format_opens_with_them(client, used):
    sign_in(client, used["coordinator"])
    url = reverse("insights:municipality", args=["pk", "422"])
    response = client.post(
        url,
        {
            "summary_fi": "Perhekeskuksen palvelut ovat pääosin lähellä.",
            "proposal_fi": "Lautakunta merkitsee tilannekuvan tiedoksi.",
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Perhekeskuksen palvelut ovat pääosin lähellä." in page
    used["lieksa"].refresh_from_db()
    swedish = " ".join(report.render_html(used["lieksa"], "sv", for_print=True).split())
    assert (
        'Lautakunta merkitsee tilannekuvan tiedoksi.</span> <span class="note">(endast på finska)' in swedish
    )
    texts = _docx_text(committee_item.docx(used["lieksa"], "fi"))
    assert "Esitys: Lautakunta merkitsee tilannekuvan tiedoksi." in texts
    # An editor of an organisation (not a coordinator) cannot write it.
    client.logout()
    sign_in(client, used["editor"])
    assert client.post(url, {"summary_fi": "Kaapattu"}).status_code in (403, 404)
    assert "Kaapattu" not in str(used["lieksa"].report_text.summary_fi)


def test_the_report_sets_this_year_against_the_same_months_a_year_earlier(used):
    from perhekeskus.insights.models import FigureSnapshot
    from perhekeskus.insights.snapshots import record_figures

    today = timezone.localdate()
    with translation.override("fi"):
        data = report.report_data(used["lieksa"])
    earlier = data["year_earlier"]
    assert earlier["recorded"] is False
    assert [then for _name, _now, then in earlier["rows"][:8]] == [None] * 8  # no listing figures yet
    # Usage of a year earlier comes from the logs: a search made then counts there, not now.
    old = SearchLog.objects.create(query="kantoliina", query_key="kantoliina", language="fi", filters={},
                                   municipality="422", result_count=0)  # fmt: skip
    SearchLog.objects.filter(pk=old.pk).update(searched_at=timezone.now() - datetime.timedelta(days=366))
    # A snapshot recorded a year ago (as the monthly task records one now).
    month = today.replace(day=1)
    FigureSnapshot.objects.create(
        municipality=used["lieksa"], month=month.replace(year=month.year - 1),
        figures={"services": 2, "local": 0, "regional": 1, "remote": 1, "missing": 30, "in_time": 0,
                 "never": 2, "overdue": 0},
    )  # fmt: skip
    assert record_figures().startswith("3 municipalities")  # Joensuu, Lieksa, Nurmes, once a month
    assert record_figures().startswith("0 municipalities")
    now = FigureSnapshot.objects.get(municipality=used["lieksa"], month=month).figures
    assert (now["services"], now["local"], now["regional"], now["remote"]) == (3, 1, 1, 1)
    with translation.override("fi"):
        data = report.report_data(used["lieksa"])
    rows = {name: (now, then) for name, now, then in data["year_earlier"]["rows"]}
    assert rows["Kunnan perheiden saatavilla olevat palvelut"] == (3, 2)
    assert rows["Ydinpalvelut: kunnassa"] == (1, 0)
    # The site's first usage is from a month after the earlier period began: unknown then, not zero.
    assert rows["Kuntaan rajattuja hakuja 12 kuukaudessa"] == (3, None)
    first = report.month_label(timezone.localtime(SearchLog.objects.get(pk=old.pk).searched_at).date())
    assert data["year_earlier"]["notes"][-1].startswith(f"Käyttöä on kirjattu kuukaudesta {first} alkaen")
    # With usage on record from before it, the year-earlier figures count (the search made then).
    older = SearchLog.objects.create(query="x", query_key="x", language="fi", filters={}, result_count=0)
    SearchLog.objects.filter(pk=older.pk).update(searched_at=timezone.now() - datetime.timedelta(days=740))
    with translation.override("fi"):
        data = report.report_data(used["lieksa"])
    rows = {name: (now, then) for name, now, then in data["year_earlier"]["rows"]}
    assert rows["Kuntaan rajattuja hakuja 12 kuukaudessa"] == (3, 1)
    assert rows["Kunnan perheiden ohjaukset 12 kuukaudessa"][1] == 0
    assert not any(note.startswith("Käyttöä") for note in data["year_earlier"]["notes"])
