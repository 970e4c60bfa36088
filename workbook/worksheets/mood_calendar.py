"""Provides a month of moods as a calendar: each day's mood (from any worksheet with a ``mood``
role; the latest entry about the day wins) and whether a use was logged that day (any
worksheet with an ``outcome`` role). The screen colours the cells and the report writes them
as a table; both also say it in characters, so nothing is told by colour alone."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from workbook.worksheets.definition import Exercise, Role
from workbook.worksheets.entry import Entry
from workbook.worksheets.recovery_time import use_days
from workbook.worksheets.roles import day_of, moment_of

USE_MARK = "◆"  # a day with a logged use, beside its mood


@dataclass(frozen=True)
class CalendarDay:
    day: date
    mood: int | None  # None: no mood logged that day
    low: int  # the mood scale's ends, to place the mood on it
    high: int
    used: bool
    future: bool = False  # a day still to come: nothing to say yet

    @property
    def level(self) -> int:
        """The mood on a 1-5 scale whatever the worksheet's range (0 with none), for colour."""
        if self.mood is None:
            return 0
        span = max(1, self.high - self.low)
        return 1 + round(4 * (self.mood - self.low) / span)

    def cell(self) -> str:
        """The day in characters: "12 3", "12 ·" (no mood), "12 2◆" (a use), "28" (to come)."""
        if self.future:
            return f"{self.day.day:>2}"
        mood = "·" if self.mood is None else str(self.mood)
        return f"{self.day.day:>2} {mood}{USE_MARK if self.used else ''}"


def moods_by_day(entries: Iterable[Entry], exercises: dict[str, Exercise]) -> dict[date, tuple[int, int, int]]:
    """Each day's mood with its scale's ends: the latest entry about the day wins."""
    found: dict[date, tuple[int, int, int]] = {}
    latest: dict[date, tuple[datetime, str]] = {}
    for entry in entries:
        exercise = exercises.get(entry.exercise)
        spec = exercise.role_field(Role.MOOD) if exercise is not None else None
        value = entry.answers.get(spec.id) if spec is not None else None
        if spec is None or isinstance(value, bool) or not isinstance(value, int) or not spec.min <= value <= spec.max:
            continue  # an answer off its scale (a hand-edited file) is no mood to draw
        day = day_of(exercise, entry)
        order = (moment_of(exercise, entry), entry.updated)
        if day not in latest or order > latest[day]:
            latest[day] = order
            found[day] = (value, spec.min, spec.max)
    return found


def month_grid(
    entries: list[Entry],
    exercises: dict[str, Exercise],
    year: int,
    month: int,
    first_weekday: int = 0,
    today: date | None = None,
) -> list[list[CalendarDay | None]]:
    """The weeks of a month, each seven days from ``first_weekday`` (0 Monday, 6 Sunday);
    ``None`` pads the days of the months around it."""
    moods = moods_by_day(entries, exercises)
    used = use_days(entries, exercises)
    weeks: list[list[CalendarDay | None]] = []
    for week in calendar.Calendar(first_weekday).monthdatescalendar(year, month):
        row: list[CalendarDay | None] = []
        for day in week:
            if day.month != month:
                row.append(None)
                continue
            mood, low, high = moods.get(day, (None, 1, 5))
            row.append(CalendarDay(day, mood, low, high, day in used, today is not None and day > today))
        weeks.append(row)
    return weeks


def weekday_order(first_weekday: int) -> list[int]:
    """Weekday numbers (0 Monday) in the order the calendar's columns show them."""
    return [(first_weekday + i) % 7 for i in range(7)]


def has_moods(exercises: dict[str, Exercise]) -> bool:
    return any(e.role_field(Role.MOOD) is not None for e in exercises.values())
