"""Provides ``Clock``: the one way the program asks what time it is.

Every rule that depends on the day (one check-in a day, what is due, "since my last
report", the stamps on an entry) takes a clock, so tests and benchmarks fix the moment
and a test that passes today passes tomorrow. ``SystemClock`` is the only code in the
package that reads the real time; ``FixedClock`` stands still (or moves when told).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """What time it is, as the person's computer says it (local, with its UTC offset)."""

    def now(self) -> datetime: ...


class SystemClock:
    """The computer's own clock."""

    def now(self) -> datetime:
        return datetime.now().astimezone()


class FixedClock:
    """A clock that says what it is told: for tests, benchmarks and previews."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment if moment.tzinfo is not None else moment.astimezone()

    @classmethod
    def on(cls, day: date, hour: int = 12, minute: int = 0) -> FixedClock:
        """Noon (or ``hour:minute``) of ``day``, in local time."""
        return cls(datetime(day.year, day.month, day.day, hour, minute))

    def now(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        """Move the clock on (``advance(minutes=5)``)."""
        self.moment += timedelta(**delta)


SYSTEM_CLOCK: Clock = SystemClock()


def today(clock: Clock) -> date:
    """The day it is by ``clock``."""
    return clock.now().date()


def stamp(clock: Clock) -> str:
    """The moment by ``clock`` as the program stores it: RFC 3339 with its UTC offset, to the second."""
    return clock.now().isoformat(timespec="seconds")
