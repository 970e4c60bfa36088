"""Provides ``restore_backup``: put a backup back in place of the workbook, keeping it private.

The backup is read whole and checked first (nothing changes when it cannot be used); the
current file is backed up; then the restored workbook is written in one atomic save.
Encryption is never turned off by a restore: over an encrypted workbook the backup is
re-encrypted with the workbook's current key, and an encrypted backup stays encrypted.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from workbook.common.errors import DamagedFileError, PassphraseError, WorkbookError
from workbook.common.i18n import _
from workbook.store import backups, fsutil
from workbook.store.codec import Codec, PlainCodec, bytes_are_encrypted, file_is_encrypted
from workbook.store.lock import WriterLock
from workbook.store.migrations import CURRENT_SCHEMA, SETTINGS_TABLE, schema_of
from workbook.store.opening import unlock_codec
from workbook.store.repair import damaged_entry
from workbook.store.settings_drafts import SETTINGS_DOC_ID
from workbook.store.storage import parse_database, read_workbook_bytes, serialise
from workbook.store.workbook_store import DELETED_SETTING


@dataclass
class RestoreResult:
    kept: Path | None  # the replaced file's backup, if there was a file
    encrypted: bool  # the restored workbook is encrypted
    reencrypted: bool  # written with the workbook's current key (so its current passphrase opens it)


def _plaintext(source: Path, raw: bytes, codec: Codec | None, ask: Callable[[], str]) -> tuple[bytes, Codec]:
    """The backup's JSON and the codec that opened it (the workbook's own key first)."""
    if not bytes_are_encrypted(raw):
        return raw, PlainCodec()
    if codec is not None and codec.encrypted:
        try:
            return codec.decode(raw), codec
        except WorkbookError:
            pass  # made with another key: ask for that backup's passphrase
    backup_codec = unlock_codec(source, ask())
    return backup_codec.decode(raw), backup_codec


def _check(source: Path, plaintext: bytes) -> None:
    if (
        plaintext.lstrip()[:1] == b"{"
        and b'"format"' in plaintext[:4096]
        and b'"recovery-workbook"' in plaintext[:4096]
    ):
        raise WorkbookError(
            _(
                "{source} is a JSON export, not a backup: bring its entries in with "
                "'workbook import {source}'. Nothing was changed."
            ).format(source=source)
        )
    data = parse_database(plaintext, source, PlainCodec())
    if schema_of(data) > CURRENT_SCHEMA:
        raise WorkbookError(
            _("{source} was made by a newer version of the program. Nothing was changed.").format(source=source)
        )
    problem = damaged_entry(data)
    if problem is not None:
        raise DamagedFileError(source, problem)


def _carry_deletions(db_path: Path, current: Codec | None, plaintext: bytes, source: Path) -> bytes:
    """The backup's data with the ids the person deleted since (from the workbook it replaces),
    so a later "erase what I deleted" still erases them, and nothing else."""
    try:
        raw = read_workbook_bytes(db_path)
        reader = current if current is not None and bytes_are_encrypted(raw) else PlainCodec()
        now = parse_database(raw, db_path, reader)
    except (OSError, WorkbookError):
        return plaintext
    settings = now.get(SETTINGS_TABLE, {}).get(str(SETTINGS_DOC_ID), {})
    deleted = settings.get(DELETED_SETTING) if isinstance(settings, dict) else None
    if not isinstance(deleted, list) or not deleted:
        return plaintext
    data = parse_database(plaintext, source, PlainCodec())
    table = data.setdefault(SETTINGS_TABLE, {})
    doc = table.setdefault(str(SETTINGS_DOC_ID), {})
    before = doc.get(DELETED_SETTING) if isinstance(doc.get(DELETED_SETTING), list) else []
    doc[DELETED_SETTING] = list(dict.fromkeys([*before, *(i for i in deleted if isinstance(i, str))]))
    return serialise(data)


def restore_backup(
    db_path: Path,
    source: Path,
    *,
    ask_current: Callable[[], str],
    ask_backup: Callable[[], str],
    confirm: Callable[[], bool],
) -> RestoreResult | None:
    """Replace the workbook at ``db_path`` with ``source``; ``None`` when the person said no.

    ``ask_current`` asks for the workbook's passphrase (only when it is encrypted),
    ``ask_backup`` for a backup made with another passphrase, ``confirm`` whether to go on.
    """
    if not source.exists():
        raise WorkbookError(
            _("No backup file at {source}. 'workbook backup' lists where backups are kept.").format(source=source)
        )
    if db_path.exists() and os.path.samefile(source, db_path):
        raise WorkbookError(
            _("{source} is the workbook itself. Choose a backup file. Nothing was changed.").format(source=source)
        )
    try:
        raw = read_workbook_bytes(source)
    except FileNotFoundError:
        raise WorkbookError(
            _("No backup file at {source}. 'workbook backup' lists where backups are kept.").format(source=source)
        ) from None
    except DamagedFileError as exc:
        raise WorkbookError(
            _("{source} cannot be restored: {reason}. Nothing was changed.").format(source=source, reason=exc.reason)
        ) from None
    if db_path.exists() and not db_path.is_file():
        raise WorkbookError(
            _("{db_path} is not an ordinary file, so it cannot be replaced. Nothing was changed.").format(
                db_path=db_path
            )
        )
    fsutil.ensure_private_dir(db_path.parent)
    lock = WriterLock(db_path)
    lock.acquire()
    try:
        current: Codec | None = None
        current_damaged = False
        if file_is_encrypted(db_path):
            try:
                current = unlock_codec(db_path, ask_current())
            except DamagedFileError:
                current_damaged = True
        try:
            plaintext, opened_by = _plaintext(source, raw, current, ask_backup)
            _check(source, plaintext)
        except (DamagedFileError, PassphraseError) as exc:
            raise WorkbookError(
                _("{source} is not a readable workbook backup ({exc}). Nothing was changed.").format(
                    source=source, exc=exc
                )
            ) from None
        if current_damaged and not opened_by.encrypted:
            raise WorkbookError(
                _(
                    "The workbook is encrypted but its header is damaged, and this backup is not "
                    "encrypted: restoring it would turn encryption off. Restore an encrypted backup "
                    "instead ('workbook check' names the newest one). Nothing was changed."
                )
            )
        if not confirm():
            return None
        if db_path.exists() and not current_damaged:
            plaintext = _carry_deletions(db_path, current, plaintext, source)
        if current is not None and current.encrypted:
            payload, encrypted, reencrypted = current.encode(plaintext), True, True
        elif opened_by.encrypted:
            # Never write an encrypted backup out as plain text: it stays under its own key.
            payload, encrypted, reencrypted = opened_by.encode(plaintext), True, False
        else:
            payload, encrypted, reencrypted = plaintext, False, False
        kept = backups.make_backup(db_path, "before-restore") if db_path.exists() else None
        fsutil.atomic_write(db_path, payload)
        return RestoreResult(kept, encrypted, reencrypted)
    finally:
        lock.release()
