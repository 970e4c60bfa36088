"""What changed between two versions of an entry, field by field.

Used by the plan's revision comparison and by the counselor report ("what
changed since the start of this period"). List-like answers (lists, tables,
multiple choices) are compared item by item, so a reworded item shows as one
removed and one added, except a table's row that keeps its first cell (the situation, the
person's name), which shows as changed, old → new; other answers show old → new whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbook.common.i18n import _
from workbook.common.printable import clipped
from workbook.worksheets.answers import cell_text, format_answer, is_empty
from workbook.worksheets.definition import Exercise, Field


@dataclass(frozen=True)
class Change:
    """One difference in one field."""

    field_id: str
    label: str
    kind: str  # "added", "removed", "changed" (a table row), "reworded"
    before: str = ""
    after: str = ""

    def describe(self) -> str:
        if self.kind == "added":
            return _('{label}: added "{after}"').format(label=self.label, after=self.after)
        if self.kind == "removed":
            return _('{label}: removed "{before}"').format(label=self.label, before=self.before)
        if self.kind == "changed":
            return _('{label}: changed "{before}" → "{after}"').format(
                label=self.label, before=self.before, after=self.after
            )
        if not self.before:
            return _('{label}: filled in "{after}"').format(label=self.label, after=_short(self.after))
        if not self.after:
            return _('{label}: cleared (was "{before}")').format(label=self.label, before=_short(self.before))
        return _('{label}: "{before}" → "{after}"').format(
            label=self.label, before=_short(self.before), after=_short(self.after)
        )


def _short(text: str, limit: int = 80) -> str:
    """One line of at most ``limit`` characters (a long answer is shown whole in its section)."""
    line = " ".join(text.split())
    return clipped(line, limit)


def _items(spec: Field, value: Any) -> list[str] | None:
    """The answer as a list of comparable items, or None for a whole-text answer. An answer
    of another shape than its field's (an older version's, a hand-edited file's) is read as
    one item, never letter by letter."""
    if is_empty(value):
        return []
    if spec.kind == "list" or (spec.kind == "choice" and spec.multiple):
        values = value if isinstance(value, list) else [value]
        return [spec.option_label(str(v)) if spec.kind == "choice" else _one_line(str(v)) for v in values]
    if spec.kind == "table":
        return [text for _key, text in _rows(spec, value)]
    return None


def _one_line(text: str) -> str:
    return " / ".join(part for part in (" ".join(line.split()) for line in text.splitlines()) if part)


def _rows(spec: Field, value: Any) -> list[tuple[str, str]]:
    """A table answer's rows as (first cell, the whole row in one line)."""
    found = []
    for row in value if isinstance(value, list) else []:
        if not isinstance(row, dict):
            continue
        cells = [(c, _one_line(cell_text(c, row.get(c.id)))) for c in spec.columns]
        first = cells[0][1] if cells else ""
        rest = "; ".join(f"{c.label}: {text}" for c, text in cells[1:] if text)
        found.append((first, f"{first} — {rest}" if first and rest else first or rest))
    return found


def diff_answers(exercise: Exercise, before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """Every change from ``before`` to ``after``, in the worksheet's field order."""
    changes: list[Change] = []
    for spec in exercise.fields:
        old, new = before.get(spec.id), after.get(spec.id)
        if old == new or (is_empty(old) and is_empty(new)):
            continue
        if spec.kind == "table":
            changes += _table_changes(spec, _rows(spec, old), _rows(spec, new))
            continue
        old_items, new_items = _items(spec, old), _items(spec, new)
        if old_items is not None and new_items is not None:
            changes += [Change(spec.id, spec.label, "removed", before=i) for i in old_items if i not in new_items]
            changes += [Change(spec.id, spec.label, "added", after=i) for i in new_items if i not in old_items]
        else:
            changes.append(Change(spec.id, spec.label, "reworded", format_answer(spec, old), format_answer(spec, new)))
    return changes


def _table_changes(spec: Field, old: list[tuple[str, str]], new: list[tuple[str, str]]) -> list[Change]:
    """Rows removed and added; a row whose first cell (the situation, the sign) stayed and
    whose other cells changed is one change, old → new."""
    old_texts, new_texts = [t for _k, t in old], [t for _k, t in new]
    removed = [(k, t) for k, t in old if t not in new_texts]
    added = [(k, t) for k, t in new if t not in old_texts]
    changes = []
    for key, text in list(removed):
        same = next((pair for pair in added if key and pair[0] == key), None)
        if same is not None:
            changes.append(Change(spec.id, spec.label, "changed", before=text, after=same[1]))
            removed.remove((key, text))
            added.remove(same)
    changes += [Change(spec.id, spec.label, "removed", before=t) for _k, t in removed]
    changes += [Change(spec.id, spec.label, "added", after=t) for _k, t in added]
    return changes
