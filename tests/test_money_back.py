"""Money and time back: counted from the days without use, so a lapse never takes away what
came before it, and said only to a person who set what using cost a day."""

from __future__ import annotations

from datetime import date

from workbook.worksheets.recovery_time import RecoveryTime, back_lines, per_day


def _time(start_without: int, month_without: int = 5) -> RecoveryTime:
    return RecoveryTime(date(2026, 12, 7), date(2026, 12, 3), date(2026, 10, 1), 7, month_without, 68, start_without)


def test_nothing_is_said_without_an_amount() -> None:
    assert back_lines(_time(60), None, None) == []


def test_money_and_hours_grow_with_the_days_without_use() -> None:
    (line,) = back_lines(_time(60), 20.0, 3.0, describe_day=lambda d: d.isoformat())
    assert line == (
        "Back since 2026-10-01, on 60 days without use: about 1,200 of your money not spent on using "
        "and about 180 hours back."
    )
    # A lapse the day after adds nothing for that day and takes nothing away.
    (after,) = back_lines(_time(60), 20.0, None)
    assert "1,200" in after


def test_without_a_start_date_it_counts_this_month() -> None:
    time = RecoveryTime(date(2026, 12, 7), None, None, 7, 7, None, None)
    (line,) = back_lines(time, 10.0, None)
    assert line == "Back this month, on 7 days without use: about 70 of your money not spent on using."


def test_only_sensible_stored_amounts_count() -> None:
    assert per_day(20, 100) == 20.0 and per_day(0, 100) is None and per_day(True, 100) is None
    assert per_day("20", 100) is None and per_day(10**9, 100) is None
