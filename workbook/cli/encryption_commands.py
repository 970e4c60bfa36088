"""Provides ``encrypt``, ``decrypt`` and ``passphrase``: encryption of the whole workbook."""

from __future__ import annotations

import argparse

from workbook.cli.common import EXIT_OK, Passphrases, db_path, open_store, say, say_error
from workbook.store.backups import RecodeReport
from workbook.store.errors import WorkbookError
from workbook.common.i18n import _, ngettext


def _report_skipped(report: RecodeReport) -> None:
    for backup in report.skipped:
        say_error(_("Left unchanged (made with another passphrase or unreadable): {backup}").format(backup=backup))


def encrypt_command(args: argparse.Namespace) -> int:
    from workbook.store import encryption_changes
    with open_store(args) as store:
        if store.encrypted:
            report = encryption_changes.encrypt(store, "")
            say(_("The workbook is already encrypted. {rewritten} backups were brought up to date.").format(
                rewritten=report.rewritten))
            return EXIT_OK
        passphrase = Passphrases(args).new()
        report = encryption_changes.encrypt(store, passphrase)
    say(_("Encrypted the workbook and {backups}. You will be asked for the passphrase each time you "
          "open it. Exports you make are not encrypted.").format(backups=_backups(report.rewritten)))
    _report_skipped(report)
    return EXIT_OK


def _backups(count: int) -> str:
    return ngettext("{count} backup", "{count} backups", count).format(count=count)


def decrypt_command(args: argparse.Namespace) -> int:
    from workbook.store import encryption_changes
    with open_store(args) as store:
        report = encryption_changes.decrypt(store)
    say(_("Encryption is off. The workbook and {backups} are stored as plain JSON, readable by "
          "anyone who can open your files.").format(backups=_backups(report.rewritten)))
    _report_skipped(report)
    return EXIT_OK


def passphrase_command(args: argparse.Namespace) -> int:
    from workbook.store import encryption_changes
    from workbook.store.codec import file_is_encrypted
    if not file_is_encrypted(db_path(args)):
        raise WorkbookError(_("This workbook is not encrypted, so it has no passphrase. Use "
                              "'workbook encrypt'."))
    with open_store(args) as store:
        report = encryption_changes.change_passphrase(store, Passphrases(args).new())
    say(_("Passphrase changed for the workbook and {backups}.").format(backups=_backups(report.rewritten)))
    _report_skipped(report)
    return EXIT_OK
