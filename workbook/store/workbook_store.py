"""Provides ``Store``: every entry and setting, in one TinyDB file.

``Store.open`` takes the single-writer lock, removes temporary files a crash left behind
(beside the file and in its backups folder), checks every entry's envelope, migrates older
files forward (after a backup), makes the day's backup and hands back a store whose every
change is saved durably before the call returns. ``Store.in_memory`` gives the same API on
TinyDB's ``MemoryStorage`` for tests and previews. This module never imports Textual.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import MemoryStorage, Storage

from workbook.common.clock import SYSTEM_CLOCK, Clock, stamp
from workbook.common.errors import SaveError, WorkbookError, os_reason
from workbook.common.i18n import _, ngettext
from workbook.common.printable import harmless
from workbook.store import backups, fsutil
from workbook.store.closed_years import ClosedYears, guarded
from workbook.store.codec import Codec, PlainCodec
from workbook.store.drafts_file import DraftsFile, drafts_path_for
from workbook.store.entry_index import EntryIndex, order_key
from workbook.store.lock import WriterLock
from workbook.store.merging import Merging
from workbook.store.migrations import (
    DRAFTS_TABLE,
    ENTRIES_TABLE,
    SET_ASIDE_TABLE,
    SETTINGS_TABLE,
    new_database,
)
from workbook.store.repair import bring_up_to_date, read_or_explain
from workbook.store.settings_drafts import SettingsAndDrafts, replace_with
from workbook.store.storage import DurableStorage
from workbook.worksheets.entry import Answers, Entry
from workbook.worksheets.entry_check import MAX_ENTRIES, storable_problem

# The ids (never the words) of entries the person deleted, so that erasing "what I deleted"
# from the backups erases exactly those: an entry that is missing from the workbook for
# another reason (a restore of an older backup) is never taken for a deleted one.
DELETED_SETTING = "deleted_ids"


class Store(ClosedYears, Merging, SettingsAndDrafts):
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
        self._drafts_file: DraftsFile | None = None  # set by ``open`` for a workbook on disk
        self._index: EntryIndex | None = None
        self._years_reset()
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
            backups.adopt_older_folder(path)
            backups.remove_leftovers(path)
            storage = DurableStorage(path, codec)
            data = read_or_explain(storage, codec)
            if data is None:
                storage.write(new_database())
            else:
                bring_up_to_date(storage, data, codec)
                if storage.codec.upgraded:
                    storage.write(data)  # write the stronger header format now, not at the first change
            backup_problem = ""
            try:
                storage.spare = backups.ensure_daily(path, now)
            except (OSError, backups.BackupError) as exc:
                # No room for today's copy must not lock the person out of their words.
                why = os_reason(exc) if isinstance(exc, OSError) else exc.reason
                backup_problem = _(
                    "Today's automatic backup could not be made{value}. Your "
                    "workbook is fine; free some space on the disk (or check the "
                    "backups folder) so that backups are made again."
                ).format(value=f" ({why})" if why else "")
            if storage.codec.encrypted:
                # Finish encrypting backups that a crash during 'encrypt' left in plain text.
                recoded = backups.recode_backups(path, storage.codec, storage.codec)
                if recoded.unwritten:  # a full disk: the workbook still opens, and says what is left
                    backup_problem = " ".join(
                        filter(
                            None,
                            (
                                backup_problem,
                                ngettext(
                                    "{count} backup is not up to date with the workbook's encryption yet "
                                    "({reason}): it may be in plain text or open with an earlier passphrase. "
                                    "Free some space on the disk: it is brought up to date the next time the "
                                    "workbook opens.",
                                    "{count} backups are not up to date with the workbook's encryption yet "
                                    "({reason}): they may be in plain text or open with an earlier passphrase. "
                                    "Free some space on the disk: they are brought up to date the next time "
                                    "the workbook opens.",
                                    len(recoded.unwritten),
                                ).format(count=len(recoded.unwritten), reason=recoded.reason),
                            ),
                        )
                    )
            storage.guard = lambda: lock.still_held(storage.unchanged)
            db = TinyDB(storage=lambda: storage)  # TinyDB builds its storage from a callable
            store = cls(db, path, lock)
            store._drafts_file = DraftsFile(drafts_path_for(path), storage.codec)
            try:
                store._drafts_to_own_file()
            except (OSError, SaveError):
                pass  # no room: the drafts stay in the workbook and move on a later open
            store.backup_problem = " ".join(p for p in (backup_problem, store._drafts_file.problem) if p)
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
        drafts = self._drafts_file
        # The drafts follow the data file's protection. Turning encryption off writes them
        # plain first, and on writes them encrypted after: a crash between leaves plain
        # drafts beside an encrypted workbook (read, and encrypted at the next open), never
        # encrypted drafts beside a plain one, whose key would be gone.
        if drafts is not None and not codec.encrypted:
            drafts.recode(codec)
        storage.codec = codec
        try:
            storage.write(data if data is not None else new_database())
        except BaseException:
            storage.codec = previous
            if drafts is not None and not codec.encrypted:
                try:  # the data file kept its encryption: so do the drafts
                    drafts.recode(previous)
                except SaveError:
                    drafts.codec = previous  # plain until the next open encrypts them again
            raise
        if drafts is not None and codec.encrypted:
            try:
                drafts.recode(codec)
            except SaveError:
                # The workbook is already in its new form: this must not read as "nothing was
                # changed". Plain drafts are read and encrypted at the next open; drafts under
                # an earlier passphrase open with the same key and are brought up to date then.
                self.backup_problem = " ".join(
                    p
                    for p in (
                        self.backup_problem,
                        _("Unsaved typing could not be encrypted yet: it is the next time the workbook opens."),
                    )
                    if p
                )

    # -- entries --------------------------------------------------------------------

    def _table(self) -> dict[str, Any]:
        return (self._db.storage.read() or {}).get(ENTRIES_TABLE, {})

    def _view(self) -> EntryIndex:
        index = self._index
        if index is None:
            with self._guard:  # built once, even when a worker asks at the same moment
                if self._index is None:
                    self._index = EntryIndex.build(self._table())
                index = self._index
        return index

    def entries(self, exercise: str | None = None) -> list[Entry]:
        """Entries, newest written first, optionally of one worksheet (closed years included:
        those that hold some are read).

        The ``Entry`` objects are shared with the store's index: treat them as read-only
        (change an entry with ``update``).
        """
        if exercise is None:
            self._thaw_all()
            return self._view().ordered()[::-1]
        if self._index is None and not self.has_unread(exercise):
            # One worksheet's entries without building the whole index (a quick command asks
            # for the plan or today's check-in, and a workbook may hold decades).
            found = [Entry.from_dict(doc) for doc in self._table().values() if doc.get("exercise") == exercise]
            return sorted(found, key=order_key, reverse=True)
        self._thaw_worksheet(exercise)
        return self._view().of_exercise(exercise)[::-1]

    def counts(self) -> dict[str, int]:
        """How many entries each worksheet has (kept up to date, not counted each time)."""
        found = dict(self._view().counts())
        for summary in self.unread_years().values():
            for exercise, count in summary.counts.items():
                found[exercise] = found.get(exercise, 0) + count
        return found

    def marked(self) -> list[Entry]:
        """Entries marked to bring to the next session (a marked entry is never closed away)."""
        return self._view().marked()

    def written_since(self, moment: datetime) -> list[Entry]:
        """Entries written at or after ``moment``, newest first: what "recent" needs, in time
        that does not grow with the years."""
        self._thaw_since(moment)
        return self._view().written_since(moment)[::-1]

    def count(self) -> int:
        # Before the index is built nothing was read from a closed year, and the live table
        # holds one document per entry: a quick command saving one entry builds no index.
        live = len(self._index) if self._index is not None else len(self._table())
        return live + sum(sum(s.counts.values()) for s in self.unread_years().values())

    def get(self, entry_id: str, created: str | None = None) -> Entry | None:
        """The entry with ``entry_id`` (``None`` when there is none). ``created``, when the
        caller knows when it was written, limits the closed years read to look for it."""
        found = self._view().get(entry_id)
        if found is None and self.unread_years():
            if created is None:
                self._thaw_all()
            else:
                self._thaw_around(created)
            found = self._view().get(entry_id)
        return found

    def verify_index(self) -> list[str]:
        """Every way the index differs from the file's table (for tests; empty when in step)."""
        return self._view().verify(self._table(), self._closed_docs())

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
        if self.count() >= MAX_ENTRIES:  # counted exactly (every year read) before refusing
            self._thaw_all()
        if self.count() >= MAX_ENTRIES:  # its own export must always import into a new workbook
            raise WorkbookError(
                _(
                    "This workbook holds {MAX_ENTRIES:,} entries, as many as one workbook keeps. Keep it, "
                    "and start a new one for what comes next (workbook --db NEW.json). Nothing was saved."
                ).format(MAX_ENTRIES=MAX_ENTRIES)
            )
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

    @guarded
    def replace(self, entry: Entry) -> Entry:
        """Save ``entry`` over the stored entry with the same id, as it is (history included)."""
        self._make_live(entry.id)
        view = self._view()
        doc_id = self._write_entry(view.doc_id(entry.id), entry.to_dict())
        view.put(entry, doc_id)
        return entry

    def _write_entry(self, doc_id: int | None, document: dict[str, Any]) -> int:
        """One entry's document saved with the same durable write, through the storage's own
        dict: TinyDB's insert and update turn every document id of the table into a number and
        back, which was about 45% of a save at thirty years (docs/performance.md). A new entry
        takes TinyDB's next id, so its own inserts (a merge, an undo) never meet ours. A
        failed write leaves the storage to reload the last good save, as every failed save."""
        storage = self._db.storage
        if not isinstance(storage, DurableStorage):  # in memory: TinyDB's own way
            if doc_id is None:
                return self._entries.insert(document)
            self._entries.update(replace_with(document), doc_ids=[doc_id])
            return doc_id
        data = storage.read()
        if data is None:
            data = new_database()
        if doc_id is None:
            doc_id = int(self._entries._get_next_id())  # type: ignore[no-untyped-call]  # TinyDB's own counter
        data.setdefault(ENTRIES_TABLE, {})[str(doc_id)] = document
        storage.write(data)
        return doc_id

    @guarded
    def delete(self, entry_id: str) -> Entry:
        """Delete an entry and return it, so the caller can offer undo."""
        current = self.get(entry_id)
        if current is None:
            raise WorkbookError(_("That entry no longer exists."))
        self._make_live(entry_id)
        view = self._view()
        # Recorded first: a crash between the two saves leaves an id recorded for an entry
        # that is still there, which erasing ignores.
        self.set_setting(DELETED_SETTING, [*self.deleted_ids(), entry_id])
        self._entries.remove(doc_ids=[view.doc_id(entry_id)])
        view.drop(entry_id)
        return current

    def set_aside_count(self) -> int:
        """How many damaged records were set aside (kept word for word) when the file was opened."""
        return len(self._db.table(SET_ASIDE_TABLE, cache_size=0)) if SET_ASIDE_TABLE in self._db.tables() else 0

    def set_aside_ids(self) -> set[str]:
        """Ids of the damaged records set aside (kept word for word): entries the person never
        deleted, those inside a closed year set aside whole included."""
        return self._set_aside_ids()[0]

    def set_aside_unknown(self) -> bool:
        """True when a record set aside holds entries whose ids cannot be read (a closed year
        that cannot be unpacked, a record without an id): what is missing from the workbook
        can then not be told apart from what was deleted."""
        return self._set_aside_ids()[1]

    def _set_aside_ids(self) -> tuple[set[str], bool]:
        from workbook.store.archive import DamagedYear, unpack

        if SET_ASIDE_TABLE not in self._db.tables():
            return set(), False
        found: set[str] = set()
        unknown = False
        for doc in self._db.table(SET_ASIDE_TABLE, cache_size=0).all():
            record = doc.get("record")
            if isinstance(record, dict) and "entries" in record:
                # A closed year set aside whole (whatever else its record holds, an "id" too).
                try:
                    docs = unpack(record)
                except DamagedYear:
                    unknown = True
                    continue
                ids = [d.get("id") for d in docs]
                found.update(i for i in ids if isinstance(i, str))
                unknown = unknown or not all(isinstance(i, str) for i in ids)
            elif isinstance(record, dict) and isinstance(record.get("id"), str):
                found.add(record["id"])
            else:
                unknown = True
        return found, unknown

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

    @guarded
    def _insert(self, entry: Entry) -> None:
        doc_id = self._write_entry(None, entry.to_dict())
        if self._index is not None:  # an index not built yet is built from the file when asked for
            self._index.put(entry, doc_id)
