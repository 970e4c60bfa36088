"""Provides what every subcommand shares: messages on standard error, exit codes, the data
file's path, passphrases from the terminal or standard input, and opening the workbook.

A passphrase never comes from the command line or the environment, and is never printed.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from workbook.common.clock import SYSTEM_CLOCK, Clock
from workbook.common.errors import PassphraseError, WorkbookError
from workbook.common.i18n import N_, _

if TYPE_CHECKING:
    from workbook.services.workbook import Workbook
    from workbook.worksheets.definition import Exercise, Problem

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def say_error(message: str) -> None:
    """Print a message for the person on standard error (control characters made harmless:
    messages can quote a file someone handed over)."""
    _print(message, sys.stderr)


def say(message: str) -> None:
    """Print a message on standard output, control characters made harmless."""
    _print(message, sys.stdout)


def _print(message: str, stream: TextIO | None) -> None:
    from workbook.common.printable import printable

    if stream is None:  # started with the stream closed: there is nowhere to say it
        return

    text = printable(message)
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        # A terminal in another encoding: a character it cannot show is replaced, never a crash.
        text = text.encode(encoding, errors="replace").decode(encoding, errors="replace")
    print(text, file=stream)


def typed_words(parts: Sequence[str]) -> tuple[str, bool]:
    """Words given on the command line as one line of text, and whether some of them could
    not be read as UTF-8 (a terminal set to another encoding): those characters become
    U+FFFD rather than making the entry impossible to save."""
    from workbook.common.printable import printable

    fixed, changed = [], False
    for part in parts:
        try:
            part.encode("utf-8")
        except UnicodeEncodeError:
            part, changed = os.fsencode(part).decode("utf-8", errors="replace"), True
        fixed.append(part)
    text = printable(" ".join(" ".join(fixed).split()))
    return text, changed


def clock_of(args: argparse.Namespace) -> Clock:
    """The clock the command goes by (``main`` sets it; the computer's own otherwise)."""
    found = getattr(args, "clock", None)
    return found if found is not None else SYSTEM_CLOCK


def db_path(args: argparse.Namespace) -> Path:
    from workbook.services.opening import data_path

    return data_path(getattr(args, "db", None))


class Passphrases:
    """Asks for passphrases on the terminal, or reads them from standard input with
    ``--passphrase-stdin``."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.from_stdin = bool(getattr(args, "passphrase_stdin", False))

    def _line(self, what: str) -> str:
        line = sys.stdin.readline()
        if not line:
            raise WorkbookError(_("Expected the {what} on standard input. Nothing was changed.").format(what=what))
        return line.rstrip("\r\n")

    def current(self, what: str = N_("passphrase")) -> str:
        what = _(what)
        if self.from_stdin:
            return self._line(what)
        if not sys.stdin.isatty():
            raise WorkbookError(
                _(
                    "This workbook is encrypted. Run the command in a terminal to type "
                    "the passphrase, or add --passphrase-stdin. Nothing was changed."
                )
            )
        import getpass

        return getpass.getpass(f"{what[0].upper()}{what[1:]}: ")

    def new(self) -> str:
        """A new passphrase, checked before it is asked for a second time."""
        from workbook.services.care import check_new_passphrase

        if self.from_stdin:
            passphrase = self._line(_("new passphrase"))
            check_new_passphrase(passphrase)
            # A second line, when there is one, is the same passphrase typed again: compared,
            # as at the terminal ("café" then "cafe" must not encrypt with the first).
            again = sys.stdin.readline().rstrip("\r\n")
            if again and again != passphrase:
                raise WorkbookError(_("The two passphrases were different. Nothing was changed."))
            return passphrase
        if not sys.stdin.isatty():
            raise WorkbookError(_("Run the command in a terminal to choose a passphrase, or add --passphrase-stdin."))
        import getpass

        say_error(
            _(
                "Choose a passphrase of at least 8 characters. Important: if you forget it, your "
                "entries cannot be recovered by anyone."
            )
        )
        for _attempt in range(3):
            first = getpass.getpass(_("New passphrase: "))
            try:
                check_new_passphrase(first)
            except PassphraseError as exc:
                say_error(str(exc))
                continue
            if getpass.getpass(_("Type it again: ")) != first:
                raise WorkbookError(_("The two passphrases were different. Nothing was changed."))
            return first
        raise WorkbookError(_("No passphrase was chosen. Nothing was changed."))

    def for_file(self) -> str:
        """A passphrase for an exported PDF: the next line of standard input, or typed twice."""
        from workbook.services.sharing import check_file_passphrase

        if self.from_stdin:
            passphrase = self._line(_("passphrase for the file"))
            check_file_passphrase(passphrase)
            return passphrase
        if not sys.stdin.isatty():
            raise WorkbookError(
                _("Run the command in a terminal to choose the file's passphrase, or add --passphrase-stdin.")
            )
        import getpass

        say_error(
            _(
                "Choose a passphrase for the file (at least 8 characters). Tell it to your counselor "
                "another way: say it aloud or on the phone, never in the same email as the file."
            )
        )
        first = getpass.getpass(_("Passphrase for the file: "))
        check_file_passphrase(first, getpass.getpass(_("Type it again: ")))
        return first


def open_workbook(
    args: argparse.Namespace, exercises: dict[str, Exercise] | None = None, *, inbox: bool = True
) -> Workbook:
    """Open the workbook for writing: the lock first, then the passphrase if it is encrypted;
    then speak its language (unless ``--lang`` asked for another). ``exercises`` are the
    worksheets to use (all of them, shipped and the person's own, when not given)."""
    from workbook.services.opening import Door

    book = Door(
        db_path(args), exercises, [] if exercises is not None else None, clock_of(args), inbox=inbox
    ).open_asking(Passphrases(args).current)
    book.speak(getattr(args, "lang", None))
    if book.set_aside_count():
        say_error(_(SET_ASIDE_NOTE).format(count=book.set_aside_count()))
    if book.backup_problem:
        say_error(_("Note: ") + book.backup_problem)
    return book


SET_ASIDE_NOTE = N_(
    "Note: {count} damaged record(s) in the workbook could not be read. They are "
    "kept word for word, set aside in the same file, and everything else works; "
    "'workbook check' says more."
)


def load_worksheets() -> tuple[dict[str, Exercise], list[Problem]]:
    """The worksheets (shipped and the person's own) and the problems found loading them."""
    from workbook.services.opening import load_worksheets as load

    return load()
