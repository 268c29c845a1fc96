"""The municipality report as a Word document (python-docx) that a committee secretary pastes into the
meeting's agenda template: the same figures as the page, the PDF and the workbook (report.report_data),
as headings, paragraphs and plain tables, in Finnish or Swedish."""

import io

from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from perhekeskus.catalog import coverage
from perhekeskus.core.templatetags.perhekeskus import figure
from perhekeskus.core.translation import translate_with_language
from perhekeskus.insights import report
from perhekeskus.network.models import Municipality


def _number(value) -> str:
    return "–" if value is None else number_format(value, force_grouping=True)


# A4 with 2 cm margins, as Finnish municipalities' agenda templates are.
PAGE_WIDTH_CM, PAGE_HEIGHT_CM, MARGIN_CM = 21.0, 29.7, 2.0


def _table(document, header: list[str], rows: list[list[str]], widths: tuple[float, ...]) -> None:
    """A plain table whose columns share the text width in the given proportions, with its header
    repeated on every page it runs over."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for row in rows:
        added = table.add_row()
        for cell, text in zip(added.cells, row, strict=True):
            cell.text = str(text)
    for row in table.rows:  # a row stays on one page
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    text_width = PAGE_WIDTH_CM - 2 * MARGIN_CM
    for column, share in zip(table.columns, widths, strict=True):
        width = Cm(text_width * share / sum(widths))
        column.width = width
        for cell in column.cells:
            cell.width = width


def _state(cell) -> str:
    text = cell.state_name
    place = cell.nearest if cell.state == coverage.REGIONAL else None
    if place is not None:
        text += ": " + _("nearest") + f" {place.location.name}, {place.location.municipality.name}"
        if place.road_km is not None:
            text += " (" + _("about %(km)s km") % {"km": place.road_km} + ")"
    return text


def _written(document, label: str | None, text: str, in_language: str, language: str) -> None:
    """A text written for the item or the family centre; one in Finnish in a Swedish item says so."""
    paragraph = document.add_paragraph()
    if label:
        paragraph.add_run(f"{label} ").bold = True
    paragraph.add_run(text)
    if in_language == "fi" and language != "fi":
        paragraph.add_run(" (" + _("only in Finnish") + ")").italic = True


def _why_unmet(row: dict) -> str:
    """As the PDF says it: "4 searches: found nothing 2 times, nothing opened 1 time"."""
    reasons = []
    if row["no_results"]:
        reasons.append(
            ngettext("found nothing %(counter)s time", "found nothing %(counter)s times", row["no_results"])
            % {"counter": row["no_results"]}
        )
    if row["not_opened"]:
        reasons.append(
            ngettext("nothing opened %(counter)s time", "nothing opened %(counter)s times", row["not_opened"])
            % {"counter": row["not_opened"]}
        )
    searches = ngettext("%(counter)s search", "%(counter)s searches", row["searches"]) % {
        "counter": row["searches"]
    }
    return f"{searches}: {', '.join(reasons)}"


def _field(paragraph, code: str) -> None:
    """A field Word fills in when it lays the pages out (PAGE, NUMPAGES)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), code)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")  # the size of the line it stands in (8 pt)
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "16")
    properties.append(size)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


# Word's spelling and hyphenation by the item's language.
WORD_LANGUAGES = {"fi": "fi-FI", "sv": "sv-FI"}


def _page_frame(document, section, title: str, network, today, language: str) -> None:
    """On every page: the title, the date and (on demo data) SAMPLE DATA above; the network and
    "page N / M" below. The document's language for Word's spelling."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    header = section.header.paragraphs[0]
    header.text = f"{title} · {date_format(today, 'j.n.Y')}"
    if network.is_sample_data:
        run = header.add_run(" · " + _("SAMPLE DATA"))
        run.bold = True
        run.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
    footer = section.footer.paragraphs[0]
    footer.text = f"{network.name} · " + _("page") + " "
    _field(footer, "PAGE")
    footer.add_run(" / ")
    _field(footer, "NUMPAGES")
    for paragraph in (header, footer):
        for run in paragraph.runs:
            run.font.size = Pt(8)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for old in run_defaults.findall(qn("w:lang")):
        run_defaults.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), WORD_LANGUAGES.get(language, language))
    run_defaults.append(lang)


def _marked(obj, field: str, language: str) -> str:
    """A text of the plan; one in Finnish in a Swedish item says so, as on the page and in the PDF."""
    text, in_language = translate_with_language(obj, field)
    return f"{text} (" + _("only in Finnish") + ")" if in_language == "fi" and language != "fi" else text


def _action_plans(document, plans: list[dict], language: str) -> None:
    """The plans the proposal speaks of: each goal's measures with their status, and its indicators'
    latest figures against their targets."""
    if not plans:
        return
    document.add_heading(_("Action plan"), level=1)
    for item in plans:
        plan = item["plan"]
        heading = f"{_marked(plan, 'title', language)} {plan.starts}–{plan.ends}"
        if plan.municipality_id is None:
            heading += f" ({plan.network.name})"
        document.add_heading(heading, level=2)
        document.add_paragraph(
            _("Measures") + ": " + ", ".join(f"{label} {count}" for label, count in item["statuses"])
        )
        for goal in item["goals"]:
            document.add_heading(_marked(goal["goal"], "title", language), level=3)
            if goal["measures"]:
                _table(
                    document,
                    [_("Measure"), _("Responsible"), _("Schedule"), _("Status")],
                    [
                        [
                            _marked(measure, "title", language),
                            ", ".join(o.name for o in measure.responsible.all()),
                            measure.schedule,
                            measure.get_status_display(),
                        ]
                        for measure in goal["measures"]
                    ],
                    widths=(3, 2, 1.2, 1.2),
                )
            for indicator in goal["indicators"]:
                unit = f" {indicator['indicator'].unit}" if indicator["indicator"].unit else ""
                now = "–" if indicator["current"] is None else f"{figure(indicator['current'])}{unit}"
                line = f"{_marked(indicator['indicator'], 'name', language)}: {now}"
                if indicator["indicator"].target is not None:
                    line += " (" + _("target") + f" {figure(indicator['indicator'].target)}{unit})"
                document.add_paragraph(line)


def docx(municipality: Municipality, language: str) -> bytes:
    from docx import Document
    from docx.shared import Cm, RGBColor

    with translation.override(language):
        data = report.report_data(municipality)
        network, totals, reviews = data["network"], data["totals"], data["reviews"]
        document = Document()
        section = document.sections[0]
        section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
        section.left_margin = section.right_margin = Cm(MARGIN_CM)
        document.core_properties.title = report.title(municipality)
        document.core_properties.language = WORD_LANGUAGES.get(language, language)
        document.core_properties.author = network.name
        document.core_properties.comments = ""
        document.core_properties.created = document.core_properties.modified = timezone.now()
        _page_frame(document, section, report.title(municipality), network, data["today"], language)
        document.add_heading(report.title(municipality), level=0)
        document.add_paragraph(f"{network.name} · {date_format(data['today'], 'j.n.Y')}")
        if network.is_sample_data:
            run = document.add_paragraph().add_run(
                _(
                    "Sample data: the services, figures and usage in this report are examples, not real listings or statistics."
                )
            )
            run.bold = True
            run.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
        if language != "fi":
            document.add_paragraph(
                _(
                    "Names of services, places and organisations without a version in this language are shown "
                    "in Finnish, as their organisations wrote them."
                )
            ).runs[0].italic = True
        if data["text"]:
            document.add_heading(_("Summary and proposal"), level=1)
            for field, label in (("summary", None), ("proposal", _("Proposal:"))):
                if field in data["text"]:
                    _written(document, label, *data["text"][field], language)
        for field, label in (("description", None), ("local_emphasis", _("Local emphasis:"))):
            if field in data["local_texts"]:
                _written(document, label, *data["local_texts"][field], language)

        document.add_heading(_("Key figures"), level=1)
        figures = data["figures"]
        rows = [
            [_("The model's %(total)s core services") % {"total": data["core_total"]}, data["core_summary"]],
            [_("Services available to the municipality's families"), _number(figures["services"])],
            [_("Residents"), _number(municipality.population)],
            [_("Children aged 0–17"), _number(municipality.children)],
            [_("Children aged 0–6"), _number(municipality.children_under_7)],
            [_("Services per 1,000 children"), _number(figures["per_1000_children"])],
            [_("Services overdue for review"), _number(len(reviews.overdue))],
            [_("Services never confirmed accurate, not yet due"), _number(len(reviews.never))],
            [_("Searches for the municipality in 12 months"), _number(totals["searches"])],
            [_("Service page views by the municipality's families in 12 months"), _number(totals["views"])],
            [
                _("Referrals and contact requests of the municipality's families in 12 months"),
                _number(totals["referrals"]),
            ],
            [
                _("Region-wide, the family's municipality unknown (the whole network, counted once)"),
                _("%(views)s page views, %(referrals)s referrals and contact requests")
                % {
                    "views": _number(totals["region_views"]),
                    "referrals": _number(totals["region_referrals"]),
                },
            ],
            [_("Activity registrations in 12 months"), _number(totals["registrations"])],
        ]
        _table(document, [_("Figure"), _("Value")], rows, widths=(3, 2))
        if data["children_source"]:
            document.add_paragraph(
                _("Numbers of children: %(source)s") % {"source": data["children_source"]} + "."
            )

        earlier = data["year_earlier"]
        document.add_heading(_("Compared with a year earlier"), level=1)
        _table(
            document,
            [
                _("Figure"),
                _("Now"),
                _("A year earlier (%(month)s)") % {"month": date_format(earlier["month"], "n/Y")},
            ],
            [[name, _number(now), _number(then)] for name, now, then in earlier["rows"]],
            widths=(3, 1, 1),
        )
        for note in earlier["notes"]:
            document.add_paragraph(note)

        document.add_heading(_("Every core service of the model"), level=1)
        _table(
            document,
            [_("Core service"), _("How it reaches the municipality"), _("Services and providers")],
            [
                [
                    row["type"].name,
                    _state(row["cell"]),
                    "; ".join(f"{s.name} ({s.organization.name})" for s in row["cell"].services) or "–",
                ]
                for row in data["core_rows"]
            ],
            widths=(2.4, 1.4, 3),
        )

        _action_plans(document, data["plans"], language)

        document.add_heading(_("Freshness of the listings"), level=1)
        document.add_paragraph(
            _(
                "Of the %(total)s services reaching the municipality, %(in_time)s were confirmed accurate by "
                "their organisation within their review interval, %(never)s have never been confirmed but are "
                "not yet due (counted from when they were listed), and %(overdue)s are past their review date "
                "(%(never_overdue)s of them never confirmed)."
            )
            % {
                "total": reviews.total,
                "in_time": len(reviews.in_time),
                "never": len(reviews.never),
                "overdue": len(reviews.overdue),
                "never_overdue": reviews.overdue_never_confirmed,
            }
        )

        if data["unmet"]:
            document.add_heading(_("Needs the searches did not meet"), level=1)
            document.add_paragraph(
                _("Searched at least three times and left unmet at least twice, by the words' base forms:")
            )
            for row in data["unmet"]:
                document.add_paragraph(f"{row['query_key']} ({_why_unmet(row)})", style="List Bullet")

        output = io.BytesIO()
        document.save(output)
        return output.getvalue()
