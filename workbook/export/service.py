"""One entry point for every export format: choose, build the report, render.

Renderers are pure functions of the report; this module picks one and returns
bytes. Writing the bytes happens in ``writer.write_output`` only.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from workbook.worksheets.crisis import CrisisLine
from workbook.worksheets.loader import Exercise
from workbook.export.report import PLAN, Options, build_card, build_report
from workbook.export.json_backup import build_export, dump_export
from workbook.worksheets.entry import Entry

FORMATS = ("pdf", "html", "md", "json", "card")
SUFFIX = {"pdf": ".pdf", "html": ".html", "md": ".md", "json": ".json", "card": ".pdf"}


def parse_day(text: str, what: str) -> date:
    """A YYYY-MM-DD date from the person, or a ``ValueError`` with a kind message."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{what} should be a date like 2026-03-14 (year-month-day), not \"{text}\".") from None


def check_options(options: Options, exercises: dict[str, Exercise]) -> None:
    """Raise ``ValueError`` with a kind message for impossible choices."""
    unknown = [i for i in options.include if i not in exercises]
    if unknown:
        raise ValueError(f"Unknown worksheet: {', '.join(unknown)}. Choose from: {', '.join(exercises)}.")
    if options.start and options.end and options.start > options.end:
        raise ValueError("The start date is after the end date.")


def render_export(fmt: str, entries: list[Entry], exercises: dict[str, Exercise], options: Options,
                  settings: dict[str, Any], crisis: list[CrisisLine], crisis_note: str = "") -> bytes:
    """The chosen entries in ``fmt``, as bytes ready to write."""
    if fmt == "json":
        return dump_export(build_export([e for e in entries if options.selects(e)], settings))
    if fmt == "card":
        from workbook.export.pdf import render_card
        plans = [e for e in entries if e.exercise == PLAN and options.shares(e)]
        return render_card(build_card(plans[0] if plans else None, exercises.get(PLAN), crisis))
    report = build_report(entries, exercises, options, settings, crisis, crisis_note)
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
