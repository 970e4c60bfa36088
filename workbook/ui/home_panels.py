"""Provides what Home says about today, as text: the check-in and a 14-day strip, recovery time
(only when the person asked for it), homework, entries marked for the next session, drafts,
cravings and gratitude, what is due, and recent activity.

Plain functions of the entries, the worksheets and the day, so they are tested without a
screen. A private entry's words never show here.
"""

from __future__ import annotations

import textwrap
from datetime import date, timedelta
from typing import Any

from textual.content import Content

from workbook.common.i18n import _, ngettext
from workbook.common.language import format_amount, format_clock, format_day
from workbook.worksheets import insights
from workbook.worksheets.answers import summary_of
from workbook.worksheets.builtin import CheckIn, Cravings, Gratitude
from workbook.worksheets.definition import Exercise, Role
from workbook.worksheets.drafts import Draft
from workbook.worksheets.due_today import checked_in_today, due_lines, when_due
from workbook.worksheets.entry import Entry, parse_iso
from workbook.worksheets.recovery_time import (
    COST_SETTING,
    HOURS_SETTING,
    MAX_COST,
    MAX_HOURS,
    SHOW_SETTING,
    START_SETTING,
    back_lines,
    per_day,
    recovery_time,
)
from workbook.worksheets.roles import day_of, intensity_of, moment_of

SPARKS = "▁▂▃▄▅▆▇█"
STRIP_DAYS = 14


def _summary(exercises: dict[str, Exercise], entry: Entry, room: int) -> str:
    return _("(private)") if entry.private else summary_of(exercises[entry.exercise], entry.answers, room)


def strip(values: list[int | None], low: int, high: int) -> str:
    """A row of bars, one a day; · for a day with no answer."""
    span = max(1, high - low)
    return "".join(
        "·" if v is None else SPARKS[min(len(SPARKS) - 1, (v - low) * (len(SPARKS) - 1) // span)] for v in values
    )


def checkin_lines(entries: list[Entry], exercises: dict[str, Exercise], today: date) -> list[Content]:
    exercise = exercises.get(CheckIn.ID)
    if exercise is None:
        return []
    lines = [Content.styled(_("Check-in"), "bold")]
    days = [today - timedelta(days=n) for n in range(STRIP_DAYS - 1, -1, -1)]
    by_day: dict[date, Entry] = {}
    for entry in entries:
        if entry.exercise == CheckIn.ID:
            by_day.setdefault(day_of(exercise, entry), entry)
    for role in (Role.MOOD, Role.INTENSITY):
        spec = exercise.role_field(role)
        if spec is None:
            continue
        values = [intensity_of(exercise, by_day[d], role) if d in by_day else None for d in days]
        if any(v is not None for v in values):
            lines.append(
                Content(
                    _("  {name:<8} {strip}  (the last {STRIP_DAYS} days, today on the right)").format(
                        name=spec.name, strip=strip(values, spec.min, spec.max), STRIP_DAYS=STRIP_DAYS
                    )
                )
            )
    return lines if len(lines) > 1 else []  # the status is at the top of Home


def recovery_lines(
    entries: list[Entry],
    exercises: dict[str, Exercise],
    today: date,
    settings: dict[str, Any],
    known_from: date | None = None,
) -> list[Content]:
    if settings.get(SHOW_SETTING) is not True:
        return []
    start_text = settings.get(START_SETTING)
    try:
        start = date.fromisoformat(start_text) if isinstance(start_text, str) else None
    except ValueError:
        start = None
    time = recovery_time(entries, exercises, today, start, known_from)
    describe = lambda d: format_day(d, weekday=False, long=True)  # noqa: E731
    back = back_lines(
        time,
        per_day(settings.get(COST_SETTING), MAX_COST),
        per_day(settings.get(HOURS_SETTING), MAX_HOURS),
        format_amount,
        describe,
    )
    return [
        Content.styled(_("Recovery time"), "bold"),
        *(Content("  " + line) for line in [*time.lines(describe), *back]),
    ]


def _by_when(by: date | None, today: date) -> str:
    if by is None:
        return ""
    if by == today:
        return _(" (by today)")
    when = format_day(by, year=False) if abs((by - today).days) < 300 else format_day(by, weekday=False)
    return (_(" (by {when}, past its date)") if by < today else _(" (by {when})")).format(when=when)


def measure_lines(
    entries: list[Entry], exercises: dict[str, Exercise], today: date, settings: dict[str, Any]
) -> list[Content]:
    """Each self-check's recent scores, and those whose time has come (unless turned off)."""
    from workbook.worksheets.measures import due_measures, trend

    lines: list[Content] = []
    for exercise in exercises.values():
        scores = trend(entries, exercise, limit=4)
        if scores:
            lines.append(Content(f"  {exercise.title}: " + " → ".join(f"{s.total} ({s.band})" for _d, s in scores)))
    for due in due_measures(entries, exercises, today, settings):
        when = (
            _("none yet")
            if due.last is None
            else ngettext(
                "the last one was {days} day ago", "the last one was {days} days ago", (today - due.last).days
            ).format(days=(today - due.last).days)
        )
        lines.append(Content(_("  {title}: suggested today ({when}).").format(title=due.exercise.title, when=when)))
    return (
        [Content.styled(_("Self-checks (to talk about with your counselor, not a diagnosis)"), "bold"), *lines]
        if lines
        else []
    )


def today_first(
    entries: list[Entry],
    exercises: dict[str, Exercise],
    today: date,
    drafts: list[Draft] | None = None,
    settings: dict[str, Any] | None = None,
    known_from: date | None = None,
) -> Content:
    """The top of Home, always in the first screen at 80x24: the day, today's check-in, what
    is due (homework is the list below it), drafts to finish, and recovery time's first line."""
    known = [e for e in entries if e.exercise in exercises]
    parts: list[Content] = [
        Content.styled(_("Today, {today}").format(today=format_day(today, year=False, long=True)), "bold")
    ]
    check_in = exercises.get(CheckIn.ID)
    if check_in is not None:
        done = checked_in_today(known, exercises, today)
        parts.append(
            Content(_("  Check-in: not yet today. Press k: it takes thirty seconds."))
            if done is None
            else Content(_("  Checked in: ") + summary_of(check_in, done.answers, 60))
        )
    # Homework is the list below; the check-in is the line above.
    others = due_lines(known, exercises, today, with_check_in=False, with_homework=False)
    if others:
        parts.append(Content(_("  Due: ") + "; ".join(others)))
    if drafts:
        names = ", ".join(dict.fromkeys(exercises[d.exercise].title for d in drafts if d.exercise in exercises))
        parts.append(
            Content(
                ngettext(
                    "  {count} draft not saved yet ({names}): open the worksheet to continue.",
                    "  {count} drafts not saved yet ({names}): open the worksheet to continue.",
                    len(drafts),
                ).format(count=len(drafts), names=names)
            )
        )
    recovery = recovery_lines(known, exercises, today, settings or {}, known_from)
    if len(recovery) > 1:
        parts.append(recovery[1])
    return Content("\n").join(parts)


def _hanging(part: Content, width: int) -> Content:
    """A line too long for the panel, wrapped with its later lines indented under its words
    (the terminal would start them at the edge, under the headings)."""
    text = part.plain
    if len(text) <= width or part.spans or "\n" in text:
        return part
    lead = len(text) - len(text.lstrip(" "))
    wrapped = textwrap.wrap(text, width, subsequent_indent=" " * (lead + 2), break_on_hyphens=False)
    return Content("\n".join(wrapped))


def today_panel(
    entries: list[Entry],
    exercises: dict[str, Exercise],
    today: date,
    width: int = 74,
    drafts: list[Draft] | None = None,
    settings: dict[str, Any] | None = None,
    known_from: date | None = None,
) -> Content:
    """The rest of Home's day, below the worksheets: what was written today, marks, gratitude,
    the check-in strip, recovery time, self-checks, goals and reviews, recent entries (the
    check-in's status, what is due and drafts are at the top: ``today_first``). Entries count
    for the day they are about."""
    known = [e for e in entries if e.exercise in exercises]
    todays = [e for e in known if day_of(exercises[e.exercise], e) == today]
    parts: list[Content] = []
    gratitude = [e for e in todays if e.exercise == Gratitude.ID]
    cravings = [e for e in todays if e.exercise == Cravings.ID]
    if gratitude:
        parts.append(Content(_("  Grateful for: ") + _summary(exercises, gratitude[0], width - 17)))
    if cravings:
        peak = max((intensity_of(exercises[Cravings.ID], e) or 0) for e in cravings)
        parts.append(
            Content(
                _("  Cravings logged today: {count} (strongest {peak}/10). Noticing them is a skill.").format(
                    count=len(cravings), peak=peak
                )
            )
        )
    for entry in todays:
        if entry.exercise not in (Gratitude.ID, Cravings.ID, CheckIn.ID):
            parts.append(
                Content(
                    f"  {format_clock(moment_of(exercises[entry.exercise], entry))}  "
                    f"{exercises[entry.exercise].title}: {_summary(exercises, entry, 40)}"
                )
            )
    if not todays:
        parts.append(Content(_("  Nothing written yet today. Small steps count. Press c to log a craving.")))
    marked = [e for e in known if e.bring_to_session]
    if marked:
        parts.append(
            Content(
                _("  Marked for your next session: {count}. They come first in your report.").format(count=len(marked))
            )
        )
    has_gratitude = any(e.exercise == Gratitude.ID for e in known)
    streak = insights.gratitude_streak(known, exercises.get(Gratitude.ID), today)
    gratitude_sheet = exercises.get(Gratitude.ID)
    wrote_today = any(e.exercise == Gratitude.ID and day_of(gratitude_sheet, e) == today for e in known)
    parts.append(Content("  " + insights.streak_message(streak, has_gratitude, wrote_today)))

    recovery = recovery_lines(known, exercises, today, settings or {}, known_from)
    for block in (
        checkin_lines(known, exercises, today),
        recovery[:1] + recovery[2:],  # its first line is at the top of Home
        measure_lines(known, exercises, today, settings or {}),
    ):
        if block:
            parts += [Content(""), *block]

    due = [
        Content(
            f"  {exercises[item.entry.exercise].title}: {_summary(exercises, item.entry, 30)} "
            f"({(item.due.name if item.due.notice_days else item.due.label).rstrip('?:')}: "
            f"{format_day(item.due.day, weekday=False, year=False)}"
            + (f", {when_due(item.due, today)})" if item.due.notice_days else ")")
        )
        for item in insights.due_items(known, exercises, today)
    ]
    active = insights.active_goals(known)
    if due or active:
        parts += [Content(""), Content.styled(_("Goals and reviews"), "bold")]
        parts += due
        if active and not due:
            parts.append(
                Content(
                    ngettext(
                        "  {count} active goal. Nothing due today.",
                        "  {count} active goals. Nothing due today.",
                        len(active),
                    ).format(count=len(active))
                )
            )

    recent = sorted(known, key=lambda e: e.updated, reverse=True)[:4]
    parts += [Content(""), Content.styled(_("Recent"), "bold")]
    if recent:
        for entry in recent:
            changed = format_day(parse_iso(entry.updated), weekday=False, year=False)
            prefix = f"  {changed}  {exercises[entry.exercise].title}: "
            parts.append(Content(prefix + _summary(exercises, entry, max(10, width - len(prefix)))))
    else:
        parts.append(Content(_("  Your entries will show here.")))
    return Content("\n").join(_hanging(part, width) for part in parts)
