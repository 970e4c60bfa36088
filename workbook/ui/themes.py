"""Provides the three themes the program is checked in (contrast tests, snapshots): Textual's
dark and light, and a high-contrast one of our own, with their names for the palette."""

from __future__ import annotations

from textual.theme import Theme

from workbook.common.i18n import N_

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFFFF",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    success="#00FF00",
    warning="#FFFF00",
    error="#FF5555",
    dark=True,
    # A highlighted row in a list without focus: black on yellow, never white on yellow (1.6:1).
    variables={
        "block-cursor-blurred-foreground": "#000000",
        "block-cursor-blurred-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFFF00",
    },
)

THEMES = (
    ("textual-dark", N_("dark"), N_("Light text on a dark background")),
    ("textual-light", N_("light"), N_("Dark text on a light background")),
    ("high-contrast", N_("high contrast"), N_("Black and white with strong edges, for low vision or bright light")),
)
