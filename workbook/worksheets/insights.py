"""Provides what the worksheets tell each other: strong cravings and lapses, the plan,
suggestions for it from the log, what is due, and the gratitude habit.

Pure functions over entries and definitions (no store, no interface), so Home, the plan
screen and the command line share one meaning of "strong", "due", "in a row" and
"recurring". Generic meanings come from roles; the few built-in ones from the contract.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from workbook.common.i18n import _
from workbook.worksheets.builtin import Cravings, Goals, Gratitude, Plan
from workbook.worksheets.definition import Exercise, Role
from workbook.worksheets.entry import Entry
from workbook.worksheets.roles import Due, day_of, due_of, intensity_of, outcome_of, triggers_of

STRONG_SHARE = 0.7  # the top 30% of a scale counts as strong: 7 or more on 0-10


def is_strong(exercise: Exercise | None, entry: Entry) -> bool:
    """True when the entry's intensity is in the top part of its scale (7 or more of 10)."""
    spec = exercise.role_field(Role.INTENSITY) if exercise is not None else None
    value = intensity_of(exercise, entry)
    if spec is None or value is None:
        return False
    return value >= spec.min + STRONG_SHARE * (spec.max - spec.min)


def is_lapse(exercise: Exercise | None, entry: Entry) -> bool:
    """True when the entry records a use (its outcome option means "use")."""
    return outcome_of(exercise, entry) is True


def current_plan(entries: Iterable[Entry]) -> Entry | None:
    """The relapse-prevention plan among ``entries`` (newest first), if there is one."""
    return next((e for e in entries if e.exercise == Plan.ID), None)


# -- plan suggestions from the log ----------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    situation: str
    count: int


def high_risk_suggestions(
    entries: list[Entry], log: Exercise, plan: Entry | None, minimum: int = 2, limit: int = 8
) -> list[Suggestion]:
    """Triggers, hungry/angry/lonely/tired and places that recur in the log and are not yet in the plan."""
    counts: Counter[str] = Counter()
    places: dict[str, str] = {}
    for entry in entries:
        if entry.exercise != log.id:
            continue
        for label in triggers_of(log, entry):
            counts[label] += 1
        for label in triggers_of(log, entry, Role.HALT):
            counts[_("Feeling {label}").format(label=label.lower())] += 1
        where = Cravings.where.text(entry.answers)
        if where:
            key = " ".join(where.lower().split())
            places.setdefault(key, " ".join(where.split()))
            counts[places[key]] += 1
    situations = [Plan.high_risk.cell(row, Plan.SITUATION) for row in Plan.high_risk.rows(plan.answers)] if plan else []
    known = " ".join(situations).lower()
    return [Suggestion(name, n) for name, n in counts.most_common() if n >= minimum and name.lower() not in known][
        :limit
    ]


# -- what is due ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DueItem:
    entry: Entry
    due: Due


def is_active_goal(entry: Entry) -> bool:
    return entry.exercise == Goals.ID and (Goals.status.chosen(entry.answers) or [Goals.ACTIVE])[0] == Goals.ACTIVE


def active_goals(entries: Iterable[Entry]) -> list[Entry]:
    return [e for e in entries if is_active_goal(e)]


def due_items(entries: list[Entry], exercises: dict[str, Exercise], today: date) -> list[DueItem]:
    """Every ``due`` date that has come (or comes within its field's ``notice_days``): on
    living documents, active goals, and, for any other worksheet, the newest entry that
    answers that date (an older entry's date was answered by the newer one; a newer entry
    that leaves it blank does not hide it)."""
    found: list[DueItem] = []
    newest_seen: set[tuple[str, str]] = set()
    for entry in entries:  # newest first
        exercise = exercises.get(entry.exercise)
        if exercise is None or not exercise.with_role(Role.DUE):
            continue
        every = exercise.single or is_active_goal(entry)
        for due in due_of(exercise, entry):
            key = (entry.exercise, due.field)
            counts = every or (entry.exercise != Goals.ID and key not in newest_seen)
            newest_seen.add(key)
            if counts and due.shows_on(today):
                found.append(DueItem(entry, due))
    return found


# -- the gratitude habit -------------------------------------------------------------------------


def gratitude_streak(entries: list[Entry], exercise: Exercise | None, today: date) -> int:
    """Days in a row with a gratitude entry, ending today or yesterday (a gap starts afresh)."""
    days = {day_of(exercise, e) for e in entries if e.exercise == Gratitude.ID}
    start = today if today in days else today - timedelta(days=1)
    count = 0
    while start - timedelta(days=count) in days:
        count += 1
    return count


def streak_message(streak: int, has_any: bool, wrote_today: bool = False) -> str:
    """Kind words about the habit: never a count of missed days."""
    if streak >= 2:
        return _("Gratitude: {streak} days in a row. Keep it going.").format(streak=streak)
    if streak == 1 and wrote_today:
        return _("Gratitude: written today. One more tomorrow makes a run.")
    if streak == 1:
        return _("Gratitude: you wrote one yesterday. One more today makes a run.")
    if has_any:
        return _("Gratitude: welcome back. Any day is a good day to start again.")
    return _("Gratitude: try writing three small good things today.")
