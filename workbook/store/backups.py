"""Provides rotating backups beside the data file.

A backup is a byte-for-byte copy of the data file (so an encrypted workbook has encrypted
backups), written durably with owner-only permissions into its own folder next to it
(``NAME-backups/``, see ``paths.backup_dir_for``)
and named ``NAME-YYYYMMDD-HHMMSS-KIND.json``. One ``daily`` copy is made on the first open
of each day; bounded numbers of each kind are kept. Temporary files a crash left in the
folder are ours to remove once the writer lock is held.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from workbook.common.clock import SYSTEM_CLOCK
from workbook.common.errors import WorkbookError, os_reason
from workbook.common.i18n import _
from workbook.store import fsutil
from workbook.store.codec import Codec, bytes_are_encrypted
from workbook.store.paths import backup_dir_for
from workbook.store.storage import MAX_DATA_FILE

KEEP = {
    "daily": 14,
    "manual": 20,
    "before-migration": 5,
    "before-restore": 10,
    "before-import": 10,
    "before-repair": 5,
    "before-archive": 3,
}
MAX_BACKUP = MAX_DATA_FILE  # a backup is a copy of the data file


def _stem(db_path: Path) -> str:
    return db_path.stem


def list_backups(db_path: Path) -> list[Path]:
    """All backups of ``db_path``, newest first."""
    folder = backup_dir_for(db_path)
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    prefix = f"{_stem(db_path)}-"
    found = [
        folder / n for n in names if n.startswith(prefix) and n.endswith(".json") and _kind_of(folder / n, db_path)
    ]
    return sorted(found, key=lambda p: p.name, reverse=True)


def kind_of(backup: Path, db_path: Path) -> str:
    """A backup's kind ("daily", "manual", "before-restore"…), read from its name."""
    return _kind_of(backup, db_path)


def _kind_of(backup: Path, db_path: Path) -> str:
    # name: STEM-YYYYMMDD-HHMMSS[-n]-KIND.json; STEM and KIND may contain dashes.
    rest = backup.stem[len(_stem(db_path)) + 1 :].split("-", 2)
    if len(rest) < 3 or not (rest[0].isdigit() and len(rest[0]) == 8 and rest[1].isdigit() and len(rest[1]) == 6):
        return ""
    counter, _dash, kind = rest[2].partition("-")
    return kind if counter.isdigit() and kind else rest[2]


def adopt_older_folder(db_path: Path) -> int:
    """Move backups an older version kept in ``STEM-backups`` into this file's own folder
    (only for names other than a plain ``NAME.json``, whose folder did not change). When a
    ``STEM.json`` beside it shares that folder, the copies cannot be told apart and stay
    where they are. The number moved."""
    folder = backup_dir_for(db_path)
    older = db_path.parent / f"{db_path.stem}-backups"
    sibling = db_path.with_name(f"{db_path.stem}.json")
    if folder == older or not older.is_dir() or (sibling != db_path and sibling.exists()):
        return 0
    moved = 0
    try:
        names = [n for n in os.listdir(older) if n.startswith(f"{_stem(db_path)}-") and n.endswith(".json")]
        if names:
            fsutil.ensure_private_dir(folder)
        for name in names:
            target = folder / name
            if not target.exists():
                os.replace(older / name, target)
                moved += 1
        fsutil.fsync_dir(folder)
        os.rmdir(older)  # only when nothing else is left in it
    except OSError:
        pass  # what could not be moved stays where it was, and is moved on a later open
    return moved


def remove_leftovers(db_path: Path) -> int:
    """Delete temporary files that crashed writes of backups left in the folder (only ours)."""
    folder = backup_dir_for(db_path)
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    prefix = f".{_stem(db_path)}-"
    removed = 0
    for name in names:
        if name.startswith(prefix) and name.endswith(fsutil.TEMP_SUFFIX):
            try:
                (folder / name).unlink()
                removed += 1
            except OSError:
                continue
    return removed


class BackupError(WorkbookError):
    """A backup could not be written (a full disk, a folder that cannot be written)."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def make_backup(db_path: Path, kind: str = "manual", now: datetime | None = None) -> Path:
    """Copy the current data file into the backup folder and prune old copies;
    ``BackupError`` (saying what to do) when the copy cannot be written."""
    folder = backup_dir_for(db_path)
    try:
        fsutil.ensure_private_dir(folder)
        fsutil.tighten_own_dir(folder)
        stamp = (now or SYSTEM_CLOCK.now()).strftime("%Y%m%d-%H%M%S")
        target = folder / f"{_stem(db_path)}-{stamp}-{kind}.json"
        counter = 1
        while target.exists():
            target = folder / f"{_stem(db_path)}-{stamp}-{counter}-{kind}.json"
            counter += 1
        fsutil.atomic_write(target, fsutil.read_regular(db_path, MAX_BACKUP))
    except OSError as exc:
        reason = os_reason(exc)
        raise BackupError(
            _(
                "A backup could not be made in {folder} ({reason}). Free some space or "
                "check that folder, then try again. Nothing was changed."
            ).format(folder=folder, reason=reason),
            reason,
        ) from None
    try:
        prune(db_path)
    except OSError:
        pass  # an old copy left for now is removed next time
    return target


def prune(db_path: Path) -> None:
    """Delete the oldest backups beyond the number kept for each kind."""
    seen: dict[str, int] = {}
    for backup in list_backups(db_path):
        kind = _kind_of(backup, db_path)
        seen[kind] = seen.get(kind, 0) + 1
        if seen[kind] > KEEP.get(kind, 10):
            backup.unlink(missing_ok=True)


def ensure_daily(db_path: Path, now: datetime | None = None) -> Path | None:
    """Make today's automatic backup unless one exists; return it when made."""
    today = (now or SYSTEM_CLOCK.now()).strftime("%Y%m%d")
    prefix = f"{_stem(db_path)}-{today}-"
    if any(b.name.startswith(prefix) and _kind_of(b, db_path) == "daily" for b in list_backups(db_path)):
        return None
    if not db_path.exists():
        return None
    return make_backup(db_path, "daily", now)


def newest_good_backup(db_path: Path, is_good: Callable[[Path], bool]) -> Path | None:
    """The newest backup that ``is_good`` accepts."""
    for backup in list_backups(db_path):
        if is_good(backup):
            return backup
    return None


@dataclass
class RecodeReport:
    """What ``recode_backups`` did."""

    rewritten: int = 0
    skipped: list[Path] = field(default_factory=list)  # made with another key, or unreadable: left as they are
    unwritten: list[Path] = field(default_factory=list)  # could not be written (a full disk): still in the old form
    reason: str = ""  # why the last of ``unwritten`` could not be written


def recode_backups(db_path: Path, old: Codec, new: Codec) -> RecodeReport:
    """Bring every backup to the storage state of ``new`` (plain, or encrypted under its key block).

    Only a file's first bytes are read when it is already in the new state, so calling this
    on every open of an encrypted workbook is cheap. A backup that neither codec can read
    (made with another key) is left exactly as it is.
    """
    report = RecodeReport()
    signature = new.signature
    for backup in list_backups(db_path):
        try:
            with open(backup, "rb") as handle:
                head = handle.read(max(len(signature), 8))
            encrypted = bytes_are_encrypted(head)
            if (new.encrypted and head.startswith(signature)) or (not new.encrypted and not encrypted):
                continue  # already as it should be
            raw = fsutil.read_regular(backup, MAX_BACKUP)
        except OSError:
            report.skipped.append(backup)
            continue
        if encrypted:
            reader = old if old.encrypted else new
            try:
                plaintext = reader.decode(raw)
            except WorkbookError:
                report.skipped.append(backup)
                continue
        else:
            plaintext = raw
        try:
            fsutil.atomic_write(backup, new.encode(plaintext))
        except OSError as exc:  # the copy is unchanged (atomic); the caller says what is left to do
            report.unwritten.append(backup)
            report.reason = os_reason(exc)
            continue
        report.rewritten += 1
    return report


def encrypted_backups(db_path: Path) -> list[Path]:
    """The backups whose first bytes say they are encrypted."""
    found = []
    for backup in list_backups(db_path):
        try:
            with open(backup, "rb") as handle:
                if bytes_are_encrypted(handle.read(8)):
                    found.append(backup)
        except OSError:
            continue
    return found
