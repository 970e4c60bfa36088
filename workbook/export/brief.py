"""Provides the session brief: the report's first page, what a counselor needs in the first
minutes of a session, in the order they need it.

Needs attention first (an answer a self-check marks, a score in a band that needs attention
or a notable rise, a logged use with a word on overdose safety), then what the person wants
to bring (entries marked for the session, shown whole, and their questions, whole),
homework (overdue, open, done), each lapse in its own words, the self-checks (latest,
previous, trend), the period's figures against the previous period, medication and
meetings, and the plan's changes. Everything comes from field roles (``when``,
``intensity``, ``mood``, ``sleep``, ``outcome``, ``medication``, ``meeting``,
``questions``, ``tasks``) and self-check bands, so a counselor's own worksheet with roles
is in the brief with no code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from babel import Locale

from workbook.common.i18n import _, ngettext
from workbook.common.language import format_day, format_number
from workbook.export.document import Block, Bullets, EntryBlock, Facts, Item, Paragraph, Section
from workbook.export.entry_blocks import entry_block, heading_of
from workbook.export.period import Span, worked_on
from workbook.worksheets.builtin import Plan
from workbook.worksheets.definition import Exercise, Field, Role
from workbook.worksheets.entry import Entry
from workbook.worksheets.measures import Score, score_of
from workbook.worksheets.roles import (
    Task,
    attended,
    day_of,
    intensity_of,
    meaning_of,
    outcome_of,
    questions_of,
    sort_key,
    tasks_of,
)

REVIEW_LINE = "review_line"  # setting: True puts "Reviewed with my counselor on ____" on page one
IDENTIFIER = "identifier"  # setting: a chart number or initials the person chose to show


@dataclass(frozen=True)
class BriefInput:
    """What the brief is made from: the period's entries by worksheet (those about its days,
    in the report's order), the previous period's, every shared entry (for homework and
    earlier scores), the period itself, and ``news``: entries about an earlier day written
    since the last report (their alerts and lapses are new to the counselor)."""

    chosen: dict[str, list[Entry]]
    earlier: dict[str, list[Entry]]
    shared: list[Entry]
    exercises: dict[str, Exercise]
    span: Span
    previous: Span | None
    since: datetime | None
    plan_lines: list[str]
    settings: dict[str, Any]
    locale: Locale
    news: list[Entry] = field(default_factory=list)

    def new_by_worksheet(self) -> dict[str, list[Entry]]:
        """The period's entries with the news, by worksheet."""
        found = {w: list(entries) for w, entries in self.chosen.items()}
        for entry in self.news:
            found.setdefault(entry.exercise, []).append(entry)
        return found


def _day(day: date, locale: Locale, this_year: int | None = None) -> str:
    """A day; its year too when it is not ``this_year``."""
    return format_day(day, locale, year=this_year is not None and day.year != this_year)


def _scores(entries: list[Entry], exercise: Exercise, until: date) -> list[tuple[date, Score, str]]:
    """Scored self-checks up to ``until``, oldest first by the moment they are about (two on
    one day in their order): (day, score, entry id)."""
    found = []
    for entry in sorted(entries, key=lambda e: sort_key(exercise, e)):
        if entry.exercise == exercise.id and (d := day_of(exercise, entry)) <= until:
            score = score_of(exercise, entry.answers)
            if score is not None and score.total is not None:
                found.append((d, score, entry.id))
    return found


def _attention(data: BriefInput) -> list[str]:
    """Answers a self-check marks, then scores that need attention or rose, then logged uses."""
    alerts: list[str] = []
    scores_lines: list[str] = []
    uses: list[str] = []
    locale = data.locale
    for worksheet, entries in data.new_by_worksheet().items():
        exercise = data.exercises[worksheet]
        for entry in entries if exercise.bands else ():
            score = score_of(exercise, entry.answers)
            for spec, answer in score.alerts if score is not None else ():
                alerts.append(
                    _('{title}, {format_day}: {lower} was answered "{answer}". Please ask about it.').format(
                        title=exercise.title,
                        format_day=_day(day_of(exercise, entry), locale, data.span.end.year),
                        lower=spec.name.lower(),
                        answer=answer,
                    )
                )
        if exercise.bands and worksheet in data.chosen:
            line = _score_attention(data, exercise)
            if line:
                scores_lines.append(line)
        for entry in entries:
            if outcome_of(exercise, entry) is True:
                uses.append(
                    _("{title}, {heading}: a use was logged (in their own words below).").format(
                        title=exercise.title, heading=heading_of(exercise, entry, locale)
                    )
                )
    if uses:  # said once, as care: tolerance falls after days without use
        uses.append(
            _(
                "After a lapse the body may not handle what it used to: it may help to talk about "
                "overdose safety (not using alone, not mixing, naloxone at hand)."
            )
        )
    return alerts + scores_lines + uses


def _score_attention(data: BriefInput, exercise: Exercise) -> str:
    """The period's latest score when its band needs attention or it rose by the worksheet's
    ``notable_rise`` since the one before; "" otherwise."""
    scores = _scores(data.shared, exercise, data.span.end)
    ids = {e.id for e in data.chosen.get(exercise.id, [])}
    at = [n for n, (_d, _s, ident) in enumerate(scores) if ident in ids]
    if not at:
        return ""
    day, latest, _ident = scores[at[-1]]
    before = scores[at[-1] - 1] if at[-1] > 0 else None
    rise = latest.total - before[1].total if before and latest.total is not None and before[1].total is not None else 0
    notable = exercise.notable_rise is not None and rise >= exercise.notable_rise
    if not (latest.attention or notable):
        return ""
    line = _("{title}, {format_day}: {describe}.").format(
        title=exercise.title, format_day=_day(day, data.locale, data.span.end.year), describe=latest.describe()
    )
    if notable and before is not None:
        line += " " + _("Up {rise} points from {before} on {format_day}.").format(
            rise=rise, before=before[1].total, format_day=_day(before[0], data.locale, data.span.end.year)
        )
    return line


def _bring(data: BriefInput) -> list[Block]:
    marked = sorted(
        (e for e in data.shared if e.bring_to_session and e.exercise in data.exercises),
        key=lambda e: sort_key(data.exercises[e.exercise], e),
    )
    blocks: list[Block] = [
        entry_block(
            data.exercises[e.exercise],
            e,
            data.locale,
            title=_("To bring: {title}").format(title=data.exercises[e.exercise].title),
            since=data.since,
        )
        for e in marked
    ]
    for worksheet, entries in data.new_by_worksheet().items():
        exercise = data.exercises[worksheet]
        # This session's questions: the latest entry's (earlier ones are in the worksheet's section).
        asking = [e for e in entries if questions_of(exercise, e) and not e.bring_to_session]
        if asking:
            entry = max(asking, key=lambda e: sort_key(exercise, e))
            blocks.append(
                EntryBlock(
                    _("My questions: {title}, {heading}").format(
                        title=exercise.title, heading=heading_of(exercise, entry, data.locale)
                    ),
                    tuple(Item(label, text) for label, text in questions_of(exercise, entry)),
                    private=entry.private,
                )
            )
    return blocks


LISTED = 6  # homework lines of one kind on page one; the rest are in the worksheet's section


def _homework(data: BriefInput) -> list[str]:
    """Overdue tasks (soonest first), open ones, and the ones done that were due in the
    period (or written in it, with no date): at most ``LISTED`` of each kind."""
    locale, today = data.locale, data.span.end
    overdue: list[Task] = []
    still_open: list[Task] = []
    done: list[Task] = []
    for entry in data.shared:
        exercise = data.exercises.get(entry.exercise)
        if exercise is None or not exercise.with_role(Role.TASKS) or day_of(exercise, entry) > today:
            continue
        in_period = data.span.covers(day_of(exercise, entry))
        for task in tasks_of(exercise, entry):
            if task.done:
                if (task.due is not None and data.span.covers(task.due)) or (task.due is None and in_period):
                    done.append(task)
            elif task.due is not None and task.due < today:
                overdue.append(task)
            else:
                still_open.append(task)

    def by_day(task: Task) -> tuple[bool, date]:
        return (task.due is None, task.due or date.max)

    lines = []
    for label, tasks in (
        (_("Overdue: {task}"), overdue),
        (_("Open: {task}"), still_open),
        (_("Done: {task}"), done),
    ):
        tasks.sort(key=by_day)
        lines += [label.format(task=_task_line(t, locale)) for t in tasks[:LISTED]]
        if len(tasks) > LISTED:
            lines.append(_("… and {count} more (in the full list below)").format(count=len(tasks) - LISTED))
    return lines


def _task_line(task: Task, locale: Locale) -> str:
    if task.due is None:
        return task.text
    return _("{text} (by {format_day})").format(text=task.text, format_day=_day(task.due, locale))


def _lapses(data: BriefInput) -> list[Block]:
    return [
        entry_block(
            data.exercises[w],
            e,
            data.locale,
            title=_("Lapse: {title}").format(title=data.exercises[w].title),
            since=data.since,
        )
        for w, entries in data.new_by_worksheet().items()
        for e in entries
        if outcome_of(data.exercises[w], e) is True and not e.bring_to_session
    ]


def _self_checks(data: BriefInput) -> list[tuple[str, str]]:
    rows = []
    for worksheet in [w for w in data.exercises if data.exercises[w].bands]:
        exercise = data.exercises[worksheet]
        if worksheet not in data.chosen and not any(e.exercise == worksheet for e in data.shared):
            continue
        scores = _scores(data.shared, exercise, data.span.end)
        if not scores:
            continue
        year = data.span.end.year
        day, latest, ident = scores[-1]
        text = _("{total} ({band}) on {format_day}").format(
            total=latest.total, band=latest.band, format_day=_day(day, data.locale, year)
        )
        if ident not in {e.id for e in data.chosen.get(worksheet, [])}:
            text += " " + _("(none in this period)")
        if len(scores) > 1:
            before_day, before, _before_id = scores[-2]
            text += "; " + _("before: {total} ({band}) on {format_day}").format(
                total=before.total, band=before.band, format_day=_day(before_day, data.locale, year)
            )
        if len(scores) > 2:
            text += "; " + _("trend: {trend}").format(trend=" → ".join(str(s.total) for _d, s, _i in scores[-5:]))
        rows.append((exercise.title, text))
    return rows


def _average(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def _compare(
    now: list[Entry], before: list[Entry] | None, read: Callable[[Entry], int | None], say: Callable[[float], str]
) -> str | None:
    """ "on average 4.2 of 10 (before: 5 of 10)"; ``None`` when nothing in ``now`` answers it."""
    average = _average([v for e in now if (v := read(e)) is not None])
    if average is None:
        return None
    text = _("on average {average}").format(average=say(average))
    earlier = _average([v for e in before if (v := read(e)) is not None]) if before else None
    return text if earlier is None else text + " " + _("(before: {average})").format(average=say(earlier))


def _figures(data: BriefInput) -> list[tuple[str, str]]:
    """One row per log: how many entries, each rated role's average (strongest for an
    intensity) and uses, each against the previous period, which is named in words when it
    has nothing to compare."""
    rows: list[tuple[str, str]] = []
    locale = data.locale
    also: list[str] = []
    for worksheet, entries in data.chosen.items():
        exercise = data.exercises[worksheet]
        if exercise.single or exercise.bands:
            continue
        if not any(exercise.role_field(r) for r in (Role.INTENSITY, Role.MOOD, Role.SLEEP, Role.OUTCOME)):
            # Named in one line (a chain of decisions, a lapse worked through): the counselor
            # sees the work was done; the entries themselves follow in the report.
            counted_below = exercise.role_field(Role.MEDICATION) or exercise.role_field(Role.MEETING)
            if entries and not counted_below:
                also.append(f"{exercise.title} ({len(entries)})")
            continue
        before = data.earlier.get(worksheet, []) if data.previous is not None else None
        parts = [ngettext("{count} entry", "{count} entries", len(entries)).format(count=len(entries))]
        if before is not None:
            parts[0] += " " + (
                _("(previous period: {count})").format(count=len(before))
                if before
                else _("(nothing logged in the previous period)")
            )
        for role in (Role.INTENSITY, Role.MOOD, Role.SLEEP):
            spec = exercise.role_field(role)
            if spec is None:
                continue

            def read(entry: Entry, role: Role = role, exercise: Exercise = exercise) -> int | None:
                return intensity_of(exercise, entry, role)

            def say(value: float, spec: Field = spec) -> str:
                number = format_number(round(value, 1), locale)
                if spec.unit:
                    return f"{number} {spec.unit_for(round(value, 1))}"
                return _("{number} of {top}").format(number=number, top=spec.max)

            compared = _compare(entries, before if before else None, read, say)
            if compared is not None:
                strongest = max((v for e in entries if (v := read(e)) is not None), default=None)
                if role is Role.INTENSITY and strongest is not None:
                    compared += ", " + _("strongest {strongest}").format(strongest=strongest)
                parts.append(f"{spec.name.lower()} {compared}")
        if exercise.role_field(Role.OUTCOME) is not None:
            used = sorted({day_of(exercise, e) for e in entries if outcome_of(exercise, e) is True})
            without = sum(1 for e in entries if outcome_of(exercise, e) is False)
            unsaid = sum(1 for e in entries if outcome_of(exercise, e) is None)
            parts.append(
                ngettext("use on {count} day ({days})", "use on {count} days ({days})", len(used)).format(
                    count=len(used), days=", ".join(_day(d, locale) for d in used)
                )
                if used
                else _("no use logged")
            )
            parts.append(
                ngettext("{count} ended without use", "{count} ended without use", without).format(count=without)
            )
            if unsaid:
                parts.append(
                    ngettext("{count} does not say how it ended", "{count} do not say how they ended", unsaid).format(
                        count=unsaid
                    )
                )
        rows.append((exercise.title, "; ".join(parts)))
    # Living documents changed in the period (values, naloxone on hand); the plan has its own line.
    for worksheet, exercise in data.exercises.items():
        changed = any(e.exercise == worksheet and worked_on(e, data.span) for e in data.shared)
        if exercise.single and worksheet != Plan.ID and data.span.bounded and changed:
            also.append(_("{title} (changed)").format(title=exercise.title))
    if also:
        rows.append((_("Also worked on"), "; ".join(also)))
    return rows


def _care(data: BriefInput) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    locale = data.locale
    meetings: list[str] = []
    # Two worksheets that log doses (the check-in and a medication log) are told apart by name.
    several = sum(1 for w, found in data.chosen.items() if found and data.exercises[w].role_field(Role.MEDICATION)) > 1
    for worksheet, entries in data.chosen.items():
        exercise = data.exercises[worksheet]
        if exercise.role_field(Role.MEDICATION) is not None:
            taken = {day_of(exercise, e) for e in entries if meaning_of(exercise, e, Role.MEDICATION) == "taken"}
            missed = sorted(
                {day_of(exercise, e) for e in entries if meaning_of(exercise, e, Role.MEDICATION) == "missed"}
            )
            if taken or missed:
                text = ngettext("taken on {count} day", "taken on {count} days", len(taken)).format(count=len(taken))
                text += "; " + (
                    ngettext("missed on {count} day ({days})", "missed on {count} days ({days})", len(missed)).format(
                        count=len(missed), days=", ".join(_day(d, locale) for d in missed)
                    )
                    if missed
                    else _("no missed dose logged")
                )
                rows.append(
                    (_("Medication ({title})").format(title=exercise.title) if several else _("Medication"), text)
                )
        if exercise.role_field(Role.MEETING) is not None and entries:
            # Said when it is none too: "no day with a meeting" is not "not asked".
            days = {day_of(exercise, e) for e in entries if attended(exercise, e)}
            meetings.append(
                ngettext("{title}: {count} day", "{title}: {count} days", len(days)).format(
                    title=exercise.title, count=len(days)
                )
            )
    if meetings:
        rows.append((_("Meetings and groups"), "; ".join(meetings)))
    return rows


def session_brief(data: BriefInput) -> Section:
    """Page one of the report."""
    blocks: list[Block] = []
    identifier = str(data.settings.get(IDENTIFIER) or "").strip()
    if identifier:
        blocks.append(Facts(((_("Identifier"), identifier),)))
    attention = _attention(data)
    if attention:
        blocks.append(Bullets(tuple(attention), _("Needs attention first")))
    blocks += _bring(data)
    homework = _homework(data)
    if homework:
        blocks.append(Bullets(tuple(homework), _("Homework")))
    blocks += _lapses(data)
    checks = _self_checks(data)
    if checks:
        blocks.append(Facts(tuple(checks), _("Self-checks (to talk about, not a diagnosis)")))
    figures = _figures(data)
    if figures:
        title = (
            _("This period, and the previous period of the same length")
            if data.previous is not None
            else _("This period")
        )
        blocks.append(Facts(tuple(figures), title))
    care = _care(data)
    if care:
        blocks.append(Facts(tuple(care), _("Medication and meetings")))
    if data.plan_lines:
        blocks.append(Bullets(tuple(data.plan_lines), _("My plan in this period")))
    if data.settings.get(REVIEW_LINE) is True:
        blocks.append(Paragraph(_("Reviewed with my counselor on ______________   Initials ________")))
    return Section("brief", _("Session brief"), blocks, _("Nothing was written in this period."), page_end=True)
