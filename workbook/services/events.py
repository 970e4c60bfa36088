"""Provides ``Changed``: the one event the application layer announces when the workbook
changes, and ``Listeners``, the small list of those who hear it.

The app relays it as a Textual message to every screen on its stack, so a screen refreshes
because something changed, not because someone remembered to call it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class What(StrEnum):
    """What kind of thing changed."""

    ENTRIES = "entries"
    SETTINGS = "settings"
    DRAFTS = "drafts"


@dataclass(frozen=True)
class Changed:
    """Something in the workbook changed: entries (with the worksheets they belong to, when
    known), settings (with their keys) or drafts."""

    what: What
    keys: frozenset[str] = frozenset()

    def touches(self, key: str) -> bool:
        """True when ``key`` (a worksheet id or a setting) is among what changed, or nothing more was said."""
        return not self.keys or key in self.keys


Listener = Callable[[Changed], None]


class Listeners:
    """Those to tell about a change, called in the order they subscribed."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def announce(self, change: Changed) -> None:
        for listener in list(self._listeners):
            listener(change)
