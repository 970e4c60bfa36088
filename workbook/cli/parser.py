"""The ``workbook`` command: starts the program or runs one task from the shell.

Every subcommand accepts ``--db PATH``. Expected problems print a plain message
to standard error and exit non-zero; no traceback and no entry text is printed.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from workbook import __version__

from workbook.cli import commands
from workbook.cli.commands import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_USAGE
from workbook.store.errors import WorkbookError

Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\nRun '{self.prog} --help' to see what it takes.\n")


def _common() -> _Parser:
    common = _Parser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="the workbook file to use (default: $WORKBOOK_DB, then your data folder)")
    common.add_argument("--passphrase-stdin", action="store_true", default=argparse.SUPPRESS,
                        help="read passphrases from standard input, one per line (for scripts)")
    return common


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``workbook`` and all its subcommands."""
    common = _common()
    parser = _Parser(prog="workbook", parents=[common],
                     description="Recovery Workbook: a private, offline workbook for recovery. "
                                 "Run it with no command to open the workbook.")
    parser.add_argument("--version", action="version", version=f"workbook {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    add("check", commands.check_command, "check that the workbook file is readable and whole")
    add("backup", commands.backup_command, "make a backup of the workbook now")
    p = add("restore", commands.restore_command, "replace the workbook with a backup (the current file is backed up first)")
    p.add_argument("file", help="the backup file to restore")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p = add("export", commands.export_command, "write your entries to a file to share or keep")
    p.add_argument("--format", choices=["pdf", "html", "md", "json", "card"], default="pdf",
                   help="pdf, html or md: a report for your counselor; card: a pocket card of your plan; "
                        "json: everything, for backup or moving (default: pdf)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write; - for standard output")
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first day to include")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last day to include")
    p.add_argument("--include", metavar="IDS",
                   help="worksheets to include, separated by commas (default: all), "
                        "e.g. goal-setting,trigger-log,relapse-prevention-plan,gratitude-journal")
    p.add_argument("--private", action="store_true",
                   help="also include entries marked private (json always includes them)")
    p.add_argument("--force", action="store_true", help="replace the file if it exists")
    p = add("import", commands.import_command, "merge entries from a JSON export into the workbook")
    p.add_argument("file", help="a file made by 'workbook export --format json'")
    add("encrypt", commands.encrypt_command, "encrypt the workbook and its backups with a passphrase")
    add("decrypt", commands.decrypt_command, "turn encryption off (store the workbook as plain JSON again)")
    add("passphrase", commands.passphrase_command, "change the workbook's passphrase")
    p = sub.add_parser("log", parents=[common], help="quick entries from the shell",
                       description="Quick entries from the shell.")
    log_sub = p.add_subparsers(dest="log_command", metavar="WHAT", parser_class=_Parser, required=True)
    q = log_sub.add_parser("craving", parents=[common], help="log a craving: strength 0-10 and a few words",
                           description="Log a craving in the trigger log, e.g.: workbook log craving 7 after the call")
    q.add_argument("strength", help="how strong, 0 (none) to 10 (the strongest)")
    q.add_argument("words", nargs="*", help="a few words about it (optional)")
    q.set_defaults(handler=commands.log_craving_command)
    p = sub.add_parser("exercises", parents=[common], help="list or check worksheet definitions",
                       description="List the worksheets, or check a definition file you wrote.")
    ex_sub = p.add_subparsers(dest="exercises_command", metavar="ACTION", parser_class=_Parser, required=True)
    q = ex_sub.add_parser("list", parents=[common], help="list every worksheet and any that could not be loaded")
    q.set_defaults(handler=commands.exercises_list_command)
    q = ex_sub.add_parser("check", parents=[common], help="check one worksheet definition file (TOML)")
    q.add_argument("file", help="the .toml file to check")
    q.set_defaults(handler=commands.exercises_check_command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    import locale
    try:
        locale.setlocale(locale.LC_TIME, "")  # dates in exports follow the person's locale
    except locale.Error:
        pass
    args = build_parser().parse_args(argv)
    handler: Handler = getattr(args, "handler", commands.tui_command)
    try:
        return handler(args)
    except WorkbookError as exc:
        commands.say_error(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        commands.say_error("Stopped. Everything saved before now is safe.")
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback for a person
        if os.environ.get("WORKBOOK_DEBUG"):
            raise
        commands.say_error(f"Something unexpected went wrong ({type(exc).__name__}). Everything saved before it is safe.\n"
             "Please report this; run again with WORKBOOK_DEBUG=1 to see the details.")
        return EXIT_ERROR


if __name__ == "__main__":
    raise SystemExit(main())
