"""The ``workbook`` command: starts the program or runs one task from the shell.

Every subcommand accepts ``--db PATH``. Expected problems print a plain message
to standard error and exit non-zero; no traceback and no entry text is printed.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from workbook import __version__, backups, fsutil
from workbook.errors import WorkbookError

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

Handler = Callable[[argparse.Namespace], int]


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="the workbook file to use (default: $WORKBOOK_DB, then your data folder)")
    common.add_argument("--passphrase-stdin", action="store_true", default=argparse.SUPPRESS,
                        help="read passphrases from standard input, one per line (for scripts)")
    return common


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\nRun '{self.prog} --help' to see what it takes.\n")


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

    add("check", _cmd_check, "check that the workbook file is readable and whole")
    add("backup", _cmd_backup, "make a backup of the workbook now")
    p = add("restore", _cmd_restore, "replace the workbook with a backup (the current file is backed up first)")
    p.add_argument("file", help="the backup file to restore")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p = add("export", _cmd_export, "write your entries to a file to share or keep")
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
    p = add("import", _cmd_import, "merge entries from a JSON export into the workbook")
    p.add_argument("file", help="a file made by 'workbook export --format json'")
    add("encrypt", _cmd_encrypt, "encrypt the workbook and its backups with a passphrase")
    add("decrypt", _cmd_decrypt, "turn encryption off (store the workbook as plain JSON again)")
    add("passphrase", _cmd_passphrase, "change the workbook's passphrase")
    p = sub.add_parser("log", parents=[common], help="quick entries from the shell",
                       description="Quick entries from the shell.")
    log_sub = p.add_subparsers(dest="log_command", metavar="WHAT", parser_class=_Parser, required=True)
    q = log_sub.add_parser("craving", parents=[common], help="log a craving: strength 0-10 and a few words",
                           description="Log a craving in the trigger log, e.g.: workbook log craving 7 after the call")
    q.add_argument("strength", help="how strong, 0 (none) to 10 (the strongest)")
    q.add_argument("words", nargs="*", help="a few words about it (optional)")
    q.set_defaults(handler=_cmd_log_craving)
    p = sub.add_parser("exercises", parents=[common], help="list or check worksheet definitions",
                       description="List the worksheets, or check a definition file you wrote.")
    ex_sub = p.add_subparsers(dest="exercises_command", metavar="ACTION", parser_class=_Parser, required=True)
    q = ex_sub.add_parser("list", parents=[common], help="list every worksheet and any that could not be loaded")
    q.set_defaults(handler=_cmd_exercises_list)
    q = ex_sub.add_parser("check", parents=[common], help="check one worksheet definition file (TOML)")
    q.add_argument("file", help="the .toml file to check")
    q.set_defaults(handler=_cmd_exercises_check)
    return parser


def _cmd_log_craving(args: argparse.Namespace) -> int:
    from workbook import crisis, insights
    try:
        strength = insights.parse_strength(args.strength)
    except ValueError as exc:
        raise WorkbookError(f"{exc} Nothing was saved. Example: workbook log craving 7 after the phone call") from None
    with _open_store(args) as store:
        entry = store.add("trigger-log", insights.quick_log_answers(strength, " ".join(args.words).strip()))
        plan = insights.current_plan(store.entries("relapse-prevention-plan"))
        contacts = crisis.support_contacts(store)
    print(f"Saved: craving {strength}/10 at {entry.created_at:%H:%M}. You can add more to it later in the app.")
    if insights.is_strong(entry):
        from workbook.exercises import load_exercises
        from workbook.paths import user_exercise_dirs
        coping = insights.plan_list(plan, load_exercises(user_exercise_dirs())[0].get(insights.PLAN), "coping")
        print("This is a strong one. It will pass. Your plan says:")
        for line in (coping[:5] or ["Breathe slowly, change where you are, reach out to someone."]):
            print(f"  - {line}")
        for row in contacts[:3]:
            print(f"  Call {row.get('name', '')} {row.get('phone', '')}".rstrip())
        print("If you are in danger, call or text 988, or call 911 (US).")
    return EXIT_OK


def _cmd_exercises_list(args: argparse.Namespace) -> int:
    from workbook.exercises import load_exercises
    from workbook.paths import user_exercise_dirs
    exercises, problems = load_exercises(user_exercise_dirs())
    for exercise in exercises.values():
        print(f"{exercise.id:<26} v{exercise.version:<3} {exercise.title}  ({len(exercise.fields)} fields, {exercise.source})")
    for problem in problems:
        _err(f"Not loaded: {problem}")
    folders = " or ".join(str(d) for d in user_exercise_dirs())
    print(f"Add your own worksheets as .toml files in {folders}.")
    return EXIT_ERROR if problems else EXIT_OK


def _cmd_exercises_check(args: argparse.Namespace) -> int:
    from workbook.exercises import DefinitionError, Problem, load_file
    path = Path(args.file).expanduser()
    try:
        exercise = load_file(path)
    except DefinitionError as exc:
        _err(str(Problem(str(path), exc.field_id, exc.reason)))
        return EXIT_ERROR
    print(f"ok: {path} defines '{exercise.id}' version {exercise.version} with {len(exercise.fields)} fields.")
    return EXIT_OK


def _db_path(args: argparse.Namespace) -> Path:
    from workbook.paths import resolve_db_path
    return resolve_db_path(getattr(args, "db", None))


class Passphrases:
    """Asks for passphrases on the terminal, or reads them from standard input with
    ``--passphrase-stdin``. A passphrase never comes from argv or the environment."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.from_stdin = bool(getattr(args, "passphrase_stdin", False))

    def _line(self, what: str) -> str:
        line = sys.stdin.readline()
        if not line:
            raise WorkbookError(f"Expected the {what} on standard input. Nothing was changed.")
        return line.rstrip("\r\n")

    def current(self) -> str:
        if self.from_stdin:
            return self._line("passphrase")
        if not sys.stdin.isatty():
            raise WorkbookError("This workbook is encrypted. Run the command in a terminal to type the "
                                "passphrase, or add --passphrase-stdin. Nothing was changed.")
        import getpass
        return getpass.getpass("Passphrase: ")

    def new(self) -> str:
        if self.from_stdin:
            return self._line("new passphrase")
        if not sys.stdin.isatty():
            raise WorkbookError("Run the command in a terminal to choose a passphrase, or add --passphrase-stdin.")
        import getpass
        _err("Choose a passphrase of at least 8 characters. Important: if you forget it, your entries "
             "cannot be recovered by anyone.")
        first = getpass.getpass("New passphrase: ")
        if getpass.getpass("Type it again: ") != first:
            raise WorkbookError("The two passphrases were different. Nothing was changed.")
        return first


def _open_store(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """Open the workbook for writing: the lock first, then the passphrase if it is encrypted."""
    from workbook.crypto import file_is_encrypted
    from workbook.lock import WriterLock
    from workbook.store import Store
    path = _db_path(args)
    fsutil.ensure_private_dir(path.parent)
    lock = WriterLock(path)
    lock.acquire()
    try:
        passphrase = Passphrases(args).current() if file_is_encrypted(path) else None
        return Store.open(path, passphrase=passphrase, lock=lock)
    except BaseException:
        lock.release()
        raise


def _cmd_encrypt(args: argparse.Namespace) -> int:
    from workbook import encryption
    from workbook.crypto import EncryptedCodec, file_is_encrypted
    already = file_is_encrypted(_db_path(args))
    with _open_store(args) as store:
        if already and isinstance(store.codec, EncryptedCodec):
            report = encryption.encrypt(store, "")
            print(f"The workbook is already encrypted. {report.rewritten} backups were brought up to date.")
            return EXIT_OK
        passphrase = Passphrases(args).new()
        report = encryption.encrypt(store, passphrase)
    print(f"Encrypted the workbook and {report.rewritten} backups. You will be asked for the passphrase "
          "each time you open it. Exports you make are not encrypted.")
    _report_skipped(report)
    return EXIT_OK


def _cmd_decrypt(args: argparse.Namespace) -> int:
    from workbook import encryption
    with _open_store(args) as store:
        report = encryption.decrypt(store)
    print(f"Encryption is off. The workbook and {report.rewritten} backups are stored as plain JSON, "
          "readable by anyone who can open your files.")
    _report_skipped(report)
    return EXIT_OK


def _cmd_passphrase(args: argparse.Namespace) -> int:
    from workbook import encryption
    from workbook.crypto import file_is_encrypted
    if not file_is_encrypted(_db_path(args)):
        raise WorkbookError("This workbook is not encrypted, so it has no passphrase. Use 'workbook encrypt'.")
    with _open_store(args) as store:
        report = encryption.change_passphrase(store, Passphrases(args).new())
    print(f"Passphrase changed for the workbook and {report.rewritten} backups.")
    _report_skipped(report)
    return EXIT_OK


def _report_skipped(report) -> None:  # type: ignore[no-untyped-def]
    for backup in report.skipped:
        _err(f"Left unchanged (made with another passphrase or unreadable): {backup}")


def _cmd_tui(args: argparse.Namespace) -> int:
    from workbook.crypto import file_is_encrypted
    from workbook.lock import WriterLock
    from workbook.store import Store
    path = _db_path(args)
    fsutil.ensure_private_dir(path.parent)
    lock = WriterLock(path)
    lock.acquire()  # a second window is told before anything else happens
    store: Store | None = None
    try:
        from workbook.app import WorkbookApp
        if file_is_encrypted(path):
            # The app asks for the passphrase on its own masked screen.
            app = WorkbookApp(None, opener=lambda passphrase: Store.open(path, passphrase=passphrase, lock=lock))
        else:
            store = Store.open(path, lock=lock)
            app = WorkbookApp(store)
        app.run()
        store = app.store
    finally:
        if store is not None:
            store.close()
        lock.release()
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from workbook.crypto import file_is_encrypted
    from workbook.store import check_file, unlock_codec
    path = _db_path(args)
    codec = unlock_codec(path, Passphrases(args).current()) if file_is_encrypted(path) else None
    report = check_file(path, codec)
    (print if report.ok else _err)(report.message)
    return EXIT_OK if report.ok else EXIT_ERROR


def _cmd_backup(args: argparse.Namespace) -> int:
    with _open_store(args) as store:
        target = backups.make_backup(store.path, "manual")
    print(f"Backup saved: {target}")
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace) -> int:
    from workbook.store import is_readable_workbook
    from workbook.lock import WriterLock
    source = Path(args.file).expanduser().absolute()
    db_path = _db_path(args)
    if not source.is_file():
        raise WorkbookError(f"No backup file at {source}. 'workbook backup' lists where backups are kept.")
    from workbook.crypto import file_is_encrypted
    from workbook.store import unlock_codec
    codec = unlock_codec(source, Passphrases(args).current()) if file_is_encrypted(source) else None
    if not is_readable_workbook(source, codec):
        raise WorkbookError(f"{source} is not a readable workbook backup. Nothing was changed.")
    if not args.yes:
        if not sys.stdin.isatty():
            raise WorkbookError("Restoring replaces your current workbook. Add --yes to confirm. Nothing was changed.")
        answer = input(f"Replace {db_path} with {source.name}? The current file is backed up first. Type yes: ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing was changed.")
            return EXIT_OK
    fsutil.ensure_private_dir(db_path.parent)
    lock = WriterLock(db_path)
    lock.acquire()
    try:
        kept = backups.make_backup(db_path, "before-restore") if db_path.exists() else None
        fsutil.atomic_write(db_path, fsutil.read_bytes(source))
    finally:
        lock.release()
    print(f"Restored {source.name}." + (f" The file it replaced is saved as {kept}." if kept else ""))
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from workbook import crisis
    from workbook.exercises import load_exercises
    from workbook.export.report import Options
    from workbook.export.service import check_options, parse_day, render_export
    from workbook.export.writer import write_output
    from workbook.paths import user_exercise_dirs
    exercises, _problems = load_exercises(user_exercise_dirs())
    try:
        include = tuple(i.strip() for i in args.include.split(",") if i.strip()) if args.include else tuple(exercises)
        options = Options(start=parse_day(args.start, "--from") if args.start else None,
                          end=parse_day(args.end, "--to") if args.end else None,
                          include=include, include_private=args.private or args.format == "json")
        check_options(options, exercises)
    except ValueError as exc:
        raise WorkbookError(f"{exc} Nothing was written.") from None
    if args.output != "-" and Path(args.output).exists() and not args.force:
        raise WorkbookError(f"{Path(args.output).absolute()} already exists. Choose another name, or add --force to replace it.")
    with _open_store(args) as store:
        entries = store.entries()
        if len(entries) > 500 and args.output != "-":
            _err(f"Preparing {len(entries)} entries…")
        note = crisis.DEFAULTS_NOTE if crisis.uses_defaults(store) else ""
        payload = render_export(args.format, entries, exercises, options, store.settings(),
                                crisis.crisis_lines(store), note)
    target = write_output(args.output, payload, force=args.force)
    if target is not None:
        _err(f"Saved {target}. This file is not protected by the workbook: keep it somewhere safe "
             "and delete it when you no longer need it.")
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from workbook.jsonio import parse_export
    source = Path(args.file).expanduser()
    try:
        raw = fsutil.read_bytes(source)
    except OSError as exc:
        raise WorkbookError(f"Could not read {source}: {exc.strerror or exc}. Nothing was imported.") from None
    entries, _settings = parse_export(raw, str(source))
    with _open_store(args) as store:
        result = store.merge(entries)
    print(f"Imported from {source.name}: {result.added} new, {result.updated} updated, "
          f"{result.unchanged} already here.")
    return EXIT_OK


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    import locale
    try:
        locale.setlocale(locale.LC_TIME, "")  # dates in exports follow the person's locale
    except locale.Error:
        pass
    args = build_parser().parse_args(argv)
    handler: Handler = getattr(args, "handler", _cmd_tui)
    try:
        return handler(args)
    except WorkbookError as exc:
        _err(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        _err("Stopped. Everything saved before now is safe.")
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback for a person
        if os.environ.get("WORKBOOK_DEBUG"):
            raise
        _err(f"Something unexpected went wrong ({type(exc).__name__}). Everything saved before it is safe.\n"
             "Please report this; run again with WORKBOOK_DEBUG=1 to see the details.")
        return EXIT_ERROR


if __name__ == "__main__":
    raise SystemExit(main())
