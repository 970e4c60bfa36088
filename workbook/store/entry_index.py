"""Provides ``EntryIndex``: the store's view of its entries as objects, in order.

The TinyDB ``entries`` table is the one source of truth. The index is derived from it
(built on first use from the storage's data) and kept in step by the store after every
write it makes through TinyDB, so views never re-read or re-parse the file. ``verify``
checks the invariant (same ids, same documents, in order) and the tests run it after
every kind of change.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from workbook.common.i18n import _
from workbook.worksheets.entry import Entry


def order_key(entry: Entry) -> tuple[datetime, str, str]:
    """Entries are kept in the order they were written (then last changed, then id)."""
    return (entry.created_at, entry.updated, entry.id)


class EntryIndex:
    """Entries by id with their TinyDB document ids, and in written order, oldest first."""

    def __init__(self) -> None:
        self._doc_ids: dict[str, int] = {}
        self._by_id: dict[str, Entry] = {}
        self._ordered: list[Entry] = []
        # Kept in step by put and drop, so Home asks for what it shows without a pass over
        # every entry: each worksheet's entries in written order, and the marked ones.
        self._by_exercise: dict[str, list[Entry]] = {}
        self._marked: dict[str, Entry] = {}

    @classmethod
    def build(cls, table: Mapping[str, Mapping[str, Any]]) -> EntryIndex:
        index = cls()
        for doc_id, doc in table.items():
            entry = Entry.from_dict(dict(doc), share=True)
            index._doc_ids[entry.id] = int(doc_id)
            index._by_id[entry.id] = entry
        index._ordered = sorted(index._by_id.values(), key=order_key)
        for entry in index._ordered:
            index._by_exercise.setdefault(entry.exercise, []).append(entry)
            if entry.bring_to_session:
                index._marked[entry.id] = entry
        return index

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._by_id

    def get(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    def doc_id(self, entry_id: str) -> int:
        """The TinyDB document id of a live entry (``KeyError`` for one of a closed year)."""
        return self._doc_ids[entry_id]

    def set_doc_id(self, entry_id: str, doc_id: int) -> None:
        """A closed year's entry is live again, stored as document ``doc_id``."""
        self._doc_ids[entry_id] = doc_id

    def extend(self, entries: list[Entry]) -> None:
        """Add the entries of closed years, read on demand (they have no document id: they live
        in their year's blob). Their ids are new to the index."""
        for entry in entries:
            self._by_id[entry.id] = entry
            if entry.bring_to_session:
                self._marked[entry.id] = entry
        # Sorting the joined lists again is linear on runs already in order (Timsort).
        self._ordered = sorted([*self._ordered, *entries], key=order_key)
        touched = {e.exercise for e in entries}
        for exercise in touched:
            joined = [*self._by_exercise.get(exercise, []), *(e for e in entries if e.exercise == exercise)]
            self._by_exercise[exercise] = sorted(joined, key=order_key)

    def ordered(self) -> list[Entry]:
        """Oldest first (a shared list: callers must not change it)."""
        return self._ordered

    def of_exercise(self, exercise: str) -> list[Entry]:
        """One worksheet's entries, oldest written first (shared: do not change it)."""
        return self._by_exercise.get(exercise, [])

    def counts(self) -> dict[str, int]:
        return {exercise: len(found) for exercise, found in self._by_exercise.items() if found}

    def marked(self) -> list[Entry]:
        return list(self._marked.values())

    def written_since(self, moment: datetime) -> list[Entry]:
        """Entries written at or after ``moment``, oldest first."""
        start = bisect.bisect_left(self._ordered, moment, key=lambda e: e.created_at)
        return self._ordered[start:]

    def put(self, entry: Entry, doc_id: int) -> None:
        """Add or replace ``entry`` (stored as document ``doc_id``)."""
        self.drop(entry.id)
        self._doc_ids[entry.id] = doc_id
        self._by_id[entry.id] = entry
        bisect.insort(self._ordered, entry, key=order_key)
        bisect.insort(self._by_exercise.setdefault(entry.exercise, []), entry, key=order_key)
        if entry.bring_to_session:
            self._marked[entry.id] = entry

    def drop(self, entry_id: str) -> None:
        old = self._by_id.pop(entry_id, None)
        self._doc_ids.pop(entry_id, None)
        if old is None:
            return
        self._marked.pop(entry_id, None)
        for found in (self._ordered, self._by_exercise.get(old.exercise, [])):
            position = bisect.bisect_left(found, order_key(old), key=order_key)
            while found[position] is not old:
                position += 1
            del found[position]

    def verify(self, table: Mapping[str, Mapping[str, Any]], closed: Iterable[Mapping[str, Any]] = ()) -> list[str]:
        """Every way the index differs from the TinyDB table and the ``closed`` documents read
        from closed years (empty when they agree)."""
        problems = []
        stored: dict[str, tuple[int | None, Mapping[str, Any]]] = {
            str(doc["id"]): (int(doc_id), doc) for doc_id, doc in table.items()
        }
        stored.update((str(doc["id"]), (None, doc)) for doc in closed)
        if set(stored) != set(self._by_id):
            problems.append(_("ids differ: {value}").format(value=sorted(set(stored) ^ set(self._by_id))[:5]))
        for entry_id, (doc_id, doc) in stored.items():
            entry = self._by_id.get(entry_id)
            if entry is not None and (self._doc_ids.get(entry_id) != doc_id or entry.to_dict() != dict(doc)):
                problems.append(_("entry {entry_id} differs from its document").format(entry_id=entry_id))
        if [e.id for e in self._ordered] != [e.id for e in sorted(self._by_id.values(), key=order_key)]:
            problems.append(_("the order is wrong"))
        for exercise, found in self._by_exercise.items():
            if found != [e for e in self._ordered if e.exercise == exercise]:
                problems.append(_("the entries of {exercise} are out of step").format(exercise=exercise))
        if set(self._marked) != {e.id for e in self._ordered if e.bring_to_session}:
            problems.append(_("the marked entries are out of step"))
        return problems
