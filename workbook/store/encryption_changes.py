"""Provides turning encryption on and off, and changing the passphrase, for a whole workbook.

Each operation works on an open ``Store`` (so the writer lock is held), first checks that
the disk has room for a new copy of every file (with a margin), then rewrites the files one
atomic save at a time, so every file is always wholly in its old form or its new one:

- ``encrypt``: the data file first (the passphrase opens the workbook from then on), then
  every backup. Plain backups left by a failure are encrypted by the next open or a second run.
- ``decrypt``: every backup first, the data file last, so an interrupted ``decrypt`` leaves
  the workbook encrypted and is simply run again (the key is never lost while a file still
  needs it). ``finish_decrypt`` completes one that an older version left half done.
- ``change_passphrase``: the data file, then the backups (the same data key, so the next
  open with the new passphrase brings any backup left behind up to date).

A failure says what state the files are in and what to do (``EncryptionChangeError``).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from workbook.common.errors import EncryptionChangeError, PassphraseError, SaveError, WorkbookError, os_reason
from workbook.common.i18n import _, ngettext
from workbook.store import backups, fsutil
from workbook.store.backups import RecodeReport, recode_backups
from workbook.store.codec import Codec, PlainCodec, bytes_are_encrypted
from workbook.store.encrypted_codec import EncryptedCodec, check_new_passphrase
from workbook.store.workbook_store import Store

MARGIN = 0.10  # of the files' size, for headers and the daily copy that follows
MARGIN_BYTES = 1_000_000


def _require_file(store: Store) -> Path:
    if store.path is None:
        raise WorkbookError(_("An in-memory workbook has no file to encrypt."))
    return store.path


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def space_needed(path: Path) -> dict[Path, int]:
    """Bytes an encryption change needs free, by folder (merged when both are on one disk):
    a new copy of the data file and of every backup, with a margin."""
    folders: dict[Path, int] = {path.parent: _size(path)}
    listed = backups.list_backups(path)
    if listed:
        folders[listed[0].parent] = folders.get(listed[0].parent, 0) + sum(_size(b) for b in listed)
    needs: dict[Path, int] = {}
    devices: dict[int, Path] = {}
    for folder, size in folders.items():
        try:
            device = os.stat(folder).st_dev
        except OSError:
            device = -len(devices) - 1
        first = devices.setdefault(device, folder)
        needs[first] = needs.get(first, 0) + size
    return {folder: size + int(size * MARGIN) + MARGIN_BYTES for folder, size in needs.items()}


def _megabytes(size: int) -> int:
    return max(1, -(-size // 1_000_000))


def check_space(path: Path) -> None:
    """``EncryptionChangeError`` (nothing changed) when a folder lacks the room the change needs."""
    for folder, need in space_needed(path).items():
        try:
            free = shutil.disk_usage(folder).free
        except OSError:
            continue  # a folder whose size cannot be asked: the writes themselves will say
        if free < need:
            raise EncryptionChangeError(
                _(
                    "There is not enough free space for this: it needs about {need} MB free in {folder}, "
                    "and there are {free} MB. Free at least {more} MB, then try again. Nothing was changed."
                ).format(
                    need=_megabytes(need),
                    folder=folder,
                    free=f"{free / 1_000_000:.1f}",
                    more=_megabytes(need - free),
                )
            )


def _reason(exc: OSError | SaveError) -> str:
    if isinstance(exc, SaveError):
        return exc.reason
    return os_reason(exc)


def _left(report: RecodeReport) -> str:
    return ngettext("{count} backup", "{count} backups", len(report.unwritten)).format(count=len(report.unwritten))


def encrypt(store: Store, passphrase: str) -> RecodeReport:
    """Encrypt the data file and all backups with a new passphrase (an encrypted workbook
    has its backups brought up to date)."""
    path = _require_file(store)
    if store.encrypted:
        # Already encrypted: finish any backups a crash or a full disk left in plain text.
        report = recode_backups(path, store.codec, store.codec)
        _finished_or_say(
            report,
            _(
                "The workbook is encrypted, but not all of its backups are yet ({reason}; left to do: "
                "{left}). Free some space, then run 'workbook encrypt' again to finish them."
            ),
        )
        return report
    check_new_passphrase(passphrase)
    check_space(path)
    old = store.codec
    codec = EncryptedCodec.create(passphrase, path)
    try:
        store.change_codec(codec)
    except (OSError, SaveError) as exc:
        raise EncryptionChangeError(
            _(
                "The workbook could not be encrypted ({reason}). Nothing was changed: it still opens "
                "without a passphrase. Free some space, then try again."
            ).format(reason=_reason(exc))
        ) from None
    report = recode_backups(path, old, codec)
    backups.remove_leftovers(path)
    _recode_set_aside(path, old, codec)
    _finished_or_say(
        report,
        _(
            "The workbook is encrypted and opens only with your new passphrase, but some backups "
            "are still in plain text ({reason}; left to do: {left}). Free some space, then run "
            "'workbook encrypt' again (or open the workbook) to encrypt them."
        ),
    )
    return report


def _recode_set_aside(path: Path, old: Codec, new: Codec) -> None:
    """Typing kept aside because it could not be read (``NAME.drafts.unreadable*``) follows
    the workbook's protection too: encrypted whole as it is, or made plain again when it
    was encrypted with this workbook's key. What cannot be changed is left as it is."""
    for aside in sorted(path.parent.glob(f"{path.name}.drafts.unreadable*")):
        try:
            raw = fsutil.read_regular(aside, backups.MAX_BACKUP)
            if new.encrypted and not bytes_are_encrypted(raw):
                fsutil.atomic_write(aside, new.encode(raw))
            elif not new.encrypted and bytes_are_encrypted(raw) and old.encrypted:
                fsutil.atomic_write(aside, old.decode(raw))
        except (OSError, WorkbookError):
            continue


def _finished_or_say(report: RecodeReport, message: str) -> None:
    if report.unwritten:
        raise EncryptionChangeError(message.format(left=_left(report), reason=report.reason))


def decrypt(store: Store) -> RecodeReport:
    """Store every backup, then the data file, as plain JSON again."""
    path = _require_file(store)
    old = store.codec
    if not old.encrypted:
        raise WorkbookError(_("This workbook is not encrypted. Nothing was changed."))
    check_space(path)
    report = recode_backups(path, old, PlainCodec())
    if report.unwritten:
        # All or nothing: the backups already made plain are encrypted again before saying so.
        again = recode_backups(path, old, old)
        if again.unwritten:
            raise EncryptionChangeError(
                _(
                    "Encryption is still on: the workbook opens with your passphrase as before, but "
                    "some of its backups are now in plain text ({reason}). Free some space, then run "
                    "'workbook decrypt' again to finish, or open the workbook to encrypt them again."
                ).format(reason=report.reason)
            )
        raise EncryptionChangeError(
            _(
                "Nothing was changed ({reason}): the workbook and its backups are encrypted and open "
                "with your passphrase as before. Free some space, then run 'workbook decrypt' again."
            ).format(reason=report.reason)
        )
    _recode_set_aside(path, old, PlainCodec())
    try:
        store.change_codec(PlainCodec())
    except (OSError, SaveError) as exc:
        raise EncryptionChangeError(
            _(
                "Encryption is still on: the workbook opens with your passphrase as before ({reason}); "
                "its backups are plain text until it is opened again. Free some space, then run "
                "'workbook decrypt' again."
            ).format(reason=_reason(exc))
        ) from None
    return report


def finish_decrypt(store: Store, passphrase: str) -> RecodeReport:
    """Make plain the backups a ``decrypt`` left encrypted when the workbook itself is
    plain already (each is opened with ``passphrase`` through its own key block)."""
    path = _require_file(store)
    report = RecodeReport()
    plain = PlainCodec()
    opened = wrong = False
    for backup in backups.encrypted_backups(path):
        try:
            raw = fsutil.read_regular(backup, backups.MAX_BACKUP)
            codec = EncryptedCodec.unlock(raw, passphrase, backup)
            plaintext = codec.decode(raw)
        except PassphraseError:
            wrong = True
            report.skipped.append(backup)
            continue
        except (OSError, WorkbookError):  # damage, not a wrong passphrase: named as left unchanged
            report.skipped.append(backup)
            continue
        opened = True
        try:
            fsutil.atomic_write(backup, plain.encode(plaintext))
        except OSError as exc:
            report.unwritten.append(backup)
            report.reason = _reason(exc)
            continue
        report.rewritten += 1
    if wrong and not opened:
        raise PassphraseError(_("That passphrase does not open these backups. Nothing was changed."))
    _finished_or_say(
        report,
        _(
            "Some backups could not be made plain ({reason}; left to do: {left}). Free some space, "
            "then run 'workbook decrypt' again."
        ),
    )
    return report


def change_passphrase(store: Store, new_passphrase: str) -> RecodeReport:
    """Keep the data key; wrap it under a new passphrase in the data file and backups."""
    path = _require_file(store)
    old = store.codec
    if not isinstance(old, EncryptedCodec):
        raise PassphraseError(_("This workbook is not encrypted, so it has no passphrase. Use 'workbook encrypt'."))
    check_new_passphrase(new_passphrase)
    check_space(path)
    codec = old.with_passphrase(new_passphrase)
    try:
        store.change_codec(codec)
    except (OSError, SaveError) as exc:
        raise EncryptionChangeError(
            _(
                "The passphrase was not changed ({reason}): your old passphrase still opens the "
                "workbook and every backup. Free some space, then try again."
            ).format(reason=_reason(exc))
        ) from None
    report = recode_backups(path, old, codec)
    _finished_or_say(
        report,
        _(
            "The workbook now opens only with your NEW passphrase. Some backups still open with the "
            "old one ({reason}; left to do: {left}); they are brought up to date the next time you "
            "open the workbook with the new passphrase once there is free space."
        ),
    )
    return report
