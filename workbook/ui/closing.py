"""Provides ``ClosingTerminal``: what the app does when its terminal closes (SIGHUP) or the
system asks it to stop (SIGTERM): the callback it is given runs on the app's own loop, before
anything else, so words typed a moment ago are kept as a draft rather than lost with the window.

Python's default for both signals ends the process at once. The handlers are the loop's own
(``add_signal_handler``), so the callback runs between two steps of the app, never in the
middle of a save; they are given back when the app ends.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbook.ui.app import WorkbookApp

SIGNALS = tuple(getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name))
LEAVE_WITHIN = 3.0  # seconds the app has to end by itself once its typing is kept


class ClosingTerminal:
    """Runs ``keep`` once when the terminal closes or the system asks the program to stop."""

    def __init__(self, keep: Callable[[], None]) -> None:
        self._keep = keep
        self._done = False
        self._previous: dict[int, Any] = {}
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        for sig in SIGNALS:
            try:
                previous = signal.getsignal(sig)
                loop.add_signal_handler(sig, self._closing)
            except (NotImplementedError, RuntimeError, ValueError):
                continue  # not the main thread, or a system without these signals
            self._previous[sig] = previous

    def _closing(self) -> None:
        if not self._done:
            self._done = True
            self._keep()
            # The typing is on disk now. With its terminal gone, Textual's own shutdown can wait
            # for ever on an output thread that has nowhere to write, holding the workbook's
            # lock (the next start would be told "open in another window"): if the app has not
            # ended by itself in a few seconds, the process ends. Every save is durable, and
            # the lock dies with the process.
            watchdog = threading.Timer(LEAVE_WITHIN, os._exit, args=(0,))
            watchdog.daemon = True
            watchdog.start()

    def release(self) -> None:
        """Give the signals back as they were before the app started."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        for sig, previous in self._previous.items():
            if loop is not None:
                loop.remove_signal_handler(sig)
            signal.signal(sig, previous if previous is not None else signal.SIG_DFL)
        self._previous.clear()


def keep_typing_and_leave(app: WorkbookApp) -> None:
    """The terminal is closing (or the system asks the program to stop): every form's typing
    is kept as a draft at once, a practice is kept as Esc keeps it, then the app leaves.
    Nothing waits for the usual pause after typing."""
    from workbook.ui.holds_typing import HoldsTyping
    from workbook.ui.screens.practice.base import PracticeScreen

    for screen in app.screen_stack:
        if isinstance(screen, HoldsTyping) and screen.unsaved_typing():
            screen.keep_draft()
        elif isinstance(screen, PracticeScreen):
            screen.stop_and_keep()
    app.exit()
