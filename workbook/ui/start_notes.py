"""Provides ``start_notes``: what the app says as Home opens, when something needs saying:
worksheets that could not be loaded, damaged records set aside, no backup today."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbook.common.i18n import _
from workbook.services.workbook import Workbook


@dataclass(frozen=True)
class StartNote:
    title: str
    text: str  # shown as written: a problem quotes a file, which may hold anything
    seconds: float


def start_notes(book: Workbook) -> list[StartNote]:
    notes = []
    problems = book.problems
    if len(problems) <= 2:
        notes += [StartNote(_("A worksheet could not be loaded"), str(p), 10) for p in problems]
    else:  # one note, not a pile of them over Home
        names = ", ".join(sorted({Path(p.file).name for p in problems})[:5])
        notes.append(
            StartNote(
                _("Some worksheets could not be loaded"),
                _(
                    "{count} problems in worksheet files ({names}…). The others work; "
                    "'workbook exercises list' says what is wrong in each."
                ).format(count=len(problems), names=names),
                15,
            )
        )
    if book.set_aside_count():
        notes.append(
            StartNote(
                _("Some of the file could not be read"),
                _(
                    "{set_aside_count} damaged record(s) in the workbook could not be read. "
                    "They are kept word for word, set aside in the same file, and everything "
                    "else works. 'workbook check' says more."
                ).format(set_aside_count=book.set_aside_count()),
                20,
            )
        )
    if book.backup_problem:
        notes.append(StartNote(_("No backup today"), book.backup_problem, 20))
    return notes
