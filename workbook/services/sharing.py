"""Provides sharing with a counselor, the same from the export screen and the shell: the
period a report covers ("since my last export", 7 or 30 days, everything), the preview, the
file written (never over the workbook or into its backups), the "last export" mark that only
a report moves, and the marks taken away after sharing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

from workbook.common.errors import WorkbookError
from workbook.common.i18n import _
from workbook.export.formats import is_report
from workbook.export.options import Options
from workbook.export.service import preview_export, render_export
from workbook.services.workbook import Workbook
from workbook.worksheets.crisis import crisis_list

T = TypeVar("T")

LAST_EXPORT = "last_export"  # the day of the last report, for "since my last export"
NAME = "name"  # the name or initials the person chose to put on their reports

# The named periods, on the export screen and after ``workbook export --period``.
SINCE_LAST, WEEK, MONTH, EVERYTHING = "since", "7", "30", "all"


def last_export(book: Workbook) -> date | None:
    """The day of the last report written, if there was one."""
    saved = book.setting(LAST_EXPORT)
    try:
        return date.fromisoformat(saved) if isinstance(saved, str) else None
    except ValueError:
        return None


def period_dates(book: Workbook, choice: str) -> tuple[date | None, date | None]:
    """The first and last day of a named period (``None``: open): since the last export
    (everything when there was none), the last 7 or 30 days including today, or everything."""
    today = book.today()
    if choice == SINCE_LAST:
        last = last_export(book)
        # A mark later than today (a clock that was ahead once) would make every report
        # empty or refused: it is read as no mark at all.
        return (last, today) if last is not None and last <= today else (None, None)
    if choice in (WEEK, MONTH):
        return today - timedelta(days=int(choice) - 1), today
    return None, None


def chosen_count(book: Workbook, options: Options) -> int:
    """How many entries ``options`` choose."""
    return sum(1 for e in book.entries() if options.selects(e, book.exercises.get(e.exercise)))


def _made(book: Workbook, make: Callable[..., T], fmt: str, options: Options, paper: str | None, lang: str | None) -> T:
    """``make`` (the file's renderer or its preview) given this workbook's entries, worksheets,
    settings, crisis list and clock."""
    settings = book.settings()
    return make(
        fmt,
        book.entries(),
        book.exercises,
        options,
        settings,
        crisis_list(settings),
        paper=paper,
        lang=lang,
        now=book.now(),
    )


def preview(book: Workbook, fmt: str, options: Options, *, paper: str | None = None, lang: str | None = None) -> str:
    """What the file will hold, as Markdown, made by the code that makes the file (safe to
    call from a worker thread: it changes nothing)."""
    return _made(book, preview_export, fmt, options, paper, lang)


def render(book: Workbook, fmt: str, options: Options, *, paper: str | None = None, lang: str | None = None) -> bytes:
    """The file's bytes (``WorkbookError`` saying what to choose when the choices do not fit)."""
    try:
        return _made(book, render_export, fmt, options, paper, lang)
    except ValueError as exc:
        raise WorkbookError(_("{exc} Nothing was written.").format(exc=exc)) from None


def check_destination(book: Workbook, target: Path, *, force: bool) -> Path:
    """``target`` made absolute, once it is a place an export may go (``WorkbookError`` otherwise)."""
    from workbook.export.writer import check_destination as check

    return check(target, book.path, force=force)


@dataclass(frozen=True)
class Exported:
    """A written export: where (``None`` for standard output) and whether the "last export"
    mark moved (a report only, and only when the disk took it)."""

    path: Path | None
    mark_moved: bool
    report: bool


def write(
    book: Workbook,
    fmt: str,
    options: Options,
    target: str | Path,
    *,
    force: bool = False,
    paper: str | None = None,
    lang: str | None = None,
) -> Path | None:
    """Write ``fmt`` to ``target`` ("-" for standard output), changing nothing in the workbook
    (safe from a worker thread); where it went (``None`` for standard output)."""
    from workbook.export.writer import write_output

    return write_output(target, render(book, fmt, options, paper=paper, lang=lang), book.path, force=force)


def written(book: Workbook, fmt: str, path: Path | None) -> Exported:
    """After a file is written: a report moves the "last export" mark to today; when that mark
    cannot be kept (a full disk), the file is still there and ``mark_moved`` says so."""
    moved = False
    if is_report(fmt):
        try:
            book.save_setting(LAST_EXPORT, book.today().isoformat())
            moved = True
        except WorkbookError:
            pass  # the export is written; only "since my last export" is not moved on
    return Exported(path, moved, is_report(fmt))


def export(
    book: Workbook,
    fmt: str,
    options: Options,
    target: str | Path,
    *,
    force: bool = False,
    paper: str | None = None,
    lang: str | None = None,
) -> Exported:
    """``write``, then ``written``: the whole export, as the shell makes it."""
    return written(book, fmt, write(book, fmt, options, target, force=force, paper=paper, lang=lang))


def save_name(book: Workbook, name: str) -> bool:
    """Keep the name or initials for reports (spaces tidied); True when it changed."""
    tidy = " ".join(name.split())
    if tidy == (book.setting(NAME) or ""):
        return False
    book.save_setting(NAME, tidy)
    return True
