"""A month of check-ins shows as a calendar: each day's mood in characters and colour, a day
with a logged use marked with ◆ (never by colour alone); the same grid as a report table."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Static

from app_helpers import TODAY, make_app, settle, welcomed_store
from workbook.worksheets.loader import load_exercises
from workbook.worksheets.mood_calendar import month_grid

EXERCISES, _PROBLEMS = load_exercises()


def _month_store():  # type: ignore[no-untyped-def]
    store = welcomed_store()
    for day in range(1, 22):
        store.add("daily-checkin", {"date": f"2026-11-{day:02d}", "mood": 1 + day % 5})
    store.add("trigger-log", {"when": "2026-11-14 21:30", "strength": 8, "outcome": "used"})
    return store


def test_a_month_of_check_ins_as_a_grid_with_the_lapse_marked() -> None:
    store = _month_store()
    weeks = month_grid(store.entries(), EXERCISES, 2026, 11, first_weekday=6)  # Sunday first, as in the US
    days = {d.day: d for week in weeks for d in week if d is not None}
    assert len(days) == 30 and all(len(week) == 7 for week in weeks)
    assert weeks[0][0] is not None and weeks[0][0].day == date(2026, 11, 1)  # Nov 1, 2026 is a Sunday
    assert days[date(2026, 11, 14)].used and days[date(2026, 11, 14)].cell() == "14 5◆"
    assert days[date(2026, 11, 3)].cell() == " 3 4" and days[date(2026, 11, 25)].cell() == "25 ·"
    assert days[date(2026, 11, 5)].level == 1 and days[date(2026, 11, 4)].level == 5


@pytest.mark.asyncio
async def test_the_calendar_screen_shows_the_month_and_moves() -> None:
    app = make_app(_month_store())
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("m")
        await settle(pilot, lambda: type(app.screen).__name__ == "MoodCalendarScreen")
        await settle(pilot, lambda: len(app.screen.query(".calendar-cell")) > 0)
        cells = [str(w.render()) for w in app.screen.query(".calendar-cell").results(Static)]
        assert "14 5◆" in cells and f"{TODAY.day} ·" in cells
        assert app.screen.query(".used").first().has_class("mood-5")
        await pilot.press("left")
        await settle(pilot, lambda: "October" in str(app.screen.query_one("#calendar-month").render()))
        await pilot.press("escape")
        await settle(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
