"""Provides ``Options``: what the person chose to share (period, worksheets, private entries),
and the one rule for what an export selects.

An entry belongs to a period by the moment it is about (its ``when`` role), not by when it
was typed: a craving logged on Monday about Saturday night is in the weekend's report. A
report "since my last report" also holds every entry written or changed after that report,
whatever day it is about, so an entry typed late is never in no report at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from workbook.common.i18n import _
from workbook.common.printable import clipped, printable
from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry import Entry
from workbook.worksheets.roles import changed_at, day_of


class Chosen(StrEnum):
    """How a report's days were chosen; every report says it beside its dates."""

    SINCE_LAST = "since"  # since the last report: its days, and everything written since
    FIRST = "first"  # "since my last report" before there was one: the last 30 days
    WEEK = "7"
    MONTH = "30"
    EVERYTHING = "all"
    DATES = "dates"  # dates the person typed (or none: everything)

    @property
    def moves_mark(self) -> bool:
        """Whether a report of this period holds everything since the last report, so the
        next "since my last report" may start after it. A report of the last 7 days (or of an
        old month) leaves the mark where it is: moving it would leave the days between out of
        every report."""
        return self in (Chosen.SINCE_LAST, Chosen.FIRST, Chosen.EVERYTHING)


@dataclass(frozen=True)
class Options:
    """What the person chose to share."""

    start: date | None = None
    end: date | None = None
    include: tuple[str, ...] = ()
    include_private: bool = False
    since: datetime | None = None  # the last report: entries written or changed after it are in
    chosen: Chosen = Chosen.DATES
    late: frozenset[str] = frozenset()  # entries that arrived after the last report with older stamps

    def covers_day(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def covers(self, moment: datetime) -> bool:
        return self.covers_day(moment.date())

    def shares(self, entry: Entry) -> bool:
        """The private rule: a private entry goes out only when the person asked for it."""
        return self.include_private or not entry.private

    def written_late(self, entry: Entry) -> bool:
        """True when ``entry`` was written or changed after the last report (``since``; the same
        second counts: shown twice is better than never), or arrived after it with older stamps."""
        return self.since is not None and (changed_at(entry) >= self.since or entry.id in self.late)

    def in_period(self, entry: Entry, exercise: Exercise | None) -> bool:
        """The period rule alone: the day the entry is about is in the period, or (since the
        last report) the entry was written or changed after that report. An entry about the
        last report's own day that was written before it was in that report: it is not
        counted twice."""
        day = day_of(exercise, entry)
        if self.since is not None:
            return (self.since.date() < day and (self.end is None or day <= self.end)) or self.written_late(entry)
        return self.covers_day(day)

    def selects(self, entry: Entry, exercise: Exercise | None) -> bool:
        """Everything the person chose: worksheet, period (by the entry's own moment, or
        written since the last report) and the private rule."""
        return entry.exercise in self.include and self.shares(entry) and self.in_period(entry, exercise)


def parse_day(text: str, what: str) -> date:
    """A YYYY-MM-DD date from the person, or a ``ValueError`` with a kind message."""
    from workbook.worksheets.answers import YearOutOfRange, parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        shown = clipped(printable(text), 31)
        if isinstance(exc, YearOutOfRange):  # a real date, out of the years the workbook keeps
            raise ValueError(_('{what}: {exc} ("{shown}" is not).').format(what=what, exc=exc, shown=shown)) from None
        raise ValueError(
            _('{what} should be a date like 2026-03-14 (year-month-day), not "{shown}".').format(what=what, shown=shown)
        ) from None


def check_options(options: Options, exercises: dict[str, Exercise]) -> None:
    """Raise ``ValueError`` with a kind message for impossible choices."""
    unknown = [i for i in options.include if i not in exercises]
    if unknown:
        raise ValueError(
            _("Unknown worksheet: {value}. Choose from: {join}.").format(
                value=", ".join(unknown)[:200], join=", ".join(exercises)
            )
        )
    if options.start and options.end and options.start > options.end:
        raise ValueError(_("The start date is after the end date."))
