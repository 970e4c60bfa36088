"""Provides the one way a workbook is opened: the lock first, then the passphrase when the
file is encrypted, then the store (``WorkbookOpener``); and which backup to name when the
file is damaged (``newest_backup_for``).

The command line and the app both go through ``WorkbookOpener``: a second window is told
at once (before anyone types a passphrase), a wrong passphrase can be tried again with the
lock still held, and a damaged header is reported as damage, naming the newest encrypted
backup that the same passphrase opens.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from workbook.common.errors import DamagedFileError, PassphraseError, WorkbookError, os_reason
from workbook.common.i18n import _
from workbook.store import backups, fsutil
from workbook.store.codec import Codec, PlainCodec, bytes_are_encrypted, file_is_encrypted
from workbook.store.lock import WriterLock
from workbook.store.migrations import CURRENT_SCHEMA, schema_of
from workbook.store.repair import damaged_entry
from workbook.store.storage import MAX_DATA_FILE, parse_database
from workbook.store.workbook_store import Store

WRONG_PASSPHRASE_DELAY = 1.0  # seconds; slows guessing, and tests set it to 0


def _header(path: Path) -> bytes:
    from workbook.store.encrypted_codec import LONGEST_HEADER

    with open(path, "rb") as handle:
        return handle.read(LONGEST_HEADER)


def unlock_codec(path: Path, passphrase: str) -> Codec:
    """The codec that reads ``path`` with ``passphrase`` (plain when the file is not encrypted).

    A damaged header raises ``DamagedFileError`` naming the newest encrypted backup that
    this passphrase opens; a wrong passphrase waits a moment, then raises ``PassphraseError``.
    """
    from workbook.store.encrypted_codec import EncryptedCodec

    if not file_is_encrypted(path):
        return PlainCodec()
    try:
        return EncryptedCodec.unlock(_header(path), passphrase, path)
    except PassphraseError:
        time.sleep(WRONG_PASSPHRASE_DELAY)
        raise
    except DamagedFileError as exc:
        good = _backup_opened_by(path, passphrase)
        raise DamagedFileError(path, exc.reason, good, backup_encrypted=good is not None) from None
    except OSError as exc:
        raise DamagedFileError(path, _("the file cannot be opened ({value})").format(value=os_reason(exc))) from None


def _backup_opened_by(path: Path, passphrase: str) -> Path | None:
    """The newest backup of ``path`` that ``passphrase`` opens and that reads whole."""
    from workbook.store.encrypted_codec import EncryptedCodec

    tried: dict[bytes, Codec | None] = {}  # backups share a key block: derive once per block
    for backup in backups.list_backups(path):
        try:
            raw = fsutil.read_regular(backup, MAX_DATA_FILE)
        except OSError:
            continue
        if not bytes_are_encrypted(raw):
            continue
        head = raw[:256]
        codec = None
        for known, opened in tried.items():
            if head.startswith(known):
                codec = opened
                break
        else:
            try:
                codec = EncryptedCodec.unlock(raw, passphrase, backup)
            except WorkbookError:
                codec = None
            if codec is not None:
                tried[codec.signature] = codec
        if codec is not None and is_readable_workbook(backup, codec):
            return backup
    return None


def is_readable_workbook(path: Path, codec: Codec | None = None) -> bool:
    """True when ``path`` holds a workbook this version can open."""
    try:
        data = parse_database(fsutil.read_regular(path, MAX_DATA_FILE), path, codec or PlainCodec())
    except (OSError, WorkbookError):
        return False
    return schema_of(data) <= CURRENT_SCHEMA and damaged_entry(data) is None


def _has_sound_header(path: Path) -> bool:
    from workbook.store.encrypted_codec import KeyBlock

    try:
        KeyBlock.parse(_header(path), path)
    except (OSError, WorkbookError):
        return False
    return True


def newest_backup_for(path: Path, codec: Codec | None) -> tuple[Path | None, bool]:
    """The newest backup to name when ``path`` cannot be read, and whether it is encrypted.

    With the workbook's own codec, a backup counts when it reads whole. Without one (the
    file looked plain, perhaps because its first bytes are damaged), an encrypted backup
    with a sound header counts too: the person's passphrase opens it.
    """
    for backup in backups.list_backups(path):
        if is_readable_workbook(backup, codec):
            return backup, bool(codec is not None and codec.encrypted)
        if (codec is None or not codec.encrypted) and file_is_encrypted(backup) and _has_sound_header(backup):
            return backup, True
    return None, False


class WorkbookOpener:
    """Lock, then passphrase, then open: the one open sequence of the program.

    ``lock()`` first (a second window is told at once); ``needs_passphrase`` says whether
    to ask; ``open(passphrase)`` may be called again after a wrong passphrase, with the
    lock still held. ``release()`` gives the lock back when the store was never opened.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = WriterLock(path)

    def lock(self) -> WorkbookOpener:
        fsutil.ensure_private_dir(self.path.parent)
        self._lock.acquire()
        return self

    @property
    def needs_passphrase(self) -> bool:
        return file_is_encrypted(self.path)

    def open(self, passphrase: str | None = None) -> Store:
        """The open store (it owns the lock from now on)."""
        codec = unlock_codec(self.path, passphrase) if passphrase is not None else None
        return Store.open(self.path, codec, lock=self._lock)

    def open_asking(self, ask: Callable[[], str]) -> Store:
        """Lock, ask for the passphrase only when it is needed, open; the lock is released on failure."""
        self.lock()
        try:
            return self.open(ask() if self.needs_passphrase else None)
        except BaseException:
            self.release()
            raise

    def release(self) -> None:
        self._lock.release()
