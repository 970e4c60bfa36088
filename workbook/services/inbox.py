"""Provides quick logging from the shell while the workbook is open in a window: the shell
posts to the inbox (``post``), and whoever holds the workbook merges it (``merge``): the
window every few seconds, any other program as it opens the workbook.

Why it is safe with two processes: the window alone writes the workbook (it holds the
lock); the shell alone creates inbox files, each written whole and renamed into place (a
file is there complete or not at all); the window removes a file only after the entry it
holds is durably in the workbook, and merges by the item's own id, so a file read again
after a crash adds nothing twice. A kill -9 of the shell leaves at most a temporary file the
inbox never reads; a kill -9 of the window leaves the inbox as it was, or the entry saved
and its file still there (merged once at the next read). Items are encrypted with the
workbook's own key when it is encrypted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from workbook.common.clock import Clock, stamp
from workbook.common.errors import WorkbookError, os_reason
from workbook.common.i18n import _
from workbook.services.events import What
from workbook.services.workbook import Workbook
from workbook.store import inbox
from workbook.worksheets.builtin import CheckIn, Cravings, Journal
from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry import Entry, parse_iso

CRAVING, CHECK_IN, JOURNAL = "craving", "checkin", "writing"
NEW_ENTRY = {CRAVING: Cravings.ID, JOURNAL: Journal.ID}  # kinds that add an entry of their own


def post(
    path: Path, kind: str, sheet: Exercise, answers: dict[str, Any], ask: Callable[[], str], clock: Clock
) -> inbox.Item:
    """Put a quick entry in the inbox of the workbook at ``path``, once its answers pass the
    worksheet's one check, encrypted like the workbook (``ask`` gives its passphrase)."""
    from workbook.services.workbook import EntryNotValid
    from workbook.store.codec import PlainCodec, file_is_encrypted
    from workbook.store.opening import unlock_codec
    from workbook.worksheets.entry_check import validate_entry

    # Whole, as a first entry of its kind would be: an item that could not stand alone might
    # wait in the inbox for ever.
    problems = validate_entry(sheet, answers)
    if problems:
        raise EntryNotValid(sheet, problems)
    codec = unlock_codec(path, ask()) if file_is_encrypted(path) else PlainCodec()
    try:
        return inbox.post(path, kind, stamp(clock), answers, codec)
    except OSError as exc:
        raise WorkbookError(
            _("The entry could not be kept ({value}). Nothing was saved.").format(value=os_reason(exc))
        ) from None


def waiting(book: Workbook) -> bool:
    return book.path is not None and inbox.waiting(book.path)


def merge(book: Workbook) -> int:
    """Save what the shell left in the inbox into the workbook, then forget it; how many
    entries were added or changed. An item its worksheet now refuses is set aside, not lost."""
    if book.path is None or not inbox.waiting(book.path):
        return 0
    items = inbox.read(book.path, book.store.codec)
    done: list[inbox.Item] = []
    added: list[Entry] = []
    from workbook.services.workbook import EntryNotValid

    refused: list[inbox.Item] = []
    for item in items:
        sheet = book.exercises.get(NEW_ENTRY.get(item.kind, CheckIn.ID))
        if sheet is None:
            continue  # waits: the worksheet may be put back
        if item.kind in NEW_ENTRY:
            if book.get(item.id, item.written) is not None:
                done.append(item)  # merged before (a crash between the save and the removal)
                continue
            if book.check(sheet, item.answers):
                refused.append(item)
                continue
            added.append(Entry(item.id, sheet.id, item.written, item.written, dict(item.answers), sheet.version))
        else:
            try:
                _check_in(book, sheet, item)
            except EntryNotValid:
                refused.append(item)
                continue
        done.append(item)
    if added:
        book.store.merge(added, fresh=True)  # by the items' own ids: a second read adds nothing
        book.announce(What.ENTRIES, *{e.exercise for e in added})
        from workbook.services import report_mark

        try:  # written before a report the window made while they waited
            report_mark.note_arrivals(book, added)
        except WorkbookError:
            pass
    inbox.remove(done)
    inbox.set_aside(refused)  # kept, named by check, and out of the way of the items after them
    return len(done)


def _check_in(book: Workbook, sheet: Exercise, item: inbox.Item) -> None:
    """A check-in from the shell joins the check-in of its own day (one a day)."""
    from workbook.worksheets.roles import day_of

    day: date = parse_iso(item.written).date()
    existing = next((e for e in book.recent(CheckIn.ID) if day_of(sheet, e) == day), None)
    if existing is None:
        book.save(sheet, {CheckIn.date.id: day.isoformat(), **item.answers}, created=item.written)
    elif {**existing.answers, **item.answers} != existing.answers:
        book.save(sheet, {**existing.answers, **item.answers}, existing)
