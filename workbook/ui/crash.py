"""Provides ``QuietCrash``: how the app ends after an unexpected error: with a plain message
in the person's language (and, with WORKBOOK_DEBUG=1, where it happened, without local values),
never Textual's own report, which shows local variables and could put a passphrase or entry
text into the terminal's scrollback."""

from __future__ import annotations

import os

from textual.app import App

from workbook.common.i18n import _


class QuietCrash(App[None]):
    """The part of the app that ends it kindly after an unexpected error."""

    _crash_kind = ""
    _crash: BaseException | None = None

    def _handle_exception(self, error: Exception) -> None:
        # Never Textual's own report: it shows local variables (and some errors render
        # themselves), which could put a passphrase or entry text into the scrollback.
        self._crash_kind = type(error).__name__
        self._crash = error
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self._fatal_error()

    def _fatal_error(self) -> None:
        """Exit with a plain message (and, with WORKBOOK_DEBUG=1, where it happened)."""
        from rich.text import Text

        from workbook.common.protection import safe_traceback

        self.bell()
        message = _(
            "Recovery Workbook stopped because of an unexpected problem ({crash_kind}). "
            "Everything you saved before it is safe, and unsaved forms are kept as drafts. "
            "Please report it; run again with WORKBOOK_DEBUG=1 to see where it happened."
        ).format(crash_kind=self._crash_kind or _("an error"))
        crash = self._crash
        if os.environ.get("WORKBOOK_DEBUG") and crash is not None:
            message = safe_traceback(crash) + "\n\n" + message
        self._exit_renderables.append(Text(message))
        self._close_messages_no_wait()
