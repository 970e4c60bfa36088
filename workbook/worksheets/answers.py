"""Answers to worksheet fields: checking, default values and plain-text formatting.

One place decides what each field kind's answer means, for the form, the read
view, the revision diffs and the exports.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from workbook.worksheets.loader import Exercise, Field

def is_empty(value: Any) -> bool:
    """True for an unanswered field (nothing, blank text, empty list or table)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return len(value) == 0
    return False


def parse_date(text: str) -> date:
    return date.fromisoformat(text.strip())


def parse_datetime(text: str) -> datetime:
    return datetime.strptime(" ".join(text.strip().replace("T", " ").split()), "%Y-%m-%d %H:%M")


def validate_answer(spec: Field, value: Any) -> str | None:
    """A kind message when ``value`` does not fit ``spec``; ``None`` when it does."""
    if is_empty(value):
        return "Please fill this in: it is the one thing this entry needs." if spec.required else None
    if spec.kind == "scale":
        if not isinstance(value, int) or isinstance(value, bool) or not spec.min <= value <= spec.max:
            return f"Choose a whole number from {spec.min} to {spec.max}."
    elif spec.kind == "date":
        try:
            parse_date(str(value))
        except ValueError:
            return "Write the date as YYYY-MM-DD, for example 2026-03-14."
    elif spec.kind == "datetime":
        try:
            parse_datetime(str(value))
        except ValueError:
            return "Write the date and time as YYYY-MM-DD HH:MM, for example 2026-03-14 18:30."
    return None


def default_value(spec: Field, now: datetime | None = None) -> Any:
    """The starting value of a field on a new entry."""
    moment = now or datetime.now()
    if spec.default == "today":
        return moment.date().isoformat()
    if spec.default == "now":
        return moment.strftime("%Y-%m-%d %H:%M")
    if spec.kind == "choice" and spec.default:
        return [spec.default] if spec.multiple else spec.default
    return None


def format_answer(spec: Field, value: Any) -> str:
    """An answer as plain text for reading and exports ('' when unanswered)."""
    if is_empty(value):
        return ""
    if spec.kind == "scale":
        ends = f" ({spec.min} = {spec.min_label}, {spec.max} = {spec.max_label})" if spec.min_label and spec.max_label else ""
        return f"{value} of {spec.max}{ends}"
    if spec.kind == "choice":
        chosen = value if isinstance(value, list) else [value]
        return ", ".join(spec.option_label(str(v)) for v in chosen)
    if spec.kind == "list":
        return "\n".join(f"- {item}" for item in value)
    if spec.kind == "table":
        return "\n".join(f"- {format_row(spec, row)}" for row in value if isinstance(row, dict))
    return str(value)


def format_row(spec: Field, row: dict[str, Any]) -> str:
    """One table row as text: the first column as typed, the others labelled, a tick as "(done)"."""
    head, rest, done = "", [], False
    for number, column in enumerate(spec.columns):
        cell = row.get(column.id)
        if column.kind == "check":
            done = done or bool(cell)
        elif not is_empty(cell):
            if number == 0:
                head = str(cell)
            else:
                rest.append(f"{column.label}: {cell}")
    text = head + (" — " if head and rest else "") + "; ".join(rest)
    return text + (" (done)" if done else "")


def bullets_of(spec: Field, value: Any) -> list[str] | None:
    """List-like answers as separate items (for bulleted output), else None."""
    if is_empty(value):
        return None
    if spec.kind == "list":
        return [str(v) for v in value]
    if spec.kind == "table":
        return [format_row(spec, row) for row in value if isinstance(row, dict)]
    if spec.kind == "choice" and spec.multiple and isinstance(value, list) and len(value) > 2:
        return [spec.option_label(str(v)) for v in value]
    return None


def summary_of(exercise: Exercise, answers: dict[str, Any], width: int = 60) -> str:
    """A one-line summary of an entry for lists."""
    parts = []
    for field_id in exercise.summary:
        spec = exercise.field(field_id)
        if spec is not None and not is_empty(answers.get(field_id)):
            text = format_answer(spec, answers[field_id])
            if spec.kind == "scale":
                text = f"{answers[field_id]}/{spec.max}"
            parts.append(" ".join(text.split()))
    line = " · ".join(parts) or "(no answers yet)"
    return line if len(line) <= width else line[: width - 1] + "…"
