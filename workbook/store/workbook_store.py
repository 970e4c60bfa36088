"""The workbook's one store: every entry and setting, in one TinyDB file.

``Store.open`` takes the single-writer lock, cleans up temporary files a crash
left behind, migrates older files forward (after a backup), makes the day's
backup and hands back a store whose every change is saved durably before the
call returns. ``Store.in_memory`` gives the same API on TinyDB's
``MemoryStorage`` for tests. This module never imports Textual.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb import TinyDB, where
from tinydb.table import Document
from tinydb.storages import MemoryStorage, Storage

from workbook.store import backups

from workbook.store import fsutil
from workbook.store.errors import DamagedFileError, NewerFormatError, PassphraseError, WorkbookError
from workbook.store.lock import WriterLock
from workbook.store.migrations import (
    CURRENT_SCHEMA, ENTRIES_TABLE, META_TABLE, SETTINGS_TABLE, migrate, new_database, schema_of,
)
from workbook.worksheets.entry import Answers, Entry, Revision
from workbook.store.storage import Codec, DurableStorage, PlainCodec, parse_database

SETTINGS_DOC_ID = 1


@dataclass
class ImportResult:
    """What ``Store.merge`` did with a batch of entries."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0


class Store:
    """Entries and settings, saved durably; the only code that touches TinyDB."""

    def __init__(self, db: TinyDB, path: Path | None = None, lock: WriterLock | None = None) -> None:
        self._db = db
        self.path = path
        self._lock = lock
        self._entries = db.table(ENTRIES_TABLE, cache_size=0)
        self._settings = db.table(SETTINGS_TABLE, cache_size=0)
        raw = (db.storage.read() or {}).get(ENTRIES_TABLE, {})
        self._doc_ids: dict[str, int] = {doc["id"]: int(doc_id) for doc_id, doc in raw.items()}
        # Entries as objects, oldest first, built on first use and kept in step with every
        # change (this process is the only writer), so views never re-read the file.
        self._ordered: list[Entry] | None = None
        self._by_id: dict[str, Entry] = {}

    # -- opening and closing -------------------------------------------------------

    @classmethod
    def open(cls, path: Path, codec: Codec | None = None, *, passphrase: str | None = None,
             lock: WriterLock | None = None) -> Store:
        """Open (or create) the workbook at ``path`` for reading and writing.

        An encrypted file needs ``passphrase`` (or an unlocked ``codec``); ``lock``
        is a writer lock the caller already holds (taken before asking for a
        passphrase, so a second window is told at once).
        """
        path = Path(path)
        fsutil.ensure_private_dir(path.parent)
        owns_lock = lock is None
        if lock is None:
            lock = WriterLock(path)
            lock.acquire()
        try:
            for leftover in fsutil.leftover_temp_files(path):
                leftover.unlink(missing_ok=True)
            if codec is None and passphrase is not None:
                codec = unlock_codec(path, passphrase)
            storage = DurableStorage(path, codec)
            data = _read_or_explain(storage, codec)
            if data is None:
                storage.write(new_database())
            else:
                _bring_up_to_date(storage, data)
            backups.ensure_daily(path)
            if getattr(storage.codec, "key_block", None) is not None:
                # Finish encrypting backups that a crash during 'encrypt' left in plain text.
                backups.recode_backups(path, storage.codec, storage.codec)
            db = TinyDB(storage=lambda: storage)  # TinyDB builds its storage from a callable
            return cls(db, path, lock)
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

    def change_codec(self, codec: Codec) -> None:
        """Rewrite the data file through ``codec`` (turning encryption on, off, or re-keying).

        The rewrite is one atomic save: after a crash the file is wholly in the old
        form or wholly in the new one.
        """
        storage = self._db.storage
        if not isinstance(storage, DurableStorage):
            raise WorkbookError("An in-memory workbook has no file to encrypt.")
        data = storage.read()
        previous = storage.codec
        storage.codec = codec
        try:
            storage.write(data if data is not None else new_database())
        except BaseException:
            storage.codec = previous
            raise

    # -- entries --------------------------------------------------------------------

    def entries(self, exercise: str | None = None) -> list[Entry]:
        """Entries, newest first, optionally of one worksheet.

        The ``Entry`` objects are shared with the store's index: treat them as read-only
        (change an entry with ``update``).
        """
        ordered = self._index()
        if exercise is None:
            return ordered[::-1]
        return [e for e in reversed(ordered) if e.exercise == exercise]

    def count(self) -> int:
        return len(self._doc_ids)

    def get(self, entry_id: str) -> Entry | None:
        self._index()
        return self._by_id.get(entry_id)

    # The index: entries sorted by (created, updated, id), kept in step with each change.

    @staticmethod
    def _key(entry: Entry) -> tuple[Any, str, str]:
        return (entry.created_at, entry.updated, entry.id)

    def _index(self) -> list[Entry]:
        if self._ordered is None:
            raw = (self._db.storage.read() or {}).get(ENTRIES_TABLE, {})
            entries = [Entry.from_dict(doc) for doc in raw.values()]
            entries.sort(key=self._key)
            self._ordered = entries
            self._by_id = {e.id: e for e in entries}
        return self._ordered

    def _indexed(self, entry: Entry) -> None:
        if self._ordered is None:
            return
        self._unindexed(entry.id)
        bisect.insort(self._ordered, entry, key=self._key)
        self._by_id[entry.id] = entry

    def _unindexed(self, entry_id: str) -> None:
        old = self._by_id.pop(entry_id, None)
        if old is not None and self._ordered is not None:
            position = bisect.bisect_left(self._ordered, self._key(old), key=self._key)
            while self._ordered[position] is not old:
                position += 1
            del self._ordered[position]

    def add(self, exercise: str, answers: Answers, *, exercise_version: int = 1,
            private: bool = False, created: str | None = None) -> Entry:
        """Save a new entry; return it once it is on disk."""
        entry = Entry.new(exercise, answers, exercise_version=exercise_version,
                          private=private, created=created)
        self._insert(entry)
        return entry

    def update(self, entry_id: str, answers: Answers, *, exercise_version: int | None = None,
               private: bool | None = None) -> Entry:
        """Save new answers over an entry, keeping the earlier version in its history."""
        current = self.get(entry_id)
        if current is None:
            raise WorkbookError("That entry no longer exists. It may have been deleted.")
        if answers == current.answers and (private is None or private == current.private):
            return current
        revised = current.revised(answers, exercise_version=exercise_version, private=private)
        self._entries.update(_replace_with(revised.to_dict()), doc_ids=[self._doc_ids[entry_id]])
        self._indexed(revised)
        return revised

    def delete(self, entry_id: str) -> Entry:
        """Delete an entry and return it, so the caller can offer undo."""
        current = self.get(entry_id)
        if current is None:
            raise WorkbookError("That entry no longer exists.")
        self._entries.remove(doc_ids=[self._doc_ids[entry_id]])
        del self._doc_ids[entry_id]
        self._unindexed(entry_id)
        return current

    def restore_entry(self, entry: Entry) -> None:
        """Put back an entry removed by ``delete`` (undo), with the same id and history."""
        if entry.id in self._doc_ids:
            return
        self._insert(entry)

    def _insert(self, entry: Entry) -> None:
        doc_id = self._entries.insert(entry.to_dict())
        self._doc_ids[entry.id] = doc_id
        self._indexed(entry)

    def merge(self, incoming: Iterable[Entry]) -> ImportResult:
        """Merge entries from an export in two saves: unknown ids are added, and a newer
        version of a known entry replaces ours, which is kept in its history."""
        result = ImportResult()
        new: list[Entry] = []
        seen: set[str] = set()
        replacements: list[Entry] = []
        for entry in incoming:
            mine = self.get(entry.id)
            if mine is None and entry.id not in seen:
                new.append(entry)
                seen.add(entry.id)
            elif mine is None or entry.updated <= mine.updated:
                result.unchanged += 1
            else:
                history = {(r.saved, repr(r.answers)): r for r in [*mine.revisions, *entry.revisions]}
                current = Revision(mine.updated, mine.exercise_version, mine.answers, mine.private)
                history.setdefault((current.saved, repr(current.answers)), current)
                entry.revisions = sorted(history.values(), key=lambda r: r.saved)
                replacements.append(entry)
        if new:
            doc_ids = self._entries.insert_multiple(e.to_dict() for e in new)
            self._doc_ids.update({e.id: d for e, d in zip(new, doc_ids)})
        if replacements:
            self._entries.update_multiple(
                [(_replace_with(e.to_dict()), where("id") == e.id) for e in replacements])
        self._ordered = None  # rebuilt on next use: a merge can touch many entries
        result.added, result.updated = len(new), len(replacements)
        return result

    # -- settings ---------------------------------------------------------------------

    def settings(self) -> dict[str, Any]:
        doc = self._settings.get(doc_id=SETTINGS_DOC_ID)
        return dict(doc) if doc else {}  # type: ignore[arg-type]

    def get_setting(self, key: str, default: Any = None) -> Any:
        return self.settings().get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        current = self.settings()
        if current.get(key) == value and key in current:
            return
        current[key] = value
        if self._settings.contains(doc_id=SETTINGS_DOC_ID):
            self._settings.update(_replace_with(current), doc_ids=[SETTINGS_DOC_ID])
        else:
            self._settings.insert(Document(current, doc_id=SETTINGS_DOC_ID))


def _replace_with(new: dict[str, Any]):  # type: ignore[no-untyped-def]
    """A TinyDB update operation that replaces a whole document."""
    def transform(doc: dict[str, Any]) -> None:
        doc.clear()
        doc.update(new)
    return transform


WRONG_PASSPHRASE_DELAY = 1.0  # seconds; slows guessing, and tests set it to 0


def unlock_codec(path: Path, passphrase: str) -> Codec:
    """The codec that reads ``path`` with ``passphrase`` (plain when the file is not encrypted).

    A wrong passphrase waits a moment, then raises ``PassphraseError``.
    """
    import time

    from workbook.store.encrypted_codec import HEADER_SIZE, EncryptedCodec
    from workbook.store.storage import file_is_encrypted
    if not file_is_encrypted(path):
        return PlainCodec()
    with open(path, "rb") as handle:
        head = handle.read(HEADER_SIZE)
    try:
        return EncryptedCodec.unlock(head, passphrase, path)
    except PassphraseError:
        time.sleep(WRONG_PASSPHRASE_DELAY)
        raise


def _read_or_explain(storage: DurableStorage, codec: Codec | None) -> dict[str, Any] | None:
    try:
        return storage.read()
    except DamagedFileError as exc:
        good = backups.newest_good_backup(storage.path, lambda b: is_readable_workbook(b, codec))
        raise DamagedFileError(exc.path, exc.reason, good) from None


def _bring_up_to_date(storage: DurableStorage, data: dict[str, Any]) -> None:
    version = schema_of(data)
    if version > CURRENT_SCHEMA:
        raise NewerFormatError(storage.path, version, CURRENT_SCHEMA)
    if version < CURRENT_SCHEMA:
        backups.make_backup(storage.path, "before-migration")
        storage.write(migrate(data))


def is_readable_workbook(path: Path, codec: Codec | None = None) -> bool:
    """True when ``path`` holds a workbook this version can open."""
    try:
        data = parse_database(fsutil.read_bytes(path), path, codec or PlainCodec())
    except (OSError, WorkbookError):
        return False
    return schema_of(data) <= CURRENT_SCHEMA


@dataclass
class CheckReport:
    """The outcome of ``check_file``."""

    ok: bool
    message: str


def check_file(path: Path, codec: Codec | None = None) -> CheckReport:
    """Verify a data file without changing it (no lock needed: saves are atomic)."""
    if not path.exists():
        return CheckReport(False, f"No workbook file at {path} yet. It is made the first time you start the program.")
    try:
        data = DurableStorage(path, codec).read() or {}
    except DamagedFileError as exc:
        good = backups.newest_good_backup(path, lambda b: is_readable_workbook(b, codec))
        return CheckReport(False, str(DamagedFileError(exc.path, exc.reason, good)))
    version = schema_of(data)
    if version > CURRENT_SCHEMA:
        return CheckReport(False, str(NewerFormatError(path, version, CURRENT_SCHEMA)))
    problems = []
    for doc_id, doc in data.get(ENTRIES_TABLE, {}).items():
        try:
            Entry.from_dict(doc)
        except (KeyError, TypeError, ValueError):
            problems.append(doc_id)
    if problems:
        return CheckReport(False, f"{path}: {len(problems)} entries are incomplete (records {', '.join(problems[:10])}).")
    if META_TABLE not in data and version == CURRENT_SCHEMA:
        return CheckReport(False, f"{path}: the file has no version record.")
    count = len(data.get(ENTRIES_TABLE, {}))
    note = " (an older format; it is updated the next time the program opens it)" if version < CURRENT_SCHEMA else ""
    return CheckReport(True, f"ok: {path} holds {count} entries, format {version}{note}.")
