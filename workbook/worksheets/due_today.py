"""Provides what is due today, in words that hold no entry text (for ``workbook today``, which
people may put in their shell's start-up, where anyone looking over a shoulder can read it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from workbook.common.i18n import _, ngettext
from workbook.worksheets.builtin import CheckIn, Plan, Sessions
from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry import Entry
from workbook.worksheets.insights import due_items
from workbook.worksheets.roles import Due, day_of


@dataclass(frozen=True)
class OpenTask:
    """A homework task not ticked done yet."""

    text: str
    session: Entry
    by: date | None = None  # the day it is meant to be done by, if the person gave one


def open_homework(entries: list[Entry], exercises: dict[str, Exercise]) -> list[OpenTask]:
    """Homework from every session entry that is not marked done: the soonest "by when"
    first, then tasks with no date, newest session first."""
    found = []
    for entry in entries:
        if entry.exercise == Sessions.ID:
            for row in Sessions.homework.rows(entry.answers):
                task = Sessions.homework.cell(row, Sessions.TASK)
                if task and not Sessions.homework.ticked(row, Sessions.DONE):
                    found.append(OpenTask(task, entry, Sessions.homework.day(row, Sessions.BY)))
    # sorted() keeps the newest-session-first order among equal dates and the undated.
    return sorted(found, key=lambda t: (t.by is None, t.by or date.min))


def checked_in_today(entries: list[Entry], exercises: dict[str, Exercise], today: date) -> Entry | None:
    """Today's check-in, if there is one."""
    exercise = exercises.get(CheckIn.ID)
    return next((e for e in entries if e.exercise == CheckIn.ID and day_of(exercise, e) == today), None)


def when_due(due: Due, today: date) -> str:
    """When a date with notice comes, in words: "in 10 days", "today", "3 days ago"."""
    days = due.day.toordinal() - today.toordinal()
    if days == 0:
        return _("today")
    if days > 0:
        return ngettext("in {days} day", "in {days} days", days).format(days=days)
    return ngettext("{days} day ago", "{days} days ago", -days).format(days=-days)


def due_lines(
    entries: list[Entry],
    exercises: dict[str, Exercise],
    today: date,
    extra: list[str] | None = None,
    *,
    with_check_in: bool = True,
    with_homework: bool = True,
) -> list[str]:
    """What is due today, as short phrases with no entry text ("today's check-in", "2 homework tasks")."""
    due: list[str] = []
    if with_check_in and CheckIn.ID in exercises and checked_in_today(entries, exercises, today) is None:
        due.append(_("today's check-in"))
    tasks = open_homework(entries, exercises) if with_homework else []
    # A task meant for a later day is not due today; one with no day stays open until done.
    now_due = [t for t in tasks if t.by is not None and t.by <= today]
    undated = [t for t in tasks if t.by is None]
    if now_due:
        late = sum(1 for t in now_due if t.by is not None and t.by < today)
        due.append(
            ngettext("{count} homework task due", "{count} homework tasks due", len(now_due)).format(count=len(now_due))
            + (_(" ({late} from an earlier day)").format(late=late) if late else "")
        )
    if undated:
        due.append(
            ngettext("{count} open homework task", "{count} open homework tasks", len(undated)).format(
                count=len(undated)
            )
        )
    every = due_items(entries, exercises, today)
    reviews = [item for item in every if not item.due.notice_days]
    due += [f"{item.due.name.rstrip('?:')} {when_due(item.due, today)}" for item in every if item.due.notice_days]
    if any(item.entry.exercise == Plan.ID for item in reviews):
        due.append(_("a review of your plan"))
    others = sum(1 for item in reviews if item.entry.exercise != Plan.ID)
    if others:
        due.append(
            ngettext(
                "{others} date you set to look at again", "{others} dates you set to look at again", others
            ).format(others=others)
        )
    return due + (extra or [])
