"""Provides ``render_export`` and ``preview_export``: one entry point for every format. Each
puts the export's inputs into the language of the file and hands them to the format's own
functions in the registry (``workbook.export.formats``); renderers are pure functions and
return bytes. Writing the bytes happens in ``writer.write_output``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from workbook.common.i18n import language, speaking
from workbook.export.formats import Job, export_format
from workbook.export.options import Options
from workbook.worksheets.crisis import CrisisList, default_lines
from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry import Entry
from workbook.worksheets.translation import localized


def _job(
    entries: list[Entry],
    exercises: dict[str, Exercise],
    options: Options,
    settings: dict[str, Any],
    crisis: CrisisList,
    paper: str | None,
    lang: str | None,
    now: datetime | None,
) -> Job:
    """The export's inputs in the language in use: the worksheets and the standard crisis lines
    (the person's own crisis lines stay in their own words)."""
    from workbook.common.language import paper_for

    chosen = language()
    return Job(
        entries,
        {key: localized(exercise, chosen) for key, exercise in exercises.items()},
        options,
        settings,
        CrisisList(default_lines(), True) if crisis.defaults else crisis,
        paper or paper_for(lang),
        lang,
        now,
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
        chosen = export_format(fmt)
        return chosen.render(_job(entries, exercises, options, settings, crisis, paper, lang, now))


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
        chosen = export_format(fmt)
        return chosen.preview(_job(entries, exercises, options, settings, crisis, paper, lang, now))
