"""Provides the subcommands that look after the file: ``check``, ``backup``, ``restore``,
``import`` and ``forget``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbook.cli.common import EXIT_ERROR, EXIT_OK, Passphrases, db_path, load_worksheets, open_store, say, say_error
from workbook.store.errors import WorkbookError

MAX_IMPORT = 200_000_000  # bytes: a lifetime of entries is a few tens of MB


def check_command(args: argparse.Namespace) -> int:
    from workbook.store.checking import check_file
    from workbook.store.codec import file_is_encrypted
    from workbook.store.opening import unlock_codec
    path = db_path(args)
    codec = unlock_codec(path, Passphrases(args).current()) if file_is_encrypted(path) else None
    exercises, _problems = load_worksheets()
    report = check_file(path, exercises, codec)
    (say if report.ok else say_error)(report.message)
    return EXIT_OK if report.ok else EXIT_ERROR


def backup_command(args: argparse.Namespace) -> int:
    from workbook.store import backups
    with open_store(args) as store:
        assert store.path is not None
        target = backups.make_backup(store.path, "manual")
    say(f"Backup saved: {target}")
    return EXIT_OK


def _confirm(db: Path, source: Path, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        raise WorkbookError("Restoring replaces your current workbook. Add --yes to confirm. Nothing was changed.")
    answer = input(f"Replace {db} with {source.name}? The current file is backed up first. Type yes: ")
    if answer.strip().lower() in ("y", "yes"):
        return True
    say("Nothing was changed.")
    return False


def restore_command(args: argparse.Namespace) -> int:
    from workbook.store.restoring import restore_backup
    source = Path(args.file).expanduser().absolute()
    db = db_path(args)
    asks = Passphrases(args)
    result = restore_backup(db, source, ask_current=lambda: asks.current("workbook's passphrase"),
                            ask_backup=lambda: asks.current("passphrase of this backup"),
                            confirm=lambda: _confirm(db, source, args.yes))
    if result is None:
        return EXIT_OK
    notes = [f"Restored {source.name}."]
    if result.kept:
        notes.append(f"The file it replaced is saved as {result.kept}.")
    if result.reencrypted:
        notes.append("It is encrypted with your current passphrase, like the workbook it replaced.")
    elif result.encrypted:
        notes.append("It is encrypted: the passphrase this backup was made with opens it.")
    say(" ".join(notes))
    return EXIT_OK


def import_command(args: argparse.Namespace) -> int:
    from workbook.export.json_backup import parse_export
    from workbook.store.errors import ImportFormatError
    from workbook.store import backups
    from workbook.store.fsutil import read_regular
    from workbook.common.regular_files import NotARegularFileError
    source = Path(args.file).expanduser()
    try:
        raw = read_regular(source, MAX_IMPORT)
    except NotARegularFileError as exc:
        raise WorkbookError(f"{source} cannot be imported: {exc.reason}. Nothing was imported.") from None
    except OSError as exc:
        raise WorkbookError(f"Could not read {source}: {exc.strerror or type(exc).__name__}. "
                            "Nothing was imported.") from None
    exercises, _problems = load_worksheets()
    parsed = parse_export(raw, str(source), exercises)
    with open_store(args) as store:
        try:
            plan = store.plan_merge(parsed.entries)
        except ImportFormatError as exc:
            raise ImportFormatError(f"{source}: {exc}") from None
        kept = None
        # A backup only when something changes: repeating an import must never rotate out the
        # copy from before the import that mattered.
        if plan.changes and store.path is not None and store.path.exists():
            kept = backups.make_backup(store.path, "before-import")
        result = store.apply_merge(plan)
    say(f"Imported from {source.name}: {result.added} new, {result.updated} updated, "
          f"{result.unchanged} already here." + (f" The workbook before the import is saved as {kept}." if kept else ""))
    if result.left_out:
        say(f"{result.left_out} of them you had deleted here: they were left out.")
    if parsed.unknown:
        names = ", ".join(sorted(parsed.unknown))
        say(f"{sum(parsed.unknown.values())} of them belong to worksheets this computer does not have ({names}): "
              "they are kept, and show once that worksheet is added.")
    return EXIT_OK


def forget_command(args: argparse.Namespace) -> int:
    from workbook.store import erasing
    with open_store(args) as store:
        what = ("every entry you deleted, from every backup" +
                (", and every entry's earlier versions, here and in every backup" if args.versions else ""))
        if not args.yes:
            if not sys.stdin.isatty():
                raise WorkbookError(f"This erases {what}. Add --yes to confirm. Nothing was changed.")
            answer = input(f"Erase {what}? This cannot be undone. Type yes: ")
            if answer.strip().lower() not in ("y", "yes"):
                say("Nothing was changed.")
                return EXIT_OK
        report = erasing.erase_deleted(store)
        versions = erasing.erase_versions(store) if args.versions else None
    count, copies = report.entries, report.backups_changed
    parts = [f"Erased {count} deleted entr{'y' if count == 1 else 'ies'} from {copies} backup{'' if copies == 1 else 's'}"]
    if versions is not None:
        parts.append(f"{versions.versions} earlier version{'' if versions.versions == 1 else 's'} "
                     f"(here and in {versions.backups_changed} backup{'' if versions.backups_changed == 1 else 's'})")
    say(" and ".join(parts) + ".")
    for skipped in report.skipped:
        say_error(f"Left unchanged (made with another passphrase or unreadable): {skipped}")
    return EXIT_OK
