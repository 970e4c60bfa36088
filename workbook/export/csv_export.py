"""Provides ``render_csv``: one log worksheet as a spreadsheet, one row per entry.

Columns: the entry's id, the moment it is about (its day alone when it names a day and no
time) and when it was written and changed (ISO 8601 with the UTC offset), whether it is
private, then one column per field, with a multiple choice spread over one 0/1 column per
option (and one for the person's own words) and a table over one column per row and column
("Homework 1: Task", "Homework 1: By when", "Homework 2: Task" …, as many rows as the
longest answer has, up to ``TABLE_ROWS``; any rows after that go one per line into
overflow columns that each stay under a spreadsheet's cell limit). UTF-8 with a byte-order mark, so spreadsheets read
accents and every script. A text cell that a spreadsheet would run as a formula (starting
with = + - @, a tab or a return) is written with a leading apostrophe, so it stays text.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from workbook.common.i18n import _
from workbook.common.printable import printable
from workbook.worksheets.answers import cell_text, format_answer, is_empty
from workbook.worksheets.definition import Exercise, Field
from workbook.worksheets.entry import Entry
from workbook.worksheets.roles import day_of, moment_of, sort_key, timed

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TABLE_ROWS = 30  # a table's rows each get their own columns up to this many


def safe_cell(value: Any) -> Any:
    """A cell a spreadsheet will show, never run: text that looks like a formula gets an apostrophe."""
    if isinstance(value, bool):
        return 1 if value else 0
    if isinstance(value, (int, float)):
        return value
    text = "" if value is None else printable(str(value))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


CELL_LIMIT = 30_000  # characters: spreadsheets hold at most 32,767 in one cell


def _overflow(spec: Field, value: list[Any]) -> list[str]:
    """The rows after ``TABLE_ROWS`` as text, one per line, in as many cells as it takes to
    keep each under a spreadsheet's limit."""
    cells: list[str] = []
    for row in [r for r in value if isinstance(r, dict)][TABLE_ROWS:]:
        line = "; ".join(f"{c.label}: {text}" for c in spec.columns if (text := cell_text(c, row.get(c.id))))
        line = line[:CELL_LIMIT]
        if cells and len(cells[-1]) + 1 + len(line) <= CELL_LIMIT:
            cells[-1] += "\n" + line
        else:
            cells.append(line)
    return cells


def _table_rows(spec: Field, entries: list[Entry]) -> int:
    """How many rows the longest answer of table ``spec`` has (at most ``TABLE_ROWS``)."""
    longest = max(
        (sum(1 for r in v if isinstance(r, dict)) for e in entries if isinstance(v := e.answers.get(spec.id), list)),
        default=0,
    )
    return min(longest, TABLE_ROWS)


def _headers(exercise: Exercise, entries: list[Entry]) -> list[tuple[Field, str, str]]:
    """(field, what part of it, column name) for every column after the entry's own: an
    option id for a multiple choice, "row:column" for a table cell, "" for the whole answer."""
    columns: list[tuple[Field, str, str]] = []
    seen: dict[str, int] = {}

    def name(text: str, spec: Field) -> str:
        seen[text] = seen.get(text, 0) + 1
        return text if seen[text] == 1 else f"{text} ({spec.id})"

    for spec in exercise.fields:
        if spec.kind == "choice" and spec.multiple:
            columns += [(spec, o.id, name(f"{spec.name}: {o.label}", spec)) for o in spec.options]
            if spec.other:
                columns.append((spec, "*other*", name(_("{name}: in my own words").format(name=spec.name), spec)))
        elif spec.kind == "table":
            rows = _table_rows(spec, entries)
            for row in range(rows):
                columns += [
                    (spec, f"{row}:{c.id}", name(f"{spec.name} {row + 1}: {c.label}", spec)) for c in spec.columns
                ]
            parts = max(
                (len(_overflow(spec, v)) for e in entries if isinstance(v := e.answers.get(spec.id), list)), default=0
            )
            for part in range(parts):
                title = _("{name}: rows after {rows}").format(name=spec.name, rows=rows)
                columns.append((spec, f"*more*{part}", name(title + (f" ({part + 1})" if part else ""), spec)))
        else:
            columns.append((spec, "", name(spec.name, spec)))
    return columns


def _value(spec: Field, option: str, value: Any) -> Any:
    if spec.kind == "choice" and spec.multiple:
        # Only text is a choice: an answer of another shape (an older version's, say) is never
        # compared as a choice, and a list inside it never reaches a set.
        chosen = [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
        if option == "*other*":
            known = {o.id for o in spec.options}
            return "; ".join(v for v in chosen if v not in known)
        return 1 if option in chosen else 0
    if spec.kind == "table":
        rows = [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []
        if option.startswith("*more*"):
            part = int(option.removeprefix("*more*") or 0)
            return _overflow(spec, rows)[part] if part < len(_overflow(spec, rows)) else ""
        index, column_id = option.split(":", 1)
        column = spec.column(column_id)
        at = int(index)
        if column is None or at >= len(rows):
            return ""
        cell = rows[at].get(column_id)
        if column.kind == "check":
            return 1 if cell is True else 0
        if column.kind == "number" and isinstance(cell, int) and not isinstance(cell, bool):
            return cell  # a number stays a number (a negative one is not a formula)
        if column.kind == "date" and isinstance(cell, str):
            return cell  # ISO, as a spreadsheet reads a date
        return cell_text(column, cell)
    if is_empty(value):
        return ""
    if spec.kind == "scale" and isinstance(value, int) and not isinstance(value, bool):
        return value
    if spec.kind == "list" and isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return format_answer(spec, value, iso_dates=True)  # a spreadsheet reads ISO dates as dates


def render_csv(entries: list[Entry], exercise: Exercise) -> bytes:
    """``entries`` of one worksheet (already chosen) as CSV bytes, in the order of their moments."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    from workbook.worksheets.measures import score_of

    columns = _headers(exercise, entries)
    scored = bool(exercise.bands)
    writer.writerow(
        safe_cell(cell)  # a worksheet's own label could start like a formula too
        for cell in [
            _("Entry id"),
            _("About (date and time)"),
            _("Written"),
            _("Last changed"),
            _("Private"),
            *([_("Score"), _("Band")] if scored else []),
            *(name for _spec, _option, name in columns),
        ]
    )
    for entry in sorted(entries, key=lambda e: sort_key(exercise, e)):
        own: list[Any] = [
            entry.id,
            # An entry about a day alone is about that day: no time it did not give.
            moment_of(exercise, entry).isoformat(timespec="minutes")
            if timed(exercise, entry)
            else day_of(exercise, entry).isoformat(),
            entry.created,
            entry.updated,
            1 if entry.private else 0,
        ]
        if scored:
            score = score_of(exercise, entry.answers)
            own += [score.total if score and score.total is not None else "", score.band if score else ""]
        answers = [_value(spec, option, entry.answers.get(spec.id)) for spec, option, _name in columns]
        writer.writerow([safe_cell(cell) for cell in [*own, *answers]])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
