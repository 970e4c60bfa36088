"""Provides ``render_pdf``: the report set by the Typst typesetting engine.

Typst shapes every script and orders mixed right-to-left text, finds fonts through the
system (with the bundled DejaVu Sans first), and writes a tagged PDF: headings, lists and
tables in the structure tree, the language, a title, a bookmark per section, alt text on
every chart (the tests have Typst check the templates against every PDF/UA-1 rule). The
page is Letter or A4 (from the locale, or chosen), with the person's name and the period
on every page. Participant text reaches Typst as JSON data, never as markup. Characters no
installed font can draw are shown as their code and counted (``workbook.export.fonts``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, assert_never

import orjson

from workbook.common.errors import WorkbookError
from workbook.common.i18n import _
from workbook.export.document import Block, Bullets, Chart, EntryBlock, Facts, Paragraph, Report, Table
from workbook.export.fonts import FIRST_FONTS, Coverage, typst_fonts

TEMPLATES = Path(__file__).parent / "typst"


def _block(block: Block, clean: Coverage) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "text": clean(block.text), "note": block.note}
    if isinstance(block, Facts):
        return {"kind": "facts", "title": clean(block.title), "rows": [[clean(a), clean(b)] for a, b in block.rows]}
    if isinstance(block, Bullets):
        return {"kind": "bullets", "title": clean(block.title), "items": [clean(i) for i in block.items]}
    if isinstance(block, Table):
        return {
            "kind": "table",
            "caption": clean(block.caption),
            "columns": [clean(c) for c in block.columns],
            "rows": [[clean(c) for c in row] for row in block.rows],
        }
    if isinstance(block, Chart):
        return {
            "kind": "chart",
            "title": clean(block.title),
            "alt": clean(block.alt),
            "svg": block.svg,
            "table": {"columns": list(block.table.columns), "rows": [list(r) for r in block.table.rows]},
            "table_caption": clean(block.numbers_caption),
        }
    if not isinstance(block, EntryBlock):
        assert_never(block)
    return {
        "kind": "entry",
        "heading": clean(block.heading),
        "marks": block.marks,
        "note": clean(block.note),
        "items": [
            {
                "label": clean(i.label),
                "text": clean(i.text),
                "bullets": [clean(b) for b in i.bullets] if i.bullets is not None else None,
            }
            for i in block.items
        ],
    }


def _characters(report: Report) -> set[str]:
    """Every character the report will set (so the fonts for them are looked up once)."""
    texts = [report.title, report.subtitle, report.person, report.period, report.made, report.footer]
    for section in report.sections:
        texts += [section.title, section.empty]
        for block in section.blocks:
            if isinstance(block, Paragraph):
                texts.append(block.text)
            elif isinstance(block, Facts):
                texts += [block.title, *(a + b for a, b in block.rows)]
            elif isinstance(block, Bullets):
                texts += [block.title, *block.items]
            elif isinstance(block, Table):
                texts += [block.caption, *block.columns, *("".join(row) for row in block.rows)]
            elif isinstance(block, Chart):
                texts += [block.title, block.alt, block.numbers_caption]
            elif isinstance(block, EntryBlock):
                texts += [
                    block.heading,
                    block.note,
                    *(i.label + i.text + "".join(i.bullets or ()) for i in block.items),
                ]
            else:
                assert_never(block)
    return set("".join(texts))


def report_data(report: Report, paper: str) -> tuple[dict[str, Any], Coverage]:
    """The JSON the Typst template sets, with every undrawable character marked."""
    clean = Coverage()
    clean.learn(_characters(report))
    data: dict[str, Any] = {
        "attachment": None,
        "title": clean(report.title),
        "subtitle": clean(report.subtitle),
        "person": clean(report.person),
        "period": clean(report.period),
        "made": clean(report.made),
        "lang": report.lang,
        "paper": paper,
        "footer": clean(report.footer),
        "fonts": list(FIRST_FONTS),
        "page_word": _("Page"),
        # Typst's page counter pattern: both numbers are written "1" in it.
        "page_pattern": _("{page} of {pages}").format(page="1", pages="1"),
        "name_word": _("Name"),
        "period_word": _("Period"),
        "made_word": _("Made"),
        "empty_note": report.empty_note,
        "sections": [
            {
                "id": s.id,
                "page_end": s.page_end,
                "title": clean(s.title),
                "empty": clean(s.empty),
                "blocks": [_block(b, clean) for b in s.blocks],
            }
            for s in report.sections
        ],
    }
    closing = [report.disclaimer]
    if clean.replaced:
        closing.append(
            _(
                "{replaced} characters could not be drawn with the fonts on this computer "
                "and are shown as codes such as [U+4F60]. The HTML and Markdown exports "
                "show them as typed."
            ).format(replaced=clean.replaced)
        )
    data["closing"] = closing
    return data, clean


def compile_template(name: str, data: dict[str, Any], *, strict: bool = True) -> bytes:
    """Set ``typst/NAME.typ`` with ``data`` as a tagged PDF/UA-1 file.

    Typst checks every PDF/UA-1 rule as it writes (and marks the file as PDF/UA-1, with its
    title shown by readers). Should a rule ever refuse something a person wrote, the file is
    made again as a tagged PDF without that claim rather than not at all; the tests hold the
    templates to the rules (``strict``: no second try).
    """
    import typst

    def attempt(ua: bool) -> bytes:
        result = typst.compile(
            str(TEMPLATES / f"{name}.typ"),
            root=str(TEMPLATES),
            font_paths=typst_fonts(),
            sys_inputs={"report": orjson.dumps(data).decode()},
            format="pdf",
            pdf_standards=["ua-1"] if ua else [],
        )
        assert isinstance(result, bytes)
        return result

    try:
        try:
            return attempt(True)
        except typst.TypstError:
            if strict:
                raise
            return attempt(False)
    except typst.TypstError as exc:  # a bug of ours, never the person's text: say so without the text
        raise WorkbookError(
            _(
                "The PDF could not be made ({value}). Please report this; the HTML and Markdown exports still work."
            ).format(value=exc.message[:200])
        ) from None


ATTACHMENT = "fhir-bundle.json"  # the name of the data a report carries


def render_pdf(report: Report, paper: str = "us-letter", attachment: str | None = None) -> bytes:
    """The whole report as PDF bytes on ``paper`` ("us-letter" or "a4"), carrying
    ``attachment`` (the period's FHIR Bundle, as JSON text) as an embedded file."""
    data, _coverage = report_data(report, paper)
    data["attachment"] = attachment
    data["attachment_name"] = ATTACHMENT
    data["attachment_description"] = _("This report's data for a clinic's record (FHIR R4 Bundle)")
    return compile_template("report", data, strict=False)
