"""Provides what every subcommand shares: messages on standard error, exit codes, the data
file's path, passphrases from the terminal or standard input, and opening the workbook.

A passphrase never comes from the command line or the environment, and is never printed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from typing import TYPE_CHECKING

from workbook.store.errors import PassphraseError, WorkbookError

if TYPE_CHECKING:
    from workbook.store.workbook_store import Store
    from workbook.worksheets.definition import Exercise, Problem

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def say_error(message: str) -> None:
    """Print a message for the person on standard error."""
    print(message, file=sys.stderr)


def db_path(args: argparse.Namespace) -> Path:
    from workbook.store.paths import resolve_db_path
    return resolve_db_path(getattr(args, "db", None))


class Passphrases:
    """Asks for passphrases on the terminal, or reads them from standard input with
    ``--passphrase-stdin``."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.from_stdin = bool(getattr(args, "passphrase_stdin", False))

    def _line(self, what: str) -> str:
        line = sys.stdin.readline()
        if not line:
            raise WorkbookError(f"Expected the {what} on standard input. Nothing was changed.")
        return line.rstrip("\r\n")

    def current(self, what: str = "passphrase") -> str:
        if self.from_stdin:
            return self._line(what)
        if not sys.stdin.isatty():
            raise WorkbookError("This workbook is encrypted. Run the command in a terminal to type the "
                                "passphrase, or add --passphrase-stdin. Nothing was changed.")
        import getpass
        return getpass.getpass(f"{what[0].upper()}{what[1:]}: ")

    def new(self) -> str:
        """A new passphrase, checked before it is asked for a second time."""
        from workbook.store.encrypted_codec import check_new_passphrase
        if self.from_stdin:
            passphrase = self._line("new passphrase")
            check_new_passphrase(passphrase)
            return passphrase
        if not sys.stdin.isatty():
            raise WorkbookError("Run the command in a terminal to choose a passphrase, or add --passphrase-stdin.")
        import getpass
        say_error("Choose a passphrase of at least 8 characters. Important: if you forget it, your entries "
                  "cannot be recovered by anyone.")
        for _attempt in range(3):
            first = getpass.getpass("New passphrase: ")
            try:
                check_new_passphrase(first)
            except PassphraseError as exc:
                say_error(str(exc))
                continue
            if getpass.getpass("Type it again: ") != first:
                raise WorkbookError("The two passphrases were different. Nothing was changed.")
            return first
        raise WorkbookError("No passphrase was chosen. Nothing was changed.")


def open_store(args: argparse.Namespace) -> Store:
    """Open the workbook for writing: the lock first, then the passphrase if it is encrypted."""
    from workbook.store.opening import WorkbookOpener
    return WorkbookOpener(db_path(args)).open_asking(Passphrases(args).current)


def load_worksheets() -> tuple[dict[str, Exercise], list[Problem]]:
    """The worksheets (shipped and the person's own) and the problems found loading them."""
    from workbook.store.paths import user_exercise_dirs
    from workbook.worksheets.loader import load_exercises
    return load_exercises(user_exercise_dirs())
