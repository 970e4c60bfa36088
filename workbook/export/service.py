"""Provides ``render_export``: one entry point for every format. It builds the one report
model (or the card, the spreadsheet, the full backup) and hands it to a renderer; renderers
are pure functions and return bytes. Writing the bytes happens in ``writer.write_output``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from workbook.common.i18n import _, language, ngettext, speaking
from workbook.export.options import Options
from workbook.worksheets.builtin import CRAVINGS_ID, Plan
from workbook.worksheets.crisis import CrisisList, default_lines
from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry import Entry
from workbook.worksheets.roles import day_of
from workbook.worksheets.translation import localized

FORMATS = ("pdf", "html", "md", "csv", "json", "card")
SUFFIX = {"pdf": ".pdf", "html": ".html", "md": ".md", "csv": ".csv", "json": ".json", "card": ".pdf"}
REPORTS = ("pdf", "html", "md", "csv")  # the formats that count as "my last export" for the period


def csv_worksheet(options: Options, exercises: dict[str, Exercise]) -> Exercise:
    """The one log worksheet a spreadsheet holds (``ValueError`` with what to choose otherwise)."""
    logs = [i for i in options.include if i in exercises and not exercises[i].single]
    if len(logs) == 1:
        return exercises[logs[0]]
    if len(options.include) == len(exercises) and CRAVINGS_ID in exercises:
        return exercises[CRAVINGS_ID]  # nothing chosen: the craving log
    names = ", ".join(e.id for e in exercises.values() if not e.single)
    raise ValueError(_("A spreadsheet (CSV) holds one log worksheet: choose one of {names}.").format(names=names))


def plan_for_card(entries: list[Entry], options: Options) -> Entry | None:
    return next((e for e in entries if e.exercise == Plan.ID and options.shares(e)), None)


def _in_language(exercises: dict[str, Exercise], crisis: CrisisList) -> tuple[dict[str, Exercise], CrisisList]:
    """The worksheets and the standard crisis lines in the language in use (the person's own
    crisis lines stay in their own words)."""
    chosen = language()
    return (
        {key: localized(exercise, chosen) for key, exercise in exercises.items()},
        CrisisList(default_lines(), True) if crisis.defaults else crisis,
    )


def render_export(
    fmt: str,
    entries: list[Entry],
    exercises: dict[str, Exercise],
    options: Options,
    settings: dict[str, Any],
    crisis: CrisisList,
    *,
    paper: str | None = None,
    lang: str | None = None,
    now: datetime | None = None,
) -> bytes:
    """The chosen entries in ``fmt``, as bytes ready to write, in ``lang`` (``en``, ``es``;
    ``None`` for the language in use). Answers are saved by id, so any entry exports in any
    language; what the person typed stays as typed."""
    with speaking(lang):
        exercises, crisis = _in_language(exercises, crisis)
        from workbook.common.language import locale_for, paper_for

        sheet = paper or paper_for(lang)
        if fmt == "json":
            from workbook.export.json_backup import build_export, dump_export

            everything = len(options.include) >= len(exercises) and options.start is None and options.end is None
            return dump_export(
                build_export(
                    [
                        e
                        for e in entries
                        if options.selects(e, exercises.get(e.exercise)) or (everything and e.exercise not in exercises)
                    ],
                    settings,
                )
            )
        if fmt == "card":
            from workbook.export.card import build_card, render_card

            card = build_card(plan_for_card(entries, options), exercises.get(Plan.ID), crisis)
            return render_card(card, sheet, locale_for(lang).language)
        if fmt == "csv":
            from workbook.export.csv_export import render_csv

            exercise = csv_worksheet(options, exercises)
            chosen = [
                e
                for e in entries
                if e.exercise == exercise.id and options.shares(e) and options.covers_day(day_of(exercise, e))
            ]
            return render_csv(chosen, exercise)
        from workbook.export.report import build_report

        report = build_report(entries, exercises, options, settings, crisis, now=now, lang=lang)
        if fmt == "md":
            from workbook.export.markdown import render_markdown

            return render_markdown(report).encode("utf-8")
        if fmt == "html":
            from workbook.export.html import render_html

            return render_html(report).encode("utf-8")
        if fmt == "pdf":
            from workbook.export.pdf import render_pdf

            return render_pdf(report, sheet)
        raise ValueError(_("Unknown format '{fmt}'. Choose one of: {join}.").format(fmt=fmt, join=", ".join(FORMATS)))


def preview_export(
    fmt: str,
    entries: list[Entry],
    exercises: dict[str, Exercise],
    options: Options,
    settings: dict[str, Any],
    crisis: CrisisList,
    *,
    paper: str | None = None,
    lang: str | None = None,
    now: datetime | None = None,
) -> str:
    """What the file will hold, as Markdown for the export screen, made by the same code as the file:
    the report's Markdown (PDF and HTML draw the same model), the fitted card, the spreadsheet's rows."""
    with speaking(lang):
        exercises, crisis = _in_language(exercises, crisis)
        from workbook.common.language import locale_for, paper_for

        if fmt == "json":
            chosen = sum(1 for e in entries if options.selects(e, exercises.get(e.exercise)))
            return ngettext(
                "A complete backup of **{chosen} entry** (private ones included), for moving to another computer.",
                "A complete backup of **{chosen} entries** (private ones included), for moving to another computer.",
                chosen,
            ).format(chosen=chosen)
        if fmt == "card":
            from workbook.export.card import build_card, fit_card

            card = build_card(plan_for_card(entries, options), exercises.get(Plan.ID), crisis)
            fitted = fit_card(card, paper or paper_for(lang), locale_for(lang).language)
            return fitted.as_markdown()
        if fmt == "csv":
            text = render_export(
                fmt, entries, exercises, options, settings, crisis, paper=paper, lang=lang, now=now
            ).decode("utf-8-sig")
            rows = text.splitlines()
            more = (
                _("\n\n*… and {value} more rows in the file.*").format(value=len(rows) - 40) if len(rows) > 40 else ""
            )
            return "```text\n" + "\n".join(rows[:40]).replace("```", "'''") + "\n```" + more
        from workbook.export.markdown import render_markdown
        from workbook.export.report import build_report

        return render_markdown(build_report(entries, exercises, options, settings, crisis, now=now, lang=lang))
