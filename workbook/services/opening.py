"""Provides opening a workbook, for the app and the shell alike: where the data file is, the
worksheets (shipped and the person's own), ``Door`` (the lock first, then the passphrase,
then the open ``Workbook``), checking a file, restoring a backup, and ``due_today``: a look at
what is due that takes no lock and never opens an encrypted workbook.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbook.common.clock import SYSTEM_CLOCK, Clock
from workbook.common.errors import WorkbookError
from workbook.common.i18n import _, ngettext, set_language
from workbook.worksheets.definition import Exercise, Problem

if TYPE_CHECKING:
    from workbook.services.workbook import Workbook


def data_path(given: str | None = None) -> Path:
    """The data file: ``given`` (``--db``), else ``WORKBOOK_DB``, else the person's data folder."""
    from workbook.store.paths import resolve_db_path

    return resolve_db_path(given)


def load_worksheets() -> tuple[dict[str, Exercise], list[Problem]]:
    """The worksheets (shipped and the person's own) and the problems found loading them."""
    from workbook.store.worksheet_memory import WorksheetMemory
    from workbook.worksheets.loader import load_exercises

    memory = WorksheetMemory()
    found = load_exercises(worksheet_folders(), memory)
    memory.save()
    return found


def worksheet_folders() -> list[Path]:
    """Where the person's own worksheets are read from."""
    from workbook.store.paths import user_exercise_dirs

    return user_exercise_dirs()


def is_encrypted(path: Path) -> bool:
    from workbook.store.codec import file_is_encrypted

    return file_is_encrypted(path)


class Door:
    """Lock, then passphrase, then open: the one way into a workbook.

    ``lock()`` first (a second window is told at once); ``needs_passphrase`` says whether to
    ask; ``open(passphrase)`` may be tried again after a wrong passphrase, the lock still held;
    ``release()`` gives the lock back when the workbook was never opened.
    """

    def __init__(
        self,
        path: Path,
        exercises: dict[str, Exercise] | None = None,
        problems: list[Problem] | None = None,
        clock: Clock = SYSTEM_CLOCK,
        *,
        inbox: bool = True,
    ) -> None:
        """``inbox``: add what the shell left in the inbox as the workbook opens (not for a
        look that must change nothing, such as an import's dry run)."""
        from workbook.store.opening import WorkbookOpener

        self.inbox = inbox
        self.path = path
        self._opener = WorkbookOpener(path)
        self._worksheets = (exercises, problems)
        self.clock = clock

    def lock(self) -> Door:
        self._opener.lock()
        return self

    @property
    def needs_passphrase(self) -> bool:
        return self._opener.needs_passphrase

    def open(self, passphrase: str | None = None) -> Workbook:
        """The open workbook (it owns the lock from now on)."""
        exercises, problems = self._worksheets
        from workbook.services.workbook import Workbook

        book = Workbook(self._opener.open(passphrase), exercises, problems, self.clock)
        return _settled(book) if self.inbox else book

    def open_asking(self, ask: Callable[[], str]) -> Workbook:
        """Lock, ask for the passphrase only when it is needed, open; the lock is released on failure."""
        exercises, problems = self._worksheets
        from workbook.services.workbook import Workbook

        book = Workbook(self._opener.open_asking(ask), exercises, problems, self.clock)
        return _settled(book) if self.inbox else book

    def release(self) -> None:
        self._opener.release()


def _settled(book: Workbook) -> Workbook:
    """``book`` with its years long past closed and the inbox added (not for a look that
    must change nothing)."""
    book.close_years()
    return _with_inbox(book)


def _with_inbox(book: Workbook) -> Workbook:
    """``book`` with what the shell left in its inbox added (``inbox_merged`` says how many).
    A merge that cannot be made now (a full disk) leaves the inbox for the next time."""
    from workbook.services import inbox

    try:
        book.inbox_merged = inbox.merge(book)
    except Exception:  # whatever an item holds, the workbook opens; the inbox waits, whole
        book.inbox_merged = 0
    return book


def check(path: Path, ask: Callable[[], str]) -> tuple[bool, str]:
    """Verify the file at ``path`` entry by entry, changing nothing: whether it is sound, and
    what was found (``ask`` gives the passphrase of an encrypted file)."""
    from workbook.store.checking import check_file
    from workbook.store.opening import unlock_codec

    codec = unlock_codec(path, ask()) if is_encrypted(path) else None
    exercises, _problems = load_worksheets()
    report = check_file(path, exercises, codec)
    return report.ok, report.message


@dataclass(frozen=True)
class Restored:
    kept: Path | None  # the replaced file's backup, if there was a file
    encrypted: bool  # the restored workbook is encrypted
    reencrypted: bool  # written with the workbook's current key


def restore(
    path: Path,
    source: Path,
    *,
    ask_current: Callable[[], str],
    ask_backup: Callable[[], str],
    confirm: Callable[[], bool],
) -> Restored | None:
    """Replace the workbook at ``path`` with the backup ``source`` (the current file is backed up
    first, and encryption is never turned off); ``None`` when the person said no."""
    from workbook.store.restoring import restore_backup

    result = restore_backup(path, source, ask_current=ask_current, ask_backup=ask_backup, confirm=confirm)
    return None if result is None else Restored(result.kept, result.encrypted, result.reencrypted)


@dataclass(frozen=True)
class DueToday:
    """What ``workbook today`` says: ``state`` is "none" (no workbook yet), "encrypted",
    "unreadable" or "read"; ``due`` holds phrases with no entry text."""

    state: str
    due: tuple[str, ...] = ()
    checked_in: bool = False  # today's check-in is done


def due_today(path: Path, *, asked_language: str | None = None, clock: Clock = SYSTEM_CLOCK) -> DueToday:
    """What is due today, read without the writer lock (saves are atomic, and the app may be
    open in another window), in the workbook's own language unless another was asked for."""
    from workbook.store.codec import PlainCodec
    from workbook.store.drafts_file import DraftsUnreadable, drafts_path_for, read_drafts
    from workbook.store.entry_index import EntryIndex
    from workbook.store.language_setting import language_in
    from workbook.store.migrations import DRAFTS_TABLE, ENTRIES_TABLE, SETTINGS_TABLE
    from workbook.store.storage import DurableStorage
    from workbook.worksheets.due_today import due_lines
    from workbook.worksheets.measures import due_measures

    if not path.exists():
        return DueToday("none")
    if is_encrypted(path):
        return DueToday("encrypted")
    try:
        data = DurableStorage(path).read() or {}
        entries = EntryIndex.build(data.get(ENTRIES_TABLE, {})).ordered()[::-1]
    except (WorkbookError, KeyError, TypeError, ValueError):
        return DueToday("unreadable")
    settings: Any = next(iter(data.get(SETTINGS_TABLE, {}).values()), {})
    settings = settings if isinstance(settings, dict) else {}
    remembered = language_in(settings)
    if remembered and not asked_language:
        set_language(remembered)  # the workbook's own language, as the app would speak
    exercises, _problems = load_worksheets()
    today = clock.now().date()
    drafts = len(data.get(DRAFTS_TABLE, {}))
    try:
        found = read_drafts(drafts_path_for(path), PlainCodec())
    except DraftsUnreadable:
        found = None
    drafts += len(found[0]) if found is not None else 0
    extra = (
        [ngettext("{drafts} draft to finish", "{drafts} drafts to finish", drafts).format(drafts=drafts)]
        if drafts
        else []
    )
    checks = [d.exercise.title.split(" (")[0] for d in due_measures(entries, exercises, today, settings)]
    if checks:
        extra.append(
            ngettext("a self-check ({join})", "{count} self-checks ({join})", len(checks)).format(
                count=len(checks), join=_(" and ").join(checks)
            )
        )
    from workbook.worksheets.due_today import checked_in_today

    done = checked_in_today(entries, exercises, today) is not None
    return DueToday("read", tuple(due_lines(entries, exercises, today, extra)), done)
