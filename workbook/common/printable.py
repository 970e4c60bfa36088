"""Provides ``printable``: text with its control characters made harmless.

Text from a file someone handed over (an import, a worksheet, a damaged workbook) can hold
terminal control sequences (ESC, BEL, NUL...) that set a window's title, clear the screen
or fake a line of output. Every message the command line prints and every export passes its
text through here; tabs and line breaks are kept.

``harmless`` does the same to everything the store keeps (answers, drafts, settings), on the
way in and when a file that holds such characters is opened, so the terminal screens, which
draw the person's words as they are, never receive one. A carriage return becomes a line
break (pasted Windows text), not a replacement mark.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# C0 controls except tab and line feed, DEL, and the C1 controls (ESC's 8-bit forms).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
REPLACEMENT = "\ufffd"


def printable(text: str) -> str:
    """``text`` with each control character (but tab and line feed) shown as U+FFFD."""
    return _CONTROLS.sub(REPLACEMENT, text) if _CONTROLS.search(text) else text


def has_controls(text: str) -> bool:
    return _CONTROLS.search(text) is not None


def harmless(value: Any) -> Any:
    """``value`` (JSON-shaped: dicts, lists, strings...) with control characters in every
    string, keys included, made harmless. Returns ``value`` itself when there were none."""
    if isinstance(value, str):
        if not _CONTROLS.search(value):
            return value
        return printable(value.replace("\r\n", "\n").replace("\r", "\n"))
    if isinstance(value, dict):
        cleaned = {harmless(k): harmless(v) for k, v in value.items()}
        same = all(a is b for a, b in zip(value, cleaned, strict=False)) and all(
            cleaned[k] is v for k, v in value.items() if k in cleaned
        )
        return value if same and len(cleaned) == len(value) else cleaned
    if isinstance(value, list):
        items = [harmless(v) for v in value]
        return value if all(a is b for a, b in zip(value, items, strict=False)) else items
    return value


# What a control character looks like inside stored JSON bytes: an escape for C0 and the
# C1 range, DEL and C1 characters written raw in UTF-8. A false alarm only costs one walk.
_ESCAPED_CONTROL = re.compile(rb"\\u00[0189][0-9a-fA-F]|\\u007[fF]")
_RAW_C1 = re.compile(rb"\xc2[\x80-\x9f]")


def json_may_hold_controls(raw: bytes) -> bool:
    """Whether stored JSON bytes might hold a control character. Quick: single bytes are
    found at memchr speed, and only each backslash's next byte is looked at (a pattern's
    walk over every byte was a few milliseconds at thirty years)."""
    if b"\x7f" in raw or (b"\xc2" in raw and _RAW_C1.search(raw)):
        return True
    find = raw.find
    at = find(b"\\")
    while at >= 0:
        after = raw[at + 1 : at + 2]
        if after in (b"b", b"f", b"r") or (after == b"u" and _ESCAPED_CONTROL.match(raw, at)):
            return True
        at = find(b"\\", at + 2)  # past the escape: an escaped backslash is two bytes
    return False


def folded(text: str) -> str:
    """``text`` with case and accents set aside, for finding and matching words in either
    language ("discusión" ~ "discusion", "Cansancio" ~ "cansancio", "año" ~ "ano")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def clipped(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with "…" at the end of its last whole word (a
    word longer than half the room is cut, rather than leave the room empty)."""
    if len(text) <= width:
        return text
    room = max(1, width - 1)
    cut = text[:room]
    at = cut.rfind(" ")
    if at >= room // 2:
        cut = cut[:at]
        # Never end on a little joining word ("Plan de…", "Hungry and…"): it reads unfinished.
        head, _space, last = cut.rpartition(" ")
        if head and last.casefold() in _JOINING:
            cut = head
    return cut.rstrip(" ,;:·-—") + "…"


_JOINING = frozenset(
    {"a", "al", "de", "del", "el", "en", "la", "las", "los", "o", "para", "por", "y", "e", "u"}
    | {"the", "an", "and", "or", "of", "to", "in", "for", "on", "with"}
)
