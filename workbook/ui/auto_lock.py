"""Provides ``watch_idle``: after some minutes without a key or a click (the setting
``auto_lock_minutes``, 15 unless the person chose another; 0 turns it off), every form's
typing is kept as a draft and the app hides itself behind the blank screen (F2's), which
asks for the passphrase first when the workbook is encrypted."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbook.ui.app import WorkbookApp

SETTING = "auto_lock_minutes"
DEFAULT_MINUTES = 15
LOOK_EVERY = 15.0  # seconds


def minutes_of(setting: object) -> float:
    """The idle minutes before the app hides itself (0: never)."""
    if isinstance(setting, bool) or not isinstance(setting, (int, float)):
        return DEFAULT_MINUTES
    return max(0.0, min(float(setting), 24 * 60))


class IdleWatch:
    """When the person last pressed a key or clicked (``touched``), and what happens after
    the idle minutes (``look``)."""

    def __init__(self, app: WorkbookApp) -> None:
        self.app = app
        self.last = time.monotonic()

    def touched(self) -> None:
        self.last = time.monotonic()

    def look(self) -> None:
        from workbook.ui.holds_typing import HoldsTyping
        from workbook.ui.screens.privacy import PrivacyScreen

        app = self.app
        if app.book is None or isinstance(app.screen, PrivacyScreen):
            return
        minutes = minutes_of(app.book.setting(SETTING))
        if not minutes or time.monotonic() - self.last < minutes * 60:
            return
        for screen in app.screen_stack:  # typing first: the draft is kept before anything hides
            if isinstance(screen, HoldsTyping) and screen.unsaved_typing():
                screen.keep_draft()
        app.action_hide()


def watch_idle(app: WorkbookApp) -> IdleWatch:
    watch = IdleWatch(app)
    app.set_interval(LOOK_EVERY, watch.look)
    return watch
