"""Provides the report's first page: this period at a glance, compared with the previous
period of the same length.

Everything here comes from roles, so it serves any worksheet: for each log with an
``intensity`` field, how many entries, average and strongest, the trend, days with use
(``outcome``), top ``trigger`` and ``halt`` answers and what ``helped`` when there was no
use, with three charts; for every other log, how many entries; the plan's changes and the
active goals from the built-in contract.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from babel import Locale

from workbook.common.i18n import _, ngettext
from workbook.common.language import format_day, format_number
from workbook.export.charts import Point, strength_by_week, time_grid, use_by_week
from workbook.export.document import Block, Bullets, Facts, Paragraph, Section
from workbook.export.period import Span
from workbook.worksheets.builtin import Goals
from workbook.worksheets.definition import Exercise, Kind, Role
from workbook.worksheets.entry import Entry
from workbook.worksheets.revisions import diff_answers
from workbook.worksheets.roles import (
    day_of,
    due_of,
    helped_of,
    intensity_of,
    moment_of,
    outcome_of,
    timed,
    triggers_of,
)


def _count(count: int, before: int | None, logged_before: bool | None = None) -> str:
    """ "3 (previous period: 1)"; a previous period with nothing logged is said in words,
    never as a zero (``logged_before``: whether it has entries, when ``before`` counts
    something else, such as days with use)."""
    if before is None:
        return f"{count}"
    if before == 0 and not logged_before:  # a period with nothing logged is not a real zero
        return _("{count} (nothing logged in the previous period)").format(count=count)
    return _("{count} (previous period: {before})").format(count=count, before=before)


def _trend(now: float | None, before: float | None, locale: Locale) -> str:
    if now is None:
        return _("none logged")
    text = format_number(now, locale)
    if before is None:
        return text
    if abs(now - before) < 0.5:
        return _("{text}, about the same as before ({format_number})").format(
            text=text, format_number=format_number(before, locale)
        )
    return (
        _("{text}, lower than before ({before})") if now < before else _("{text}, higher than before ({before})")
    ).format(text=text, before=format_number(before, locale))


def _average(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def _top(labels: list[str], limit: int = 5) -> str:
    return ", ".join(f"{label} ({n})" for label, n in Counter(labels).most_common(limit))


def _use_days(exercise: Exercise, entries: list[Entry]) -> int:
    return len({day_of(exercise, e) for e in entries if outcome_of(exercise, e) is True})


def log_facts(exercise: Exercise, now: list[Entry], before: list[Entry] | None, locale: Locale) -> Facts:
    """The summary of one log with an intensity role."""
    spec = exercise.role_field(Role.INTENSITY)
    assert spec is not None
    values = [v for e in now if (v := intensity_of(exercise, e)) is not None]
    earlier = [v for e in before if (v := intensity_of(exercise, e)) is not None] if before is not None else None
    rows = [
        (_("Entries"), _count(len(now), len(before) if before is not None else None)),
        (
            _("Average {lower} (of {max})").format(lower=spec.name.lower(), max=spec.max),
            _trend(_average(values), _average(earlier) if earlier else None, locale),
        ),
        (
            _("Highest {lower}").format(lower=spec.name.lower()),
            _("{max} of {max2}").format(max=max(values), max2=spec.max) if values else _("none logged"),
        ),
    ]
    end = exercise.role_field(Role.INTENSITY_END)
    if end is not None:
        drops = [
            (a, b)
            for e in now
            if (a := intensity_of(exercise, e)) is not None
            and (b := intensity_of(exercise, e, Role.INTENSITY_END)) is not None
        ]
        if drops:
            rows.append(
                (
                    _("{name} (where noted)").format(name=end.name),
                    _("on average from {format_number} to {format_number2}").format(
                        format_number=format_number(_average([a for a, _after in drops]) or 0, locale),
                        format_number2=format_number(_average([b for _before, b in drops]) or 0, locale),
                    ),
                )
            )
    if exercise.role_field(Role.OUTCOME) is not None:
        rows.append(
            (
                _("Days with use"),
                _count(
                    _use_days(exercise, now),
                    _use_days(exercise, before) if before is not None else None,
                    bool(before),
                ),
            )
        )
        no_use = sum(1 for e in now if outcome_of(exercise, e) is False)
        used = sum(1 for e in now if outcome_of(exercise, e) is True)
        unsaid = len(now) - no_use - used
        # Only entries that say how they ended count: a quick note without an outcome is
        # neither, and a counselor must not read it as a use.
        if no_use + used:
            ended = ngettext(
                "{no_use} of {count} entry that says how it ended",
                "{no_use} of {count} entries that say how they ended",
                no_use + used,
            ).format(no_use=no_use, count=no_use + used)
            if unsaid:
                ended += ngettext(" ({unsaid} more does not say)", " ({unsaid} more do not say)", unsaid).format(
                    unsaid=unsaid
                )
        else:
            ended = (
                _("not noted (the entry does not say how it ended)")
                if unsaid == 1
                else _("not noted (none of the {unsaid} entries say how they ended)").format(unsaid=unsaid)
            )
        rows.append((_("Ended without use"), ended))
    for other in [
        f for f in exercise.fields if f.kind == Kind.SCALE and f.role not in (Role.INTENSITY, Role.INTENSITY_END)
    ][:4]:
        answered = [  # an answer outside the question's own range (a hand-edited file) is not averaged
            v
            for e in now
            if isinstance(v := e.answers.get(other.id), int) and not isinstance(v, bool) and other.min <= v <= other.max
        ]
        if answered:
            average = _average(answered) or 0
            of = f" {other.unit_for(average)}" if other.unit else _(" of {max}").format(max=other.max)
            rows.append(
                (
                    _("Average {lower}").format(lower=other.name.lower()),
                    ngettext("{average}{of} ({count} answer)", "{average}{of} ({count} answers)", len(answered)).format(
                        average=format_number(average, locale), of=of, count=len(answered)
                    ),
                )
            )
    for role, label in ((Role.TRIGGER, _("Most common triggers")), (Role.HALT, _("Hungry, angry, lonely, tired"))):
        found = [t for e in now for t in triggers_of(exercise, e, role)]
        if found:
            rows.append((label, _top(found)))
    helped = list(dict.fromkeys(h for e in now if outcome_of(exercise, e) is not True for h in helped_of(exercise, e)))
    if helped:
        rows.append(
            (
                _("What helped when I did not use") if exercise.role_field(Role.OUTCOME) else _("What helped"),
                "; ".join(helped[:8])
                + (_("; and {value} more").format(value=len(helped) - 8) if len(helped) > 8 else ""),
            )
        )
    return Facts(tuple(rows), exercise.title)


def _charts(exercise: Exercise, entries: list[Entry], span: Span, locale: Locale) -> list[Block]:
    spec = exercise.role_field(Role.INTENSITY)
    if spec is None or not entries:
        return []
    points = [
        Point(moment_of(exercise, e), intensity_of(exercise, e), outcome_of(exercise, e), timed(exercise, e))
        for e in entries
    ]
    charts: list[Block] = [strength_by_week(points, span.start, span.end, spec.max, locale, spec.name)]
    if any(p.timed for p in points):  # entries about a day alone have no time of day to draw
        charts.append(time_grid(points, locale))
    if exercise.role_field(Role.OUTCOME) is not None and any(p.used is not None for p in points):
        charts.append(use_by_week(points, span.start, span.end, locale))
    return charts


def _goal_line(goal: Entry, exercise: Exercise | None, locale: Locale) -> str:
    rows = Goals.steps.rows(goal.answers)
    done = sum(1 for row in rows if Goals.steps.ticked(row, Goals.DONE))
    bits = [
        ngettext("{done} of {count} step done", "{done} of {count} steps done", len(rows)).format(
            done=done, count=len(rows)
        )
        if rows
        else _("no steps yet")
    ]
    bits += [f"{due.label.lower()}: {format_day(due.day, locale)}" for due in due_of(exercise, goal)]
    unwritten = _("(no goal written)")
    return f"{Goals.goal.text(goal.answers) or unwritten}: {'; '.join(bits)}"


def plan_changes(exercise: Exercise, versions: list[tuple[datetime, dict[str, Any]]], span: Span) -> list[str]:
    """What changed in the plan from its last version before the period to its last version in it."""
    before = [answers for moment, answers in versions if moment.date() < span.start]
    until = [answers for moment, answers in versions if moment.date() <= span.end]
    if not until:
        return [_("The plan was written after this period.")]
    if not before:
        return [_("The plan was written during this period.")]
    return [c.describe() for c in diff_answers(exercise, before[-1], until[-1])] or [
        _("No changes during this period.")
    ]


def self_check_facts(chosen: dict[str, list[Entry]], exercises: dict[str, Exercise], locale: Locale) -> Facts | None:
    """Each self-check's scores in the period, oldest to newest, and answers that need care."""
    from workbook.worksheets.measures import score_of, trend

    rows: list[tuple[str, str]] = []
    for worksheet, entries in chosen.items():
        exercise = exercises[worksheet]
        if not exercise.bands:
            continue
        scores = trend(entries, exercise, limit=12)
        if scores:
            rows.append(
                (
                    exercise.title,
                    " → ".join(
                        _("{total} ({band}) on {format_day}").format(
                            total=s.total, band=s.band, format_day=format_day(d, locale, weekday=False)
                        )
                        for d, s in scores
                    ),
                )
            )
        unscored = [e for e in entries if (sc := score_of(exercise, e.answers)) is not None and sc.total is None]
        if unscored:
            rows.append(
                (
                    _("{title}, not scored").format(title=exercise.title),
                    _("{count} with questions left unanswered").format(count=len(unscored)),
                )
            )
    return Facts(tuple(rows), _("Self-checks (to talk about, not a diagnosis)")) if rows else None


def glance(
    chosen: dict[str, list[Entry]],
    earlier: dict[str, list[Entry]],
    exercises: dict[str, Exercise],
    span: Span,
    previous: Span | None,
    goals: list[Entry],
    locale: Locale,
) -> Section:
    """The section after the session brief: each log's figures in full, with charts, every
    self-check score of the period, and the active goals."""
    blocks: list[Block] = []
    if previous is not None:
        blocks.append(
            Paragraph(
                _("Compared with the day before ({format_day}).").format(format_day=format_day(previous.start, locale))
                if span.days == 1
                else ngettext(
                    "Compared with the previous {days} day ({format_day} to {format_day2}).",
                    "Compared with the previous {days} days ({format_day} to {format_day2}).",
                    span.days,
                ).format(
                    days=span.days,
                    format_day=format_day(previous.start, locale),
                    format_day2=format_day(previous.end, locale),
                ),
                note=True,
            )
        )
    counts = []
    for worksheet, entries in chosen.items():
        exercise = exercises[worksheet]
        if exercise.single:
            continue
        before = earlier.get(worksheet, []) if previous is not None else None
        if exercise.role_field(Role.INTENSITY) is not None:
            blocks.append(log_facts(exercise, entries, before, locale))
            blocks += _charts(exercise, [e for e in entries if span.covers(day_of(exercise, e))], span, locale)
        elif worksheet != Goals.ID and not exercise.bands:
            counts.append((exercise.title, _count(len(entries), len(before) if before is not None else None)))
    checks = self_check_facts(chosen, exercises, locale)
    if checks is not None:
        blocks.append(checks)
    if counts:
        blocks.append(Facts(tuple(counts), _("Other worksheets (entries)")))
    if goals:
        blocks.append(Bullets(tuple(_goal_line(g, exercises.get(Goals.ID), locale) for g in goals), _("Active goals")))
    return Section("glance", _("This period at a glance"), blocks, _("Nothing was written in this period."))
