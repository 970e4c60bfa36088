"""Provides ``main`` and the argument parser of the ``workbook`` command.

Every subcommand accepts ``--db PATH`` and ``--passphrase-stdin``. Expected problems print
a plain message to standard error and exit non-zero; no traceback and no entry text is
printed, in any mode. Each subcommand's work lives in its own module and is imported only
when that subcommand runs, so quick commands start fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from workbook import __version__
from workbook.cli.common import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_USAGE, say_error
from workbook.common.clock import SYSTEM_CLOCK, Clock
from workbook.common.errors import os_reason
from workbook.common.i18n import LANGUAGES, _, from_environment, ngettext, normalize, set_language
from workbook.export.format_names import Format
from workbook.worksheets.builtin import CheckIn

Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(
            EXIT_USAGE,
            _("{prog}: {message}\nRun '{prog} --help' to see what it takes.\n").format(prog=self.prog, message=message),
        )


def _lazy(module: str, name: str) -> Handler:
    """A handler that imports its module only when the subcommand runs."""

    def run(args: argparse.Namespace) -> int:
        import importlib

        handler: Handler = getattr(importlib.import_module(f"workbook.cli.{module}"), name)
        return handler(args)

    return run


def _common() -> _Parser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--db",
        metavar=_("PATH"),
        default=argparse.SUPPRESS,
        help=_("the workbook file to use (default: $WORKBOOK_DB, then your data folder)"),
    )
    common.add_argument(
        "--passphrase-stdin",
        action="store_true",
        default=argparse.SUPPRESS,
        help=_("read passphrases from standard input, one per line (for scripts)"),
    )
    common.add_argument(
        "--lang",
        metavar="|".join(LANGUAGES),
        type=_language,
        default=argparse.SUPPRESS,
        help=_(
            "the language to use: en (English) or es (Spanish); the default is the "
            "language this workbook was last opened in, else your system's. An "
            "export's --lang is the report's language."
        ),
    )
    return common


def _language(text: str) -> str:
    found = normalize(text)
    if found is None:
        raise argparse.ArgumentTypeError(_("choose one of: {languages}").format(languages=", ".join(LANGUAGES)))
    return found


def _lang_in(argv: Sequence[str]) -> str | None:
    """The language asked for on the command line, read before the parser is built (its help
    is written in that language)."""
    found = None
    for number, word in enumerate(argv):  # the last one wins, as it does for argparse
        if word == "--":
            break
        option, equals, value = word.partition("=")
        if len(option) >= 3 and "--lang".startswith(option):  # argparse also takes "--lan"
            if equals:
                found = normalize(value)
            elif number + 1 < len(argv):
                found = normalize(argv[number + 1])
    return found


def _db_in(argv: Sequence[str]) -> str | None:
    """The ``--db`` asked for on the command line, read before the parser is built."""
    found = None
    for number, word in enumerate(argv):
        if word == "--":
            break
        option, equals, value = word.partition("=")
        if option == "--db":
            found = value if equals else (argv[number + 1] if number + 1 < len(argv) else None)
    return found


def own_language(argv: Sequence[str]) -> str:
    """The language to speak before anything is opened: ``--lang``, else the one this
    workbook was last used in (kept beside it, readable even when it is encrypted), else the
    system's."""
    return _lang_in(argv) or remembered_language(argv) or from_environment()


def remembered_language(argv: Sequence[str]) -> str | None:
    """The language the workbook named by ``argv`` (or the default one) was last used in."""
    from workbook.services.language_memory import remembered_language as beside

    return beside(_db_in(argv))


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``workbook`` and all its subcommands."""
    common = _common()
    parser = _Parser(
        prog="workbook",
        parents=[common],
        description=_(
            "Recovery Workbook: a private, offline workbook for recovery. Run it with no command to open the workbook."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        help=_("show program's version number and exit"),
        version=_("workbook {version__}").format(version__=__version__),
    )
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=_Parser)

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    add("check", _lazy("data_commands", "check_command"), _("check that the workbook file and every entry are whole"))
    add("backup", _lazy("data_commands", "backup_command"), _("make a backup of the workbook now"))
    p = add(
        "restore",
        _lazy("data_commands", "restore_command"),
        _("replace the workbook with a backup (the current file is backed up first)"),
    )
    p.add_argument("file", metavar=_("FILE"), help=_("the backup file to restore"))
    p.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    p = add("export", _lazy("export_command", "export_command"), _("write your entries to a file to share or keep"))
    p.add_argument(
        "--format",
        choices=[f.value for f in Format],
        default="pdf",
        help=_(
            "pdf, html or md: a report for your counselor; csv: a spreadsheet of each "
            "log; card: a pocket card of your plan; fhir: your self-checks, plan and "
            "figures for a clinic's health record; json: everything, for backup or "
            "moving (default: pdf)"
        ),
    )
    p.add_argument("-o", "--output", required=True, metavar=_("FILE"), help=_("where to write; - for standard output"))
    p.add_argument(
        "--period",
        choices=["since-last", "7", "30", "all"],
        default=None,
        help=_(
            "since-last: since your last report, with everything written since (the default "
            "for a report; the last 30 days the first time), 7 or 30: the last 7 or 30 days, "
            "all: every entry (the default for json, the full backup). Only since-last and "
            "all move the mark of your last report"
        ),
    )
    p.add_argument(
        "--from",
        dest="start",
        metavar=_("DAY"),
        help=_("first day to include, as 2026-03-14 or in words ('last monday'; instead of --period)"),
    )
    p.add_argument("--to", dest="end", metavar=_("DAY"), help=_("last day to include (instead of --period)"))
    p.add_argument("--paper", choices=["us-letter", "a4"], help=_("page size of a PDF (default: from your locale)"))
    p.add_argument(
        "--include",
        metavar=_("IDS"),
        help=_(
            "worksheets to include, separated by commas (default: all), e.g. "
            "goal-setting,trigger-log,relapse-prevention-plan,gratitude-journal"
        ),
    )
    p.add_argument(
        "--identifier",
        metavar=_("TEXT"),
        help=_('a chart number or initials for page one of your reports, kept for the next ones ("" takes it away)'),
    )
    p.add_argument(
        "--review-line",
        choices=["on", "off"],
        help=_("on: page one of your reports ends with 'Reviewed with my counselor on ____', kept for the next ones"),
    )
    p.add_argument(
        "--private", action="store_true", help=_("also include entries marked private (json always includes them)")
    )
    p.add_argument(
        "--protect",
        action="store_true",
        help=_(
            "a PDF that opens only with a passphrase you choose (asked twice, or the next line of "
            "standard input with --passphrase-stdin, after the workbook's own if it has one)"
        ),
    )
    p.add_argument("--force", action="store_true", help=_("replace the file if it exists"))
    p.add_argument(
        "--clear-marks",
        action="store_true",
        help=_("after writing the report, take the 'bring to session' mark off every entry"),
    )
    p = add("import", _lazy("data_commands", "import_command"), _("merge entries from a JSON export into the workbook"))
    p.add_argument(
        "file", metavar=_("FILE"), help=_("a file made by 'workbook export --format json', or by another app (--from)")
    )
    p.add_argument(
        "--from",
        dest="app",
        choices=["workbook", "daylio", "bearable", "jrnl"],
        default="workbook",
        help=_(
            "the app that made the file: workbook (a JSON backup, the default), daylio or bearable (their CSV), "
            "jrnl (its JSON)"
        ),
    )
    p.add_argument("--dry-run", action="store_true", help=_("say what would be added and skipped, and change nothing"))
    p.add_argument(
        "--mood",
        action="append",
        metavar=_("NAME=N"),
        help=_(
            'a Daylio mood of your own, or a Bearable rating, on the 1-5 scale, e.g. --mood "tired=2" '
            "(give it once per mood)"
        ),
    )
    p = add(
        "forget",
        _lazy("data_commands", "forget_command"),
        _("erase deleted entries from every backup (and, with --versions, every entry's earlier versions)"),
    )
    p.add_argument(
        "--versions",
        action="store_true",
        help=_("also erase the earlier versions of every entry, here and in every backup"),
    )
    p.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    p = add(
        "caseload",
        _lazy("caseload_command", "caseload_command"),
        _("for counselors: one page from participants' shared files (PDF reports or FHIR files), most urgent first"),
    )
    p.add_argument("files", nargs="+", metavar=_("FILE"), help=_("participants' PDF reports or FHIR files"))
    p.add_argument("-o", "--output", required=True, metavar=_("FILE"), help=_("where to write; - for standard output"))
    p.add_argument("--format", choices=["html", "md"], default="html", help=_("html (default) or md"))
    p.add_argument("--force", action="store_true", help=_("replace the file if it exists"))
    add(
        "write",
        _lazy("write_command", "write_command"),
        _("write a longer journal entry in your editor ($EDITOR), or pipe the text in"),
    )
    p = add(
        "remind",
        _lazy("remind_command", "remind_command"),
        _("a gentle daily reminder: on --at 20:00, off, status"),
    )
    p.add_argument(
        "action",
        choices=["on", "off", "status", "run"],
        metavar="{on,off,status,run}",  # argparse would name it by its English dest in errors
        help=_("on, off, status (run is what the timer starts)"),
    )
    p.add_argument("--at", action="append", metavar="HH:MM", help=_("a time of day; give it more than once for more"))
    p = add(
        "status",
        _lazy("today_command", "status_command"),
        _("a very short status for a shell prompt or tmux: check-in done or not, how many things are due"),
    )
    p.add_argument("--prompt", action="store_true", help=_("one short line, no entry text (the only form for now)"))
    add(
        "today",
        _lazy("today_command", "today_command"),
        _("one line saying what is due today (for your shell's start-up; it shows no entry text)"),
    )
    add(
        "encrypt",
        _lazy("encryption_commands", "encrypt_command"),
        _("encrypt the workbook and its backups with a passphrase"),
    )
    add(
        "decrypt",
        _lazy("encryption_commands", "decrypt_command"),
        _("turn encryption off (store the workbook as plain JSON again)"),
    )
    add("passphrase", _lazy("encryption_commands", "passphrase_command"), _("change the workbook's passphrase"))
    p = sub.add_parser(
        "log", parents=[common], help=_("quick entries from the shell"), description=_("Quick entries from the shell.")
    )
    log_sub = p.add_subparsers(dest="log_command", metavar=_("WHAT"), parser_class=_Parser, required=True)
    q = log_sub.add_parser(
        "craving",
        parents=[common],
        help=_("log a craving: strength 0-10 and a few words"),
        description=_("Log a craving in the trigger log, e.g.: workbook log craving 7 after the call"),
    )
    q.add_argument("strength", nargs="?", metavar=_("STRENGTH"), help=_("how strong, 0 (none) to 10 (the strongest)"))
    q.add_argument("words", nargs="*", metavar=_("WORDS"), help=_("a few words about it (optional)"))
    q.add_argument(
        "--when",
        metavar=_("WHEN"),
        help=_('when it was, in plain words: "last night 10pm", "saturday 21:30", "ayer a las 22:00" (default: now)'),
    )
    q.add_argument(
        "--outcome",
        metavar="used|did-not-use",
        help=_("how it ended: used, or did-not-use (the words in your language work too)"),
    )
    q.set_defaults(handler=_lazy("log_commands", "log_craving_command"))
    q = log_sub.add_parser(
        "checkin",
        parents=[common],
        help=_("today's check-in: mood, craving, sleep, medication"),
        description=_(
            "Today's check-in, e.g.: workbook log checkin --mood 4 "
            "--craving 2 --sleep 7 --halt tired --medication taken "
            "--meeting planned call my sponsor"
        ),
    )
    q.add_argument("--mood", metavar="1-5", help=_("my mood today, 1 (very low) to 5 (very good)"))
    q.add_argument("--craving", metavar="0-10", help=_("any craving right now, 0 (none) to 10"))
    q.add_argument("--sleep", metavar=_("HOURS"), help=_("hours of sleep last night, 0 to 16"))
    q.add_argument("--slept", metavar="1-5", help=_("how well I slept, 1 (very badly) to 5 (very well)"))
    q.add_argument("--halt", metavar=_("LIST"), help=_("hungry, angry, lonely, tired (any of them, with commas)"))
    q.add_argument(
        "--medication",
        metavar="|".join(CheckIn.medication.options),
        help=_("taken as prescribed, missed a dose, or none is prescribed to me"),
    )
    q.add_argument("--meeting", metavar="|".join(CheckIn.meeting.options), help=_("a meeting or group today"))
    q.add_argument("intention", nargs="*", metavar=_("INTENTION"), help=_("one thing I mean to do today (optional)"))
    q.set_defaults(handler=_lazy("log_commands", "log_checkin_command"))
    p = sub.add_parser(
        "exercises",
        parents=[common],
        help=_("list or check worksheet definitions"),
        description=_("List the worksheets, or check a definition file you wrote."),
    )
    ex_sub = p.add_subparsers(dest="exercises_command", metavar=_("ACTION"), parser_class=_Parser, required=True)
    q = ex_sub.add_parser("list", parents=[common], help=_("list every worksheet and any that could not be loaded"))
    q.set_defaults(handler=_lazy("exercise_commands", "exercises_list_command"))
    q = ex_sub.add_parser("check", parents=[common], help=_("check one worksheet definition file (TOML)"))
    q.add_argument("file", metavar=_("FILE"), help=_("the .toml file to check"))
    q.set_defaults(handler=_lazy("exercise_commands", "exercises_check_command"))
    return parser


def main(argv: Sequence[str] | None = None, clock: Clock | None = None) -> int:
    """Run the command line; return the exit code. ``clock`` is the time the commands go by
    (the computer's own unless given: tests fix it)."""
    import locale

    from workbook.common.errors import WorkbookError
    from workbook.common.protection import harden_process, safe_traceback

    harden_process()
    try:
        locale.setlocale(locale.LC_TIME, "")  # dates in exports follow the person's locale
    except locale.Error:
        pass
    words = sys.argv[1:] if argv is None else list(argv)
    set_language(own_language(words))
    # argparse's own words ("usage:", "error:") come from gettext too: ours, in the same language.
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
    parser = build_parser()
    args, extra = parser.parse_known_args(words)
    if extra and getattr(args, "log_command", None) == "craving" and not any(w.startswith("-") for w in extra):
        # "log craving 7 --when 'last night' after the call": words after an option are words too.
        args.words = [*args.words, *extra]
    elif extra:
        parser.parse_args(words)  # says what it did not recognise, in the person's language, and stops
    args.clock = clock or SYSTEM_CLOCK
    if getattr(args, "command", None) == "export" and getattr(args, "lang", None):
        # An export's --lang is the report's: the messages stay in the person's own language.
        # Spoken: the workbook's own language, else the report's (the person chose it now),
        # never the system's over a language they asked for.
        args.report_lang = args.lang
        del args.lang
        set_language(remembered_language(words) or args.report_lang)
    handler: Handler = getattr(args, "handler", _lazy("app_command", "tui_command"))
    try:
        return handler(args)
    except WorkbookError as exc:
        say_error(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        say_error(_("Stopped. Everything saved before now is safe."))
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``workbook export -o - | head``): nothing is wrong. Standard
        # output is pointed at nothing so Python's own flush at exit stays quiet too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    except OSError as exc:
        # A file name too long for the system, a full disk under standard output, a folder
        # that went away: the system's reason, never a traceback.
        if os.environ.get("WORKBOOK_DEBUG"):
            say_error(safe_traceback(exc))
        say_error(
            _(
                "The command could not finish: {reason}. Everything saved before this point is safe; "
                "'workbook check' shows what the workbook holds."
            ).format(reason=os_reason(exc))
        )
        return EXIT_ERROR
    except Exception as exc:
        if os.environ.get("WORKBOOK_DEBUG"):
            say_error(safe_traceback(exc))
        say_error(
            _(
                "Something unexpected went wrong ({name__}). Everything saved before it is "
                "safe.\nPlease report this; run again with WORKBOOK_DEBUG=1 to see where it "
                "happened."
            ).format(name__=type(exc).__name__)
        )
        return EXIT_ERROR


if __name__ == "__main__":
    raise SystemExit(main())
