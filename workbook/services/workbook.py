"""Provides ``Workbook``: the open workbook as the app and the shell see it.

It reads what is in the workbook, saves an entry only through ``validate_entry`` (so the
form, the shell, practice and imports keep one rule), marks entries for the next session,
deletes with undo, keeps settings and drafts, speaks the workbook's language, and tells its
listeners about every change (``Changed``). It holds the clock; nothing above it reads the
real time. It never imports Textual, so every rule here is tested without an app.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from workbook.common.clock import SYSTEM_CLOCK, Clock
from workbook.common.errors import WorkbookError
from workbook.common.i18n import _, language, set_language
from workbook.services.events import Changed, Listener, Listeners, What
from workbook.store.language_setting import LANGUAGE_SETTING, keep_beside, language_in, remember_language
from workbook.store.workbook_store import Store
from workbook.worksheets.builtin import CORE_ORDER
from workbook.worksheets.definition import Exercise, Problem, Role
from workbook.worksheets.drafts import Draft, draft_key
from workbook.worksheets.entry import Entry
from workbook.worksheets.entry_check import EntryProblem, parse_stamp, validate_entry
from workbook.worksheets.translation import localized

# Home shows the entries written in the last RECENT_DAYS (a gratitude run, a check-in strip):
# the years they reach are never closed, so Home never unpacks one.
RECENT_DAYS = 400


class EntryNotValid(WorkbookError):
    """Answers that do not fit their worksheet; ``problems`` says where, field by field."""

    def __init__(self, exercise: Exercise, problems: list[EntryProblem]) -> None:
        self.problems = problems
        first = problems[0]
        spec = exercise.field(first.field)
        super().__init__(
            _("{value}: {problem} Nothing was saved.").format(
                value=spec.label if spec is not None else first.field, problem=first.reason
            )
        )


class Workbook:
    """The open workbook, its worksheets and its clock."""

    def __init__(
        self,
        store: Store,
        exercises: dict[str, Exercise] | None = None,
        problems: list[Problem] | None = None,
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        """``exercises`` are the worksheets in use (the shipped ones and the person's own when
        not given); ``problems`` are those that could not be loaded."""
        if exercises is None:
            from workbook.services.opening import load_worksheets

            exercises, problems = load_worksheets()
        self._store = store
        store.clock = clock
        self.clock = clock
        self.exercises = exercises
        self.problems = list(problems or [])
        self._listeners = Listeners()
        self._deleted: Entry | None = None
        self._aside_told = store.set_aside_count()  # said as the workbook opened
        self.inbox_merged = 0  # entries the shell left in the inbox, added as this workbook opened

    # -- the clock and the worksheets -----------------------------------------------

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        return self.clock.now().date()

    def ordered_exercises(self) -> list[Exercise]:
        """The core worksheets in the program's order, then the rest by title."""
        core = [self.exercises[i] for i in CORE_ORDER if i in self.exercises]
        rest = sorted((e for i, e in self.exercises.items() if i not in CORE_ORDER), key=lambda e: e.title)
        return core + rest

    # -- listeners ------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener`` after every change this workbook makes."""
        self._listeners.subscribe(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self._listeners.unsubscribe(listener)

    def announce(self, what: What, *keys: str) -> None:
        """Tell every listener that ``what`` changed (for ``keys``: worksheets or settings)."""
        self._listeners.announce(Changed(what, frozenset(keys)))

    # -- what is in it --------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        """The data file (``None`` for a workbook kept only in memory)."""
        return self._store.path

    @property
    def backup_folder(self) -> Path | None:
        from workbook.store.paths import backup_dir_for

        return backup_dir_for(self._store.path) if self._store.path is not None else None

    @property
    def encrypted(self) -> bool:
        return self._store.encrypted

    @property
    def backup_problem(self) -> str:
        """Why today's automatic backup could not be made ("" when it was)."""
        return self._store.backup_problem

    def passphrase_check(self) -> Callable[[str], bool] | None:
        """For an encrypted workbook, a check that a typed passphrase is its own (the hide
        screen asks for it); ``None`` for a plain one."""
        codec = self._store.codec
        return codec.verify if codec.encrypted else None

    def set_aside_count(self) -> int:
        return self._store.set_aside_count()

    def newly_set_aside(self) -> int:
        """How many damaged records were set aside since this was last asked (or since the
        workbook opened): a closed year found damaged when it was first read."""
        now = self._store.set_aside_count()
        new, self._aside_told = now - self._aside_told, now
        return max(new, 0)

    def reading_problem(self) -> str:
        """Why damaged entries of years long past could not be set aside when they were read
        ("" when nothing to say); said once."""
        problem, self._store.reading_problem = self._store.reading_problem, ""
        return problem

    def entries(self, exercise: str | None = None) -> list[Entry]:
        """Entries, newest written first, optionally of one worksheet (read-only: change one
        through this class)."""
        return self._store.entries(exercise)

    def get(self, entry_id: str, created: str | None = None) -> Entry | None:
        """The entry with ``entry_id``; ``created``, when known, spares reading closed years
        far from it."""
        return self._store.get(entry_id, created)

    def recent(self, exercise_id: str) -> list[Entry]:
        """One worksheet's entries written this year and last year, newest first: where
        today's check-in is (years long past are closed, and stay so)."""
        # Those years are never closed, so what is at hand holds them all: nothing is unpacked.
        first = self.today().year - 1
        return [e for e in self._store.read_so_far(exercise_id) if e.created_at.year >= first]

    def first_day(self) -> date | None:
        """The day the first entry was written (``None`` in an empty workbook): what the
        workbook knows begins there."""
        first = self._store.first_moment()
        return first.date() if first is not None else None

    def counts(self) -> dict[str, int]:
        return self._store.counts()

    def read_so_far(self, exercise_id: str) -> tuple[list[Entry], bool]:
        """One worksheet's entries that can be shown at once, newest first, and whether closed
        years hold more (``entries`` reads them: in a worker, where a screen waits for it)."""
        return self._store.read_so_far(exercise_id), self._store.has_unread(exercise_id)

    def newest(self, exercise_id: str, count: int) -> list[Entry]:
        """One worksheet's ``count`` newest entries, newest first (closed years stay closed
        unless one may hold them)."""
        return self._store.newest(exercise_id, count)

    def last_use(self, exercise_id: str) -> Entry | None:
        """The newest entry of a worksheet that logged a use (``None`` when none did)."""
        return self._store.latest(exercise_id, self._logged_use)

    def _logged_use(self, entry: Entry) -> bool:
        from workbook.worksheets.roles import outcome_of

        exercise = self.exercises.get(entry.exercise)
        return (
            exercise is not None
            and exercise.role_field(Role.OUTCOME) is not None
            and outcome_of(exercise, entry) is True
        )

    def close_years(self) -> int:
        """Close the years long past (``workbook.store.archive``): their entries are kept packed
        in the same file and read when asked for. Living documents (a worksheet kept as one
        entry, such as the plan), entries of worksheets not loaded here and each worksheet's
        last logged use stay live. How many entries were closed; 0 when it cannot be done now
        (a full disk, a damaged file), which changes nothing."""
        # Only worksheets this opening knows are judged: the shell's quick log loads its own
        # worksheet alone, and must not close a living document it cannot recognise.
        closable = {i for i, e in self.exercises.items() if not e.single}
        try:
            return self._store.close_years(
                self.today(), lambda e: e.exercise not in closable, self._logged_use, RECENT_DAYS
            )
        except Exception:  # closing is upkeep: whatever a file holds, the workbook opens, unchanged
            return 0

    def marked(self) -> list[Entry]:
        return self._store.marked()

    def written_since(self, moment: datetime) -> list[Entry]:
        return self._store.written_since(moment)

    def settings(self) -> dict[str, Any]:
        return self._store.settings()

    def setting(self, key: str, default: Any = None) -> Any:
        return self._store.get_setting(key, default)

    # -- saving ---------------------------------------------------------------------

    def check(self, exercise: Exercise, answers: dict[str, Any]) -> list[EntryProblem]:
        """Every reason ``answers`` cannot be saved for ``exercise`` (empty when they can)."""
        return validate_entry(exercise, answers, now=self.now())

    def save(
        self,
        exercise: Exercise,
        answers: dict[str, Any],
        entry: Entry | None = None,
        *,
        private: bool | None = None,
        bring: bool | None = None,
        created: str | None = None,
    ) -> Entry:
        """Save ``answers`` as a new entry of ``exercise`` (or over ``entry``), once they pass
        ``validate_entry``; drafts are kept (the form drops its own). ``EntryNotValid`` says what
        to change; a full disk raises ``SaveError`` with nothing changed."""
        problems = self.check(exercise, answers)
        if problems:
            raise EntryNotValid(exercise, problems)
        moment = parse_stamp(created) if created is not None else None
        if created is not None and (moment is None or moment > self.now()):
            raise WorkbookError(
                _(
                    "An entry's time must be a moment that has come, written like "
                    "2026-11-20T21:14:03-05:00. Nothing was saved."
                )
            )
        if entry is None:
            saved = self._store.add(
                exercise.id,
                answers,
                exercise_version=exercise.version,
                private=bool(private),
                bring_to_session=bool(bring),
                created=created,
            )
        else:
            saved = self._store.update(
                entry.id, answers, exercise_version=exercise.version, private=private, bring_to_session=bring
            )
        self.announce(What.ENTRIES, exercise.id)
        self._note_arrivals([saved])  # a clock set back after a report
        # Drafts are left alone: a draft is typing in a form, and only that form, once it has
        # saved, lets it go (a quick log, a shell entry or a ticked task saving an entry of the
        # same worksheet must never take someone's unsaved words with it).
        return saved

    def save_setting(self, key: str, value: Any) -> None:
        """Keep a setting (``WorkbookError`` when it cannot be: a full disk)."""
        current = self._store.settings()
        if key in current and current[key] == value:
            return
        self._store.set_setting(key, value)
        self.announce(What.SETTINGS, key)

    # -- marks ------------------------------------------------------------------------

    def toggle_mark(self, entry: Entry) -> Entry:
        """Mark ``entry`` to bring to the next session, or take the mark away; the entry as it is now."""
        marked = self._store.mark(entry.id, not entry.bring_to_session)
        self.announce(What.ENTRIES, entry.exercise)
        return marked

    def marked_count(self) -> int:
        return len(self._store.marked())

    def clear_marks(self) -> int:
        """Take the "bring to session" mark off every entry; how many there were."""
        marked = self._store.marked()
        for entry in marked:
            self._store.mark(entry.id, False)
        if marked:
            self.announce(What.ENTRIES, *{e.exercise for e in marked})
        return len(marked)

    # -- delete and undo --------------------------------------------------------------

    def delete(self, entry_id: str) -> Entry:
        """Delete an entry (from the file: backups keep it until ``forget``); undo can put it back."""
        self._deleted = self._store.delete(entry_id)
        try:  # a draft of an edit to it could never be opened or discarded again
            self.drop_draft(draft_key(self._deleted.exercise, entry_id))
        except WorkbookError:
            pass  # the entry is deleted; a draft left behind is harmless, and forget erases it
        self.announce(What.ENTRIES, self._deleted.exercise)
        return self._deleted

    @property
    def can_undo(self) -> bool:
        return self._deleted is not None

    def undo_delete(self) -> Entry | None:
        """Put the last deleted entry back, with its id and history; ``None`` when there is none."""
        entry, self._deleted = self._deleted, None
        if entry is not None:
            try:
                self._store.restore_entry(entry)
            except WorkbookError:
                self._deleted = entry  # not put back (a full disk): the next undo tries again
                raise
            self.announce(What.ENTRIES, entry.exercise)
            self._note_arrivals([entry])  # back as it was, with its old stamps
        return entry

    def _note_arrivals(self, entries: list[Entry]) -> None:
        """Entries that reached the workbook with stamps from before the last report: kept
        for the next report since it (``report_mark``), so none is in no report."""
        from workbook.services import report_mark

        try:
            report_mark.note_arrivals(self, entries)
        except WorkbookError:
            pass  # the entry is saved; on a full disk the next report of everything still holds it

    # -- drafts -----------------------------------------------------------------------

    def drafts(self) -> list[Draft]:
        """Every whole draft, newest first."""
        from workbook.worksheets.drafts import drafts_of

        return drafts_of(self._store.drafts())

    def draft(self, key: str) -> Draft | None:
        return Draft.from_dict(self._store.drafts().get(key, {}))

    def keep_draft(self, draft: Draft) -> None:
        """Keep an unsaved form durably (``WorkbookError`` when it cannot be)."""
        self._store.save_draft(draft.key, draft.to_dict())
        self.announce(What.DRAFTS, draft.exercise)

    def drop_draft(self, key: str) -> None:
        if key in self._store.drafts():
            self._store.delete_draft(key)
            self.announce(What.DRAFTS, key.split(":")[0])

    # -- language ---------------------------------------------------------------------

    def speak(self, asked: str | None = None) -> str:
        """Speak ``asked`` (from ``--lang``) when given, else the workbook's own language when it
        has one, else the one chosen already; the worksheets follow. The language spoken."""
        chosen = asked or language_in(self._store.settings())
        if chosen:
            set_language(chosen)
        keep_beside(self._store)  # so an encrypted workbook's lock screen speaks it next time
        spoken = language()
        self.exercises = {key: localized(exercise, spoken) for key, exercise in self.exercises.items()}
        return spoken

    def remember_language(self, name: str) -> None:
        """Keep ``name`` as this workbook's language (``WorkbookError`` when it cannot be kept)."""
        remember_language(self._store, name)
        self.announce(What.SETTINGS, LANGUAGE_SETTING)

    # -- closing ----------------------------------------------------------------------

    def close(self) -> None:
        """Release the file and the writer lock."""
        self._store.close()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def store(self) -> Store:
        """The store underneath, for the application layer's own modules (never for a face)."""
        return self._store
