"""A homework task is ticked done with Space from Home's list and from the entry's own page
(where Space undoes it too), saved as an edit of its session with the earlier version kept."""

from __future__ import annotations

import pytest

from app_helpers import make_app, settle, welcomed_store
from workbook.ui.widgets.task_list import TaskList

pytestmark = pytest.mark.asyncio

TASKS = [
    {"task": "Call my sponsor", "due": "2026-11-21", "done": False},
    {"task": "Go to two meetings", "done": False},
    {"task": "Already done", "done": True},
]


def _store():  # type: ignore[no-untyped-def]
    store = welcomed_store()
    entry = store.add("sessions", {"date": "2026-11-18", "homework": TASKS})
    return store, entry


async def test_space_on_home_ticks_a_task_done() -> None:
    store, entry = _store()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        tasks = app.screen.query_one("#home-tasks", TaskList)
        await settle(pilot, lambda: tasks.option_count == 2)  # the ones not done, the overdue first
        assert "Call my sponsor" in str(tasks.get_option_at_index(0).prompt)
        tasks.focus()
        await pilot.press("space")
        await settle(pilot, lambda: tasks.option_count == 1)
        saved = store.get(entry.id)
        assert saved is not None and saved.answers["homework"][0]["done"] is True
        assert saved.answers["homework"][1]["done"] is False and len(saved.revisions) == 1


async def test_the_entry_page_ticks_and_unticks_with_space() -> None:
    store, entry = _store()
    app = make_app(store)
    async with app.run_test(size=(60, 20)) as pilot:
        from workbook.ui.screens.entry import EntryScreen

        app.push_screen(EntryScreen(app.exercises["sessions"], entry))
        await settle(pilot, lambda: isinstance(app.screen, EntryScreen))
        tasks = app.screen.query_one("#entry-tasks", TaskList)
        await settle(pilot, lambda: tasks.has_focus and tasks.option_count == 3)
        await pilot.press("down", "down", "space")  # "Already done": undone
        await settle(pilot, lambda: store.get(entry.id).answers["homework"][2]["done"] is False)  # type: ignore[union-attr]
        await pilot.press("up", "space")
        await settle(pilot, lambda: store.get(entry.id).answers["homework"][1]["done"] is True)  # type: ignore[union-attr]
