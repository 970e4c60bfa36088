"""Flows through the interface with the Pilot: fill, validate, edit, delete, undo, crisis."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select, SelectionList, TextArea

from app_helpers import choose_letting_go, make_app, screen_name, settle, welcomed_store
from workbook.store.workbook_store import Store
from workbook.ui.screens.crisis import CrisisScreen
from workbook.ui.widgets.fields import TableField
from workbook.worksheets.entry import Entry

pytestmark = pytest.mark.asyncio


async def test_first_run_shows_welcome_once(db_path: Path) -> None:
    store = Store.open(db_path)
    try:
        app = make_app(store)
        async with app.run_test(size=(60, 20)) as pilot:
            assert screen_name(app) == "WelcomeScreen"
            more = app.screen.query_one("#welcome-more")
            await settle(pilot, lambda: more.display)  # the words go on below: it says so
            words = app.screen.query_one(".welcome-words")
            for _ in range(60):
                await pilot.press("down")
            assert words.scroll_y == words.max_scroll_y > 0
            await settle(pilot, lambda: not more.display)  # read to the end
            # Tab only reaches things Enter acts on: the choice, then Start again.
            await pilot.press("tab")
            assert app.focused is not None and app.focused.id == "recovery-time"
            await pilot.press("tab")
            assert app.focused is not None and app.focused.id == "start"
            await pilot.press("enter")
            assert screen_name(app) == "HomeScreen"
        async with make_app(store).run_test(size=(80, 24)) as pilot:
            assert screen_name(pilot.app) == "HomeScreen"
    finally:
        store.close()


async def test_trigger_log_validation_error_then_fix() -> None:
    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "n")
        await pilot.pause()
        assert screen_name(app) == "FormScreen"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "FormScreen" and store.count() == 0
        error = app.screen.query_one("#field-strength .field-error")
        assert "one thing this entry needs" in str(error.render())
        assert app.focused is app.screen.query_one("#field-strength Input")
        await pilot.press("1", "2")  # max length is two digits: 12 is out of range
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "0 to 10" in str(app.screen.query_one("#field-strength .field-error").render())
        await pilot.press("backspace", "tab", *"after work", "ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "HistoryScreen"
    [entry] = store.entries("trigger-log")
    assert entry.answers["strength"] == 1 and entry.answers["note"] == "after work"


async def test_a_decimal_in_a_whole_number_is_named_never_turned_into_another_number() -> None:
    """ "6,5" hours of sleep once became 65 (the comma was dropped as it was typed)."""
    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "n")
        await pilot.pause()
        app.screen.query_one("#field-strength Input").focus()
        await pilot.press("6", "comma", "5", "ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "FormScreen" and store.count() == 0
        assert app.screen.query_one("#field-strength Input").value == "6,5"
        assert "whole number from 0 to 10" in str(app.screen.query_one("#field-strength .field-error").render())


async def test_fill_goal_with_choice_table_and_date() -> None:
    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("1", "n")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#field-goal Input", Input).value = "Three meetings a week"
        screen.query_one("#field-life_area Select", Select).value = "recovery"
        screen.query_one("#field-target_date Input", Input).value = "2026-12-31"
        steps = screen.query_one("#field-steps", TableField)
        first_row = steps.query(".table-row").first()
        first_row.query(Input).first().value = "Find a meeting list"
        steps.add_row({"step": "Go on Monday", "done": True})
        await pilot.pause()
        screen.query_one("#field-helpers TextArea", TextArea).load_text("my sponsor\n\nmy sister\n")
        await pilot.press("ctrl+s")
        await pilot.pause()
    [goal] = store.entries("goal-setting")
    answers = goal.answers
    assert answers["goal"] == "Three meetings a week" and answers["life_area"] == "recovery"
    assert answers["status"] == "active"  # the definition's default
    assert answers["steps"] == [{"step": "Find a meeting list"}, {"step": "Go on Monday", "done": True}]
    assert answers["helpers"] == ["my sponsor", "my sister"]


async def test_fill_plan_and_gratitude_then_read_them() -> None:
    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert screen_name(app) == "FormScreen"  # no plan yet: the form opens
        screen = app.screen
        screen.query_one("#field-reasons TextArea", TextArea).load_text("My kids. My health.")
        coping = screen.query_one("#field-coping SelectionList", SelectionList)
        coping.select("deep-breathing")
        coping.select("exercise")
        screen.query_one("#field-coping #other", Input).value = "call my aunt, cold shower"
        contacts = screen.query_one("#field-contacts", TableField)
        for cell, text in zip(
            contacts.query(".table-row").first().query(Input), ["Ana", "sponsor", "555-0100"], strict=False
        ):
            cell.value = text
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.press("3")  # the plan exists now: its read view opens
        await pilot.pause()
        assert screen_name(app) == "EntryScreen"
        body = str(app.screen.query_one("#entry-body").render())
        assert "My kids. My health." in body and "Deep breathing" in body and "call my aunt" in body
        await pilot.press("escape", "4", "n")
        await pilot.pause()
        assert "Today's prompt" in str(app.screen.query_one(".form-prompt").render())
        app.screen.query_one("#field-grateful_1 Input", Input).value = "a warm bed"
        app.screen.query_one("#private").value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
    [plan] = store.entries("relapse-prevention-plan")
    assert plan.answers["coping"] == ["deep-breathing", "exercise", "call my aunt", "cold shower"]
    assert plan.answers["contacts"] == [{"name": "Ana", "role": "sponsor", "phone": "555-0100"}]
    [gratitude] = store.entries("gratitude-journal")
    assert gratitude.private and gratitude.answers["grateful_1"] == "a warm bed"


async def test_edit_keeps_history_and_delete_can_be_undone() -> None:
    store = welcomed_store()
    entry = store.add("trigger-log", {"strength": 4, "note": "first"})
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "e")
        await pilot.pause()
        note = app.screen.query_one("#field-note Input", Input)
        note.value = "changed"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.get(entry.id).answers["note"] == "changed"
        assert store.get(entry.id).revisions[0].answers["note"] == "first"
        await pilot.press("d")
        await pilot.pause()
        assert screen_name(app) == "ConfirmScreen"
        await pilot.press("escape")  # keeping it is the safe default
        assert store.count() == 1
        await pilot.press("d")
        await choose_letting_go(pilot, "#delete")
        await pilot.pause()
        assert store.count() == 0
        await pilot.press("u")
        await pilot.pause()
        assert store.get(entry.id).answers["note"] == "changed"


async def test_leaving_with_unsaved_changes_asks_first() -> None:
    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "n")
        await settle(pilot, lambda: screen_name(app) == "FormScreen")
        await pilot.press("8", "escape")
        await settle(pilot, lambda: screen_name(app) == "ConfirmScreen")
        await pilot.press("escape")  # keep editing
        await settle(pilot, lambda: screen_name(app) == "FormScreen")
        await pilot.press("escape")
        await settle(pilot, lambda: screen_name(app) == "ConfirmScreen")
        await pilot.click("#save")
        await settle(pilot, lambda: [e.answers["strength"] for e in store.entries()] == [8])
        await settle(pilot, lambda: screen_name(app) == "SupportScreen")  # 8 is a strong craving
        await pilot.press("escape")
        # The history must have its keys back (its table focused) before "n" means "new".
        await settle(
            pilot,
            lambda: screen_name(app) == "HistoryScreen" and app.focused is not None and app.focused.id == "history",
        )
        await pilot.press("n")
        await settle(pilot, lambda: screen_name(app) == "FormScreen")
        await pilot.press("escape")  # nothing typed: leaves at once
        await settle(pilot, lambda: screen_name(app) == "HistoryScreen")


async def test_crisis_key_works_from_three_screens() -> None:
    store = welcomed_store()
    store.add("relapse-prevention-plan", {"reasons": "me", "contacts": [{"name": "Ana", "phone": "555-0100"}]})
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        for keys in ([], ["2", "n"], ["escape", "question_mark"]):
            await pilot.press(*keys)
            await pilot.pause()
            before = screen_name(app)
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, CrisisScreen), before
            body = str(app.screen.query_one("#crisis-body").render())
            assert "988" in body and "1-800-662-4357" in body and "911" in body and "Ana" in body
            await pilot.press("escape")
            assert screen_name(app) == before


async def test_a_strong_craving_shows_the_person_s_reasons_and_never_asks_for_a_plan_they_have() -> None:
    store = welcomed_store()
    store.add("relapse-prevention-plan", {"reasons": "My kids.\nWaking up clear."})  # no ways to cope yet
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", *"9 payday", "enter")
        await settle(pilot, lambda: screen_name(app) == "SupportScreen")
        body = " ".join(str(app.screen.query_one("#support-body").render()).split())
    assert "Your reasons for recovery My kids. Waking up clear." in body
    assert "write one" not in body and "add your own ways to your plan" in body


async def test_crisis_lines_can_be_changed_for_another_country() -> None:
    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1", "e")
        await pilot.pause()
        app.screen.query_one("#lines", TextArea).load_text("Samaritans (UK): 116 123\nEmergency: 999")
        await pilot.press("ctrl+s")
        await pilot.pause()
        body = str(app.screen.query_one("#crisis-body").render())
        assert "116 123" in body and "988" not in body
    assert store.get_setting("crisis_lines")[1] == {"name": "Emergency", "detail": "999"}


async def test_high_contrast_theme_persists() -> None:
    store = welcomed_store()
    async with make_app(store).run_test() as pilot:
        pilot.app.action_toggle_high_contrast()
        await pilot.pause()
    assert store.get_setting("theme") == "high-contrast"
    async with make_app(store).run_test() as pilot:
        assert pilot.app.theme == "high-contrast"


async def test_screens_are_drawn_in_the_theme_of_the_moment_they_are_shown() -> None:
    """A screen is styled as it is mounted and not again when first shown, unless the app's
    styles changed in between. Whatever is shown must look as a fresh styling would: a screen
    opened in the moment the theme changes, and a kept history shown again after a change."""
    store = welcomed_store()
    store.add("trigger-log", {"strength": 6, "note": "after the call"})
    app = make_app(store)

    def colours() -> list[tuple[str, str, str]]:
        return [(type(w).__name__, str(w.styles.color), str(w.styles.background)) for w in app.screen.walk_children()]

    async def as_a_fresh_styling_draws_it() -> None:
        await pilot.pause()
        shown = colours()
        app.screen.update_node_styles(animate=False)
        await pilot.pause()
        assert shown == colours(), type(app.screen).__name__

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot, lambda: screen_name(app) == "HistoryScreen")
        await as_a_fresh_styling_draws_it()
        await pilot.press("escape")
        app.theme = "textual-light"
        await pilot.press("2")  # the kept history screen again
        await settle(pilot, lambda: screen_name(app) == "HistoryScreen")
        await as_a_fresh_styling_draws_it()
        await pilot.press("escape")
        await settle(pilot, lambda: screen_name(app) == "HomeScreen")
        await pilot.press("question_mark")
        app.theme = "high-contrast"
        await settle(pilot, lambda: screen_name(app) == "HelpScreen")
        await as_a_fresh_styling_draws_it()


async def test_markup_in_entry_text_is_shown_as_typed() -> None:
    store = welcomed_store()
    store.add("trigger-log", {"strength": 3, "note": "[bold]not markup[/] [link=x]"})
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "enter")
        await pilot.pause()
        assert "[bold]not markup[/] [link=x]" in str(app.screen.query_one("#entry-body").render())


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # Textual leaves a header coroutine un-awaited on a crash
async def test_a_crash_shows_no_traceback_or_entry_text(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store = welcomed_store()
    store.add("trigger-log", {"strength": 3, "note": "words only I should see"})
    app = make_app(store)

    def broken(*_args: object) -> None:
        secret = store.entries()[0].answers["note"]  # a local a traceback would print
        raise RuntimeError(f"boom {secret}")

    from workbook.ui.screens import history

    monkeypatch.setattr(history.HistoryScreen, "reload", broken)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("2")
            await pilot.pause()
    captured = capsys.readouterr()
    shown = " ".join((captured.out + captured.err).split())
    assert "unexpected problem (RuntimeError)" in shown
    assert "words only I should see" not in shown and "Traceback" not in shown


async def test_a_full_disk_keeps_the_form_and_every_typed_word(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import os

    store = Store.open(db_path)
    store.set_setting("welcomed", True)
    try:
        app = make_app(store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("2", "n")
            await settle(pilot, lambda: screen_name(app) == "FormScreen")
            await pilot.press("6", "tab", *"typed before the disk filled")
            real_replace = os.replace

            def disk_full(*_args: object) -> None:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            monkeypatch.setattr(os, "replace", disk_full)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert screen_name(app) == "FormScreen"
            assert app.screen.query_one("#field-note Input", Input).value == "typed before the disk filled"
            assert store.count() == 0
            monkeypatch.setattr(os, "replace", real_replace)
            await pilot.press("ctrl+s")  # space freed: the same words save
            await settle(pilot, lambda: screen_name(app) == "HistoryScreen")
        assert [e.answers["note"] for e in store.entries()] == ["typed before the disk filled"]
    finally:
        store.close()


async def test_ctrl_g_also_opens_crisis_help_even_while_typing() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "n", "5", "tab", *"typing", "ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        await pilot.press("escape")
        assert app.screen.query_one("#field-note Input", Input).value == "typing"


async def test_long_history_loads_more_rows_as_you_go() -> None:
    store = welcomed_store()
    store.merge(
        [
            Entry.new(
                "trigger-log",
                {"strength": i % 11, "note": f"entry {i}"},
                created=f"2025-01-01T{i // 60 % 24:02d}:{i % 60:02d}:00+00:00",
            )
            for i in range(250)
        ]
    )
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one("#history", DataTable)
        assert table.row_count == 100
        await pilot.press("ctrl+end")  # the cursor to the last loaded row
        await pilot.pause()
        assert table.row_count == 200
        table.scroll_y = table.max_scroll_y  # a mouse wheel at the bottom
        await pilot.pause()
        assert table.row_count == 250


async def test_a_table_date_in_words_it_cannot_read_asks_for_words_or_a_date() -> None:
    """A date cell takes plain words ("next friday"); words naming no day are answered as a date
    field answers them, not with the import's YYYY-MM-DD rule."""
    from app_helpers import goal_steps_with_a_filled_row

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        steps = await goal_steps_with_a_filled_row(pilot)
        date_column = next(c for c in steps.spec.columns if c.kind == "date")
        cell = [w for w in steps.query(".table-row Input.cell") if w.name == date_column.id][-1]
        cell.value = "sometime"
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: bool(steps.query(".field-error")))
        said = str(steps.query_one(".field-error").render())
        assert said.startswith("Row 1, ") and "plain words" in said and date_column.label.lower() in said.lower()
        cell.value = "next friday"
        await pilot.pause()
        assert "plain words" not in str(steps.query_one(".field-error").render())
