"""Provides the subcommands that look after the file: ``check``, ``backup``, ``restore``,
``import`` and ``forget``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbook.cli.common import EXIT_ERROR, EXIT_OK, Passphrases, db_path, open_workbook, say, say_error
from workbook.common.errors import WorkbookError
from workbook.common.i18n import _, ngettext

# "yes" in the languages the program speaks: the question may be asked in either.
YES = ("y", "yes", "s", "si", "sí")  # English and Spanish, whichever is spoken


def yes_word() -> str:
    """The word to type to confirm, in the language spoken ("yes", "sí")."""
    return _("yes")


def check_command(args: argparse.Namespace) -> int:
    from workbook.services.opening import check

    ok, message = check(db_path(args), Passphrases(args).current)
    (say if ok else say_error)(message)
    return EXIT_OK if ok else EXIT_ERROR


def backup_command(args: argparse.Namespace) -> int:
    from workbook.services.care import backup

    with open_workbook(args, {}) as book:
        target = backup(book)
    say(_("Backup saved: {target}").format(target=target))
    return EXIT_OK


def _confirm(db: Path, source: Path, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        raise WorkbookError(_("Restoring replaces your current workbook. Add --yes to confirm. Nothing was changed."))
    answer = input(
        _("Replace {db} with {name}? The current file is backed up first. Type {yes} to confirm: ").format(
            db=db, name=source.name, yes=yes_word()
        )
    )
    if answer.strip().lower() in YES:
        return True
    say(_("Nothing was changed."))
    return False


def restore_command(args: argparse.Namespace) -> int:
    from workbook.services.opening import restore

    source = Path(args.file).expanduser().absolute()
    db = db_path(args)
    asks = Passphrases(args)
    result = restore(
        db,
        source,
        ask_current=lambda: asks.current(_("workbook's passphrase")),
        ask_backup=lambda: asks.current(_("passphrase of this backup")),
        confirm=lambda: _confirm(db, source, args.yes),
    )
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


def _moods(given: list[str] | None) -> dict[str, int]:
    """``--mood "tired=2"`` values, each checked (``WorkbookError`` with an example otherwise)."""
    found: dict[str, int] = {}
    for text in given or []:
        name, _sep, number = text.rpartition("=")
        if not name.strip() or number.strip() not in {"1", "2", "3", "4", "5"}:
            raise WorkbookError(
                _('--mood takes a mood\'s name and a number from 1 to 5, like --mood "tired=2"; not "{text}". '
                  "Nothing was imported.").format(text=text[:40])
            )  # fmt: skip
        found[name.strip()] = int(number)
    return found


def _from_app(args: argparse.Namespace) -> int:
    """An import from Daylio, Bearable or jrnl: what would be added first (``--dry-run``), or added."""
    from workbook.services.care import import_from_app

    source = Path(args.file).expanduser()
    moods = _moods(args.mood)
    with open_workbook(args, inbox=not args.dry_run) as book:  # a dry run changes no byte
        result = import_from_app(book, source, args.app, moods=moods, dry_run=args.dry_run)
        titles = {key: book.exercises[key].title for key in result.counts if key in book.exercises}
    by_sheet = ", ".join(f"{titles.get(k, k)}: {n}" for k, n in sorted(result.counts.items())) or _("nothing")
    if result.dry_run:
        say(
            _(
                "A dry run: nothing was changed. From {name}: {by_sheet} ({added} new, {unchanged} already here)."
            ).format(name=source.name, by_sheet=by_sheet, added=result.added, unchanged=result.unchanged)
        )
    else:
        say(
            _("Imported from {name}: {added} new, {unchanged} already here ({by_sheet}).").format(
                name=source.name, added=result.added, unchanged=result.unchanged, by_sheet=by_sheet
            )
            + (_(" The workbook before the import is saved as {kept}.").format(kept=result.kept) if result.kept else "")
        )
    if result.skipped:
        say(_("Skipped {count}:").format(count=len(result.skipped)))
        for where, why in result.skipped[:20]:
            say(f"  {where}: {why}")
        if len(result.skipped) > 20:
            say(_("  … and {count} more.").format(count=len(result.skipped) - 20))
    return EXIT_OK


def import_command(args: argparse.Namespace) -> int:
    from workbook.services.care import import_file, read_for_import

    if getattr(args, "app", "workbook") != "workbook":
        return _from_app(args)
    if getattr(args, "dry_run", False) or getattr(args, "mood", None):
        raise WorkbookError(
            _(
                "--dry-run and --mood are for imports from other apps (--from daylio, bearable or jrnl). "
                "Nothing was imported."
            )
        )
    source = Path(args.file).expanduser()
    raw = read_for_import(source)
    with open_workbook(args) as book:
        result = import_file(book, source, raw)
    say(
        _("Imported from {name}: {added} new, {updated} updated, {unchanged} already here.").format(
            name=source.name, added=result.added, updated=result.updated, unchanged=result.unchanged
        )
        + (_(" The workbook before the import is saved as {kept}.").format(kept=result.kept) if result.kept else "")
    )
    if result.left_out:
        say(_("{left_out} of them you had deleted here: they were left out.").format(left_out=result.left_out))
    if result.unknown:
        names = ", ".join(sorted(result.unknown))
        say(
            _(
                "{sum} of them belong to worksheets this computer does not have ({names}): they are "
                "kept, and show once that worksheet is added."
            ).format(sum=sum(result.unknown.values()), names=names)
        )
    return EXIT_OK


def forget_command(args: argparse.Namespace) -> int:
    from workbook.services.care import forget

    with open_workbook(args, {}) as book:
        what = _("every entry you deleted and every draft you let go, from every backup") + (
            _(", and every entry's earlier versions, here and in every backup") if args.versions else ""
        )
        if not args.yes:
            if not sys.stdin.isatty():
                raise WorkbookError(
                    _("This erases {what}. Add --yes to confirm. Nothing was changed.").format(what=what)
                )
            answer = input(
                _("Erase {what}? This cannot be undone. Type {yes} to confirm: ").format(what=what, yes=yes_word())
            )
            if answer.strip().lower() not in YES:
                say(_("Nothing was changed."))
                return EXIT_OK
        forgotten = forget(book, versions=args.versions)
    report, versions = forgotten.deleted, forgotten.versions
    count, copies = report.entries, report.backups_changed
    backups = ngettext("{count} backup", "{count} backups", copies).format(count=copies)
    say(
        ngettext(
            "Erased {count} deleted entry from {backups}.", "Erased {count} deleted entries from {backups}.", count
        ).format(count=count, backups=backups)
    )
    if versions is not None:
        changed = ngettext("{count} backup", "{count} backups", versions.backups_changed).format(
            count=versions.backups_changed
        )
        say(
            ngettext(
                "Erased {count} earlier version (here and in {backups}).",
                "Erased {count} earlier versions (here and in {backups}).",
                versions.versions,
            ).format(count=versions.versions, backups=changed)
        )
    drafts = forgotten.drafts.drafts if forgotten.drafts is not None else 0
    if drafts:
        say(
            ngettext(
                "Erased {count} draft you no longer have (here or in backups).",
                "Erased {count} drafts you no longer have (here or in backups).",
                drafts,
            ).format(count=drafts)
        )
    skipped = {*report.skipped, *(forgotten.drafts.skipped if forgotten.drafts is not None else [])}
    for path in sorted(skipped):
        say_error(_("Left unchanged (made with another passphrase or unreadable): {skipped}").format(skipped=path))
    return EXIT_OK
