"""Provides what is due today, in words that hold no entry text (for ``workbook today``, which
people may put in their shell's start-up, where anyone looking over a shoulder can read it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from workbook.worksheets.builtin import CheckIn, Plan, Sessions
from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry import Entry
from workbook.worksheets.insights import due_items
from workbook.worksheets.roles import day_of


@dataclass(frozen=True)
class OpenTask:
    """A homework task not ticked done yet."""

    text: str
    session: Entry


def open_homework(entries: list[Entry], exercises: dict[str, Exercise]) -> list[OpenTask]:
    """Homework from every session entry that is not marked done, newest session first."""
    found = []
    for entry in entries:
        if entry.exercise == Sessions.ID:
            for row in Sessions.homework.rows(entry.answers):
                task = Sessions.homework.cell(row, Sessions.TASK)
                if task and not Sessions.homework.ticked(row, Sessions.DONE):
                    found.append(OpenTask(task, entry))
    return found


def checked_in_today(entries: list[Entry], exercises: dict[str, Exercise], today: date) -> Entry | None:
    """Today's check-in, if there is one."""
    exercise = exercises.get(CheckIn.ID)
    return next((e for e in entries if e.exercise == CheckIn.ID and day_of(exercise, e) == today), None)


def due_lines(entries: list[Entry], exercises: dict[str, Exercise], today: date,
              extra: list[str] | None = None) -> list[str]:
    """What is due today, as short phrases with no entry text ("today's check-in", "2 homework tasks")."""
    due: list[str] = []
    if CheckIn.ID in exercises and checked_in_today(entries, exercises, today) is None:
        due.append("today's check-in")
    tasks = len(open_homework(entries, exercises))
    if tasks:
        due.append(f"{tasks} homework task{'s' if tasks != 1 else ''}")
    reviews = due_items(entries, exercises, today)
    if any(item.entry.exercise == Plan.ID for item in reviews):
        due.append("a review of your plan")
    others = sum(1 for item in reviews if item.entry.exercise != Plan.ID)
    if others:
        due.append(f"{others} date{'s' if others != 1 else ''} you set to look at again")
    return due + (extra or [])
