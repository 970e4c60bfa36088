"""Provides what an answer means for each field kind: checking it, its starting value and
its plain-text form.

One place decides this for the form, the read view, imports, ``workbook check``, the
revision diffs and the exports. ``validate_answer`` is strict (the type, the range, the
shape and a size the store can always save); the formatters are forgiving (a value of an
unexpected shape is shown as text, never a crash).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from workbook.common.i18n import N_, _, ngettext
from workbook.common.printable import clipped
from workbook.worksheets.definition import Column, Exercise, Field, Role

MAX_TEXT_ANSWER = 100_000  # characters in one text answer (a long journal page is about 10,000)
MAX_ITEMS = 1000  # items in a list, rows in a table, choices in a multiple choice
MIN_YEAR, MAX_YEAR = 1900, 2999


def is_empty(value: Any) -> bool:
    """True for an unanswered field (nothing, blank text, empty list or table)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return len(value) == 0
    return False


class YearOutOfRange(ValueError):
    """A real date, outside the years the workbook keeps."""


def _in_years(day: date) -> date:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise YearOutOfRange(
            _("the year should be between {MIN_YEAR} and {MAX_YEAR}").format(MIN_YEAR=MIN_YEAR, MAX_YEAR=MAX_YEAR)
        )
    return day


_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}")


def written_as_a_date(text: str) -> bool:
    """Whether ``text`` has the shape of YYYY-MM-DD (a day it names may still not exist)."""
    return _DATE_RE.fullmatch(text) is not None


def parse_date(text: str) -> date:
    """A ``YYYY-MM-DD`` date exactly as the program writes it (``ValueError`` otherwise)."""
    if not _DATE_RE.fullmatch(text):
        raise ValueError(_("not YYYY-MM-DD"))
    return _in_years(date.fromisoformat(text))


def parse_datetime(text: str) -> datetime:
    """A ``YYYY-MM-DD HH:MM`` wall-clock time (naive: the person's own clock)."""
    if not _DATETIME_RE.fullmatch(text):
        raise ValueError(_("not YYYY-MM-DD HH:MM"))
    moment = datetime.fromisoformat(text.replace(" ", "T"))  # the pattern above allows nothing else
    _in_years(moment.date())
    return moment


DATE_HINT = N_("Write the date as YYYY-MM-DD, for example 2026-03-14.")
DATETIME_HINT = N_("Write the date and time as YYYY-MM-DD HH:MM, for example 2026-03-14 18:30.")


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text_problem(value: Any, what: str = "") -> str | None:
    if not isinstance(value, str):
        return _("{what}should be text.").format(what=what)
    if len(value) > MAX_TEXT_ANSWER:
        return _("{what}is longer than {MAX_TEXT_ANSWER:,} characters. Please shorten it or split it.").format(
            what=what, MAX_TEXT_ANSWER=MAX_TEXT_ANSWER
        )
    return None


def cell_problem(column: Column, value: Any) -> str | None:
    """A kind message when a table cell does not fit its column; ``None`` when it does."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    where = f"{column.label}: "
    if column.kind == "check":
        return None if isinstance(value, bool) else _("{where}should be ticked or not.").format(where=where)
    if column.kind == "choice":
        return (
            None
            if isinstance(value, str) and value in {o.id for o in column.options}
            else _("{where}choose from the list.").format(where=where)
        )
    if column.kind == "number":
        # Whole numbers; earlier versions saved them as text ("3"), which still reads.
        number = (
            value
            if _whole(value)
            else (
                int(value)
                if isinstance(value, str) and value.isascii() and value.isdigit() and value == str(int(value))
                else None
            )
        )
        if number is None or not column.min <= number <= column.max:
            return _("{where}choose a whole number from {min} to {max}.").format(
                where=where, min=column.min, max=column.max
            )
        return None
    problem = _text_problem(value, where)
    if problem is None and column.kind == "date":
        try:
            parse_date(value)
        except ValueError as exc:
            return f"{where}{_date_hint(exc, _(DATE_HINT))}"
    return problem


def _date_hint(exc: ValueError, hint: str) -> str:
    """The hint for a date that could not be read: the years kept, when that was the trouble."""
    return (
        _("A date here needs a year from {MIN_YEAR} to {MAX_YEAR}.").format(MIN_YEAR=MIN_YEAR, MAX_YEAR=MAX_YEAR)
        if isinstance(exc, YearOutOfRange)
        else hint
    )


def validate_answer(spec: Field, value: Any) -> str | None:
    """A kind message when ``value`` does not fit ``spec``; ``None`` when it does."""
    if is_empty(value):
        return _("Please fill this in: it is the one thing this entry needs.") if spec.required else None
    kind = spec.kind
    if kind == "scale":
        if not _whole(value) or not spec.min <= value <= spec.max:
            return _("Choose a whole number from {min} to {max}.").format(min=spec.min, max=spec.max)
    elif kind in ("text", "long_text"):
        return _text_problem(value, _("This "))
    elif kind in ("date", "datetime"):
        if not isinstance(value, str):
            return _(DATE_HINT) if kind == "date" else _(DATETIME_HINT)
        try:
            parse_date(value) if kind == "date" else parse_datetime(value)
        except ValueError as exc:
            return _date_hint(exc, _(DATE_HINT) if kind == "date" else _(DATETIME_HINT))
    elif kind == "choice":
        return _choice_problem(spec, value)
    elif kind == "list":
        if not isinstance(value, list) or len(value) > MAX_ITEMS:
            return _("This should be a list of at most {MAX_ITEMS} items.").format(MAX_ITEMS=MAX_ITEMS)
        return next((p for item in value if (p := _text_problem(item, _("Each item "))) is not None), None)
    elif kind == "table":
        return _table_problem(spec, value)
    return None


def _choice_problem(spec: Field, value: Any) -> str | None:
    ids = {o.id for o in spec.options}
    chosen = value if spec.multiple else [value]
    if not isinstance(chosen, list) or len(chosen) > MAX_ITEMS:
        return _("Choose from the list.")
    for item in chosen:
        if not isinstance(item, str):
            return _("Choose from the list.")
        if item not in ids:
            if not spec.other:
                return _("Choose from the list.")
            problem = _text_problem(item, _("Your own words "))
            if problem:
                return problem
    return None


def _table_problem(spec: Field, value: Any) -> str | None:
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        return _("This should be a table of at most {MAX_ITEMS} rows.").format(MAX_ITEMS=MAX_ITEMS)
    columns = {c.id: c for c in spec.columns}
    for number, row in enumerate(value, start=1):
        if not isinstance(row, dict) or not set(row) <= set(columns):
            return _("Row {number} does not fit this table's columns.").format(number=number)
        for column_id, cell in row.items():
            problem = cell_problem(columns[column_id], cell)
            if problem:
                return _("Row {number}, {lower}{value}").format(
                    number=number, lower=problem[0].lower(), value=problem[1:]
                )
    return None


FUTURE_SLACK = timedelta(minutes=10)  # a clock a little ahead, or a minute typed early, is fine


def future_problem(spec: Field, value: Any, now: datetime) -> str | None:
    """A kind message when the moment an entry is about (its ``when``) is later than now; a
    future entry would sit first in every list and count for a day that has not come."""
    if spec.role != Role.WHEN or not isinstance(value, str) or not value.strip():
        return None
    ahead = timedelta(days=spec.ahead_days)
    try:
        if spec.kind == "datetime":
            late = parse_datetime(value) > now.replace(tzinfo=None) + FUTURE_SLACK + ahead
        else:
            late = parse_date(value) > now.date() + ahead
    except ValueError:
        return None
    if not late:
        return None
    if spec.ahead_days:
        return ngettext(
            "This is more than {days} day ahead: choose a nearer day.",
            "This is more than {days} days ahead: choose a nearer day.",
            spec.ahead_days,
        ).format(days=spec.ahead_days)
    return _("This is later than now. Write when it happened (the time it shows is now).")


def default_value(spec: Field, now: datetime) -> Any:
    """The starting value of a field on a new entry (``now`` by the app's clock)."""
    moment = now
    if spec.default == "today":
        return moment.date().isoformat()
    if spec.default == "tomorrow":
        return (moment.date() + timedelta(days=1)).isoformat()
    if spec.default == "now":
        return moment.strftime("%Y-%m-%d %H:%M")
    if spec.kind == "choice" and spec.default:
        return [spec.default] if spec.multiple else spec.default
    return None


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    return str(value)


def said_date(value: Any, kind: str) -> str | None:
    """A stored date ("2026-12-09") or date and time as the language in use writes it
    ("Dec 9, 2026", "9 dic 2026"), for reading; ``None`` when it is not one."""
    from workbook.common.language import format_day, format_moment

    if not isinstance(value, str):
        return None
    try:
        if kind == "datetime":
            return format_moment(parse_datetime(value), weekday=False)
        return format_day(parse_date(value), weekday=False)
    except ValueError:
        return None


def format_answer(spec: Field, value: Any, *, iso_dates: bool = False) -> str:
    """An answer as plain text for reading and exports ('' when unanswered). Dates are
    written as the language writes them, unless ``iso_dates`` (a spreadsheet's cell)."""
    if is_empty(value):
        return ""
    if spec.kind in ("date", "datetime") and not iso_dates and (said := said_date(value, spec.kind)):
        return said
    if spec.kind == "scale" and _whole(value) and spec.unit:
        return f"{value} {spec.unit_for(value)}"
    if spec.kind == "scale" and _whole(value):
        ends = (
            f" ({spec.min} = {spec.min_label}, {spec.max} = {spec.max_label})"
            if spec.min_label and spec.max_label
            else ""
        )
        return _("{value} of {max}{ends}").format(value=value, max=spec.max, ends=ends)
    if spec.kind == "choice":
        chosen = value if isinstance(value, list) else [value]
        return ", ".join(spec.option_label(_plain(v)) for v in chosen)
    if spec.kind == "list" and isinstance(value, list):
        return "\n".join(f"- {_plain(item)}" for item in value)
    if spec.kind == "table" and isinstance(value, list):
        return "\n".join(f"- {format_row(spec, row)}" for row in value if isinstance(row, dict))
    return _plain(value)


def format_row(spec: Field, row: dict[str, Any]) -> str:
    """One table row as text: the first column as typed, the others labelled, a tick as "(done)"."""
    head, rest, done = "", [], False
    for number, column in enumerate(spec.columns):
        cell = row.get(column.id)
        if column.kind == "check":
            done = done or cell is True
        elif not is_empty(cell):
            if number == 0:
                head = cell_text(column, cell)
            else:
                rest.append(f"{column.label}: {cell_text(column, cell)}")
    text = head + (" — " if head and rest else "") + "; ".join(rest)
    return text + (_(" (done)") if done else "")


def cell_text(column: Column, value: Any) -> str:
    """One table cell as text ("done" for a tick, an option's label for a choice)."""
    if column.kind == "check":
        return _("done") if value is True else ""
    if column.kind == "choice" and isinstance(value, str):
        return column.option_label(value)
    if column.kind == "date" and (said := said_date(value, "date")):
        return said
    return "" if is_empty(value) else _plain(value)


def bullets_of(spec: Field, value: Any) -> list[str] | None:
    """List-like answers as separate items (for bulleted output), else None."""
    if is_empty(value):
        return None
    if spec.kind == "list" and isinstance(value, list):
        return [_plain(v) for v in value]
    if spec.kind == "table" and isinstance(value, list):
        return [format_row(spec, row) for row in value if isinstance(row, dict)]
    if spec.kind == "choice" and spec.multiple and isinstance(value, list) and len(value) > 2:
        return [spec.option_label(_plain(v)) for v in value]
    return None


def summary_of(exercise: Exercise, answers: dict[str, Any], width: int = 60) -> str:
    """A one-line summary of an entry for lists (a self-check's begins with its score)."""
    from workbook.worksheets.measures import score_of

    score = score_of(exercise, answers)
    parts = [_("Score {describe}").format(describe=score.describe())] if score is not None else []
    # An answer that needs care is said wherever the score is (Home, history), not only in the report.
    parts += (
        [
            _("{lower}: please talk about it (F1 for help now)").format(lower=spec.name.lower())
            for spec, _answer in score.alerts
        ]
        if score is not None
        else []
    )
    for field_id in exercise.summary if score is None else ():
        spec = exercise.field(field_id)
        if spec is not None and not is_empty(answers.get(field_id)):
            value = answers[field_id]
            # "6/10" for a rating; a quantity with a unit reads as itself ("15 minutes", not "15/90").
            text = (
                f"{value}/{spec.max}"
                if spec.kind == "scale" and _whole(value) and not spec.unit
                else format_answer(spec, value)
            )
            if spec.kind == "scale" and spec.short and len(exercise.summary) > 1:
                text = f"{spec.short} {text}"  # "Mood 2/5 · Craving 6/10", not two bare numbers
            parts.append(" ".join(text.split()))
    line = " · ".join(parts) or _("(no answers yet)")
    return clipped(line, width)
