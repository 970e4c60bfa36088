"""Provides the export format registry: one ``ExportFormat`` per format, with its name in the
person's words, its file ending, the choices it takes, whether it is a report (which moves
"since my last export"), and the functions that make its file and its preview.

The export screen, the shell's ``--format`` and the application layer all read this one
table, so a format is added in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from workbook.common.i18n import N_, _, ngettext
from workbook.export.document import Report
from workbook.export.format_names import Format as Format
from workbook.export.options import Options
from workbook.worksheets.builtin import CRAVINGS_ID, Goals, Plan
from workbook.worksheets.crisis import CrisisList
from workbook.worksheets.definition import Exercise, Role
from workbook.worksheets.entry import Entry
from workbook.worksheets.roles import changed_at


class Choice(StrEnum):
    """A choice on the export screen that a format may take."""

    PERIOD = "period"
    LOG = "log"
    WORKSHEETS = "worksheets"
    PRIVATE = "private"
    PAPER = "paper"
    NAME = "name"
    LANGUAGE = "language"
    PROTECT = "protect"  # a passphrase the PDF opens only with


@dataclass(frozen=True)
class Job:
    """What one export is made from, already in the language of the file."""

    entries: list[Entry]
    exercises: dict[str, Exercise]
    options: Options
    settings: dict[str, Any]
    crisis: CrisisList
    paper: str
    lang: str | None
    now: datetime | None


@dataclass(frozen=True)
class ExportFormat:
    format: Format
    label: str  # marked with N_: translated where it is shown
    suffix: str
    choices: frozenset[Choice]
    report: bool  # a report for the counselor: it moves "since my last export"
    render: Callable[[Job], bytes]
    preview: Callable[[Job], str]


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


def _report(job: Job) -> Report:
    """The one report model that the Markdown, HTML and PDF formats draw."""
    from workbook.export.report import build_report

    return build_report(job.entries, job.exercises, job.options, job.settings, job.crisis, now=job.now, lang=job.lang)


def _report_markdown(job: Job) -> str:
    from workbook.export.markdown import render_markdown

    return render_markdown(_report(job))


def _pdf(job: Job) -> bytes:
    import orjson

    from workbook.export.pdf import render_pdf

    # The same period as data for a program: the FHIR Bundle inside the PDF, as an attachment.
    return render_pdf(_report(job), job.paper, attachment=orjson.dumps(bundle_of(job)).decode())


def _html(job: Job) -> bytes:
    from workbook.export.html import render_html

    return render_html(_report(job)).encode("utf-8")


def _csv(job: Job) -> bytes:
    from workbook.export.csv_export import render_csv

    exercise = csv_worksheet(job.options, job.exercises)
    chosen = [e for e in job.entries if e.exercise == exercise.id and _covers(job.options, exercise, e)]
    return render_csv(chosen, exercise)


def _covers(options: Options, exercise: Exercise | None, entry: Entry) -> bool:
    """The entries a file of a period holds: those the period selects, and the living ones
    (the plan, a goal) that were written, changed or worked on during it, whenever they were
    first written."""
    if options.selects(entry, exercise):
        return True
    if entry.exercise not in options.include or not options.shares(entry) or exercise is None:
        return False
    if exercise.single:
        return True  # the plan as it is: every period's file has it
    if exercise.role_field(Role.WHEN) is not None:
        return False
    from workbook.export.period import Span, worked_on

    span = Span(options.start or date.min, options.end or date.max, True)
    return worked_on(entry, span) if exercise.id == Goals.ID else span.covers(changed_at(entry).date())


def _csv_preview(job: Job) -> str:
    rows = _csv(job).decode("utf-8-sig").splitlines()
    more = _("\n\n*… and {value} more rows in the file.*").format(value=len(rows) - 40) if len(rows) > 40 else ""
    return "```text\n" + "\n".join(rows[:40]).replace("```", "'''") + "\n```" + more


def _json_entries(job: Job) -> list[Entry]:
    """The chosen entries; an export of everything keeps entries of worksheets this computer
    does not have too (a backup loses nothing)."""
    options, exercises = job.options, job.exercises
    everything = set(options.include) >= set(exercises) and options.start is None and options.end is None
    return [
        e
        for e in job.entries
        if _covers(options, exercises.get(e.exercise), e) or (everything and e.exercise not in exercises)
    ]


def _json(job: Job) -> bytes:
    from workbook.export.json_backup import build_export, dump_export

    return dump_export(build_export(_json_entries(job), job.settings, job.now))


def _json_preview(job: Job) -> str:
    chosen = sum(1 for e in job.entries if job.options.selects(e, job.exercises.get(e.exercise)))
    return ngettext(
        "A complete backup of **{chosen} entry** (private ones included), for moving to another computer.",
        "A complete backup of **{chosen} entries** (private ones included), for moving to another computer.",
        chosen,
    ).format(chosen=chosen)


def bundle_of(job: Job) -> dict[str, Any]:
    """The period as a FHIR document Bundle (the FHIR export, and the data inside a PDF report)."""
    from workbook.common.clock import SYSTEM_CLOCK
    from workbook.common.language import locale_for
    from workbook.export.fhir import build_bundle

    return build_bundle(
        job.entries,
        job.exercises,
        job.options,
        job.settings,
        job.now or SYSTEM_CLOCK.now(),
        locale_for(job.lang).language,
    )


def _fhir(job: Job) -> bytes:
    import orjson

    return orjson.dumps(bundle_of(job), option=orjson.OPT_INDENT_2) + b"\n"


def _fhir_preview(job: Job) -> str:
    bundle = bundle_of(job)
    kinds: dict[str, int] = {}
    for item in bundle["entry"]:
        kind = item["resource"]["resourceType"]
        kinds[kind] = kinds.get(kind, 0) + 1
    listed = ", ".join(f"{kind} ({count})" for kind, count in kinds.items())
    return _(
        "A file for your clinic's health record (FHIR R4): your self-check scores with their "
        "codes, your plan and this period's figures. It holds: {listed}. Give it to your clinic "
        "only if they asked for it; your counselor reads the PDF."
    ).format(listed=listed)


def _card(job: Job) -> bytes:
    from workbook.common.language import locale_for
    from workbook.export.card import build_card, render_card

    card = build_card(plan_for_card(job.entries, job.options), job.exercises.get(Plan.ID), job.crisis)
    return render_card(card, job.paper, locale_for(job.lang).language)


def _card_preview(job: Job) -> str:
    from workbook.common.language import locale_for
    from workbook.export.card import build_card, fit_card

    card = build_card(plan_for_card(job.entries, job.options), job.exercises.get(Plan.ID), job.crisis)
    return fit_card(card, job.paper, locale_for(job.lang).language).as_markdown()


_REPORT_CHOICES = frozenset({Choice.PERIOD, Choice.WORKSHEETS, Choice.PRIVATE, Choice.NAME, Choice.LANGUAGE})

# In the order the export screen offers them. What each format uses: a spreadsheet is one log;
# the backup holds everything; the card is the plan; only PDFs have paper, only reports a name.
REGISTRY: dict[Format, ExportFormat] = {
    f.format: f
    for f in (
        ExportFormat(
            Format.PDF,
            N_("PDF (to print or send)"),
            ".pdf",
            _REPORT_CHOICES | {Choice.PAPER, Choice.PROTECT},
            True,
            _pdf,
            _report_markdown,
        ),
        ExportFormat(Format.HTML, N_("Web page (HTML)"), ".html", _REPORT_CHOICES, True, _html, _report_markdown),
        ExportFormat(
            Format.MD,
            N_("Markdown (notes)"),
            ".md",
            _REPORT_CHOICES,
            True,
            lambda job: _report_markdown(job).encode("utf-8"),
            _report_markdown,
        ),
        ExportFormat(
            Format.CSV,
            N_("Spreadsheet (CSV, one log)"),
            ".csv",
            frozenset({Choice.PERIOD, Choice.LOG, Choice.PRIVATE, Choice.LANGUAGE}),
            True,
            _csv,
            _csv_preview,
        ),
        ExportFormat(
            Format.CARD,
            N_("Pocket card (PDF)"),
            ".pdf",
            frozenset({Choice.PAPER, Choice.NAME, Choice.LANGUAGE, Choice.PROTECT}),
            False,
            _card,
            _card_preview,
        ),
        ExportFormat(
            Format.FHIR,
            N_("For the clinic's record (FHIR)"),
            ".json",
            frozenset({Choice.PERIOD, Choice.NAME, Choice.LANGUAGE}),
            False,
            _fhir,
            _fhir_preview,
        ),
        ExportFormat(
            Format.JSON, N_("Everything, for backup (JSON)"), ".json", frozenset(), False, _json, _json_preview
        ),
    )
}


def export_format(name: str) -> ExportFormat:
    """The format called ``name`` (``ValueError`` naming the ones there are otherwise)."""
    try:
        return REGISTRY[Format(name)]
    except ValueError:
        raise ValueError(
            _("Unknown format '{fmt}'. Choose one of: {join}.").format(fmt=name, join=", ".join(REGISTRY))
        ) from None


def is_report(name: str) -> bool:
    """True for the formats that count as "my last export" for the period."""
    return name in REGISTRY and REGISTRY[Format(name)].report


def suffix_of(name: str) -> str:
    return export_format(name).suffix


SUFFIXES = frozenset(f.suffix for f in REGISTRY.values())
