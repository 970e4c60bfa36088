"""Provides ``Options``: what the person chose to share (period, worksheets, private entries),
and the one rule for what an export selects.

An entry belongs to a period by the moment it is about (its ``when`` role), not by when it
was typed: a craving logged on Monday about Saturday night is in the weekend's report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from workbook.common.i18n import _
from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry import Entry
from workbook.worksheets.roles import day_of


@dataclass(frozen=True)
class Options:
    """What the person chose to share."""

    start: date | None = None
    end: date | None = None
    include: tuple[str, ...] = ()
    include_private: bool = False

    def covers_day(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def covers(self, moment: datetime) -> bool:
        return self.covers_day(moment.date())

    def shares(self, entry: Entry) -> bool:
        """The private rule: a private entry goes out only when the person asked for it."""
        return self.include_private or not entry.private

    def selects(self, entry: Entry, exercise: Exercise | None) -> bool:
        """Everything the person chose: worksheet, period (by the entry's own moment) and the private rule."""
        return entry.exercise in self.include and self.shares(entry) and self.covers_day(day_of(exercise, entry))


def parse_day(text: str, what: str) -> date:
    """A YYYY-MM-DD date from the person, or a ``ValueError`` with a kind message."""
    from workbook.worksheets.answers import YearOutOfRange, parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        shown = text if len(text) <= 30 else text[:30] + "…"
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
