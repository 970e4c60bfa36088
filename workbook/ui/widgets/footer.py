"""Provides ``WorkbookFooter``: Textual's footer, drawn compact on a narrow terminal so that
more of the keys (crisis help always first) fit on one line."""

from __future__ import annotations

from textual.events import Resize
from textual.widgets import Footer

COMPACT_BELOW = 100  # columns


class WorkbookFooter(Footer):
    def on_resize(self, event: Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW
