"""Provides ``ClosedYears``, the room of ``Store`` that closes years and reads them on demand.

Closed years (``workbook.store.archive``) are unpacked into the entry index only when a
question needs them: every entry (a report of everything, search, a backup), one worksheet's
entries when a closed year holds some, entries written since a moment inside a closed year,
an id not found among the live ones. Home's questions (counts, marked entries, the newest
few of each worksheet, the last logged use, the first day) are answered from the live part
and the years' summaries. Reading never writes, except to set aside a year that cannot be
read. Changing or deleting an entry of a closed year first puts its whole year back in the
entries table (one atomic save): every other write then works on live entries only, and the
next opening closes that year again.
"""

from __future__ import annotations

import functools
import threading
import uuid
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, Protocol, TypeVar

from workbook.common.errors import SaveError, WorkbookError
from workbook.common.i18n import _
from workbook.store import archive
from workbook.store.archive import DamagedYear, YearSummary
from workbook.store.migrations import ARCHIVE_TABLE, ENTRIES_TABLE, SET_ASIDE_TABLE
from workbook.worksheets.entry import Entry, now_iso, parse_iso
from workbook.worksheets.entry_check import envelope_problem

if TYPE_CHECKING:
    from pathlib import Path

    from tinydb import TinyDB
    from tinydb.table import Table

    from workbook.common.clock import Clock
    from workbook.store.entry_index import EntryIndex


class _Guarded(Protocol):
    _guard: threading.RLock


P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound=_Guarded)


def guarded(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """Run ``method`` holding the store's lock: a screen reads closed years in a worker thread
    (a history, an export's preview) while the interface's thread may save, and the index must
    never take in a year twice or lose a save to a year being sorted in."""

    @functools.wraps(method)
    def call(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._guard:
            return method(self, *args, **kwargs)

    return call


class ClosedYears:
    """Closing years and reading them back, for ``Store``."""

    if TYPE_CHECKING:
        _db: TinyDB
        _entries: Table
        _index: EntryIndex | None
        path: Path | None
        clock: Clock
        backup_problem: str

        def _view(self) -> EntryIndex: ...

    _thawed: set[int]  # closed years unpacked into the index this session
    _closed_ids: dict[str, int]  # entries of those years, by id, and their year
    _guard: threading.RLock

    _summaries: tuple[tuple[int, int], dict[int, YearSummary]] | None

    def _years_reset(self) -> None:
        if not hasattr(self, "_guard"):
            self._guard = threading.RLock()
        self._thawed = set()
        self._closed_ids = {}
        self._summaries = None

    def _year_summaries(self) -> dict[int, YearSummary]:
        """The closed years' summaries, read again only when the archive table changed (Home
        asks a few dozen times per refresh)."""
        table = self._data().get(ARCHIVE_TABLE)
        if not table:
            return {}
        key = (id(table), len(table))
        if self._summaries is None or self._summaries[0] != key:
            self._summaries = (key, archive.summaries({ARCHIVE_TABLE: table}))
        return self._summaries[1]

    def _data(self) -> dict[str, Any]:
        return self._db.storage.read() or {}

    def has_unread(self, exercise: str) -> bool:
        """True when a closed year not read yet holds entries of ``exercise``."""
        return any(s.counts.get(exercise) for s in self.unread_years().values())

    def read_so_far(self, exercise: str) -> list[Entry]:
        """One worksheet's entries read so far (the live ones and those of closed years read),
        newest first, reading nothing more: what a screen shows at once while a worker reads
        the rest."""
        return self._view().of_exercise(exercise)[::-1]

    def unread_years(self) -> dict[int, YearSummary]:
        """The closed years not unpacked yet, by year."""
        return {y: s for y, s in self._year_summaries().items() if y not in self._thawed}

    def closed_years(self) -> list[int]:
        """Every closed year in the file, unpacked or not."""
        return sorted(self._year_summaries())

    # -- closing ------------------------------------------------------------------

    @guarded
    def close_years(
        self, today: date, keep: Callable[[Entry], bool], flag: Callable[[Entry], bool], recent_days: int = 0
    ) -> int:
        """Move the entries of years long past into their closed years (after a backup), in
        one atomic save; how many moved. ``keep`` names entries that stay live whatever their
        age (living documents); ``flag`` those each worksheet's newest of must stay live and
        are counted per year (the last logged use). Nothing is due most days: then only the
        live entries' stamps are read."""
        storage = self._db.storage
        data = storage.read()
        if data is None:
            return 0
        plan = archive.plan_closing(data, today, keep, flag, recent_days)
        if not plan:
            return 0
        if self.path is not None:
            from workbook.store import backups

            try:
                backups.make_backup(self.path, "before-archive")
            except backups.BackupError:
                return 0  # no room for the copy: the years stay live, and close on a later day
        moved = archive.close(data, plan, flag)
        storage.write(data)  # a SaveError leaves the file as it was (the storage reloads it)
        self._index = None  # built again from the live part when asked
        self._years_reset()
        return moved

    # -- reading on demand -----------------------------------------------------------

    def _thaw(self, years: Iterable[int]) -> None:
        """Unpack ``years`` into the index. The unpacking and checking happen outside the
        store's lock (a worker may read decades while the interface's thread saves); taking
        them in holds it briefly."""
        wanted = sorted(set(years) - self._thawed)
        if not wanted:
            return
        stored = self._data().get(ARCHIVE_TABLE, {})
        read: dict[int, list[Entry] | str | None] = {}
        for year in wanted:
            year_doc = stored.get(str(year))
            if year_doc is None:
                read[year] = []
                continue
            try:
                docs = archive.unpack(year_doc)
            except DamagedYear as exc:
                read[year] = exc.reason
                continue
            broken = 0
            for doc in docs:
                broken += envelope_problem(doc) is not None
                if broken > archive.MAX_BROKEN_IN_YEAR:
                    break
            if broken > archive.MAX_BROKEN_IN_YEAR:  # not a year of entries: kept whole, out of the way
                read[year] = _("more than {count} of a closed year's entries are not whole").format(
                    count=archive.MAX_BROKEN_IN_YEAR
                )
            else:
                read[year] = None if broken else [Entry.from_dict(d, share=True) for d in docs]
        self._take_in(read)

    @guarded
    def _take_in(self, read: dict[int, list[Entry] | str | None]) -> None:
        """Add the entries of years read to the index. A year that cannot be read, or holds an
        entry that is not whole or whose id is taken, is set right first: set aside, or put back
        among the live entries where the opening repair sets its damaged ones aside."""
        view = self._view()
        found: list[Entry] = []
        seen: set[str] = set()
        broken: dict[int, str | None] = {}
        for year, got in read.items():
            if year in self._thawed:
                continue  # another thread took it in meanwhile
            self._thawed.add(year)
            if isinstance(got, str) or got is None:
                broken[year] = got
                continue
            ids = {e.id for e in got}
            if len(ids) < len(got) or any(i in view or i in self._closed_ids or i in seen for i in ids):
                broken[year] = None  # readable: its entries go back to the live table, one id each
                continue
            seen |= ids
            found.extend(got)
            self._closed_ids.update((i, year) for i in ids)
        view.extend(found)
        if broken:
            self._set_right(broken)

    def _set_right(self, broken: dict[int, str | None]) -> None:
        from workbook.store import backups
        from workbook.store.repair import set_aside_damaged

        storage = self._db.storage
        data = storage.read()
        if data is None:
            return
        if self.path is not None:
            try:
                backups.make_backup(self.path, "before-repair")
            except backups.BackupError as exc:
                self._show_unsettled(broken, exc.reason)
                return
        stored = data.get(ARCHIVE_TABLE, {})
        view = self._view()
        aside = data.setdefault(SET_ASIDE_TABLE, {})
        for year, reason in broken.items():
            year_doc = stored.pop(str(year))
            if reason is not None:
                number = max((int(k) for k in aside if str(k).isdigit()), default=0) + 1
                aside[str(number)] = {"record": year_doc, "reason": reason, "set_aside": now_iso(self.clock)}
                continue
            table = data.setdefault(ENTRIES_TABLE, {})
            for doc in archive.unpack(year_doc):
                if isinstance(doc.get("id"), str) and (doc["id"] in view or doc["id"] in self._closed_ids):
                    doc["id"] = str(uuid.uuid4())  # one id, one entry: the later one is renamed
                table[str(self._next_doc_id())] = doc
        set_aside_damaged(data)
        try:
            storage.write(data)
        except SaveError as exc:  # the storage reloads the file as it was
            self._show_unsettled(broken, exc.reason)
            return
        self._index = None  # the live table changed: the index is built again with the years read
        thawed = self._thawed - set(broken)
        self._years_reset()
        self._thaw(thawed)

    reading_problem = ""  # said once by the application layer (see ``Workbook.reading_problem``)

    def _show_unsettled(self, broken: dict[int, str | None], why: str) -> None:
        """Years that could not be set right (no room for the save or its backup): their whole
        entries are shown all the same, read from the file as it is, where the damaged ones
        stay untouched until a later opening has room."""
        stored = self._data().get(ARCHIVE_TABLE, {})
        view = self._view()
        found: list[Entry] = []
        for year, reason in broken.items():
            if reason is not None or str(year) not in stored:
                continue
            try:
                docs = archive.unpack(stored[str(year)])
            except DamagedYear:
                continue
            for doc in docs:
                if envelope_problem(doc) is None and doc["id"] not in view and doc["id"] not in self._closed_ids:
                    found.append(Entry.from_dict(doc, share=True))
                    self._closed_ids[doc["id"]] = year
        view.extend(found)
        self.reading_problem = _(
            "Some entries of years long past are damaged and could not be set aside ({reason}). "
            "Every other entry is shown, and nothing was changed in the file; 'workbook check' says more."
        ).format(reason=why)

    def _next_doc_id(self) -> int:
        return int(self._entries._get_next_id())  # type: ignore[no-untyped-call]  # TinyDB's own counter

    def _thaw_all(self) -> None:
        self._thaw(self.unread_years())

    def _thaw_worksheet(self, exercise: str) -> None:
        self._thaw(y for y, s in self.unread_years().items() if s.counts.get(exercise))

    def _thaw_since(self, moment: datetime) -> None:
        # A year's blob holds the entries written in it by their own clock: two days of margin
        # cover any time zone.
        first = (moment - timedelta(days=2)).year
        self._thaw(y for y in self.unread_years() if y >= first)

    def _thaw_around(self, stamp: str) -> None:
        try:
            year = parse_iso(stamp).year
        except (TypeError, ValueError):
            self._thaw_all()
            return
        self._thaw(y for y in self.unread_years() if abs(y - year) <= 1)

    def newest(self, exercise: str, count: int) -> list[Entry]:
        """One worksheet's ``count`` newest entries, newest first, unpacking a closed year only
        when it may hold one of them (a worksheet's newest few stay live)."""
        view = self._view()
        while True:
            found = view.of_exercise(exercise)
            pending = [y for y, s in self.unread_years().items() if s.counts.get(exercise)]
            if not pending or (len(found) >= count and found[-count].created_at.year > max(pending)):
                return found[::-1][:count]
            self._thaw([max(pending)])

    def latest(self, exercise: str, flag: Callable[[Entry], bool]) -> Entry | None:
        """The newest entry of ``exercise`` that ``flag`` (the one given to ``close_years``)
        accepts, unpacking only the closed years counted as holding one."""
        view = self._view()
        while True:
            found = next((e for e in reversed(view.of_exercise(exercise)) if flag(e)), None)
            pending = [y for y, s in self.unread_years().items() if s.flagged.get(exercise)]
            if not pending or (found is not None and found.created_at.year > max(pending)):
                return found
            self._thaw([max(pending)])

    def first_moment(self) -> datetime | None:
        """When the first entry was written (``None`` in an empty workbook), from the live
        entries and the closed years' summaries."""
        ordered = self._view().ordered()
        moments = [ordered[0].created_at] if ordered else []
        moments += [parse_iso(s.first) for s in self.unread_years().values() if s.first]
        return min(moments) if moments else None

    # -- writing ------------------------------------------------------------------------

    @guarded
    def _make_live(self, entry_id: str) -> None:
        """Put the closed year holding ``entry_id`` back among the live entries (one atomic
        save), so that the entry can be changed or deleted like any other."""
        year = self._closed_ids.get(entry_id)
        if year is None:
            return
        storage = self._db.storage
        data = storage.read() or {}
        year_doc = data.get(ARCHIVE_TABLE, {}).get(str(year))
        if year_doc is None:  # one writer holds the file: this is never expected
            raise WorkbookError(_("That entry's year changed in the file. Open the workbook again. Nothing was saved."))
        from workbook.store.repair import set_aside_damaged

        table = data.setdefault(ENTRIES_TABLE, {})
        placed = []
        for doc in archive.unpack(year_doc):
            doc_id = self._next_doc_id()
            table[str(doc_id)] = doc
            if doc.get("id") in self._closed_ids:
                placed.append((str(doc["id"]), doc_id))
        set_aside_damaged(data)  # a year that could not be set right before: its damaged entries, now
        del data[ARCHIVE_TABLE][str(year)]
        self._summaries = None
        storage.write(data)
        view = self._view()
        for entry_id_placed, doc_id in placed:
            self._closed_ids.pop(entry_id_placed, None)
            view.set_doc_id(entry_id_placed, doc_id)
        self._thawed.discard(year)

    def _closed_docs(self) -> list[dict[str, Any]]:
        """The documents of the closed years read so far (for ``verify_index``)."""
        stored = self._data().get(ARCHIVE_TABLE, {})
        return [doc for year in self._thawed if str(year) in stored for doc in archive.unpack(stored[str(year)])]
