"""Helpers for driving the app with Textual's Pilot."""

from __future__ import annotations

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
