"""The export screen: live preview, filters, writing, and asking before replacing a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, Select

from app_helpers import make_app, screen_name, settle, welcomed_store

pytestmark = pytest.mark.asyncio


async def test_export_screen_previews_and_writes(tmp_path: Path) -> None:
    store = welcomed_store()
    store.add("gratitude-journal", {"grateful_1": "morning coffee"})
    store.add("gratitude-journal", {"grateful_1": "hidden joy"}, private=True)
    app = make_app(store)
    target = tmp_path / "for-counselor.md"
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert screen_name(app) == "ExportScreen"
        preview = app.screen.query_one("#export-preview")
        await settle(pilot, lambda: "morning coffee" in preview.source)  # type: ignore[attr-defined]
        assert "hidden joy" not in preview.source  # type: ignore[attr-defined]
        app.screen.query_one("#private", Checkbox).value = True
        await settle(pilot, lambda: "hidden joy" in preview.source)  # type: ignore[attr-defined]

        app.screen.query_one("#period", Select).value = "dates"
        await pilot.pause()
        app.screen.query_one("#start", Input).value = "last week"
        await pilot.pause()
        assert "should be a date" in str(app.screen.query_one("#export-problem").render())
        app.screen.query_one("#start", Input).value = ""

        app.screen.query_one("#format", Select).value = "md"
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot, target.exists)
        assert "morning coffee" in target.read_text() and target.stat().st_mode & 0o777 == 0o600

        target.write_text("keep me")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "ConfirmScreen"
        await pilot.press("escape")  # keep it
        await pilot.pause()
        assert target.read_text() == "keep me"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#replace")
        await settle(pilot, lambda: target.read_text() != "keep me")


async def test_pocket_card_from_the_palette_command(tmp_path: Path) -> None:
    store = welcomed_store()
    store.add("relapse-prevention-plan", {"reasons": "me", "coping": ["deep-breathing"]})
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        app.action_export("card")
        await pilot.pause()
        preview = app.screen.query_one("#export-preview")
        await settle(pilot, lambda: "Deep breathing" in preview.source)  # type: ignore[attr-defined]
        assert str(app.screen.query_one("#path", Input).value).endswith("-card.pdf")
