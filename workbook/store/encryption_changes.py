"""Provides turning encryption on and off, and changing the passphrase, for a whole workbook.

Each operation works on an open ``Store`` (so the writer lock is held) and rewrites the
data file first, then every backup, each with one atomic save. A crash in between leaves
every file readable: the data file in the old or the new state, and backups that the next
open or a second run brings up to date.
"""

from __future__ import annotations

from pathlib import Path

from workbook.common.errors import PassphraseError, WorkbookError
from workbook.common.i18n import _
from workbook.store import backups
from workbook.store.backups import RecodeReport, recode_backups
from workbook.store.codec import PlainCodec
from workbook.store.encrypted_codec import EncryptedCodec, check_new_passphrase
from workbook.store.workbook_store import Store


def _require_file(store: Store) -> Path:
    if store.path is None:
        raise WorkbookError(_("An in-memory workbook has no file to encrypt."))
    return store.path


def encrypt(store: Store, passphrase: str) -> RecodeReport:
    """Encrypt the data file and all backups with a new passphrase."""
    path = _require_file(store)
    if store.encrypted:
        # Already encrypted: finish any backups a crash left in plain text.
        return recode_backups(path, store.codec, store.codec)
    check_new_passphrase(passphrase)
    old = store.codec
    codec = EncryptedCodec.create(passphrase, path)
    store.change_codec(codec)
    report = recode_backups(path, old, codec)
    backups.remove_leftovers(path)
    return report


def decrypt(store: Store) -> RecodeReport:
    """Store the data file and all backups as plain JSON again."""
    path = _require_file(store)
    old = store.codec
    if not old.encrypted:
        raise WorkbookError(_("This workbook is not encrypted. Nothing was changed."))
    store.change_codec(PlainCodec())
    return recode_backups(path, old, PlainCodec())


def change_passphrase(store: Store, new_passphrase: str) -> RecodeReport:
    """Keep the data key; wrap it under a new passphrase in the data file and backups."""
    path = _require_file(store)
    old = store.codec
    if not isinstance(old, EncryptedCodec):
        raise PassphraseError(_("This workbook is not encrypted, so it has no passphrase. Use 'workbook encrypt'."))
    check_new_passphrase(new_passphrase)
    codec = old.with_passphrase(new_passphrase)
    store.change_codec(codec)
    return recode_backups(path, old, codec)
