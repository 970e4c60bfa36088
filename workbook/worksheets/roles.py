"""Provides what an entry means through its worksheet's field roles, for any worksheet.

``moment_of`` is the moment an entry is about (its ``when`` field, else when it was
written); ``intensity_of``, ``outcome_of``, ``helped_of``, ``triggers_of`` and ``due_of``
read the other roles. Ordering, date filters, summaries, charts and Home use these, so a
counselor's own log with a ``when`` and an ``intensity`` field is dated, counted and
charted with no Python. Answers are read defensively: a value of the wrong type reads as
unanswered, never as a crash.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any

from workbook.worksheets.answers import is_empty, parse_date, parse_datetime
from workbook.worksheets.definition import Exercise, Field, Role
from workbook.worksheets.entry import Entry, parse_iso


@lru_cache(maxsize=1 << 16)
def _stamp(value: str) -> datetime:
    return parse_iso(value)


def _written(entry: Entry) -> datetime:
    return _stamp(entry.created)


def changed_at(entry: Entry) -> datetime:
    """When ``entry`` was last written or changed (an aware moment)."""
    return _stamp(entry.updated)


@lru_cache(maxsize=1 << 16)
def _typed_moment(kind: str, value: str, created: str) -> datetime:
    """The moment a ``when`` answer names (cached: history, Home and reports ask again and again)."""
    written = _stamp(created)
    try:
        if kind == "datetime":
            return parse_datetime(value).replace(tzinfo=written.tzinfo)
        return datetime.combine(parse_date(value), written.timetz())
    except (ValueError, OverflowError):
        return written


def moment_of(exercise: Exercise | None, entry: Entry) -> datetime:
    """The moment ``entry`` is about, as an aware date and time.

    A ``when`` date-and-time is the wall-clock time the person typed, read in the UTC
    offset the entry was written in (so it never moves when the computer's time zone
    changes). A ``when`` date alone keeps the time of day the entry was written.
    """
    written = _written(entry)
    spec = exercise.role_field(Role.WHEN) if exercise is not None else None
    if spec is None:
        return written
    value = entry.answers.get(spec.id)
    if not isinstance(value, str) or not value.strip():
        return written
    return _typed_moment(spec.kind, value, entry.created)


def timed(exercise: Exercise | None, entry: Entry) -> bool:
    """False when the entry is about a day and no time of day (a ``when`` date): its moment's
    time is only when it was typed, so no chart, column or heading may show it."""
    spec = exercise.role_field(Role.WHEN) if exercise is not None else None
    if spec is None or spec.kind != "date":
        return True
    value = entry.answers.get(spec.id)
    return not (isinstance(value, str) and value.strip())


def day_of(exercise: Exercise | None, entry: Entry) -> date:
    """The calendar day an entry is about (the wall date the person wrote or meant)."""
    return moment_of(exercise, entry).date()


def has_own_time(exercise: Exercise | None, entry: Entry) -> bool:
    """True when the entry names its own moment and it differs from when it was typed by more than a day."""
    moment, written = moment_of(exercise, entry), _written(entry)
    return abs((moment - written).total_seconds()) > 86400


def _number(value: Any, spec: Field) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and spec.min <= value <= spec.max:
        return value
    return None


def intensity_of(exercise: Exercise | None, entry: Entry, role: Role = Role.INTENSITY) -> int | None:
    """The entry's ``intensity`` (or ``intensity-end``, ``mood``) rating, when answered and in range."""
    spec = exercise.role_field(role) if exercise is not None else None
    return _number(entry.answers.get(spec.id), spec) if spec is not None else None


def outcome_of(exercise: Exercise | None, entry: Entry) -> bool | None:
    """True when the entry records a use, False when it records none, None when it says nothing."""
    spec = exercise.role_field(Role.OUTCOME) if exercise is not None else None
    if spec is None:
        return None
    value = entry.answers.get(spec.id)
    if not isinstance(value, str):
        return None
    if value in spec.options_meaning("use"):
        return True
    if value in spec.options_meaning("no-use"):
        return False
    return None


def _as_text(spec: Field, value: Any) -> list[str]:
    if is_empty(value):
        return []
    if spec.kind == "choice":
        values = value if isinstance(value, list) else [value]
        return [spec.option_label(str(v)) for v in values if isinstance(v, (str, int)) and str(v).strip()]
    if isinstance(value, list):
        return [" ".join(str(v).split()) for v in value if isinstance(v, (str, int)) and str(v).strip()]
    return [" ".join(str(value).split())] if isinstance(value, (str, int)) else []


def helped_of(exercise: Exercise | None, entry: Entry) -> list[str]:
    """What the entry says helped (every ``helped`` field, as text)."""
    if exercise is None:
        return []
    return [text for spec in exercise.with_role(Role.HELPED) for text in _as_text(spec, entry.answers.get(spec.id))]


def triggers_of(exercise: Exercise | None, entry: Entry, role: Role = Role.TRIGGER) -> list[str]:
    """The labels chosen in every ``trigger`` (or ``halt``) field."""
    if exercise is None:
        return []
    return [text for spec in exercise.with_role(role) for text in _as_text(spec, entry.answers.get(spec.id))]


@dataclass(frozen=True)
class Due:
    """A date on an entry when something should be looked at again."""

    label: str
    day: date
    notice_days: int = 0  # shown this many days before it comes
    field: str = ""  # the field's id
    name: str = ""  # the field's short name ("Naloxone expires")

    def shows_on(self, today: date) -> bool:
        """True from ``notice_days`` before the date onward."""
        return self.day.toordinal() - self.notice_days <= today.toordinal()


def due_of(exercise: Exercise | None, entry: Entry) -> list[Due]:
    """Every ``due`` date the entry has."""
    if exercise is None:
        return []
    found = []
    for spec in exercise.with_role(Role.DUE):
        value = entry.answers.get(spec.id)
        if isinstance(value, str) and value.strip():
            try:
                found.append(Due(spec.label, parse_date(value), spec.notice_days, spec.id, spec.name))
            except ValueError:
                continue
    return found


def sort_key(exercise: Exercise | None, entry: Entry) -> tuple[datetime, str, str]:
    """Entries in the order of the moments they are about (ties by when written, then id)."""
    return (moment_of(exercise, entry), entry.created, entry.id)


def start_of(day: date, like: datetime) -> datetime:
    """Midnight of ``day`` in the offset of ``like`` (for comparing with moments)."""
    return datetime.combine(day, time(0), like.tzinfo)


def meaning_of(exercise: Exercise | None, entry: Entry, role: Role) -> str | None:
    """What the chosen option of the ``role`` field means ("taken", "missed", "attended"), if anything."""
    spec = exercise.role_field(role) if exercise is not None else None
    if spec is None or spec.kind != "choice":
        return None
    value = entry.answers.get(spec.id)
    return next((o.means for o in spec.options if o.id == value and o.means), None) if isinstance(value, str) else None


def attended(exercise: Exercise | None, entry: Entry) -> bool:
    """True when the entry records a meeting: its ``meeting`` option means "attended", or its
    ``meeting`` text names one."""
    spec = exercise.role_field(Role.MEETING) if exercise is not None else None
    if spec is None:
        return False
    if spec.kind == "choice":
        return meaning_of(exercise, entry, Role.MEETING) == "attended"
    return bool(_as_text(spec, entry.answers.get(spec.id)))


def questions_of(exercise: Exercise | None, entry: Entry) -> list[tuple[str, str]]:
    """(label, text) of every answered ``questions`` field, the text whole."""
    if exercise is None:
        return []
    found = []
    for spec in exercise.with_role(Role.QUESTIONS):
        value = entry.answers.get(spec.id)
        if isinstance(value, list):
            text = "\n".join(" ".join(str(v).split()) for v in value if isinstance(v, (str, int)) and str(v).strip())
        else:
            text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
        if text:
            found.append((spec.label, text))
    return found


@dataclass(frozen=True)
class Task:
    """One row of a ``tasks`` table: the task, the day it is due by (if any), whether it is done."""

    text: str
    due: date | None
    done: bool
    field: str = ""  # the table's field id
    row: int = -1  # the row's place in the table
    done_column: str = ""  # the tick column ("" when the table has none)


def tasks_of(exercise: Exercise | None, entry: Entry) -> list[Task]:
    """Every task in the entry's ``tasks`` tables: the first text column names it, the first
    date column is its day, the first tick column says it is done."""
    if exercise is None:
        return []
    found = []
    for spec in exercise.with_role(Role.TASKS):
        rows = entry.answers.get(spec.id)
        text_col = next((c.id for c in spec.columns if c.kind == "text"), None)
        date_col = next((c.id for c in spec.columns if c.kind == "date"), None)
        done_col = next((c.id for c in spec.columns if c.kind == "check"), None)
        for number, row in enumerate(rows if isinstance(rows, list) and text_col is not None else ()):
            if not isinstance(row, dict):
                continue
            text = row.get(text_col)
            if not isinstance(text, str) or not text.strip():
                continue
            due = None
            raw = row.get(date_col) if date_col is not None else None
            if isinstance(raw, str) and raw.strip():
                try:
                    due = parse_date(raw)
                except ValueError:
                    due = None
            done = done_col is not None and row.get(done_col) is True
            found.append(Task(" ".join(text.split()), due, done, spec.id, number, done_col or ""))
    return found


def plan_rows_of(exercise: Exercise | None, entry: Entry) -> list[tuple[str, str]]:
    """The (situation, plan) rows of the entry's ``plan-rows`` table: its first two text
    columns, rows with a situation only."""
    spec = exercise.role_field(Role.PLAN_ROWS) if exercise is not None else None
    if spec is None:
        return []
    texts = [c.id for c in spec.columns if c.kind == "text"][:2]
    value = entry.answers.get(spec.id)
    found = []
    for row in value if isinstance(value, list) else []:
        if not isinstance(row, dict) or len(texts) < 2:
            continue
        situation, plan = (row.get(column) for column in texts)
        if isinstance(situation, str) and situation.strip():
            found.append((situation.strip(), plan.strip() if isinstance(plan, str) else ""))
    return found
