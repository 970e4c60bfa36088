"""Provides ``printable``: text with its control characters made harmless.

Text from a file someone handed over (an import, a worksheet, a damaged workbook) can hold
terminal control sequences (ESC, BEL, NUL...) that set a window's title, clear the screen
or fake a line of output. Every message the command line prints and every export passes its
text through here; tabs and line breaks are kept.
"""

from __future__ import annotations

import re

# C0 controls except tab and line feed, DEL, and the C1 controls (ESC's 8-bit forms).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
REPLACEMENT = "\ufffd"


def printable(text: str) -> str:
    """``text`` with each control character (but tab and line feed) shown as U+FFFD."""
    return _CONTROLS.sub(REPLACEMENT, text) if _CONTROLS.search(text) else text


def has_controls(text: str) -> bool:
    return _CONTROLS.search(text) is not None
