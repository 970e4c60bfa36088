"""The export screen: live preview, filters, writing, and asking before replacing a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, Select

from app_helpers import (
    arrive_together,
    choose_letting_go,
    fixed_clock,
    held_back,
    make_app,
    screen_name,
    settle,
    welcomed_store,
)
from workbook.common.clock import stamp

pytestmark = pytest.mark.asyncio


async def test_export_screen_previews_and_writes(tmp_path: Path) -> None:
    store = welcomed_store()
    written = stamp(fixed_clock())  # the app's own day: the default period is the last 30 days to it
    store.add("gratitude-journal", {"grateful_1": "morning coffee"}, created=written)
    store.add("gratitude-journal", {"grateful_1": "hidden joy"}, private=True, created=written)
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
        app.screen.query_one("#start", Input).value = "when the moon is blue"
        await pilot.pause()
        assert "write a day like" in str(app.screen.query_one("#export-problem").render())
        app.screen.query_one("#start", Input).value = "last friday"  # words, as the form's dates take them
        await pilot.pause()
        assert str(app.screen.query_one("#export-problem").render()) == ""
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
        await choose_letting_go(pilot, "#replace")
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


async def test_a_spreadsheet_asks_which_log_and_shows_only_what_applies(tmp_path: Path) -> None:
    import csv

    store = welcomed_store()
    store.add("trigger-log", {"strength": 6, "note": "after the call"})
    store.add("daily-checkin", {"date": "2026-11-22", "mood": 3})
    app = make_app(store)
    target = tmp_path / "log.csv"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#format", Select)
        app.screen.query_one("#format", Select).value = "csv"
        await pilot.pause()
        assert app.screen.query_one("#log", Select).display and not app.screen.query_one("#paper", Select).display
        assert not any(box.display for box in app.screen.query(".include"))
        app.screen.query_one("#log", Select).value = "daily-checkin"
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot, target.exists)
        rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
        assert len(rows) == 2 and "Mood" in " ".join(rows[0])


async def test_a_path_the_person_chose_keeps_its_folder_and_takes_the_format_s_ending(tmp_path: Path) -> None:
    from workbook.ui.screens.export import with_suffix_of

    assert with_suffix_of("/tmp/out/card.pdf", "csv") == "/tmp/out/card.csv"
    assert with_suffix_of("/tmp/out/workbook-2026-12-01-card.pdf", "md") == "/tmp/out/workbook-2026-12-01.md"
    assert with_suffix_of("/tmp/out/notes", "html") == "/tmp/out/notes.html"
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        app.action_export("card")
        await pilot.pause()
        box = app.screen.query_one("#path", Input)
        box.value = str(tmp_path / "card.pdf")
        await pilot.pause()
        app.screen.query_one("#format", Select).value = "csv"
        await pilot.pause()
        assert box.value == str(tmp_path / "card.csv")


async def test_opening_the_export_screen_builds_one_preview(monkeypatch: pytest.MonkeyPatch) -> None:
    """The screen's choices settle as it opens, each asking for a preview: only one report is
    built (a worker thread cannot be stopped, and several at once kept crisis help waiting)."""
    from workbook.services import sharing

    built: list[str] = []
    real = sharing.preview

    def counted(*args: object, **kwargs: object) -> str:
        built.append("preview")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sharing, "preview", counted)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("x")
        await settle(pilot, lambda: screen_name(app) == "ExportScreen" and bool(built))
        preview = app.screen.query_one("#export-preview")
        await settle(pilot, lambda: "Recovery Workbook" in preview.source)  # type: ignore[attr-defined]
        assert built == ["preview"]
        await pilot.press("f1")
        await settle(pilot, lambda: screen_name(app) == "CrisisScreen")


async def test_the_export_screen_protects_a_pdf_with_a_passphrase_typed_twice(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from workbook.ui.widgets.ticks import TickBox

    store = welcomed_store()
    store.add("gratitude-journal", {"grateful_1": "morning coffee"}, created=stamp(fixed_clock()))
    app = make_app(store)
    target = tmp_path / "protected.pdf"
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        screen = app.screen
        assert not screen.query_one("#protect-words").display
        screen.query_one("#protect", TickBox).value = True
        await pilot.pause()
        assert screen.query_one("#protect-words").display
        screen.query_one("#protect-1", Input).value = "kind words 42"
        screen.query_one("#protect-2", Input).value = "kind words 43"
        screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "different" in str(screen.query_one("#export-problem").render()) and not target.exists()
        screen.query_one("#protect-2", Input).value = "kind words 42"
        await pilot.press("ctrl+s")
        await settle(pilot, target.exists)
    reader = PdfReader(target)
    assert (
        reader.is_encrypted
        and reader.decrypt("kind words 42")
        and "morning coffee" in "".join(page.extract_text() for page in reader.pages)
    )


async def test_leaving_the_export_screen_while_it_works_is_safe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Esc while the preview (or the file) is still being made: the work finishes behind the
    person's back, the file is written and counted as shared, and nothing stops the app."""
    import threading

    from workbook.services import sharing

    previewing, writing, go_on = threading.Event(), threading.Event(), threading.Event()
    held_back(monkeypatch, sharing, "preview", previewing, go_on)
    held_back(monkeypatch, sharing, "write", writing, go_on)
    app = make_app()
    target = tmp_path / "left-behind.md"
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("x")
        await settle(pilot, previewing.is_set)
        app.screen.query_one("#format", Select).value = "md"
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot, writing.is_set)
        await pilot.press("escape")
        await settle(pilot, lambda: screen_name(app) == "HomeScreen")
        go_on.set()
        await app.workers.wait_for_complete()
        await settle(pilot, target.exists)
        await settle(pilot, lambda: any("Saved to" in n.message for n in app._notifications))
        assert sharing.last_export(app.book) is not None
        await pilot.press("f1")  # the app still answers
        await settle(pilot, lambda: screen_name(app) == "CrisisScreen")
    assert app.return_code in (None, 0)


async def test_a_name_typed_just_before_ctrl_s_names_the_file(tmp_path: Path) -> None:
    """The end of the file's name and Ctrl+S read in one go: the file takes the whole name."""
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("x")
        await settle(pilot, lambda: screen_name(app) == "ExportScreen")
        app.screen.query_one("#format", Select).value = "md"
        await pilot.pause()
        box = app.screen.query_one("#path", Input)
        folder = tmp_path / "reports"
        folder.mkdir()
        box.value = str(folder / "report")
        box.focus()
        await pilot.press("end")
        arrive_together(app, *".md", "ctrl+s")
        await settle(pilot, lambda: any(folder.iterdir()))
        assert [p.name for p in folder.iterdir()] == ["report.md"]


async def test_a_name_ending_as_another_format_does_is_refused(tmp_path: Path) -> None:
    """A PDF called "report.md" would open in the wrong program on the counselor's computer."""
    folder = tmp_path / "reports"
    folder.mkdir()
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("x")
        await settle(pilot, lambda: screen_name(app) == "ExportScreen")
        app.screen.query_one("#path", Input).value = str(folder / "for-ana.md")  # the format is PDF
        await pilot.press("ctrl+s")
        problem = app.screen.query_one("#export-problem")
        await settle(pilot, lambda: "ends in .md" in str(problem.render()))
        assert "writes .pdf files" in str(problem.render())
        app.screen.query_one("#path", Input).value = str(folder / "for-ana")  # no ending of ours: kept as typed
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: any(folder.iterdir()))
        assert [p.name for p in folder.iterdir()] == ["for-ana"]
