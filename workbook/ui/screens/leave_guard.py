"""Provides ``LeaveGuard``: small dialogs ask before Escape drops what the person typed."""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget

from workbook.common.i18n import _


class LeaveGuard(Widget):
    """Mixin for dialogs: with typed text, the first Escape warns and the second leaves."""

    _leave_armed = False

    def leave_or_warn(self, typed: bool, leave: Callable[[], object]) -> None:
        if typed and not self._leave_armed:
            self._leave_armed = True
            self.notify(_("Press Esc again to leave without saving what you typed."))
            return
        leave()
