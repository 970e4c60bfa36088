"""Provides recovery time, told kindly and only to people who ask for it: days since the last
logged use, days without use this month and since a start date the person chose, and quiet
milestones.

A use is an entry whose ``outcome`` role answer means "use" (a missed dose of medication is
never one: medication for addiction treatment is treatment). Days are calendar days as the
person wrote them (``day_of``), so a change of time zone or of daylight-saving time never
moves a day. A lapse never resets anything: the words say what is still true.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from workbook.common.i18n import _, ngettext
from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry import Entry
from workbook.worksheets.roles import day_of, outcome_of

SHOW_SETTING = "recovery_time"  # True: the person asked to see it on Home
START_SETTING = "recovery_start"  # the date they count from (ISO), optional
COST_SETTING = "recovery_cost_per_day"  # what using cost a day, in the person's own money (optional)
HOURS_SETTING = "recovery_hours_per_day"  # hours a day using took (optional)
MAX_COST = 100_000
MAX_HOURS = 24
MILESTONES = (1, 7, 30, 60, 90)


def use_days(entries: Iterable[Entry], exercises: dict[str, Exercise]) -> set[date]:
    """The days with a logged use, in any worksheet with an outcome role."""
    return {
        day_of(exercises[e.exercise], e)
        for e in entries
        if e.exercise in exercises and outcome_of(exercises[e.exercise], e) is True
    }


def is_milestone(days: int) -> bool:
    """1, 7, 30, 60 and 90 days, then every 30 days."""
    return days in MILESTONES or (days > 90 and days % 30 == 0)


@dataclass(frozen=True)
class RecoveryTime:
    today: date
    last_use: date | None
    start: date | None
    month_days: int  # days of this month so far, today included
    month_without: int  # of those, days without a logged use
    start_days: int | None  # days since the start date, today included
    start_without: int | None

    @property
    def days_since_use(self) -> int | None:
        """Whole days since the last logged use (0 on the day of a use)."""
        return (self.today - self.last_use).days if self.last_use is not None else None

    def lines(self, describe_day: Callable[[date], str] = date.isoformat) -> list[str]:
        """Kind words for Home: what is true, never a reset, never a count of missed days."""
        days = self.days_since_use
        words: list[str] = []
        if days is None:
            words.append(_("No use is logged in this workbook."))
        elif days == 0:
            words.append(_("You logged a use today. Thank you for being honest: it helps you and your counselor."))
        else:
            words.append(
                ngettext(
                    "{days} day since your last logged use.", "{days} days since your last logged use.", days
                ).format(days=days)
            )
            if is_milestone(days):
                words.append(
                    ngettext(
                        "{days} day. That is worth noticing.", "{days} days. That is worth noticing.", days
                    ).format(days=days)
                )
        words.append(
            ngettext(
                "This month: {month_without} of {month_days} day without use.",
                "This month: {month_without} of {month_days} days without use.",
                self.month_days,
            ).format(month_without=self.month_without, month_days=self.month_days)
        )
        if self.start is not None and self.start_days is not None and self.start_without is not None:
            since = describe_day(self.start)
            line = ngettext(
                "Since {since}: {start_days} day, {start_without} of them without use.",
                "Since {since}: {start_days} days, {start_without} of them without use.",
                self.start_days,
            ).format(since=since, start_days=self.start_days, start_without=self.start_without)
            if days == 0 and self.start_without > 0:
                line += _(" That is still true.")
            words.append(line)
        return words


def recovery_time(
    entries: Iterable[Entry],
    exercises: dict[str, Exercise],
    today: date,
    start: date | None = None,
    known_from: date | None = None,
) -> RecoveryTime:
    """Recovery time on ``today``, counting from ``start`` (when the person set one). Given
    ``known_from`` (the day the workbook's first entry was written), the month's days count
    from then, or from ``start`` or a use logged earlier: days before the person began are
    never called days without use."""
    used = {d for d in use_days(entries, exercises) if d <= today}
    last = max(used) if used else None
    first_of_month = today.replace(day=1)
    if known_from is not None:
        known = min(d for d in (known_from, start, min(used, default=None)) if d is not None)
        first_of_month = max(first_of_month, min(known, today))
    month_days = (today - first_of_month).days + 1
    month_without = month_days - sum(1 for d in used if d >= first_of_month)
    start_days = start_without = None
    if start is not None and start <= today:
        start_days = (today - start).days + 1
        start_without = start_days - sum(1 for d in used if d >= start)
    return RecoveryTime(
        today,
        last,
        start if start is not None and start <= today else None,
        month_days,
        month_without,
        start_days,
        start_without,
    )


def per_day(value: object, limit: float) -> float | None:
    """A stored per-day amount, when it is a number from above 0 to ``limit``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if 0 < value <= limit else None


def back_lines(
    time: RecoveryTime,
    cost: float | None,
    hours: float | None,
    number: Callable[[float], str] = lambda n: f"{n:,.0f}",
    describe_day: Callable[[date], str] = date.isoformat,
) -> list[str]:
    """Money and time back: the days without use (since the start date, or this month)
    times what using cost a day. It only grows: a lapse adds nothing that day and takes
    nothing away from what came before."""
    if cost is None and hours is None:
        return []
    if time.start is not None and time.start_without is not None:
        days, since = time.start_without, _("since {since}").format(since=describe_day(time.start))
    else:
        days, since = time.month_without, _("this month")
    bits = []
    if cost is not None:
        bits.append(_("about {amount} of your money not spent on using").format(amount=number(days * cost)))
    if hours is not None:
        total = round(days * hours)
        bits.append(ngettext("about {hours} hour back", "about {hours} hours back", total).format(hours=total))
    return [
        ngettext(
            "Back {since}, on {days} day without use: {what}.",
            "Back {since}, on {days} days without use: {what}.",
            days,
        ).format(since=since, days=days, what=_(" and ").join(bits))
    ]
