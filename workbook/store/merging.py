"""Provides merging entries from outside (an import, a restore's carried deletions) into a
``Store``: ``plan_merge`` says what would change without changing anything, ``apply_merge``
carries it out in at most two saves. Unknown ids are added, a newer version of a known entry
replaces ours (ours is kept in its history), entries the person deleted here are left out,
and no control character reaches a screen from a file."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from workbook.common.errors import ImportFormatError
from workbook.common.i18n import _
from workbook.common.printable import harmless
from workbook.store.closed_years import guarded
from workbook.worksheets.entry import Entry, Revision
from workbook.worksheets.entry_check import MAX_ENTRIES, MAX_REVISIONS

if TYPE_CHECKING:
    from tinydb.table import Table

    from workbook.store.entry_index import EntryIndex


@dataclass
class ImportResult:
    """What ``Store.merge`` did with a batch of entries."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    left_out: int = 0  # entries the person deleted here, not brought back by an import


@dataclass
class MergePlan:
    """What a merge would change (see ``Store.plan_merge``)."""

    new: list[Entry] = field(default_factory=list)
    replacements: list[Entry] = field(default_factory=list)
    unchanged: int = 0
    left_out: int = 0

    @property
    def changes(self) -> bool:
        return bool(self.new or self.replacements)


class Merging:
    """The merging room of ``Store``."""

    if TYPE_CHECKING:
        _entries: Table
        _guard: threading.RLock

        def get(self, entry_id: str, created: str | None = None) -> Entry | None: ...

        def _make_live(self, entry_id: str) -> None: ...

        def _thaw_all(self) -> None: ...

        def deleted_ids(self) -> list[str]: ...

        def count(self) -> int: ...

        def _view(self) -> EntryIndex: ...

    def plan_merge(self, incoming: Iterable[Entry], *, fresh: bool = False) -> MergePlan:
        """What merging ``incoming`` would do, changing nothing; ``ImportFormatError`` (naming the
        entry) when the result could not be kept. Unknown ids are added, a newer version of a
        known entry replaces ours (ours is kept in its history), and entries the person deleted
        here are left out."""
        plan = MergePlan()
        seen: set[str] = set()
        deleted = set(self.deleted_ids())
        for given in incoming:
            entry = harmless_entry(given)  # no control character reaches a screen from a file
            # An import may hold any entry under any stamp: every closed year is looked in. Entries
            # the shell just wrote (``fresh``) can only be near their own stamp.
            mine = self.get(entry.id, entry.created if fresh else None)
            if mine is None and entry.id in deleted:
                plan.left_out += 1
            elif mine is None and entry.id not in seen:
                plan.new.append(entry)
                seen.add(entry.id)
            elif mine is None or entry.updated <= mine.updated:
                plan.unchanged += 1
            elif entry.exercise != mine.exercise:
                raise ImportFormatError(
                    _(
                        "entry {value} is a {exercise} entry here and a {value2} entry in the file: an "
                        "entry cannot change worksheet. Nothing was imported."
                    ).format(value=entry.id[:40], exercise=mine.exercise, value2=entry.exercise[:40])
                )
            else:
                history = {(r.saved, repr(r.answers)): r for r in [*mine.revisions, *entry.revisions]}
                current = Revision(mine.updated, mine.exercise_version, dict(mine.answers), mine.private)
                history.setdefault((current.saved, repr(current.answers)), current)
                if len(history) > MAX_REVISIONS:
                    raise ImportFormatError(
                        _(
                            "entry {value} would have {count} earlier versions once merged, more than "
                            "the {MAX_REVISIONS} a workbook keeps. Nothing was imported."
                        ).format(value=entry.id[:40], count=len(history), MAX_REVISIONS=MAX_REVISIONS)
                    )
                plan.replacements.append(
                    dataclasses.replace(entry, revisions=sorted(history.values(), key=lambda r: r.saved))
                )
        if plan.new and self.count() + len(plan.new) > MAX_ENTRIES:
            self._thaw_all()  # counted exactly (every year read) before refusing
        if plan.new and self.count() + len(plan.new) > MAX_ENTRIES:
            raise ImportFormatError(
                _(
                    "the workbook would hold {count:,} entries once merged, more than the {MAX_ENTRIES:,} "
                    "it keeps (a lifetime of daily entries is far fewer). Nothing was imported."
                ).format(count=self.count() + len(plan.new), MAX_ENTRIES=MAX_ENTRIES)
            )
        return plan

    @guarded
    def apply_merge(self, plan: MergePlan) -> ImportResult:
        """Carry out ``plan`` (from ``plan_merge`` on this store, with nothing changed since) in
        at most two saves."""
        for entry in plan.replacements:  # an entry of a closed year is changed among the live ones
            self._make_live(entry.id)
        view = self._view()
        if plan.new:
            for entry, doc_id in zip(
                plan.new, self._entries.insert_multiple(e.to_dict() for e in plan.new), strict=False
            ):
                view.put(entry, doc_id)
        if plan.replacements:
            docs = {view.doc_id(e.id): e for e in plan.replacements}

            def replace_all(table: dict[int, Mapping[Any, Any]]) -> None:
                for doc_id, entry in docs.items():
                    table[doc_id] = entry.to_dict()

            self._entries._update_table(replace_all)
            for doc_id, entry in docs.items():
                view.put(entry, doc_id)
        return ImportResult(len(plan.new), len(plan.replacements), plan.unchanged, plan.left_out)

    def merge(self, incoming: Iterable[Entry], *, fresh: bool = False) -> ImportResult:
        """``plan_merge`` then ``apply_merge``. The incoming entries are not changed."""
        return self.apply_merge(self.plan_merge(incoming, fresh=fresh))


def harmless_entry(entry: Entry) -> Entry:
    """``entry`` with control characters made harmless in its answers and earlier versions
    (the entry itself when it has none, which is nearly always)."""
    answers = harmless(entry.answers)
    revisions = [
        r if (a := harmless(r.answers)) is r.answers else dataclasses.replace(r, answers=a) for r in entry.revisions
    ]
    if answers is entry.answers and all(a is b for a, b in zip(revisions, entry.revisions, strict=False)):
        return entry
    return dataclasses.replace(entry, answers=answers, revisions=revisions)
