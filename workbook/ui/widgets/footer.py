"""Provides ``WorkbookFooter``: Textual's footer, drawn compact on a narrow terminal so that
more of the keys (crisis help always first) fit on one line, and without the palette's key
on a very narrow one (Textual draws it over the last key there)."""

from __future__ import annotations

from textual.events import Resize
from textual.widgets import Footer

COMPACT_BELOW = 100  # columns
PALETTE_KEY_FROM = COMPACT_BELOW  # below, the screen's own keys need the room (Ctrl+P still works, ? lists it)


class WorkbookFooter(Footer):
    def on_resize(self, event: Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW
        self.show_command_palette = event.size.width >= PALETTE_KEY_FROM
