"""Provides the "last report" mark and the entries that reached the workbook after it with
stamps from before it.

"Since my last report" holds every entry about a day after the mark and every entry written
or changed after it. Three ways an entry can arrive later than its own stamps say: an import
(entries keep the times they were written elsewhere), an undone delete (the entry comes back
as it was), and a clock that was set back after a report. Those entries' ids are kept in
``LATE`` until a report has shown them, so no entry is ever in no report. The mark is read
defensively: a value a hand or a hostile file put there never stops an export.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from workbook.worksheets.entry import Entry
from workbook.worksheets.roles import changed_at

if TYPE_CHECKING:
    from workbook.services.workbook import Workbook

LAST_EXPORT = "last_export"  # the moment of the last report, RFC 3339
LATE = "late_for_report"  # ids of entries that arrived after the last report with older stamps
MAX_LATE = 100_000  # more ids than this are not kept (the next report of everything shows them)
EARLIEST = datetime(1970, 1, 2).astimezone()  # a mark before this is a hand's mistake: no mark


def _saved_mark(book: Workbook) -> datetime | None:
    """The mark as kept, if it is a moment since 1970 (later than now included)."""
    saved = book.setting(LAST_EXPORT)
    if not isinstance(saved, str) or len(saved) > 64:
        return None
    try:
        if "T" in saved:
            moment = datetime.fromisoformat(saved)
        else:
            moment = datetime.combine(date.fromisoformat(saved), time.min)
        if moment.tzinfo is None:  # a hand-edited mark: read in the computer's own offset
            moment = moment.astimezone()
        return moment if moment >= EARLIEST else None
    except (ValueError, OverflowError):
        return None


def last_export(book: Workbook) -> datetime | None:
    """The moment of the last report, if there was one. A mark from before marks were moments
    (a day alone) is read as the start of that day, so that day is shown again rather than
    lost. A mark later than now (a clock that was ahead once), one before 1970, or anything
    that is not a moment is read as no mark at all."""
    moment = _saved_mark(book)
    return moment if moment is not None and moment <= book.now() else None


def late_ids(book: Workbook) -> frozenset[str]:
    """Entries that arrived after the last report with stamps from before it."""
    saved = book.setting(LATE)
    return frozenset(i for i in saved if isinstance(i, str)) if isinstance(saved, list) else frozenset()


def note_arrivals(book: Workbook, entries: Iterable[Entry]) -> None:
    """Keep the ids of ``entries`` (just added, put back or imported) whose stamps are not
    after the last report, so the next report since it shows them."""
    mark = _saved_mark(book)  # even one later than now: the clock may have been set back since
    if mark is None:
        return  # no mark: the next default report is the last 30 days, by their dates
    late = [e.id for e in entries if changed_at(e) <= mark]
    if late:
        known = late_ids(book)
        added = [i for i in late if i not in known]
        if added and len(known) + len(added) <= MAX_LATE:
            book.save_setting(LATE, sorted(known | set(added)))


def move(book: Workbook, made: datetime, shown: frozenset[str]) -> None:
    """The report made at ``made`` held everything since the mark: move it there, and forget
    the late arrivals it showed."""
    book.save_setting(LAST_EXPORT, made.isoformat(timespec="seconds"))
    left = late_ids(book) - shown
    if left or book.setting(LATE) is not None:
        book.save_setting(LATE, sorted(left))
