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
from workbook.worksheets.answers import format_answer, is_empty
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
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _items(spec: Field, value: Any) -> list[str] | None:
    """The answer as a list of comparable items, or None for a whole-text answer."""
    if is_empty(value):
        return []
    if spec.kind == "list" or (spec.kind == "choice" and spec.multiple):
        return [spec.option_label(str(v)) if spec.kind == "choice" else str(v) for v in value]
    if spec.kind == "table":
        return [line[2:] for line in format_answer(spec, value).splitlines()]
    return None


def diff_answers(exercise: Exercise, before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """Every change from ``before`` to ``after``, in the worksheet's field order."""
    changes: list[Change] = []
    for spec in exercise.fields:
        old, new = before.get(spec.id), after.get(spec.id)
        if old == new or (is_empty(old) and is_empty(new)):
            continue
        old_items, new_items = _items(spec, old), _items(spec, new)
        if old_items is not None and new_items is not None:
            removed = [i for i in old_items if i not in new_items]
            added = [i for i in new_items if i not in old_items]
            if spec.kind == "table":
                for old_row in list(removed):
                    key = old_row.split(" — ")[0]
                    same = next((new_row for new_row in added if new_row.split(" — ")[0] == key), None)
                    if same is not None:
                        changes.append(Change(spec.id, spec.label, "changed", before=old_row, after=same))
                        removed.remove(old_row)
                        added.remove(same)
            changes += [Change(spec.id, spec.label, "removed", before=i) for i in removed]
            changes += [Change(spec.id, spec.label, "added", after=i) for i in added]
        else:
            changes.append(Change(spec.id, spec.label, "reworded", format_answer(spec, old), format_answer(spec, new)))
    return changes
