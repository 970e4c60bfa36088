"""Provides ``Span``: the days a report covers, the previous period of the same length to
compare with, and the period's name on every page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from babel import Locale

from workbook.common.i18n import _
from workbook.common.language import format_day
from workbook.export.options import Options


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
        return Span(self.start - timedelta(days=self.days), self.start - timedelta(days=1), True)

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


def span_of(options: Options, days: list[date], today: date) -> Span:
    """The days ``options`` cover: from the first entry when no start was chosen, to today when no end."""
    end = options.end or today
    start = options.start or (min(days) if days else end)
    return Span(min(start, end), end, options.start is not None)


def period_label(options: Options, span: Span, locale: Locale) -> str:
    """The period's name on every page: "Sun, Nov 1, 2026 to Mon, Nov 30, 2026", or "All entries"."""
    if options.start is None and options.end is None:
        return _("All entries")
    return _("{format_day} to {format_day2}").format(
        format_day=format_day(span.start, locale), format_day2=format_day(span.end, locale)
    )
