"""Helpers for driving the app with Textual's Pilot."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from workbook.common.clock import FixedClock
from workbook.services.workbook import Workbook
from workbook.store.workbook_store import Store
from workbook.ui.app import WorkbookApp
from workbook.ui.widgets.fields import TableField


def welcomed_store() -> Store:
    """An in-memory store past the first-run welcome."""
    store = Store.in_memory()
    store.set_setting("welcomed", True)
    return store


# Every app in the tests lives at one fixed moment, so a screen never depends on the real clock.
TODAY = date(2026, 11, 22)


def fixed_clock() -> FixedClock:
    return FixedClock.on(TODAY, 20, 0)


def book_of(store: Store, **given: object) -> Workbook:
    """The application layer over ``store``, on the tests' fixed day."""
    return Workbook(store, clock=fixed_clock(), **given)  # type: ignore[arg-type]


def make_app(store: Store | None = None, lang: str | None = None) -> WorkbookApp:
    return WorkbookApp(book_of(store or welcomed_store()), lang=lang)


def screen_name(app: WorkbookApp) -> str:
    return type(app.screen).__name__


SETTLE_SECONDS = 30.0  # generous: a loaded CI machine can be ten times slower than a desk


async def settle(pilot: Pilot, condition: Callable[[], bool], tries: int = 60) -> None:  # type: ignore[type-arg]
    """Wait until ``condition`` holds (work done in a worker thread, such as key derivation).

    At least ``tries`` looks, and for as long as ``SETTLE_SECONDS`` of real time: the wait
    ends as soon as the condition holds, so only a real failure takes that long.
    """
    deadline = time.monotonic() + SETTLE_SECONDS
    looks = 0
    while looks < tries or time.monotonic() < deadline:
        looks += 1
        await pilot.pause()
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the app did not get there")


async def form_ready(pilot: Pilot) -> None:  # type: ignore[type-arg]
    """Wait until a form is open with its first question focused (keys typed go into it)."""

    def ready() -> bool:
        focused = pilot.app.focused
        screen = pilot.app.screen
        # The sub-title says which question has the focus: written once the focus has landed.
        return screen_name(pilot.app) == "FormScreen" and focused is not None and bool(screen.sub_title)

    await settle(pilot, ready)


async def goal_steps_with_a_filled_row(pilot: Pilot) -> TableField:  # type: ignore[type-arg]
    """A new goal's steps table, with an empty first row and a filled second one."""
    await pilot.press("1", "n")
    await form_ready(pilot)
    steps = pilot.app.screen.query_one("#field-steps", TableField)
    steps.add_row({"step": "Call my sponsor"})
    await pilot.pause()
    return steps


async def choose_letting_go(pilot: Pilot, selector: str) -> None:  # type: ignore[type-arg]
    """Click a dialog's choice that lets something go: it asks to be pressed twice (the second
    click once the button has finished showing the first)."""
    button = pilot.app.screen.query_one(selector)
    await pilot.click(selector)
    await settle(pilot, lambda: not button.has_class("-active"))
    await pilot.click(selector)


def arrive_together(app: App[object], *keys: str) -> None:
    """Keys as the terminal delivers keys read in one go (a paste, a fast typist, a busy
    moment): all queued at once, none waiting for the one before it to be handled."""
    from textual import events

    for key in keys:
        character = key if len(key) == 1 else {"space": " "}.get(key)
        event = events.Key(key, character)
        event.set_sender(app)
        app.post_message(event)


def held_back(monkeypatch: Any, owner: object, name: str, begun: threading.Event, go_on: threading.Event) -> None:
    """``owner.name`` stood in for by one that says it has begun and waits for ``go_on`` (10 s
    at most) before doing the real work: a screen's work, caught in the middle."""
    real = getattr(owner, name)

    def waiting(*args: object, **kwargs: object) -> object:
        begun.set()
        go_on.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, waiting)
