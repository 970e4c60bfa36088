"""Helpers for driving the app with Textual's Pilot."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual.pilot import Pilot

from workbook.app import WorkbookApp
from workbook.store import Store


def welcomed_store() -> Store:
    """An in-memory store past the first-run welcome."""
    store = Store.in_memory()
    store.set_setting("welcomed", True)
    return store


def make_app(store: Store | None = None) -> WorkbookApp:
    return WorkbookApp(store or welcomed_store())


def screen_name(app: WorkbookApp) -> str:
    return type(app.screen).__name__


async def settle(pilot: Pilot, condition: Callable[[], bool], tries: int = 60) -> None:  # type: ignore[type-arg]
    """Wait until ``condition`` holds (work done in a worker thread, such as key derivation)."""
    for _ in range(tries):
        await pilot.pause()
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the app did not get there")
