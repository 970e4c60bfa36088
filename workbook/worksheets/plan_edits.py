"""Provides changes to the person's plan drawn from their log: a lapse, or situations that
recur, become new rows of the plan's high-risk situations (and the review date is today).

The app shows the changed answers in the plan's form, so the person sees and saves them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from workbook.common.i18n import _
from workbook.common.printable import clipped
from workbook.worksheets.builtin import Cravings, Plan
from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry import Entry
from workbook.worksheets.roles import day_of

SITUATION_LIMIT = 120  # characters in one cell of the plan: a short name, not the whole story


def _short(text: str, limit: int = SITUATION_LIMIT) -> str:
    flat = " ".join(text.split())
    return clipped(flat, limit)


def with_situations(
    plan_answers: dict[str, Any] | None, situations: list[str], today: date, plans: list[str] | None = None
) -> dict[str, Any]:
    """The plan's answers with ``situations`` added as high-risk rows (each with its plan from
    ``plans``, where one is given), reviewed ``today``."""
    answers = dict(plan_answers or {})
    rows = Plan.high_risk.rows(answers)
    given = plans or []
    new_rows = []
    for number, situation in enumerate(situations):
        if situation.strip():
            row = {Plan.SITUATION: _short(situation)}
            plan = given[number] if number < len(given) else ""
            if plan.strip():
                row[Plan.PLAN] = " ".join(plan.split())  # in full: the person edits it before saving
            new_rows.append(row)
    answers[Plan.high_risk.id] = [*rows, *new_rows]
    answers[Plan.last_reviewed.id] = today.isoformat()
    return answers


def lapse_situation(log: Exercise | None, entry: Entry) -> str:
    """A short name for what happened around a logged use (where, what I was doing, a note)."""
    words = [ref.text(entry.answers) for ref in (Cravings.where, Cravings.doing, Cravings.note)]
    each = [_short(w, 50) for w in words if w]
    return (
        _short(" · ".join(each))
        if each
        else _("What happened on {isoformat}").format(isoformat=day_of(log, entry).isoformat())
    )
