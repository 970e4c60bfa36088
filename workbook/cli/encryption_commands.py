"""Provides ``encrypt``, ``decrypt`` and ``passphrase``: encryption of the whole workbook."""

from __future__ import annotations

import argparse

from workbook.cli.common import EXIT_OK, Passphrases, db_path, open_workbook, say, say_error
from workbook.common.errors import WorkbookError
from workbook.common.i18n import _, ngettext
from workbook.services.care import RecodeReport


def _report_skipped(report: RecodeReport) -> None:
    for backup in report.skipped:
        say_error(_("Left unchanged (made with another passphrase or unreadable): {backup}").format(backup=backup))


def encrypt_command(args: argparse.Namespace) -> int:
    from workbook.services import care

    with open_workbook(args, {}) as book:
        if book.encrypted:
            report = care.encrypt(book, "")
            say(
                _("The workbook is already encrypted. {rewritten} backups were brought up to date.").format(
                    rewritten=report.rewritten
                )
            )
            return EXIT_OK
        care.check_space(book)  # before the passphrase is asked for: a full disk is said first
        passphrase = Passphrases(args).new()
        report = care.encrypt(book, passphrase)
    say(
        _(
            "Encrypted the workbook and {backups}. You will be asked for the passphrase each time you "
            "open it. Exports you make are not encrypted."
        ).format(backups=_backups(report.rewritten))
    )
    _report_skipped(report)
    return EXIT_OK


def _backups(count: int) -> str:
    return ngettext("{count} backup", "{count} backups", count).format(count=count)


def decrypt_command(args: argparse.Namespace) -> int:
    from workbook.services import care

    with open_workbook(args, {}) as book:
        if care.half_decrypted(book):
            say_error(
                _(
                    "The workbook is plain already, but some backups are still encrypted (an earlier "
                    "'decrypt' did not finish). Type the passphrase they were made with to finish."
                )
            )
            report = care.finish_decrypt(book, Passphrases(args).current())
        else:
            report = care.decrypt(book)
    say(
        _(
            "Encryption is off. The workbook and {backups} are stored as plain JSON, readable by "
            "anyone who can open your files."
        ).format(backups=_backups(report.rewritten))
    )
    _report_skipped(report)
    return EXIT_OK


def passphrase_command(args: argparse.Namespace) -> int:
    from workbook.services import care
    from workbook.services.opening import is_encrypted

    if not is_encrypted(db_path(args)):
        raise WorkbookError(_("This workbook is not encrypted, so it has no passphrase. Use 'workbook encrypt'."))
    with open_workbook(args, {}) as book:
        care.check_space(book)
        report = care.change_passphrase(book, Passphrases(args).new())
    say(_("Passphrase changed for the workbook and {backups}.").format(backups=_backups(report.rewritten)))
    _report_skipped(report)
    return EXIT_OK
