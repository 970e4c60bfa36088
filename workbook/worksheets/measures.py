"""Provides the scoring of self-checks (PHQ-9, GAD-7, or any worksheet with scored questions):
the total, its band, what is unanswered, answers that need care at once, and when the next
one is suggested.

A self-check is a worksheet with ``role = "item"`` questions whose options carry ``points``
and with ``bands`` naming every possible total. One with an unanswered question is saved but
not scored, and says which questions are missing. A question marked ``alert`` (PHQ-9's
ninth) answered above nothing opens crisis help and is marked for the counselor.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from workbook.common.i18n import _, ngettext
from workbook.worksheets.definition import Exercise, Field
from workbook.worksheets.entry import Entry
from workbook.worksheets.roles import day_of

REMINDERS_SETTING = "measure_reminders"  # False: the person turned the suggestions off


@dataclass(frozen=True)
class Score:
    total: int | None  # None when a question is unanswered
    highest: int
    band: str  # "" when not scored
    missing: tuple[str, ...]  # short names of the unanswered questions
    alerts: tuple[tuple[Field, str], ...]  # (question, the answer's label) needing care at once

    def describe(self) -> str:
        """ "12 of 27 (moderate)", or why it is not scored."""
        if self.total is None:
            count = len(self.missing)
            return ngettext(
                "not scored: {count} question not answered ({join})",
                "not scored: {count} questions not answered ({join})",
                count,
            ).format(count=count, join=", ".join(self.missing))
        return _("{total} of {highest} ({band})").format(total=self.total, highest=self.highest, band=self.band)


def _points(spec: Field, value: Any) -> int | None:
    return next((o.points for o in spec.options if o.id == value and o.points is not None), None)


def alert_answers(exercise: Exercise, answers: dict[str, Any]) -> tuple[tuple[Field, str], ...]:
    """Answers to ``alert`` questions above nothing (PHQ-9 question 9 above "Not at all")."""
    found = []
    for spec in exercise.items:
        points = _points(spec, answers.get(spec.id))
        if spec.alert and points:
            found.append((spec, spec.option_label(str(answers[spec.id]))))
    return tuple(found)


def score_of(exercise: Exercise, answers: dict[str, Any]) -> Score | None:
    """The score of a self-check's answers (``None`` for a worksheet that is not one)."""
    if not exercise.bands:
        return None
    missing, total = [], 0
    for spec in exercise.items:
        points = _points(spec, answers.get(spec.id))
        if points is None:
            missing.append(spec.name)
        else:
            total += points
    alerts = alert_answers(exercise, answers)
    if missing:
        return Score(None, exercise.max_score, "", tuple(missing), alerts)
    band = next((b.label for b in exercise.bands if b.low <= total <= b.high), "")
    return Score(total, exercise.max_score, band, (), alerts)


@dataclass(frozen=True)
class DueMeasure:
    exercise: Exercise
    last: date | None  # the day of the last one (None: never)


def due_measures(
    entries: Iterable[Entry], exercises: dict[str, Exercise], today: date, settings: dict[str, Any]
) -> list[DueMeasure]:
    """Self-checks whose suggested interval has passed (none when the person turned them off)."""
    if settings.get(REMINDERS_SETTING) is False:
        return []
    latest: dict[str, date] = {}
    for entry in entries:
        exercise = exercises.get(entry.exercise)
        if exercise is not None and exercise.remind_every_days:
            day = day_of(exercise, entry)
            latest[entry.exercise] = max(day, latest.get(entry.exercise, day))
    due = []
    for exercise in exercises.values():
        if exercise.remind_every_days:
            last = latest.get(exercise.id)
            if last is None or today - last >= timedelta(days=exercise.remind_every_days):
                due.append(DueMeasure(exercise, last))
    return due


def trend(entries: Iterable[Entry], exercise: Exercise, limit: int = 6) -> list[tuple[date, Score]]:
    """The scored self-checks of one worksheet, oldest first (the last ``limit``)."""
    scored = []
    for entry in entries:
        if entry.exercise == exercise.id:
            score = score_of(exercise, entry.answers)
            if score is not None and score.total is not None:
                scored.append((day_of(exercise, entry), score))
    return sorted(scored, key=lambda pair: pair[0])[-limit:]
