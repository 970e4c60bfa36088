"""Provides ``Span``: the days a report covers, the previous period of the same length to
compare with, and the period's name on every page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from babel import Locale

from workbook.common.i18n import _
from workbook.common.language import format_day, format_moment
from workbook.export.options import Chosen, Options
from workbook.worksheets.builtin import Goals
from workbook.worksheets.entry import Entry, parse_iso


@dataclass(frozen=True)
class Span:
    """The period a report covers, as days, and the previous period of the same length."""

    start: date
    end: date
    bounded: bool  # False for "all entries": nothing to compare with

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Span | None:
        if not self.bounded:
            return None
        try:
            return Span(self.start - timedelta(days=self.days), self.start - timedelta(days=1), True)
        except OverflowError:  # a period reaching back to the first years of the calendar
            return None

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


def span_of(options: Options, days: list[date], today: date) -> Span:
    """The days ``options`` cover: from the first entry when no start was chosen, to today when no end."""
    end = options.end or today
    if options.since is not None:  # since the last report: from its day (its own entries are not counted again)
        return Span(min(options.since.date(), end), end, True)
    start = options.start or (min(days) if days else end)
    return Span(min(start, end), end, options.start is not None)


def period_label(options: Options, span: Span, locale: Locale) -> str:
    """The period's name on every page, with how it was chosen: "Since my last report (Mon,
    Nov 30, 2026, 2:05 PM) to Mon, Dec 7, 2026", "The last 7 days: …", or "All entries"."""
    first, last = format_day(span.start, locale), format_day(span.end, locale)
    if options.chosen is Chosen.SINCE_LAST and options.since is not None:
        return _("Since my last report ({format_moment}) to {format_day}").format(
            format_moment=format_moment(options.since, locale), format_day=last
        )
    if options.chosen is Chosen.FIRST:
        return _("The last 30 days, {first} to {last} (the first report: none was made before)").format(
            first=first, last=last
        )
    if options.chosen in (Chosen.WEEK, Chosen.MONTH):
        return _("The last {days} days, {first} to {last}").format(days=span.days, first=first, last=last)
    if options.start is None and options.end is None:
        return _("All entries")
    return _("{format_day} to {format_day2}").format(format_day=first, format_day2=last)


def worked_on(entry: Entry, span: Span) -> bool:
    """A goal belongs in the period when it was written, changed or noted on during it."""
    if span.covers(entry.created_at.date()) or span.covers(parse_iso(entry.updated).date()):
        return True
    days = (Goals.progress.day(row, Goals.DATE) for row in Goals.progress.rows(entry.answers))
    return any(day is not None and span.covers(day) for day in days)
