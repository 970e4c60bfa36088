"""Fonts for PDF exports, and making sure no character is silently dropped.

The program ships DejaVu Sans (Latin, Greek, Cyrillic, Hebrew, Arabic and many
symbols; license in ``fonts/LICENSE-DejaVu.txt``), so a PDF works on a fresh
machine. Fonts for other scripts (CJK, for example) are used when the system
has one of the known ones. A character no available font can draw is written
as its Unicode name or code in brackets, e.g. ``[grinning face]`` or
``[U+4F60]``, and the report says so, so nothing typed disappears.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

FONT_DIR = Path(__file__).parent / "fonts"
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"

# TrueType/OpenType files (not collections) with wide coverage, where systems usually keep them.
FALLBACK_CANDIDATES = (
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/truetype/arphic/uming.ttf",
    "/usr/share/fonts/truetype/unifont/unifont.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "C:/Windows/Fonts/arialuni.ttf",
)


@lru_cache(maxsize=None)
def _cmap(path: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


@lru_cache(maxsize=1)
def fallback_fonts() -> tuple[Path, ...]:
    """System fonts found for scripts DejaVu Sans does not cover."""
    found = []
    for candidate in FALLBACK_CANDIDATES:
        path = Path(candidate)
        try:
            if path.is_file():
                _cmap(str(path))
                found.append(path)
        except Exception:  # noqa: BLE001 - a broken system font is simply not used
            continue
    return tuple(found)


@lru_cache(maxsize=1)
def _covered() -> frozenset[int]:
    covered = set(_cmap(str(REGULAR)))
    for path in fallback_fonts():
        covered |= _cmap(str(path))
    return frozenset(covered)


@dataclass
class Sanitiser:
    """Replaces characters no font can draw; counts how many it replaced."""

    replaced: int = 0
    _cache: dict[str, str] = field(default_factory=dict)

    def __call__(self, text: str) -> str:
        text = unicodedata.normalize("NFC", text)
        covered = _covered()
        if all(ord(ch) in covered or ch in "\n\t" for ch in text):
            return text
        out = []
        for ch in text:
            if ord(ch) in covered or ch in "\n\t":
                out.append(ch)
            elif unicodedata.category(ch) in ("Cf", "Mn", "Me", "Cc") or 0xFE00 <= ord(ch) <= 0xFE0F:
                continue  # invisible joiners and variation selectors: nothing to see is lost
            else:
                out.append(self._placeholder(ch))
                self.replaced += 1
        return "".join(out)

    def _placeholder(self, ch: str) -> str:
        if ch not in self._cache:
            name = unicodedata.name(ch, "")
            if name and unicodedata.category(ch) in ("So", "Sk", "Sm") and "IDEOGRAPH" not in name:
                self._cache[ch] = f"[{name.lower()}]"
            else:
                self._cache[ch] = f"[U+{ord(ch):04X}]"
        return self._cache[ch]


def shaping_available() -> bool:
    """True when HarfBuzz is installed, so right-to-left and joined scripts are shaped."""
    try:
        import uharfbuzz  # noqa: F401
    except ImportError:
        return False
    return True


def needs_shaping(text: str) -> bool:
    """True for text in scripts that must be shaped: right-to-left ones, and those whose
    letters join or reorder (Arabic, Hebrew, Indic, Thai, ...). Shaping is slow, so Latin,
    Cyrillic and Greek text skip it."""
    for ch in text:
        code = ord(ch)
        if code < 0x0590:
            continue
        if 0x0590 <= code <= 0x0FFF or 0xFB1D <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
            return True
        if unicodedata.bidirectional(ch) in ("R", "AL"):
            return True
    return False
