"""Provides the day's rules, the same from the app and the shell: one check-in a day (a
second one adds to the first), a craving logged in one line, what to show after a save, a
lapse added to the plan, a guided practice kept in the practice log, and a new entry's
prompt of the day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from workbook.common.errors import WorkbookError
from workbook.common.i18n import _
from workbook.services.workbook import Workbook
from workbook.worksheets import crisis, insights
from workbook.worksheets.builtin import CheckIn, Cravings, Plan, Practice
from workbook.worksheets.crisis import CrisisList
from workbook.worksheets.definition import Exercise, Role
from workbook.worksheets.entry import Entry
from workbook.worksheets.reactions import Response, response_to_save
from workbook.worksheets.roles import Task


def todays_check_in(book: Workbook) -> Entry | None:
    """Today's check-in, if there is one (there is at most one a day)."""
    from workbook.worksheets.due_today import checked_in_today

    return checked_in_today(book.recent(CheckIn.ID), book.exercises, book.today())


def worksheet(book: Workbook, exercise_id: str) -> Exercise:
    """A worksheet the program needs, or a ``WorkbookError`` saying it is not loaded."""
    exercise = book.exercises.get(exercise_id)
    if exercise is None:
        raise WorkbookError(
            _(
                "A worksheet this needs ({id}) could not be loaded: run 'workbook exercises list'. Nothing was saved."
            ).format(id=exercise_id)
        )
    return exercise


@dataclass(frozen=True)
class CheckedIn:
    """A check-in saved from the shell: the entry, whether it began today's, and the care a
    strong craving in it calls for (``None`` when the craving was not strong)."""

    entry: Entry
    new: bool
    strong: StrongCraving | None


def check_in(book: Workbook, answers: dict[str, Any]) -> CheckedIn:
    """Today's check-in with ``answers``: a new one dated today, or today's one with these
    answers added (one check-in a day: a second would hide the first on Home and in reports)."""
    sheet = worksheet(book, CheckIn.ID)
    existing = todays_check_in(book)
    if existing is None:
        entry = book.save(sheet, {CheckIn.date.id: book.today().isoformat(), **answers})
    else:
        entry = book.save(sheet, {**existing.answers, **answers}, existing)
    return CheckedIn(entry, existing is None, strong_care(book) if _strong_check_in(sheet, answers) else None)


def _strong_check_in(sheet: Exercise, answers: dict[str, Any]) -> bool:
    craving = answers.get(CheckIn.craving.id)
    spec = CheckIn.craving.spec(sheet)
    return (
        isinstance(craving, int)
        and spec is not None
        and craving >= spec.min + insights.STRONG_SHARE * (spec.max - spec.min)
    )


@dataclass(frozen=True)
class StrongCraving:
    """What the person has to hand for a strong craving: their plan (if they wrote one) and
    their own crisis list."""

    plan: Entry | None
    lines: CrisisList

    @property
    def coping(self) -> int:
        return len(Plan.coping.chosen(self.plan.answers)) if self.plan is not None else 0

    @property
    def people(self) -> int:
        return len(crisis.support_contacts(self.plan))


def strong_care(book: Workbook) -> StrongCraving:
    return StrongCraving(insights.current_plan(book.entries(Plan.ID)), crisis.crisis_list(book.settings()))


@dataclass(frozen=True)
class Support:
    """What the person has to hand after a strong craving or a logged use, from their own
    plan and crisis list: the words both faces show (the app's support screen, the shell)."""

    coping: list[str]  # ways to cope, as the plan names them
    people: list[str]  # "Ana (sponsor): 555-0100"
    reasons: str  # the person's reasons for recovery, in their words
    first_steps: list[str]  # after a use: the plan's first steps
    safety: list[str]  # after a use: overdose safety, said once and kindly
    lines: CrisisList


def support(book: Workbook, *, lapse: bool) -> Support:
    return _support(insights.current_plan(book.entries(Plan.ID)), book.exercises.get(Plan.ID), book.settings(), lapse)


def _support(plan: Entry | None, sheet: Exercise | None, settings: dict[str, Any], lapse: bool) -> Support:
    answers = plan.answers if plan else {}
    lines = crisis.crisis_list(settings)
    return Support(
        Plan.coping.labels(answers, sheet),
        [c.text() for c in crisis.support_contacts(plan)],
        Plan.reasons.text(answers),
        Plan.lapse_first_steps.items(answers) if lapse else [],
        crisis.overdose_safety(lines) if lapse else [],
        lines,
    )


def support_beside_the_app(path: Path, *, lapse: bool) -> Support:
    """What ``support`` says, read while the workbook is open in another window (without the
    writer lock: saves are atomic). An encrypted or unreadable workbook gives the crisis
    lines and kind words without the plan's own items (its key is in the other window)."""
    from workbook.services.opening import is_encrypted
    from workbook.store.entry_index import EntryIndex
    from workbook.store.migrations import ENTRIES_TABLE, SETTINGS_TABLE
    from workbook.store.storage import DurableStorage
    from workbook.worksheets.loader import load_shipped

    settings: dict[str, Any] = {}
    plans: list[Entry] = []
    if not is_encrypted(path):
        try:
            data = DurableStorage(path).read() or {}
            found: Any = next(iter(data.get(SETTINGS_TABLE, {}).values()), {})
            settings = found if isinstance(found, dict) else {}
            plans = [e for e in EntryIndex.build(data.get(ENTRIES_TABLE, {})).ordered() if e.exercise == Plan.ID]
        except (WorkbookError, KeyError, TypeError, ValueError):
            pass
    return _support(insights.current_plan(plans), load_shipped(Plan.ID), settings, lapse)


@dataclass(frozen=True)
class CravingLogged:
    entry: Entry
    strong: StrongCraving | None
    used: bool = False  # the person said they used: the lapse steps follow


def craving_answers(
    log: Exercise, strength: int, words: str, *, when: datetime | None = None, outcome: str | None = None
) -> dict[str, Any]:
    """A quick log's answers: the strength, the words, the moment it is about (by the log's
    ``when`` role) and how it ended (its ``outcome`` role)."""
    from workbook.worksheets.quick_log import quick_log_answers

    answers = quick_log_answers(strength, words)
    moment = log.role_field(Role.WHEN)
    if when is not None and moment is not None:
        answers[moment.id] = when.strftime("%Y-%m-%d %H:%M") if moment.kind == "datetime" else when.date().isoformat()
    ending = log.role_field(Role.OUTCOME)
    if outcome is not None and ending is not None:
        answers[ending.id] = outcome
    return answers


def log_craving(
    book: Workbook,
    strength: int,
    words: str,
    *,
    when: datetime | None = None,
    outcome: str | None = None,
) -> CravingLogged:
    """A craving logged in one line (the strength and a few words), about the moment it is
    written or ``when`` (a wall-clock time already checked not to be to come), and how it
    ended when the person says (``outcome``: an option id of the log's outcome). Only a
    strong one or a use reads the plan: a quick note stays quick at decades of entries."""
    log = worksheet(book, Cravings.ID)
    entry = book.save(log, craving_answers(log, strength, words, when=when, outcome=outcome))
    used = insights.is_lapse(log, entry)
    strong = strong_care(book) if insights.is_strong(log, entry) and not used else None
    return CravingLogged(entry, strong, used)


def response_to(book: Workbook, entry: Entry, previous: Entry | None = None) -> Response:
    """What to show after ``entry`` was saved: support after a logged use or a strong craving."""
    return response_to_save(book.exercises.get(entry.exercise), entry, previous)


@dataclass(frozen=True)
class PlanChange:
    """The plan's form, opened with answers to look over before saving."""

    exercise: Exercise
    plan: Entry | None
    answers: dict[str, Any]


def lapse_into_plan(book: Workbook, entry: Entry) -> PlanChange | None:
    """The plan with what happened around ``entry`` (a logged use) added as its last risky
    situation, and what the person will do next time as its plan; ``None`` without a plan worksheet."""
    from workbook.worksheets.plan_edits import lapse_situation, with_situations

    plan_exercise = book.exercises.get(Plan.ID)
    if plan_exercise is None:
        return None
    plans = book.entries(Plan.ID)
    plan = plans[0] if plans else None
    answers = with_situations(
        plan.answers if plan else None,
        [lapse_situation(book.exercises.get(entry.exercise), entry)],
        book.today(),
        plans=[Cravings.next_time.text(entry.answers)],
    )
    return PlanChange(plan_exercise, plan, answers)


def rows_into_plan(book: Workbook, entry: Entry, previous: Entry | None = None) -> PlanChange | None:
    """The plan with the situations of the entry's ``plan-rows`` table added as risky
    situations, each with its plan (rows an earlier version of the entry already had, and
    rows the plan already has, are not added again); ``None`` without a plan worksheet or
    anything new."""
    from workbook.worksheets.plan_edits import with_situations
    from workbook.worksheets.roles import plan_rows_of

    plan_exercise = book.exercises.get(Plan.ID)
    if plan_exercise is None:
        return None
    plans = book.entries(Plan.ID)
    plan = plans[0] if plans else None
    exercise = book.exercises.get(entry.exercise)
    before = set(plan_rows_of(exercise, previous)) if previous is not None else set()
    there = {Plan.high_risk.cell(row, Plan.SITUATION) for row in Plan.high_risk.rows(plan.answers if plan else {})}
    rows = [row for row in plan_rows_of(exercise, entry) if row not in before and row[0] not in there]
    if not rows:
        return None
    answers = with_situations(
        plan.answers if plan else None, [s for s, _p in rows], book.today(), plans=[p for _s, p in rows]
    )
    return PlanChange(plan_exercise, plan, answers)


def prompt_of_the_day(book: Workbook, exercise: Exercise) -> str:
    """A new entry's prompt for today (the worksheet's prompts in turn, one a day)."""
    if not exercise.prompts:
        return ""
    return _("Today's prompt: ") + exercise.prompts[book.today().toordinal() % len(exercise.prompts)]


def save_practice(book: Workbook, answers: dict[str, Any]) -> Entry:
    """A finished guided practice, kept in the practice log. A practice left open longer than
    the log counts is kept at its longest (the log's own check would refuse it, and a backup
    of the workbook must always import)."""
    sheet = worksheet(book, Practice.ID)
    spec = Practice.minutes.spec(sheet)
    minutes = Practice.minutes.number(answers)
    if spec is not None and minutes is not None and minutes > spec.max:
        answers = {**answers, Practice.minutes.id: spec.max}
    return book.save(sheet, answers)


def ride_out(book: Workbook, craving: Entry | None, ridden: dict[str, Any]) -> Entry:
    """Riding out an urge: it completes the craving it began from (what the person wrote there
    wins), or is logged as a new craving when it began from the menu."""
    from workbook.worksheets.practice import completed_craving

    log = worksheet(book, Cravings.ID)
    current = book.get(craving.id, craving.created) if craving is not None else None
    if current is None:
        return book.save(log, ridden)
    return book.save(log, completed_craving(current.answers, ridden), current)


def open_tasks(book: Workbook, entries: list[Entry]) -> list[tuple[Entry, Task]]:
    """Every task not ticked done in ``entries`` (any worksheet with a ``tasks`` table that
    has a tick column): the soonest "by when" first, then those with no date, newest first."""
    from workbook.worksheets.roles import tasks_of

    found = []
    for entry in entries:
        exercise = book.exercises.get(entry.exercise)
        if exercise is None or not exercise.with_role(Role.TASKS):
            continue
        found += [(entry, task) for task in tasks_of(exercise, entry) if not task.done and task.done_column]
    return sorted(found, key=lambda pair: (pair[1].due is None, pair[1].due or date.min))


def set_task_done(book: Workbook, entry: Entry, task: Task, done: bool = True) -> Entry:
    """Tick (or untick) one task of a ``tasks`` table, saved as an edit of its entry (an
    earlier version is kept, as with any edit); ``WorkbookError`` when the entry changed
    so that the row is not that task any more."""
    from workbook.worksheets.roles import tasks_of

    current = book.get(entry.id, entry.created)
    exercise = book.exercises.get(entry.exercise)
    if current is None or exercise is None:
        raise WorkbookError(_("That entry no longer exists."))
    now = {(t.field, t.row): t for t in tasks_of(exercise, current)}
    if (task.field, task.row) not in now or now[(task.field, task.row)].text != task.text or not task.done_column:
        raise WorkbookError(_("That task changed since it was shown. Nothing was changed."))
    rows = [dict(row) if isinstance(row, dict) else row for row in current.answers[task.field]]
    rows[task.row][task.done_column] = done
    return book.save(exercise, {**current.answers, task.field: rows}, current)
