"""Provides ``caseload``: for a counselor, participants' shared files (FHIR files or PDF
reports) in, one page out that says who needs attention first. No workbook is opened and
nothing is kept but the page."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from workbook.cli.common import EXIT_OK, clock_of, say_error
from workbook.common.errors import WorkbookError, os_reason
from workbook.common.i18n import _, ngettext


def _asker(args: argparse.Namespace) -> Callable[[str], str | None]:
    """A protected PDF's passphrase: the next line of standard input with
    --passphrase-stdin, else typed on the terminal (none when neither can be)."""

    def ask(name: str) -> str | None:
        if getattr(args, "passphrase_stdin", False):
            line = sys.stdin.readline()
            return line.rstrip("\r\n") if line else None
        if not sys.stdin.isatty():
            return None
        import getpass

        return getpass.getpass(_("Passphrase for {name}: ").format(name=name))

    return ask


def caseload_command(args: argparse.Namespace) -> int:
    from workbook.common.regular_files import NotARegularFileError, read_regular_file
    from workbook.export.caseload import MAX_FILE, Refused
    from workbook.export.writer import check_destination, write_output
    from workbook.services.caseload import make_caseload
    from workbook.services.opening import load_worksheets

    if args.output != "-":
        target = check_destination(Path(args.output), None, force=args.force)
        if any(Path(name).expanduser().absolute() == target for name in args.files):
            raise WorkbookError(
                _(
                    "{target} is one of the files to read: choose another name for the page. Nothing was written."
                ).format(target=target)
            )
    files: list[tuple[str, bytes]] = []
    unread: list[Refused] = []
    for name in args.files:
        try:
            files.append((name, read_regular_file(Path(name), MAX_FILE)))
        except NotARegularFileError as exc:
            unread.append(Refused(name, exc.reason))
        except OSError as exc:
            unread.append(Refused(name, os_reason(exc)))
    exercises, _problems = load_worksheets()
    try:
        caseload = make_caseload(
            files,
            exercises,
            clock_of(args),
            fmt=args.format,
            lang=getattr(args, "lang", None),
            passphrase_for=_asker(args),
            unread=unread,
        )
    except ValueError as exc:
        raise WorkbookError(str(exc)) from None
    for refused in caseload.refused:
        say_error(_("{source} was left out: {reason}.").format(source=refused.source, reason=refused.reason))
    path = write_output(args.output, caseload.page, None, force=args.force)
    if path is not None:
        say_error(
            ngettext(
                "Saved {path} ({count} participant). It holds health information: keep it where "
                "your clinic keeps records.",
                "Saved {path} ({count} participants). It holds health information: keep it where "
                "your clinic keeps records.",
                len(caseload.participants),
            ).format(path=path, count=len(caseload.participants))
        )
    return EXIT_OK
