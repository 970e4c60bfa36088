"""Provides the messages the app sends to its screens: ``WorkbookChanged``, the application
layer's ``Changed`` event relayed to every screen on the stack, so a screen refreshes because
something changed (``@on(WorkbookChanged)``), never because someone looked it up and called it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from workbook.services.events import Changed


@dataclass
class WorkbookChanged(Message, bubble=False):
    """Something in the open workbook changed (entries, settings or drafts)."""

    change: Changed
