"""Provides the fonts a PDF is set in, found the way the system finds them, and
``Coverage``, which marks (and counts) any character no installed font can draw.

Typst finds the system's fonts itself (fontconfig's folders on Linux, ``.ttc`` collections
included; the platform folders on macOS and Windows); the bundled DejaVu Sans is named
first, so a fresh machine writes Latin, Greek, Cyrillic, Hebrew and Arabic. Whether a
character can be drawn is read from each font's character map (fontTools), loading only as
many fonts as the report's characters need. A character none can draw is written as its
code, such as ``[U+4F60]``, and counted, so nothing typed silently disappears.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from workbook.common.printable import printable

FONT_DIR = Path(__file__).parent / "fonts"
FIRST_FONTS = ("DejaVu Sans",)  # the bundled font comes first; Typst falls back to any other for a glyph


@lru_cache(maxsize=1)
def typst_fonts() -> Any:
    """The fonts Typst will use: the bundled ones, then every system font (searched once)."""
    import typst

    return typst.Fonts(include_system_fonts=True, include_embedded_fonts=True, font_paths=[str(FONT_DIR)])


@cache
def _cmap(path: str, index: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    try:
        with TTFont(path, fontNumber=index, lazy=True) as font:
            return frozenset(font.getBestCmap() or {})
    except Exception:
        return frozenset()


def _font_files() -> list[tuple[str, int]]:
    """(path, index) of every font with a file, the bundled ones first."""
    bundled: list[tuple[str, int]] = []
    system: list[tuple[str, int]] = []
    for info in typst_fonts().fonts():
        if info.path:
            (bundled if Path(info.path).parent == FONT_DIR else system).append((info.path, info.index))
    return sorted(set(bundled)) + sorted(set(system))


# A run this long with no space (a pasted link, a held-down key) would run off the page:
# Typst may break a line at a zero-width space, which is invisible in the PDF.
LONG_RUN = re.compile(r"[^\s\u200b]{40,}")


def breakable(text: str) -> str:
    """``text`` with a break opportunity every 20 characters inside very long unbroken runs."""
    if len(text) < 40 or not LONG_RUN.search(text):
        return text
    return LONG_RUN.sub(lambda m: "\u200b".join(m.group(0)[i : i + 20] for i in range(0, len(m.group(0)), 20)), text)


def _invisible(ch: str) -> bool:
    return (
        unicodedata.category(ch) in ("Cf", "Cc", "Zl", "Zp")
        or 0xFE00 <= ord(ch) <= 0xFE0F
        or 0xE0100 <= ord(ch) <= 0xE01EF
    )


@dataclass
class Coverage:
    """Which characters can be drawn; replaces the others with a visible code and counts them."""

    missing: set[str] = field(default_factory=set)
    replaced: int = 0
    _known: dict[str, bool] = field(default_factory=dict)

    def learn(self, characters: set[str]) -> None:
        """Find fonts for ``characters``, loading character maps only until all are found."""
        wanted = {ord(ch) for ch in characters if ch not in self._known and ord(ch) > 0x7E and not _invisible(ch)}
        for ch in characters:
            if ord(ch) <= 0x7E or _invisible(ch):
                self._known[ch] = True
        if not wanted:
            return
        for path, index in _font_files():
            wanted -= _cmap(path, index)
            if not wanted:
                break
        for ch in characters:
            self._known.setdefault(ch, ord(ch) not in wanted)

    def __call__(self, text: str) -> str:
        text = breakable(printable(text))
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if text.isascii():
            return text
        unknown = set(text).difference(self._known)
        if unknown:
            self.learn(unknown)
        if not self.missing.intersection(text) and all(self._known[ch] for ch in set(text)):
            return text
        out = []
        for ch in text:
            if self._known[ch]:
                out.append(ch)
            else:
                self.missing.add(ch)
                self.replaced += 1
                out.append(f"[U+{ord(ch):04X}]")
        return "".join(out)
