"""Provides looking after the workbook's file, the same from the app and the shell: importing
a JSON export (planned first, a backup before anything changes, and a second import of the
same file adding nothing), erasing deleted entries and earlier versions from every backup,
a backup on request, turning encryption on or off and changing the passphrase.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workbook.common.errors import ImportFormatError, WorkbookError, os_reason
from workbook.common.i18n import _
from workbook.services.events import What
from workbook.services.workbook import Workbook
from workbook.store.backups import RecodeReport
from workbook.store.erasing import EraseReport
from workbook.store.merging import ImportResult, MergePlan

MAX_IMPORT = 128_000_000  # bytes: thirty years of entries is about 15 MB; the same limit as a data file

__all__ = [
    "EraseReport",
    "Forgotten",
    "Imported",
    "RecodeReport",
    "backup",
    "change_passphrase",
    "decrypt",
    "encrypt",
    "forget",
    "import_file",
    "read_for_import",
]


@dataclass(frozen=True)
class Imported:
    """What an import did, and the backup made before it (``None`` when nothing changed)."""

    added: int
    updated: int
    unchanged: int
    left_out: int  # entries the person deleted here, not brought back
    unknown: dict[str, int] = field(default_factory=dict)  # entries of worksheets this computer does not have
    kept: Path | None = None


def read_for_import(source: Path) -> bytes:
    """The bytes of a file to import: a regular file of at most ``MAX_IMPORT`` bytes
    (``WorkbookError`` saying why not). Read before the workbook is opened, so a wrong name is
    told at once."""
    from workbook.common.regular_files import NotARegularFileError
    from workbook.store.fsutil import read_regular

    try:
        return read_regular(source, MAX_IMPORT)
    except NotARegularFileError as exc:
        raise WorkbookError(
            _("{source} cannot be imported: {reason}. Nothing was imported.").format(source=source, reason=exc.reason)
        ) from None
    except OSError as exc:
        raise WorkbookError(
            _("Could not read {source}: {value}. Nothing was imported.").format(source=source, value=os_reason(exc))
        ) from None


def _merged(book: Workbook, plan: MergePlan) -> tuple[ImportResult, Path | None]:
    """Carry out an import's merge: a backup first when something changes, then the merge,
    and the entries brought in kept for the next report since the last one (they carry the
    times they were written elsewhere). The result, and the backup made."""
    from workbook.store import backups

    store = book.store
    kept = None
    if plan.changes and store.path is not None and store.path.exists():
        kept = backups.make_backup(store.path, "before-import", book.now())
    result = store.apply_merge(plan)
    if plan.changes:
        book.announce(What.ENTRIES)
        from workbook.services import report_mark

        try:
            report_mark.note_arrivals(book, [*plan.new, *plan.replacements])
        except WorkbookError:
            pass  # imported; on a full disk the next report of everything still holds them
    return result, kept


def import_file(book: Workbook, source: Path, raw: bytes | None = None) -> Imported:
    """Merge a JSON export (``raw``, read from ``source`` when not given) into the workbook.
    The whole file is checked first and refused whole (``WorkbookError`` naming the reason)
    when any entry is not sound; a backup is made only when something changes, so repeating
    an import never rotates out the copy that mattered."""
    from workbook.export.json_backup import parse_export

    if raw is None:
        raw = read_for_import(source)
    parsed = parse_export(raw, str(source), book.exercises)
    store = book.store
    try:
        plan = store.plan_merge(parsed.entries)
    except ImportFormatError as exc:
        raise ImportFormatError(f"{source}: {exc}") from None
    result, kept = _merged(book, plan)
    return Imported(result.added, result.updated, result.unchanged, result.left_out, dict(parsed.unknown), kept)


@dataclass(frozen=True)
class Forgotten:
    deleted: EraseReport
    versions: EraseReport | None
    drafts: EraseReport | None = None


def forget(book: Workbook, *, versions: bool = False) -> Forgotten:
    """Erase every entry the person deleted from every backup, the typing they let go (drafts
    of deleted entries, discarded drafts in backups) and, with ``versions``, every entry's
    earlier versions here and in every backup."""
    from workbook.store import erasing

    deleted = erasing.erase_deleted(book.store)
    drafts = erasing.erase_drafts(book.store)
    earlier = erasing.erase_versions(book.store) if versions else None
    if earlier is not None and earlier.versions:
        book.announce(What.ENTRIES)
    if drafts.drafts:
        book.announce(What.DRAFTS)
    return Forgotten(deleted, earlier, drafts)


def backup(book: Workbook) -> Path:
    """A copy of the workbook as it is now, kept beside the daily ones."""
    from workbook.store import backups

    if book.path is None:
        raise WorkbookError(_("This workbook is only in memory; there is no file to back up."))
    return backups.make_backup(book.path, "manual", book.now())


def check_new_passphrase(passphrase: str) -> None:
    """``PassphraseError`` saying why ``passphrase`` is not good enough for a new one."""
    from workbook.store.encrypted_codec import check_new_passphrase as check

    check(passphrase)


def _inbox_first(book: Workbook) -> None:
    """What the shell left in the inbox is added before the key changes (its items are
    sealed with the old one)."""
    from workbook.services import inbox

    inbox.merge(book)


def encrypt(book: Workbook, passphrase: str) -> RecodeReport:
    """Encrypt the workbook and every backup (an encrypted one only has its backups brought up to date)."""
    _inbox_first(book)
    from workbook.store import encryption_changes

    return encryption_changes.encrypt(book.store, passphrase)


def decrypt(book: Workbook) -> RecodeReport:
    _inbox_first(book)
    from workbook.store import encryption_changes

    return encryption_changes.decrypt(book.store)


def check_space(book: Workbook) -> None:
    """``WorkbookError`` saying how much to free when the disk lacks room for an encryption change."""
    from workbook.store import encryption_changes

    if book.path is not None:
        encryption_changes.check_space(book.path)


def half_decrypted(book: Workbook) -> bool:
    """True when the workbook is plain but backups an interrupted ``decrypt`` left are still
    encrypted (``finish_decrypt`` with their passphrase makes them plain)."""
    from workbook.store import backups

    return book.path is not None and not book.encrypted and bool(backups.encrypted_backups(book.path))


def finish_decrypt(book: Workbook, passphrase: str) -> RecodeReport:
    from workbook.store import encryption_changes

    return encryption_changes.finish_decrypt(book.store, passphrase)


def change_passphrase(book: Workbook, new_passphrase: str) -> RecodeReport:
    _inbox_first(book)
    from workbook.store import encryption_changes

    return encryption_changes.change_passphrase(book.store, new_passphrase)


@dataclass(frozen=True)
class FromOtherApp:
    """What an import from another app would add (``dry_run``) or added: entries by
    worksheet, what was skipped and why, and the backup made before it."""

    counts: dict[str, int]
    skipped: list[tuple[str, str]]
    added: int
    unchanged: int
    dry_run: bool
    kept: Path | None = None


def import_from_app(
    book: Workbook, source: Path, app: str, *, moods: dict[str, int] | None = None, dry_run: bool = False
) -> FromOtherApp:
    """Import a Daylio CSV (``app="daylio"``), a Bearable CSV (``"bearable"``) or a jrnl JSON
    (``"jrnl"``) export. Nothing is
    written on a dry run; otherwise a backup is made first (when something changes), and a
    second import of the same file adds nothing. ``WorkbookError`` names a file that cannot
    be imported, or Daylio moods that need a number (``moods``)."""
    from workbook.export.other_apps import OtherAppError, Planned, from_bearable, from_daylio, from_jrnl
    from workbook.worksheets.builtin import CheckIn
    from workbook.worksheets.roles import day_of

    raw = read_for_import(source)
    try:
        if app == "daylio":
            plan: Planned = from_daylio(raw, book.exercises, moods or {})
        elif app == "bearable":
            plan = from_bearable(raw, book.exercises, moods or {})
        else:
            plan = from_jrnl(raw, book.exercises)
    except OtherAppError as exc:
        raise WorkbookError(
            _("{source} cannot be imported: {reason}. Nothing was imported.").format(source=source, reason=exc)
        ) from None
    if plan.unknown_moods:
        names = ", ".join(sorted(plan.unknown_moods)[:10])
        example = sorted(plan.unknown_moods)[0]
        raise WorkbookError(
            _(
                "Moods this workbook cannot place on its 1-5 scale: {names}. Say what each is, "
                'like --mood="{example}=2" (1 very low, 5 very good). Nothing was imported.'
            ).format(names=names, example=example)
        )
    # One check-in a day: a day that already has one here keeps it.
    sheet = book.exercises.get(CheckIn.ID)
    have = {day_of(sheet, e): e.id for e in book.entries(CheckIn.ID)} if sheet is not None else {}
    entries, skipped = [], list(plan.skipped)
    seen: set[str] = set()
    today = book.today()
    for entry in plan.entries:
        if entry.id in seen:  # the same row twice in the file: one entry
            continue
        seen.add(entry.id)
        day = day_of(book.exercises.get(entry.exercise), entry)
        if day > today:
            skipped.append((day.isoformat(), _("a day still to come")))
            continue
        if entry.exercise == CheckIn.ID and have.get(day_of(sheet, entry), entry.id) != entry.id:
            skipped.append((entry.answers.get(CheckIn.date.id, ""), _("that day already has a check-in here")))
            continue
        entries.append(entry)
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.exercise] = counts.get(entry.exercise, 0) + 1
    if dry_run:
        known = {e.id for e in book.entries()}
        new = sum(1 for e in entries if e.id not in known)
        return FromOtherApp(counts, skipped, new, len(entries) - new, True)
    result, kept = _merged(book, book.store.plan_merge(entries))
    return FromOtherApp(counts, skipped, result.added, result.unchanged, False, kept)
