"""Provides ``DurableStorage``: a TinyDB storage that never leaves a half-written file.

It keeps the database in memory (this process is the only writer, see
``workbook.store.lock``), serialises with ``orjson`` and saves through
``fsutil.atomic_write``. Bytes pass through a ``Codec`` on their way to and from the disk,
which is where encryption plugs in; nothing outside this module knows how the bytes are
laid out. Only an ordinary file of bounded size is ever read as a workbook.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from workbook.common.errors import DamagedFileError, PassphraseError, SaveError, os_reason
from workbook.common.i18n import _
from workbook.common.printable import harmless, json_may_hold_controls
from workbook.common.regular_files import NotARegularFileError
from workbook.store import fsutil
from workbook.store.codec import Codec, PlainCodec, bytes_are_encrypted

Data = dict[str, dict[str, Any]]

MAX_DATA_FILE = 128_000_000  # bytes; thirty years of daily entries is about 15 MB (limits: docs/architecture.md)


class NeedsPassphraseError(PassphraseError):
    """The file is encrypted and no passphrase was given."""

    def __init__(self, path: Path) -> None:
        super().__init__(_("The workbook {path} is encrypted. Enter its passphrase to open it.").format(path=path))


def structure_problem(data: Any) -> str | None:
    """Why ``data`` is not a TinyDB database, or ``None`` when it is one."""
    if not isinstance(data, dict):
        return _("the file does not hold a workbook (expected a JSON object of tables)")
    for table_name, table in data.items():
        if not isinstance(table, dict):
            return _("the table '{value}' is not a JSON object").format(value=str(table_name)[:40])
        for doc_id, document in table.items():
            if not isinstance(document, dict):
                return _("record {value} in table '{value2}' is not a JSON object").format(
                    value=str(doc_id)[:20], value2=str(table_name)[:40]
                )
            if not doc_id.isascii() or not doc_id.isdigit() or len(doc_id) > 18:
                return _("record '{value}' in table '{value2}' does not have a number as its key").format(
                    value=doc_id[:20], value2=str(table_name)[:40]
                )
    return None


def _looks_encrypted(raw: bytes) -> bool:
    """Most of the encrypted format's marker is there, or the start is not text at all."""
    head = raw[:6]
    if sum(a == b for a, b in zip(head, b"RWBENC", strict=False)) >= 4:
        return True
    return any(byte < 0x09 or 0x0E <= byte < 0x20 for byte in raw[6:64])


def parse_database(raw: bytes, path: Path, codec: Codec) -> Data:
    """Decode and parse stored bytes, raising ``DamagedFileError`` with a plain reason."""
    if not raw:
        raise DamagedFileError(path, _("the file is empty (0 bytes)"))
    if bytes_are_encrypted(raw) and not codec.encrypted:
        raise NeedsPassphraseError(path)
    plaintext = codec.decode(raw)
    try:
        data = orjson.loads(plaintext)
    except orjson.JSONDecodeError as exc:
        if not codec.encrypted and _looks_encrypted(raw):
            raise DamagedFileError(
                path,
                _("the file looks like an encrypted workbook whose first bytes were changed, so it cannot be opened"),
            ) from None
        raise DamagedFileError(
            path, _("the file is not valid JSON ({position})").format(position=_position(exc))
        ) from None
    problem = structure_problem(data)
    if problem is not None:
        raise DamagedFileError(path, problem)
    if json_may_hold_controls(plaintext):
        # A hand-made or hostile file: terminal control characters never reach a screen.
        data = harmless(data)
    return data  # type: ignore[no-any-return]  # checked by structure_problem just above


def _position(exc: orjson.JSONDecodeError) -> str:
    # The message names a position only, never the text around it.
    return _("stopped at character {pos}").format(pos=exc.pos) if exc.pos is not None else "unreadable"


def serialise(data: Data) -> bytes:
    """The JSON bytes of a database (orjson: about 10x faster than ``json``)."""
    return orjson.dumps(data)


def read_workbook_bytes(path: Path) -> bytes:
    """The bytes of a workbook file: ``FileNotFoundError`` when there is none, and
    ``DamagedFileError`` for anything that is not an ordinary, readable file."""
    try:
        return fsutil.read_regular(path, MAX_DATA_FILE)
    except FileNotFoundError:
        raise
    except NotARegularFileError as exc:
        raise DamagedFileError(path, _("it cannot be used as a workbook: {reason}").format(reason=exc.reason)) from None
    except PermissionError as exc:
        raise DamagedFileError(
            path,
            _("the file cannot be opened ({value})").format(value=os_reason(exc)),
            no_permission=True,
        ) from None
    except OSError as exc:
        raise DamagedFileError(path, _("the file cannot be opened ({value})").format(value=os_reason(exc))) from None


class DurableStorage(Storage):
    """A TinyDB ``Storage`` with atomic, fsynced, owner-only writes."""

    def __init__(self, path: Path, codec: Codec | None = None) -> None:
        self.path = Path(path)
        self.codec: Codec = codec or PlainCodec()
        self._cache: Data | None = None
        self.spare: Path | None = None  # today's backup, made at opening: the room to give back
        # Asked before each write whether this process may still write the file (the store's
        # lock: ``WriterLock.still_held``); the file as this process first read or last wrote it.
        self.guard: Callable[[], bool] | None = None
        self._seen: tuple[int, int, int, int] | None = None
        self._refused = False

    def read(self) -> Data | None:
        if self._cache is None:
            try:
                raw = read_workbook_bytes(self.path)
            except FileNotFoundError:
                return None
            self._cache = parse_database(raw, self.path, self.codec)
            if self._seen is None:
                # Only the first read: a later one (after a failed save) may be reading what
                # another program wrote, which this process must not take as its own.
                self._seen = self._fingerprint()
        return self._cache

    def _fingerprint(self) -> tuple[int, int, int, int] | None:
        try:
            found = os.stat(self.path)
        except OSError:
            return None
        return found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns

    def unchanged(self) -> bool:
        """Whether the file is as this process first read it or last wrote it. A file that is
        gone is taken as unchanged: nothing another program wrote can be written over, and
        writing what this window holds puts the person's entries back."""
        now = self._fingerprint()
        return now is None or (self._seen is not None and now == self._seen)

    def write(self, data: Data) -> None:
        try:
            payload = self.codec.encode(serialise(data))
        except (TypeError, orjson.JSONEncodeError) as exc:
            self._cache = None  # TinyDB changed the cached dict in place: reload the last good save
            raise SaveError(
                self.path,
                _("an answer has a form that cannot be stored ({name__})").format(name__=type(exc).__name__),
                disk=False,
            ) from None
        if len(payload) > MAX_DATA_FILE:
            # A file the program could not open again is never written: the change is refused.
            self._cache = None
            raise SaveError(
                self.path,
                _("the workbook would grow past {limit} MB, more than it opens").format(
                    limit=MAX_DATA_FILE // 1_000_000
                ),
                advice=_("Nothing of this change was kept. Import a smaller file, or start a new workbook (--db)."),
            )
        if self._refused or (self.guard is not None and not self.guard()):
            # For good: this process's view of the file (the store's index, TinyDB's next id)
            # no longer matches what the other program wrote, so only opening again is safe.
            self._refused = True
            self._cache = None
            raise SaveError(
                self.path,
                _(
                    "its lock file was removed or replaced while this window had it open, and another "
                    "program may have written to it"
                ),
                advice=_(
                    "Nothing was written over what may be there now, and what you typed is still here. "
                    "Close this window and open the workbook again, then save."
                ),
            )
        try:
            try:
                fsutil.atomic_write(self.path, payload)
            except OSError as exc:
                if exc.errno != errno.ENOSPC or self.spare is None:
                    raise
                # The disk filled up: today's automatic backup, made when the workbook was
                # opened, is a copy of what the file still holds, so the person's new words
                # come first. It is made again the next time there is room.
                self.spare.unlink(missing_ok=True)
                self.spare = None
                fsutil.atomic_write(self.path, payload)
        except OSError as exc:
            self._cache = None
            raise SaveError(self.path, os_reason(exc)) from None
        self._cache = data
        self._seen = self._fingerprint()

    def close(self) -> None:
        self._cache = None
