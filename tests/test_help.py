"""Help names every key: a key added to a screen without a line in Help is a key nobody finds."""

from __future__ import annotations

from textual.binding import Binding


def test_help_names_every_key_of_home_history_and_form() -> None:
    """A key added to Home, a history or a form without a line in Help is a key nobody finds."""
    from workbook.ui.screens.form import FormScreen
    from workbook.ui.screens.help import HELP_TEXT
    from workbook.ui.screens.history import HistoryScreen
    from workbook.ui.screens.home import HomeScreen

    spoken = {"question_mark": "?", "slash": "/", "escape": "Esc", "enter": "Enter", "ctrl+s": "Ctrl+S",
              "f6": "F6", "q": "Ctrl+Q"}
    missing = []
    for screen in (HomeScreen, HistoryScreen, FormScreen):
        for binding in screen.BINDINGS:
            key = binding.key if isinstance(binding, Binding) else binding[0]
            if key.isdigit() or key in ("shift+f6", "ctrl+up", "ctrl+down") or key.isupper():
                continue
            name = spoken.get(key, key)
            if f"| {name} " not in HELP_TEXT and f" {name} " not in HELP_TEXT:
                missing.append(f"{screen.__name__}: {key}")
    assert missing == []
