"""Provides ``Store``: every entry and setting, in one TinyDB file.

``Store.open`` takes the single-writer lock, removes temporary files a crash left behind
(beside the file and in its backups folder), checks every entry's envelope, migrates older
files forward (after a backup), makes the day's backup and hands back a store whose every
change is saved durably before the call returns. ``Store.in_memory`` gives the same API on
TinyDB's ``MemoryStorage`` for tests and previews. This module never imports Textual.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import MemoryStorage, Storage
from tinydb.table import Document

from workbook.common.clock import SYSTEM_CLOCK, Clock, stamp
from workbook.common.errors import DamagedFileError, ImportFormatError, NewerFormatError, WorkbookError
from workbook.common.i18n import _
from workbook.common.printable import harmless
from workbook.store import backups, fsutil
from workbook.store.codec import Codec, PlainCodec
from workbook.store.entry_index import EntryIndex, order_key
from workbook.store.lock import WriterLock
from workbook.store.migrations import (
    CURRENT_SCHEMA,
    DRAFTS_TABLE,
    ENTRIES_TABLE,
    SET_ASIDE_TABLE,
    SETTINGS_TABLE,
    migrate,
    new_database,
    schema_of,
)
from workbook.store.storage import Data, DurableStorage
from workbook.worksheets.entry import Answers, Entry, Revision
from workbook.worksheets.entry_check import MAX_REVISIONS, envelope_problem, storable_problem

SETTINGS_DOC_ID = 1
# The ids (never the words) of entries the person deleted, so that erasing "what I deleted"
# from the backups erases exactly those: an entry that is missing from the workbook for
# another reason (a restore of an older backup) is never taken for a deleted one.
DELETED_SETTING = "deleted_ids"


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


def damaged_entry(data: Data) -> str | None:
    """The first entry in ``data`` that is not whole, described for a person (``None`` when all are)."""
    for doc_id, doc in data.get(ENTRIES_TABLE, {}).items():
        problem = envelope_problem(doc)
        if problem is not None:
            name = doc.get("id") if isinstance(doc.get("id"), str) else None
            which = (
                _("entry {value} (record {doc_id})").format(value=str(name)[:40], doc_id=doc_id)
                if name
                else _("record {doc_id}").format(doc_id=doc_id)
            )
            return _("{which} is damaged: {problem}").format(which=which, problem=problem)
    return None


def set_aside_damaged(data: Data) -> bool:
    """Move each entry record that is not whole into the set-aside table (word for word,
    with the reason), and give a new id to a record that repeats another's; True when
    anything changed. The entries left are all whole, with one id each."""
    from workbook.worksheets.entry import now_iso

    table = data.get(ENTRIES_TABLE, {})
    aside = data.setdefault(SET_ASIDE_TABLE, {})
    changed = False
    seen: set[str] = set()
    for doc_id in list(table):
        doc = table[doc_id]
        problem = envelope_problem(doc)
        if problem is not None:
            number = max((int(k) for k in aside if str(k).isdigit()), default=0) + 1
            aside[str(number)] = {"record": doc, "reason": str(problem), "set_aside": now_iso()}
            del table[doc_id]
            changed = True
        elif doc["id"] in seen:
            doc["id"] = str(uuid.uuid4())
            changed = True
        else:
            seen.add(doc["id"])
    if not aside:
        del data[SET_ASIDE_TABLE]
    return changed


class Store:
    """Entries and settings, saved durably; the only code that touches TinyDB."""

    def __init__(
        self, db: TinyDB, path: Path | None = None, lock: WriterLock | None = None, clock: Clock = SYSTEM_CLOCK
    ) -> None:
        self._db = db
        self.clock = clock  # stamps what is saved; the application layer hands in its own
        self.path = path
        self._lock = lock
        self._entries = db.table(ENTRIES_TABLE, cache_size=0)
        self._settings = db.table(SETTINGS_TABLE, cache_size=0)
        self._drafts = db.table(DRAFTS_TABLE, cache_size=0)
        self._index: EntryIndex | None = None
        # Set when today's automatic backup could not be made (a full disk, say): the
        # workbook still opens, and the program says so.
        self.backup_problem = ""

    # -- opening and closing -------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path,
        codec: Codec | None = None,
        *,
        passphrase: str | None = None,
        lock: WriterLock | None = None,
        now: datetime | None = None,
    ) -> Store:
        """Open (or create) the workbook at ``path`` for reading and writing.

        An encrypted file needs its unlocked ``codec`` or its ``passphrase`` (see
        ``workbook.store.opening``); ``lock`` is a writer lock the caller already holds.
        """
        from workbook.store.paths import follow_link

        path = follow_link(Path(path))
        fsutil.ensure_private_dir(path.parent)
        owns_lock = lock is None
        if lock is None:
            lock = WriterLock(path)
            lock.acquire()
        try:
            if codec is None and passphrase is not None:
                from workbook.store.opening import unlock_codec

                codec = unlock_codec(path, passphrase)
            fsutil.remove_leftovers(path)  # only after the lock: another writer's files are not ours
            backups.remove_leftovers(path)
            storage = DurableStorage(path, codec)
            data = _read_or_explain(storage, codec)
            if data is None:
                storage.write(new_database())
            else:
                _bring_up_to_date(storage, data, codec)
                if storage.codec.encrypted and getattr(storage.codec, "upgraded", False):
                    storage.write(data)  # write the stronger header format now, not at the first change
            backup_problem = ""
            try:
                storage.spare = backups.ensure_daily(path, now)
            except (OSError, backups.BackupError) as exc:
                # No room for today's copy must not lock the person out of their words.
                why = exc.strerror if isinstance(exc, OSError) else exc.reason
                backup_problem = _(
                    "Today's automatic backup could not be made{value}. Your "
                    "workbook is fine; free some space on the disk (or check the "
                    "backups folder) so that backups are made again."
                ).format(value=f" ({why})" if why else "")
            if storage.codec.encrypted:
                # Finish encrypting backups that a crash during 'encrypt' left in plain text.
                backups.recode_backups(path, storage.codec, storage.codec)
            db = TinyDB(storage=lambda: storage)  # TinyDB builds its storage from a callable
            store = cls(db, path, lock)
            store.backup_problem = backup_problem
            return store
        except BaseException:
            if owns_lock:  # a caller's lock stays theirs, e.g. to ask for the passphrase again
                lock.release()
            raise

    @classmethod
    def in_memory(cls) -> Store:
        """A store that keeps everything in memory (for tests and previews)."""
        db = TinyDB(storage=MemoryStorage)
        db.storage.write(new_database())
        return cls(db)

    def close(self) -> None:
        """Release the file and the writer lock."""
        self._db.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def storage(self) -> Storage:
        return self._db.storage

    @property
    def codec(self) -> Codec:
        """How this workbook's bytes are stored (plain or encrypted)."""
        storage = self._db.storage
        return storage.codec if isinstance(storage, DurableStorage) else PlainCodec()

    @property
    def encrypted(self) -> bool:
        return self.codec.encrypted

    def change_codec(self, codec: Codec) -> None:
        """Rewrite the data file through ``codec`` (turning encryption on, off, or re-keying).

        The rewrite is one atomic save: after a crash the file is wholly in the old form or
        wholly in the new one.
        """
        storage = self._db.storage
        if not isinstance(storage, DurableStorage):
            raise WorkbookError(_("An in-memory workbook has no file to encrypt."))
        data = storage.read()
        previous = storage.codec
        storage.codec = codec
        try:
            storage.write(data if data is not None else new_database())
        except BaseException:
            storage.codec = previous
            raise

    # -- entries --------------------------------------------------------------------

    def _table(self) -> dict[str, Any]:
        return (self._db.storage.read() or {}).get(ENTRIES_TABLE, {})

    def _view(self) -> EntryIndex:
        if self._index is None:
            self._index = EntryIndex.build(self._table())
        return self._index

    def entries(self, exercise: str | None = None) -> list[Entry]:
        """Entries, newest written first, optionally of one worksheet.

        The ``Entry`` objects are shared with the store's index: treat them as read-only
        (change an entry with ``update``).
        """
        if exercise is not None and self._index is None:
            # One worksheet's entries without building the whole index (a quick command asks
            # for the plan or today's check-in, and a workbook may hold decades).
            found = [Entry.from_dict(doc) for doc in self._table().values() if doc.get("exercise") == exercise]
            return sorted(found, key=order_key, reverse=True)
        if exercise is not None:
            return self._view().of_exercise(exercise)[::-1]
        return self._view().ordered()[::-1]

    def counts(self) -> dict[str, int]:
        """How many entries each worksheet has (kept up to date, not counted each time)."""
        return self._view().counts()

    def marked(self) -> list[Entry]:
        """Entries marked to bring to the next session."""
        return self._view().marked()

    def written_since(self, moment: datetime) -> list[Entry]:
        """Entries written at or after ``moment``, newest first: what "recent" needs, in time
        that does not grow with the years."""
        return self._view().written_since(moment)[::-1]

    def count(self) -> int:
        return len(self._view())

    def get(self, entry_id: str) -> Entry | None:
        return self._view().get(entry_id)

    def verify_index(self) -> list[str]:
        """Every way the index differs from the file's table (for tests; empty when in step)."""
        return self._view().verify(self._table())

    @staticmethod
    def _check(answers: Answers) -> None:
        problem = storable_problem(answers)
        if problem is not None:
            raise WorkbookError(_("This entry cannot be saved: {problem}. Nothing was saved.").format(problem=problem))

    def add(
        self,
        exercise: str,
        answers: Answers,
        *,
        exercise_version: int = 1,
        private: bool = False,
        created: str | None = None,
        bring_to_session: bool = False,
    ) -> Entry:
        """Save a new entry; return it once it is on disk."""
        answers = harmless(answers)
        self._check(answers)
        entry = Entry.new(
            exercise,
            answers,
            exercise_version=exercise_version,
            private=private,
            created=created or stamp(self.clock),
            bring_to_session=bring_to_session,
        )
        self._insert(entry)
        return entry

    def update(
        self,
        entry_id: str,
        answers: Answers,
        *,
        exercise_version: int | None = None,
        private: bool | None = None,
        bring_to_session: bool | None = None,
    ) -> Entry:
        """Save new answers over an entry, keeping the earlier version in its history (a change of
        the session mark alone is not a new version)."""
        current = self.get(entry_id)
        if current is None:
            raise WorkbookError(_("That entry no longer exists. It may have been deleted."))
        answers = harmless(answers)
        if answers == current.answers and (private is None or private == current.private):
            if bring_to_session is None or bring_to_session == current.bring_to_session:
                return current
            return self.mark(entry_id, bring_to_session)
        self._check(answers)
        return self.replace(
            current.revised(
                answers,
                exercise_version=exercise_version,
                private=private,
                bring_to_session=bring_to_session,
                updated=stamp(self.clock),
            )
        )

    def mark(self, entry_id: str, bring_to_session: bool) -> Entry:
        """Mark an entry to bring to the next session, or take the mark away (no new version)."""
        current = self.get(entry_id)
        if current is None:
            raise WorkbookError(_("That entry no longer exists. It may have been deleted."))
        if current.bring_to_session == bring_to_session:
            return current
        return self.replace(dataclasses.replace(current, bring_to_session=bring_to_session))

    def replace(self, entry: Entry) -> Entry:
        """Save ``entry`` over the stored entry with the same id, as it is (history included)."""
        view = self._view()
        doc_id = view.doc_id(entry.id)
        self._entries.update(_replace_with(entry.to_dict()), doc_ids=[doc_id])
        view.put(entry, doc_id)
        return entry

    def delete(self, entry_id: str) -> Entry:
        """Delete an entry and return it, so the caller can offer undo."""
        view = self._view()
        current = view.get(entry_id)
        if current is None:
            raise WorkbookError(_("That entry no longer exists."))
        # Recorded first: a crash between the two saves leaves an id recorded for an entry
        # that is still there, which erasing ignores.
        self.set_setting(DELETED_SETTING, [*self.deleted_ids(), entry_id])
        self._entries.remove(doc_ids=[view.doc_id(entry_id)])
        view.drop(entry_id)
        return current

    def set_aside_count(self) -> int:
        """How many damaged records were set aside (kept word for word) when the file was opened."""
        return len(self._db.table(SET_ASIDE_TABLE, cache_size=0)) if SET_ASIDE_TABLE in self._db.tables() else 0

    def deleted_ids(self) -> list[str]:
        """Ids of the entries the person deleted (``[]`` for a workbook that never recorded them)."""
        found = self.settings().get(DELETED_SETTING)
        return [i for i in found if isinstance(i, str)] if isinstance(found, list) else []

    def records_deletions(self) -> bool:
        return isinstance(self.settings().get(DELETED_SETTING), list)

    def restore_entry(self, entry: Entry) -> None:
        """Put back an entry removed by ``delete`` (undo), with the same id and history."""
        if entry.id in self.deleted_ids():
            self.set_setting(DELETED_SETTING, [i for i in self.deleted_ids() if i != entry.id])
        if entry.id not in self._view():
            self._insert(entry)

    def _insert(self, entry: Entry) -> None:
        doc_id = self._entries.insert(entry.to_dict())
        if self._index is not None:  # an index not built yet is built from the file when asked for
            self._index.put(entry, doc_id)

    def plan_merge(self, incoming: Iterable[Entry]) -> MergePlan:
        """What merging ``incoming`` would do, changing nothing; ``ImportFormatError`` (naming the
        entry) when the result could not be kept. Unknown ids are added, a newer version of a
        known entry replaces ours (ours is kept in its history), and entries the person deleted
        here are left out."""
        plan = MergePlan()
        seen: set[str] = set()
        deleted = set(self.deleted_ids())
        for given in incoming:
            entry = _harmless_entry(given)  # no control character reaches a screen from a file
            mine = self.get(entry.id)
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
        return plan

    def apply_merge(self, plan: MergePlan) -> ImportResult:
        """Carry out ``plan`` (from ``plan_merge`` on this store, with nothing changed since) in
        at most two saves."""
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

    def merge(self, incoming: Iterable[Entry]) -> ImportResult:
        """``plan_merge`` then ``apply_merge``. The incoming entries are not changed."""
        return self.apply_merge(self.plan_merge(incoming))

    # -- settings ---------------------------------------------------------------------

    def settings(self) -> dict[str, Any]:
        doc = self._settings.get(doc_id=SETTINGS_DOC_ID)
        return dict(doc) if isinstance(doc, dict) else {}

    def get_setting(self, key: str, default: Any = None) -> Any:
        return self.settings().get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        value = harmless(value)
        current = self.settings()
        if current.get(key) == value and key in current:
            return
        problem = storable_problem(value)
        if problem is not None:
            raise WorkbookError(_("This setting cannot be saved: {problem}.").format(problem=problem))
        current[key] = value
        if self._settings.contains(doc_id=SETTINGS_DOC_ID):
            self._settings.update(_replace_with(current), doc_ids=[SETTINGS_DOC_ID])
        else:
            self._settings.insert(Document(current, doc_id=SETTINGS_DOC_ID))

    # -- drafts: forms not saved yet ----------------------------------------------------

    def drafts(self) -> dict[str, dict[str, Any]]:
        """Every unsaved form, by its key (``worksheet:entry`` or ``worksheet:new``)."""
        return {str(doc.get("key")): dict(doc) for doc in self._drafts.all() if isinstance(doc.get("key"), str)}

    def save_draft(self, key: str, draft: dict[str, Any]) -> None:
        """Keep an unsaved form (replacing the earlier draft of the same form), durably."""
        draft = harmless(draft)
        problem = storable_problem(draft)
        if problem is not None:
            raise WorkbookError(_("This draft cannot be kept: {problem}.").format(problem=problem))
        document = {**draft, "key": key}
        found = [doc.doc_id for doc in self._drafts.all() if doc.get("key") == key]
        if found:
            if dict(self._drafts.get(doc_id=found[0]) or {}) != document:
                self._drafts.update(_replace_with(document), doc_ids=found[:1])
        else:
            self._drafts.insert(document)

    def delete_draft(self, key: str) -> None:
        found = [doc.doc_id for doc in self._drafts.all() if doc.get("key") == key]
        if found:
            self._drafts.remove(doc_ids=found)


def _harmless_entry(entry: Entry) -> Entry:
    """``entry`` with control characters made harmless in its answers and earlier versions
    (the entry itself when it has none, which is nearly always)."""
    answers = harmless(entry.answers)
    revisions = [
        r if (a := harmless(r.answers)) is r.answers else dataclasses.replace(r, answers=a) for r in entry.revisions
    ]
    if answers is entry.answers and all(a is b for a, b in zip(revisions, entry.revisions, strict=False)):
        return entry
    return dataclasses.replace(entry, answers=answers, revisions=revisions)


def _replace_with(new: dict[str, Any]) -> Any:
    """A TinyDB update operation that replaces a whole document."""

    def transform(doc: dict[str, Any]) -> None:
        doc.clear()
        doc.update(new)

    return transform


def _read_or_explain(storage: DurableStorage, codec: Codec | None) -> Data | None:
    from workbook.store.opening import newest_backup_for

    try:
        return storage.read()
    except DamagedFileError as exc:
        if exc.no_permission:
            raise
        good, encrypted = newest_backup_for(storage.path, codec)
        raise DamagedFileError(exc.path, exc.reason, good, backup_encrypted=encrypted) from None


def _bring_up_to_date(storage: DurableStorage, data: Data, codec: Codec | None) -> None:
    version = schema_of(data)
    if version > CURRENT_SCHEMA:
        raise NewerFormatError(storage.path, version, CURRENT_SCHEMA)
    if version < CURRENT_SCHEMA:
        backups.make_backup(storage.path, "before-migration")
        data = migrate(data)
        storage.write(data)
    if set_aside_damaged(data):
        # One damaged record must not lock the person out of every other word: it is kept
        # as it was, in a table of its own (after a backup of the file as it was), and the
        # app says so. Two records with one id both stay: the later one gets a new id.
        backups.make_backup(storage.path, "before-repair")
        storage.write(data)
