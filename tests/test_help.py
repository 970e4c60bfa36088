"""Help names every key: a key added to a screen without a line in Help is a key nobody finds."""

from __future__ import annotations

from textual.binding import Binding


def test_help_names_every_key_of_home_history_and_form() -> None:
    """A key added to Home, a history or a form without a line in Help is a key nobody finds."""
    from workbook.ui.screens.form import FormScreen
    from workbook.ui.screens.help import HELP_TEXT
    from workbook.ui.screens.history import HistoryScreen
    from workbook.ui.screens.home import HomeScreen

    spoken = {
        "question_mark": "?",
        "slash": "/",
        "escape": "Esc",
        "enter": "Enter",
        "ctrl+s": "Ctrl+S",
        "f6": "F6",
        "q": "Ctrl+Q",
        "tab": "Tab",
        "shift+tab": "Shift+Tab",
    }
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


def test_the_palette_names_the_three_themes_and_knows_today_s_check_in() -> None:
    import asyncio

    from app_helpers import TODAY, make_app, welcomed_store

    store = welcomed_store()
    app = make_app(store)

    async def titles() -> list[str]:
        async with app.run_test(size=(80, 24)):
            return [c.title for c in app.get_system_commands(app.screen)]

    before = asyncio.run(titles())
    assert {"Theme: dark", "Theme: light", "Theme: high contrast"} <= set(before)
    assert "Theme" not in before and "Check in for today" in before
    store.add("daily-checkin", {"date": TODAY.isoformat(), "mood": 4})
    app = make_app(store)
    after = asyncio.run(titles())
    assert "Change today's check-in" in after and "Check in for today" not in after
