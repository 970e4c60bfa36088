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
    p = add("export", _cmd_export, "write your entries to a file")
    p.add_argument("--format", choices=["json"], default="json", help="file format (json: everything, for backup or moving)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write; - for standard output")
    p.add_argument("--force", action="store_true", help="replace the file if it exists")
    p = add("import", _cmd_import, "merge entries from a JSON export into the workbook")
    p.add_argument("file", help="a file made by 'workbook export --format json'")
    p = sub.add_parser("exercises", parents=[common], help="list or check worksheet definitions",
                       description="List the worksheets, or check a definition file you wrote.")
    ex_sub = p.add_subparsers(dest="exercises_command", metavar="ACTION", parser_class=_Parser, required=True)
    q = ex_sub.add_parser("list", parents=[common], help="list every worksheet and any that could not be loaded")
    q.set_defaults(handler=_cmd_exercises_list)
    q = ex_sub.add_parser("check", parents=[common], help="check one worksheet definition file (TOML)")
    q.add_argument("file", help="the .toml file to check")
    q.set_defaults(handler=_cmd_exercises_check)
    return parser


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


def _open_store(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from workbook.store import Store
    return Store.open(_db_path(args))


def _cmd_tui(args: argparse.Namespace) -> int:
    store = _open_store(args)
    try:
        from workbook.app import WorkbookApp
        WorkbookApp(store).run()
    finally:
        store.close()
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from workbook.store import check_file
    report = check_file(_db_path(args))
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
    if not is_readable_workbook(source):
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
    from workbook.export.writer import write_output
    from workbook.jsonio import build_export, dump_export
    with _open_store(args) as store:
        payload = dump_export(build_export(store.entries(), store.settings()))
        count = store.count()
    target = write_output(args.output, payload, force=args.force)
    if target is not None:
        _err(f"Exported {count} entries to {target}. This file is not protected by the workbook: keep it somewhere safe.")
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
