"""What the worksheets tell each other: streaks, due reviews, suggestions, quick logs.

Pure functions over entries (no store, no Textual), so Home, the plan screen
and the command line share one meaning of "due", "in a row" and "recurring".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from workbook.worksheets.answers import is_empty
from workbook.worksheets.loader import Exercise
from workbook.worksheets.entry import Entry

STRONG_CRAVING = 7
TRIGGER_LOG, PLAN, GOALS, GRATITUDE = "trigger-log", "relapse-prevention-plan", "goal-setting", "gratitude-journal"


# -- quick craving log -------------------------------------------------------------------

_QUICK = re.compile(r"^\s*(\d{1,2})(?:\s+(.*?))?\s*$", re.DOTALL)


def parse_quick_log(text: str) -> tuple[int, str]:
    """'7 after the call' -> (7, 'after the call'); ``ValueError`` with a kind message otherwise."""
    match = _QUICK.match(text)
    if not match or not 0 <= int(match.group(1)) <= 10:
        raise ValueError("Start with how strong it is, a number from 0 to 10, then a few words if you like. "
                         "For example: 7 after the phone call")
    return int(match.group(1)), (match.group(2) or "").strip()


def quick_log_answers(strength: int, words: str) -> dict[str, Any]:
    answers: dict[str, Any] = {"strength": strength}
    if words:
        answers["note"] = words
    return answers


def parse_strength(text: str) -> int:
    """A craving strength from the command line (0-10), or ``ValueError`` saying what to type."""
    stripped = text.strip()
    if not (stripped.isascii() and stripped.isdigit()) or not 0 <= int(stripped) <= 10:
        raise ValueError(f"The strength should be a whole number from 0 to 10, not \"{text}\".")
    return int(stripped)


def is_strong(entry: Entry) -> bool:
    strength = entry.answers.get("strength")
    return entry.exercise == TRIGGER_LOG and isinstance(strength, int) and strength >= STRONG_CRAVING


def is_lapse(entry: Entry) -> bool:
    return entry.exercise == TRIGGER_LOG and entry.answers.get("outcome") == "used"


# -- the person's own plan, in their words ------------------------------------------------------

def current_plan(entries: list[Entry]) -> Entry | None:
    plans = [e for e in entries if e.exercise == PLAN]
    return plans[0] if plans else None


def plan_list(plan: Entry | None, exercise: Exercise | None, field_id: str) -> list[str]:
    """A list-like plan answer as plain strings (choices by label, table rows by first column)."""
    if plan is None:
        return []
    value = plan.answers.get(field_id)
    if is_empty(value):
        return []
    spec = exercise.field(field_id) if exercise else None
    out = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            out.append(" · ".join(str(v) for v in item.values() if v not in (None, "", True, False)))
        elif spec is not None and spec.kind == "choice":
            out.append(spec.option_label(str(item)))
        else:
            out.append(str(item))
    return [o for o in out if o]


# -- plan suggestions from the log ----------------------------------------------------------------

@dataclass(frozen=True)
class Suggestion:
    situation: str
    count: int


def high_risk_suggestions(entries: list[Entry], log: Exercise, plan: Entry | None,
                          minimum: int = 2, limit: int = 8) -> list[Suggestion]:
    """Trigger kinds and places that recur in the log and are not yet in the plan."""
    counts: Counter[str] = Counter()
    places: dict[str, str] = {}
    for entry in entries:
        if entry.exercise != TRIGGER_LOG:
            continue
        for field_id in ("external_triggers", "internal_triggers"):
            spec = log.field(field_id)
            for value in entry.answers.get(field_id) or []:
                counts[spec.option_label(str(value)) if spec else str(value)] += 1
        for value in entry.answers.get("halt") or []:
            spec = log.field("halt")
            counts[f"Feeling {(spec.option_label(str(value)) if spec else str(value)).lower()}"] += 1
        where = entry.answers.get("where")
        if isinstance(where, str) and where.strip():
            key = " ".join(where.lower().split())
            places.setdefault(key, where.strip())
            counts[places[key]] += 1
    known = " ".join(plan_list(plan, None, "high_risk")).lower()
    return [Suggestion(name, n) for name, n in counts.most_common()
            if n >= minimum and name.lower() not in known][:limit]


# -- reviews, goals, streaks --------------------------------------------------------------------

def _date_answer(entry: Entry, field_id: str) -> date | None:
    value = entry.answers.get(field_id)
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def plan_review_due(plan: Entry | None, today: date) -> date | None:
    """The plan's next review date when it has come (or passed)."""
    if plan is None:
        return None
    due = _date_answer(plan, "next_review")
    return due if due is not None and due <= today else None


def active_goals(entries: list[Entry]) -> list[Entry]:
    return [e for e in entries if e.exercise == GOALS and e.answers.get("status", "active") == "active"]


def goals_due(entries: list[Entry], today: date) -> list[tuple[Entry, str]]:
    """Active goals whose target date or review date has come, with which one."""
    due = []
    for goal in active_goals(entries):
        review, target = _date_answer(goal, "next_review"), _date_answer(goal, "target_date")
        if review is not None and review <= today:
            due.append((goal, "time to look at it again"))
        elif target is not None and target <= today:
            due.append((goal, "target date reached"))
    return due


def entry_day(entry: Entry) -> date:
    """The day an entry is about (its own date field when it has one, else when it was written)."""
    return _date_answer(entry, "date") or entry.created_at.date()


def gratitude_streak(entries: list[Entry], today: date) -> int:
    """Days in a row with a gratitude entry, ending today or yesterday (a gap starts afresh)."""
    days = {entry_day(e) for e in entries if e.exercise == GRATITUDE}
    start = today if today in days else today - timedelta(days=1)
    count = 0
    while start - timedelta(days=count) in days:
        count += 1
    return count


def streak_message(streak: int, has_any: bool) -> str:
    """Kind words about the habit: never a count of missed days."""
    if streak >= 2:
        return f"Gratitude: {streak} days in a row. Keep it going."
    if streak == 1:
        return "Gratitude: you wrote one recently. One more today or tomorrow makes a run."
    if has_any:
        return "Gratitude: welcome back. Any day is a good day to start again."
    return "Gratitude: try writing three small good things today."
