"""Provides the subcommands that look after the file: ``check``, ``backup``, ``restore``,
``import`` and ``forget``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbook.cli.common import EXIT_ERROR, EXIT_OK, Passphrases, db_path, load_worksheets, open_store, say, say_error
from workbook.store.errors import WorkbookError
from workbook.common.i18n import _, ngettext

MAX_IMPORT = 200_000_000  # bytes: a lifetime of entries is a few tens of MB


# "yes" in the languages the program speaks: the question may be asked in either.
YES = ("y", "yes", "s", "si", "sí")


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
    say(_("Backup saved: {target}").format(target=target))
    return EXIT_OK


def _confirm(db: Path, source: Path, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        raise WorkbookError(_("Restoring replaces your current workbook. Add --yes to confirm. "
                              "Nothing was changed."))
    answer = input(_("Replace {db} with {name}? The current file is backed up first. Type yes: ").format(
        db=db, name=source.name))
    if answer.strip().lower() in YES:
        return True
    say(_("Nothing was changed."))
    return False


def restore_command(args: argparse.Namespace) -> int:
    from workbook.store.restoring import restore_backup
    source = Path(args.file).expanduser().absolute()
    db = db_path(args)
    asks = Passphrases(args)
    result = restore_backup(db, source, ask_current=lambda: asks.current(_("workbook's passphrase")),
                            ask_backup=lambda: asks.current(_("passphrase of this backup")),
                            confirm=lambda: _confirm(db, source, args.yes))
    if result is None:
        return EXIT_OK
    notes = [_("Restored {name}.").format(name=source.name)]
    if result.kept:
        notes.append(_("The file it replaced is saved as {kept}.").format(kept=result.kept))
    if result.reencrypted:
        notes.append(_("It is encrypted with your current passphrase, like the workbook it replaced."))
    elif result.encrypted:
        notes.append(_("It is encrypted: the passphrase this backup was made with opens it."))
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
        raise WorkbookError(_("{source} cannot be imported: {reason}. Nothing was imported.").format(
            source=source, reason=exc.reason)) from None
    except OSError as exc:
        raise WorkbookError(_("Could not read {source}: {value}. Nothing was imported.").format(
            source=source, value=exc.strerror or type(exc).__name__)) from None
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
    say(_("Imported from {name}: {added} new, {updated} updated, {unchanged} already here.").format(
        name=source.name, added=result.added, updated=result.updated,
        unchanged=result.unchanged) + (_(" The workbook before the import is saved as {kept}.").format(
            kept=kept) if kept else ""))
    if result.left_out:
        say(_("{left_out} of them you had deleted here: they were left out.").format(left_out=result.left_out))
    if parsed.unknown:
        names = ", ".join(sorted(parsed.unknown))
        say(_("{sum} of them belong to worksheets this computer does not have ({names}): they are "
              "kept, and show once that worksheet is added.").format(sum=sum(parsed.unknown.values()), names=names))
    return EXIT_OK


def forget_command(args: argparse.Namespace) -> int:
    from workbook.store import erasing
    with open_store(args) as store:
        what = (_("every entry you deleted, from every backup") +
                (_(", and every entry's earlier versions, here and in every backup") if args.versions else ""))
        if not args.yes:
            if not sys.stdin.isatty():
                raise WorkbookError(_("This erases {what}. Add --yes to confirm. Nothing was changed.").format(
                    what=what))
            answer = input(_("Erase {what}? This cannot be undone. Type yes: ").format(what=what))
            if answer.strip().lower() not in YES:
                say(_("Nothing was changed."))
                return EXIT_OK
        report = erasing.erase_deleted(store)
        versions = erasing.erase_versions(store) if args.versions else None
    count, copies = report.entries, report.backups_changed
    backups = ngettext("{count} backup", "{count} backups", copies).format(count=copies)
    say(ngettext("Erased {count} deleted entry from {backups}.", "Erased {count} deleted entries from {backups}.",
                 count).format(count=count, backups=backups))
    if versions is not None:
        changed = ngettext("{count} backup", "{count} backups", versions.backups_changed).format(
            count=versions.backups_changed)
        say(ngettext("Erased {count} earlier version (here and in {backups}).",
                     "Erased {count} earlier versions (here and in {backups}).",
                     versions.versions).format(count=versions.versions, backups=changed))
    for skipped in report.skipped:
        say_error(_("Left unchanged (made with another passphrase or unreadable): {skipped}").format(skipped=skipped))
    return EXIT_OK
