"""What each ``workbook`` subcommand does (the parser lives in ``workbook.cli``).

Heavy modules are imported inside each command, so ``workbook --help`` and quick
commands start fast. Expected problems raise ``WorkbookError``; ``cli.main``
prints them without a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from workbook.store import backups

from workbook.store import fsutil
from workbook.store.errors import WorkbookError

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def say_error(message: str) -> None:
    """Print a message for the person on standard error."""
    print(message, file=sys.stderr)


def log_craving_command(args: argparse.Namespace) -> int:
    from workbook.worksheets import crisis
    from workbook.worksheets import insights
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
        # The plan's words stay off the terminal (scrollback keeps them); the app shows them.
        coping = len(plan.answers.get("coping") or []) if plan else 0
        print("This is a strong one. It will pass, often within 20 to 30 minutes.")
        if coping or contacts:
            ways = f"{coping} way{'' if coping == 1 else 's'} to cope"
            people = f"{len(contacts)} {'person' if len(contacts) == 1 else 'people'} to call"
            print(f"Your plan has {ways} and {people}: run 'workbook' to see them.")
        else:
            print("Breathe slowly, change where you are, and reach out to someone.")
        print("If you are in danger, call or text 988, or call 911 (US).")
    return EXIT_OK


def exercises_list_command(args: argparse.Namespace) -> int:
    from workbook.worksheets.loader import load_exercises
    from workbook.store.paths import user_exercise_dirs
    exercises, problems = load_exercises(user_exercise_dirs())
    for exercise in exercises.values():
        print(f"{exercise.id:<26} v{exercise.version:<3} {exercise.title}  ({len(exercise.fields)} fields, {exercise.source})")
    for problem in problems:
        say_error(f"Not loaded: {problem}")
    folders = " or ".join(str(d) for d in user_exercise_dirs())
    print(f"Add your own worksheets as .toml files in {folders}.")
    return EXIT_ERROR if problems else EXIT_OK


def exercises_check_command(args: argparse.Namespace) -> int:
    from workbook.worksheets.loader import DefinitionError, Problem, load_file
    path = Path(args.file).expanduser()
    try:
        exercise = load_file(path)
    except DefinitionError as exc:
        say_error(str(Problem(str(path), exc.field_id, exc.reason)))
        return EXIT_ERROR
    print(f"ok: {path} defines '{exercise.id}' version {exercise.version} with {len(exercise.fields)} fields.")
    return EXIT_OK


def _db_path(args: argparse.Namespace) -> Path:
    from workbook.store.paths import resolve_db_path
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
        say_error("Choose a passphrase of at least 8 characters. Important: if you forget it, your entries "
             "cannot be recovered by anyone.")
        first = getpass.getpass("New passphrase: ")
        if getpass.getpass("Type it again: ") != first:
            raise WorkbookError("The two passphrases were different. Nothing was changed.")
        return first


def _open_store(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """Open the workbook for writing: the lock first, then the passphrase if it is encrypted."""
    from workbook.store.storage import file_is_encrypted
    from workbook.store.lock import WriterLock
    from workbook.store.workbook_store import Store
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


def encrypt_command(args: argparse.Namespace) -> int:
    from workbook.store import encryption_changes as encryption
    from workbook.store.encrypted_codec import EncryptedCodec
    from workbook.store.storage import file_is_encrypted
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


def decrypt_command(args: argparse.Namespace) -> int:
    from workbook.store import encryption_changes as encryption
    with _open_store(args) as store:
        report = encryption.decrypt(store)
    print(f"Encryption is off. The workbook and {report.rewritten} backups are stored as plain JSON, "
          "readable by anyone who can open your files.")
    _report_skipped(report)
    return EXIT_OK


def passphrase_command(args: argparse.Namespace) -> int:
    from workbook.store import encryption_changes as encryption
    from workbook.store.storage import file_is_encrypted
    if not file_is_encrypted(_db_path(args)):
        raise WorkbookError("This workbook is not encrypted, so it has no passphrase. Use 'workbook encrypt'.")
    with _open_store(args) as store:
        report = encryption.change_passphrase(store, Passphrases(args).new())
    print(f"Passphrase changed for the workbook and {report.rewritten} backups.")
    _report_skipped(report)
    return EXIT_OK


def _report_skipped(report) -> None:  # type: ignore[no-untyped-def]
    for backup in report.skipped:
        say_error(f"Left unchanged (made with another passphrase or unreadable): {backup}")


def tui_command(args: argparse.Namespace) -> int:
    run_app(_db_path(args))
    return EXIT_OK


def run_app(path: Path, **run_options: Any) -> None:
    """Open the workbook at ``path`` and run the app until the person quits.

    ``run_options`` go to ``App.run`` (the benchmarks start it headless this way, so
    they measure the same start-up a person gets).
    """
    import gc

    from workbook.store.lock import WriterLock
    from workbook.store.storage import file_is_encrypted
    fsutil.ensure_private_dir(path.parent)
    lock = WriterLock(path)
    lock.acquire()  # a second window is told before anything else happens
    store = None
    # Loading makes many objects that live as long as the program: collecting garbage
    # in the middle of that only costs time (about 0.3 s of a 1.1 s start at ten years),
    # and freezing them afterwards keeps later collections short.
    gc.disable()
    try:
        from workbook.ui.app import WorkbookApp
        from workbook.store.workbook_store import Store
        if file_is_encrypted(path):
            # The app asks for the passphrase on its own masked screen.
            app = WorkbookApp(None, opener=lambda passphrase: Store.open(path, passphrase=passphrase, lock=lock))
        else:
            store = Store.open(path, lock=lock)
            store.entries()  # build the entry index now, with collection paused
            app = WorkbookApp(store)
        gc.freeze()
        gc.enable()
        app.run(**run_options)
        store = app.store
    finally:
        gc.enable()
        if store is not None:
            store.close()
        lock.release()


def check_command(args: argparse.Namespace) -> int:
    from workbook.store.storage import file_is_encrypted
    from workbook.store.workbook_store import check_file, unlock_codec
    path = _db_path(args)
    codec = unlock_codec(path, Passphrases(args).current()) if file_is_encrypted(path) else None
    report = check_file(path, codec)
    (print if report.ok else say_error)(report.message)
    return EXIT_OK if report.ok else EXIT_ERROR


def backup_command(args: argparse.Namespace) -> int:
    with _open_store(args) as store:
        target = backups.make_backup(store.path, "manual")
    print(f"Backup saved: {target}")
    return EXIT_OK


def restore_command(args: argparse.Namespace) -> int:
    from workbook.store.workbook_store import is_readable_workbook
    from workbook.store.lock import WriterLock
    source = Path(args.file).expanduser().absolute()
    db_path = _db_path(args)
    if not source.is_file():
        raise WorkbookError(f"No backup file at {source}. 'workbook backup' lists where backups are kept.")
    from workbook.store.storage import file_is_encrypted
    from workbook.store.workbook_store import unlock_codec
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


def export_command(args: argparse.Namespace) -> int:
    from workbook.worksheets import crisis
    from workbook.worksheets.loader import load_exercises
    from workbook.export.report import Options
    from workbook.export.service import check_options, parse_day, render_export
    from workbook.export.writer import write_output
    from workbook.store.paths import user_exercise_dirs
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
            say_error(f"Preparing {len(entries)} entries…")
        note = crisis.DEFAULTS_NOTE if crisis.uses_defaults(store) else ""
        payload = render_export(args.format, entries, exercises, options, store.settings(),
                                crisis.crisis_lines(store), note)
    target = write_output(args.output, payload, force=args.force)
    if target is not None:
        say_error(f"Saved {target}. This file is not protected by the workbook: keep it somewhere safe "
             "and delete it when you no longer need it.")
    return EXIT_OK


def import_command(args: argparse.Namespace) -> int:
    from workbook.export.json_backup import parse_export
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
