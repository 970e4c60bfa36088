"""One entry point for every export format: choose, build the report, render.

Renderers are pure functions of the report; this module picks one and returns
bytes. Writing the bytes happens in ``writer.write_output`` only.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from workbook.export.json_backup import build_export, dump_export
from workbook.export.options import Options
from workbook.export.report import build_card, build_report
from workbook.worksheets.builtin import Plan
from workbook.worksheets.crisis import CrisisList
from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry import Entry

FORMATS = ("pdf", "html", "md", "json", "card")
SUFFIX = {"pdf": ".pdf", "html": ".html", "md": ".md", "json": ".json", "card": ".pdf"}


def render_export(fmt: str, entries: list[Entry], exercises: dict[str, Exercise], options: Options,
                  settings: dict[str, Any], crisis: CrisisList) -> bytes:
    """The chosen entries in ``fmt``, as bytes ready to write."""
    if fmt == "json":
        return dump_export(build_export([e for e in entries if options.selects(e, exercises.get(e.exercise))
                                         or (e.exercise not in exercises and options.include_private)], settings))
    if fmt == "card":
        from workbook.export.pdf import render_card
        plans = [e for e in entries if e.exercise == Plan.ID and options.shares(e)]
        return render_card(build_card(plans[0] if plans else None, exercises.get(Plan.ID), crisis))
    report = build_report(entries, exercises, options, settings, crisis)
    if fmt == "md":
        from workbook.export.markdown import render_markdown
        return render_markdown(report).encode("utf-8")
    if fmt == "html":
        from workbook.export.html import render_html
        return render_html(report).encode("utf-8")
    if fmt == "pdf":
        from workbook.export.pdf import render_pdf
        return render_pdf(report)
    raise ValueError(f"Unknown format '{fmt}'. Choose one of: {', '.join(FORMATS)}.")
