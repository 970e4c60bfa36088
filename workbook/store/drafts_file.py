"""Provides ``DraftsFile``: the forms not saved yet, in their own small file beside the
workbook (``NAME.drafts``), under the same protection (the workbook's codec: encrypted with
its key when it is encrypted, owner-only, written whole with one durable atomic save).

Why a file of its own: a draft is kept a quarter of a second after the last key, and a
workbook of thirty years is about 15 MB; rewriting that on every pause would cost tens of
milliseconds and wear the disk. A few kilobytes of drafts cost the same on day 10,000 as on
day 1 (docs/architecture.md). Backups are copies of the data file, so discarded typing never
reaches them.

Reading is forgiving by design, because a draft is typing that was never saved anywhere
else: a plain file beside an encrypted workbook (an ``encrypt`` interrupted between the
two files) is read and written again encrypted; a file that cannot be read is set aside as
``NAME.drafts.unreadable`` (kept, never deleted) and the program says so.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson

from workbook.common.errors import SaveError, WorkbookError, os_reason
from workbook.common.printable import harmless
from workbook.store import fsutil
from workbook.store.codec import Codec, bytes_are_encrypted

MAX_DRAFTS_FILE = 64_000_000  # bytes: many drafts of the largest answers a form takes
FORMAT = 1


def drafts_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".drafts")


class DraftsUnreadable(Exception):
    """A drafts file that is there but cannot be read (damaged, or under another key)."""


def read_drafts(path: Path, codec: Codec) -> tuple[dict[str, dict[str, Any]], bool] | None:
    """The drafts in ``path`` and whether the file is as ``codec`` would write it (not plain
    beside an encrypted workbook, not under an earlier passphrase); ``None`` when there is no
    file, ``DraftsUnreadable`` when it cannot be read. Changes nothing."""
    try:
        raw = fsutil.read_regular(path, MAX_DRAFTS_FILE)
    except FileNotFoundError:
        return None
    except OSError:
        raise DraftsUnreadable from None
    plain = not bytes_are_encrypted(raw)
    try:
        document = orjson.loads(raw if plain else codec.decode(raw))
    except (WorkbookError, orjson.JSONDecodeError, ValueError):
        raise DraftsUnreadable from None
    found = document.get("drafts") if isinstance(document, dict) else None
    if not isinstance(found, dict):
        raise DraftsUnreadable
    # What a file held reaches a screen only without control characters (as every file read).
    current = not codec.encrypted or raw.startswith(codec.signature)
    return {harmless(str(k)): harmless(v) for k, v in found.items() if isinstance(v, dict)}, current


class DraftsFile:
    """The drafts of one workbook, read once and written whole on each change."""

    def __init__(self, path: Path, codec: Codec) -> None:
        self.path = path
        self.codec = codec
        self.problem = ""  # set when a file that could not be read was set aside
        self._drafts: dict[str, dict[str, Any]] = self._read()

    def _read(self) -> dict[str, dict[str, Any]]:
        try:
            found = read_drafts(self.path, self.codec)
        except DraftsUnreadable:
            return self._set_aside()
        if found is None:
            return {}
        drafts, current = found
        if not current and drafts:
            try:  # left plain by an interrupted 'encrypt', or under an earlier passphrase: now as the workbook
                self._write(drafts)
            except SaveError:
                pass  # written encrypted at the next change
        return drafts

    def _set_aside(self) -> dict[str, dict[str, Any]]:
        from workbook.common.i18n import _

        target = self.path.with_name(self.path.name + ".unreadable")
        number = 1
        while target.exists() or target.is_symlink():  # never over one kept aside before
            number += 1
            target = self.path.with_name(f"{self.path.name}.unreadable.{number}")
        try:
            os.rename(self.path, target)
        except OSError as exc:
            self.problem = _(
                "Some unsaved typing ({path}) could not be read, and was left as it is ({reason}). "
                "Everything saved is fine."
            ).format(path=self.path, reason=os_reason(exc))
            return {}
        self.problem = _(
            "Some unsaved typing could not be read and was kept aside as {target}. Everything saved is fine."
        ).format(target=target)
        return {}

    def all(self) -> dict[str, dict[str, Any]]:
        return {key: dict(doc) for key, doc in self._drafts.items()}

    def put(self, key: str, document: dict[str, Any]) -> None:
        if self._drafts.get(key) == document:
            return
        drafts = {**self._drafts, key: document}
        self._write(drafts)
        self._drafts = drafts

    def remove(self, key: str) -> None:
        if key not in self._drafts:
            return
        drafts = {k: v for k, v in self._drafts.items() if k != key}
        self._write(drafts)
        self._drafts = drafts

    def recode(self, codec: Codec) -> None:
        """Write the drafts again under ``codec`` (encryption turned on or off, a new passphrase)."""
        self.codec = codec
        if self._drafts or self.path.exists():
            self._write(self._drafts)

    def _write(self, drafts: dict[str, dict[str, Any]]) -> None:
        """Write ``drafts`` whole; ``SaveError`` (the file as it was) when the disk refuses."""
        try:
            if not drafts:
                try:  # no typing left: no file
                    self.path.unlink()
                    fsutil.fsync_dir(self.path.parent)
                except FileNotFoundError:
                    pass
                return
            payload = self.codec.encode(orjson.dumps({"format": FORMAT, "drafts": drafts}))
            if len(payload) > MAX_DRAFTS_FILE:  # never a file its own reader would set aside
                from workbook.common.i18n import _

                raise SaveError(
                    self.path,
                    _("there is too much unsaved typing to keep: save or discard some of it first"),
                    disk=False,
                    advice=_("Your words are still on the screen."),
                )
            fsutil.atomic_write(self.path, payload)
        except OSError as exc:
            raise SaveError(self.path, os_reason(exc)) from None
