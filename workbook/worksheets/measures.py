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
from workbook.worksheets.answers import is_empty
from workbook.worksheets.definition import Exercise, Field, Option, Subscale
from workbook.worksheets.entry import Entry
from workbook.worksheets.roles import day_of

REMINDERS_SETTING = "measure_reminders"  # False: the person turned the suggestions off


@dataclass(frozen=True)
class Part:
    """One subscale's score: its total (``None`` when one of its questions is unanswered) and band."""

    subscale: Subscale
    total: int | None
    highest: int
    band: str

    def describe(self) -> str:
        if self.total is None:
            return _("not scored")
        return _("{total} of {highest} ({band})").format(total=self.total, highest=self.highest, band=self.band)


@dataclass(frozen=True)
class Score:
    total: int | None  # None when a question is unanswered (or its answer cannot be read)
    highest: int
    band: str  # "" when not scored
    missing: tuple[str, ...]  # short names of the unanswered questions
    alerts: tuple[tuple[Field, str], ...]  # (question, the answer's label) needing care at once
    unreadable: tuple[str, ...] = ()  # short names of questions whose answer could not be read
    attention: bool = False  # the band is one the worksheet lists first in the session brief
    parts: tuple[Part, ...] = ()  # the subscales' scores, in the worksheet's order

    def describe(self) -> str:
        """ "12 of 27 (moderate)", or why it is not scored."""
        if self.total is None and self.unreadable:
            count = len(self.unreadable)
            return ngettext(
                "not scored: {count} answer could not be read ({join}); please ask",
                "not scored: {count} answers could not be read ({join}); please ask",
                count,
            ).format(count=count, join=", ".join(self.unreadable))
        if self.total is None:
            count = len(self.missing)
            return ngettext(
                "not scored: {count} question not answered ({join})",
                "not scored: {count} questions not answered ({join})",
                count,
            ).format(count=count, join=", ".join(self.missing))
        return _("{total} of {highest} ({band})").format(total=self.total, highest=self.highest, band=self.band)


def option_of(exercise: Exercise, spec: Field, value: Any) -> Option | None:
    """The option an answer names, in whatever shape it was stored: an option id (any case),
    its words in any language the worksheet speaks, its points, or a one-item list of these.
    An older version's answers, an import or a hand-edited file may hold any of them; a
    scored question must never read as unanswered when it holds a value."""
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        same = [o for o in spec.options if o.points == value]
        return same[0] if len(same) == 1 else None
    if not isinstance(value, str) or not value.strip():
        return None
    wanted = " ".join(value.split()).casefold()
    exact = next((o for o in spec.options if o.id == value), None)
    if exact is not None:
        return exact
    by_id = next((o for o in spec.options if o.id.casefold() == wanted), None)
    if by_id is not None:
        return by_id
    from workbook.common.i18n import LANGUAGES
    from workbook.worksheets.translation import localized

    for lang in LANGUAGES:
        words = localized(exercise, lang).field(spec.id)
        if words is not None:
            for option in words.options:
                if " ".join(option.label.split()).casefold() == wanted:
                    return next((o for o in spec.options if o.id == option.id), None)
    return None


def _points(exercise: Exercise, spec: Field, value: Any) -> int | None:
    option = option_of(exercise, spec, value)
    return option.points if option is not None else None


def alert_answers(exercise: Exercise, answers: dict[str, Any]) -> tuple[tuple[Field, str], ...]:
    """Answers to ``alert`` questions above nothing (PHQ-9 question 9 above "Not at all"), and
    answers to them that could not be read: those are asked about too, never left silent."""
    found = []
    for spec in exercise.items:
        if not spec.alert:
            continue
        value = answers.get(spec.id)
        option = option_of(exercise, spec, value)
        if option is not None and option.points:
            found.append((spec, option.label))
        elif option is None and not is_empty(value):
            found.append((spec, _("an answer that could not be read")))
    return tuple(found)


def score_of(exercise: Exercise, answers: dict[str, Any]) -> Score | None:
    """The score of a self-check's answers (``None`` for a worksheet that is not one)."""
    if not exercise.bands:
        return None
    missing, unreadable, total = [], [], 0
    for spec in exercise.items:
        value = answers.get(spec.id)
        points = _points(exercise, spec, value)
        if points is not None:
            total += points
        elif is_empty(value):
            missing.append(spec.name)
        else:
            unreadable.append(spec.name)
    alerts = alert_answers(exercise, answers)
    parts = _parts(exercise, answers)
    if missing or unreadable:
        return Score(None, exercise.max_score, "", tuple(missing), alerts, tuple(unreadable), parts=parts)
    band = next((b for b in exercise.bands if b.low <= total <= b.high), None)
    return Score(
        total,
        exercise.max_score,
        band.label if band else "",
        (),
        alerts,
        attention=band is not None and band.attention,
        parts=parts,
    )


def _parts(exercise: Exercise, answers: dict[str, Any]) -> tuple[Part, ...]:
    found = []
    by_id = {f.id: f for f in exercise.items}
    for subscale in exercise.subscales:
        fields = [by_id[i] for i in subscale.items if i in by_id]
        points = [_points(exercise, f, answers.get(f.id)) for f in fields]
        highest = sum(max((o.points or 0) for o in f.options) for f in fields)
        total = None if any(p is None for p in points) else sum(p for p in points if p is not None)
        band = next((b.label for b in subscale.bands if total is not None and b.low <= total <= b.high), "")
        found.append(Part(subscale, total, highest, band))
    return tuple(found)


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
    from workbook.worksheets.roles import sort_key

    scored = []
    # In the order of the moments they are about: two on one day keep their order.
    for entry in sorted((e for e in entries if e.exercise == exercise.id), key=lambda e: sort_key(exercise, e)):
        score = score_of(exercise, entry.answers)
        if score is not None and score.total is not None:
            scored.append((day_of(exercise, entry), score))
    return scored[-limit:]
