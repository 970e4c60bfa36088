"""Typing is never lost: drafts kept as typing pauses (quit, crash, reopen), Ctrl+Q asks,
tables take only their rows' room, and safety words come first."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Button, DataTable, Input

from app_helpers import (
    arrive_together,
    book_of,
    form_ready,
    goal_steps_with_a_filled_row,
    make_app,
    screen_name,
    settle,
    welcomed_store,
)
from workbook.cli import main
from workbook.store.workbook_store import Store
from workbook.ui.app import WorkbookApp
from workbook.ui.screens import form as form_module
from workbook.ui.widgets.fields import TableField
from workbook.worksheets.crisis import SETTING_KEY

pytestmark = pytest.mark.asyncio
UK = [
    {"name": "Samaritans", "detail": "Call 116 123, free, day or night."},
    {"name": "Emergency", "detail": "Call 999."},
]


@pytest.fixture(autouse=True)
def quick_drafts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(form_module, "DRAFT_PAUSE", 0.05)


async def test_a_draft_is_kept_as_typing_pauses_and_offered_back() -> None:
    store = welcomed_store()
    async with make_app(store).run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "n")
        await pilot.pause()
        await pilot.press(*"my sister's call")
        # A draft may be kept at any pause in the typing (a busy machine makes pauses): the one
        # kept once typing stops holds every word.
        await settle(
            pilot, lambda: [d["answers"].get("grateful_1") for d in store.drafts().values()] == ["my sister's call"]
        )
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#draft")  # "Keep as a draft"
        await pilot.pause()
        await pilot.press("escape")  # back to Home
        await pilot.pause()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "1 draft" in str(app.screen.query_one("#today-first").render())
        await pilot.press("4", "n")
        await settle(pilot, lambda: screen_name(app) == "ConfirmScreen")
        await pilot.press("enter")  # continue my draft
        await pilot.pause()
        assert app.screen.query_one("#field-grateful_1 Input", Input).value == "my sister's call"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert store.drafts() == {} and store.entries("gratitude-journal")[0].answers["grateful_1"] == "my sister's call"


async def _quit_with_a_craving_typed(pilot) -> None:  # type: ignore[no-untyped-def]
    """A new craving-log entry with strength 8 typed, not saved, then Ctrl+Q."""
    await pilot.press("2", "n")
    await settle(pilot, lambda: screen_name(pilot.app) == "FormScreen")
    await pilot.press("8")
    await pilot.press("ctrl+q")
    await pilot.pause()


async def test_ctrl_q_with_unsaved_typing_asks_and_keeps_a_draft() -> None:
    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _quit_with_a_craving_typed(pilot)
        assert screen_name(app) == "ConfirmScreen"
        await pilot.click("#draft")
        await pilot.pause()
    assert app.return_code == 0
    [draft] = store.drafts().values()
    assert draft["answers"]["strength"] == 8 and draft["entry"] is None


async def test_ctrl_q_can_save_what_is_typed_or_stay_when_it_cannot_be_saved() -> None:
    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _quit_with_a_craving_typed(pilot)
        await pilot.click("#save")
        await pilot.pause()
    assert app.return_code == 0 and [e.answers["strength"] for e in store.entries("trigger-log")] == [8]
    assert store.drafts() == {}

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "n")
        await pilot.pause()
        app.screen.query_one("#field-note Input", Input).value = "no strength given"
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#save")
        await pilot.pause()
        assert app.is_running and screen_name(app) == "FormScreen"  # the form says what to add
        assert "Please fill this in" in str(app.screen.query_one("#field-strength .field-error").render())


async def test_ctrl_q_in_the_quick_log_asks_too() -> None:
    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", *"6 at the bus stop", "ctrl+q")
        await pilot.pause()
        assert screen_name(app) == "ConfirmScreen"
        await pilot.click("#draft")
        await pilot.pause()
    [draft] = store.drafts().values()
    assert draft["answers"] == {"strength": 6, "note": "at the bus stop"}


async def test_ctrl_q_with_nothing_typed_quits_at_once() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "n")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


def _type_in_a_real_process_then(db_path: Path, ending: str, setup: str = "") -> int:
    """Start the program in its own process on ``db_path``, type into a new gratitude entry,
    then run ``ending`` (Python lines in the pilot); its exit code, once the words are typed."""
    Store.open(db_path).close()
    with Store.open(db_path) as opened:
        opened.set_setting("welcomed", True)
    code = (
        "import os, signal, asyncio\nfrom pathlib import Path\nfrom workbook.cli.app_command import run_app\n"
        f"{setup}"
        "async def pilot(p):\n"
        "    await p.press('4', 'n')\n    await p.pause()\n"
        "    await p.press(*'the sun on my face')\n"
        f"{ending}"
        f"run_app(Path({str(db_path)!r}), headless=True, size=(80, 24), auto_pilot=pilot)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "WORKBOOK_DEBUG": ""},
    )
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    with Store.open(db_path) as reopened:
        [draft] = reopened.drafts().values()
        assert draft["answers"]["grateful_1"] == "the sun on my face"
    return done.returncode


async def test_a_crash_keeps_the_draft(db_path: Path) -> None:
    code = _type_in_a_real_process_then(
        db_path,
        "    await asyncio.sleep(0.5)\n    await p.pause()\n    os._exit(9)  # a crash: no clean-up, no save\n",
        setup="import workbook.ui.screens.form as f\nf.DRAFT_PAUSE = 0.05\n",
    )
    assert code == 9


@pytest.mark.parametrize("signal_name", ["SIGHUP", "SIGTERM"])
async def test_a_closing_terminal_keeps_what_was_typed_a_moment_ago(db_path: Path, signal_name: str) -> None:
    """The terminal closes (SIGHUP) or the system asks the program to stop (SIGTERM) right
    after typing, before the usual pause has kept a draft: the words are kept all the same."""
    # At once: no pause for the draft timer.
    ending = f"    os.kill(os.getpid(), signal.{signal_name})\n    await p.pause()\n"
    assert _type_in_a_real_process_then(db_path, ending) == 0


async def test_a_table_takes_only_the_room_of_its_rows() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "n")
        await pilot.pause()
        steps = app.screen.query_one("#field-steps", TableField)
        rows = steps.query_one("#rows")
        assert rows.region.height == len(steps.query(".table-row")) == 1
        steps.add_row({"step": "Go on Monday"})
        await pilot.pause()
        assert rows.region.height == 2
        button = steps.query_one(".add-row")
        assert button.region.y - (rows.region.y + rows.region.height) <= 1  # no blank run below the rows


async def test_removing_a_row_with_words_in_it_asks_first() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        steps = await goal_steps_with_a_filled_row(pilot)
        empty, filled = steps.query(".table-row")
        empty.query_one(".remove-row").focus()
        await pilot.press("enter")  # an empty row simply goes
        await pilot.pause()
        assert len(steps.query(".table-row")) == 1
        remove = filled.query_one(".remove-row", Button)
        remove.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert len(steps.query(".table-row")) == 1 and str(remove.label) == "Remove?"
        await pilot.press("shift+tab")  # moving away takes the question back
        await pilot.pause()
        assert str(remove.label) == "✕"
        assert steps.value == [{"step": "Call my sponsor"}]
        remove.focus()
        # A button ignores a press while it still shows the one before (0.2 s).
        await settle(pilot, lambda: not remove.has_class("-active"))
        await pilot.press("enter")
        await settle(pilot, lambda: str(remove.label) == "Remove?")
        await settle(pilot, lambda: not remove.has_class("-active"))
        await pilot.press("enter")
        await pilot.pause()
        assert steps.value is None


async def test_the_support_screen_and_the_shell_use_the_person_s_own_crisis_list(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = welcomed_store()
    store.set_setting(SETTING_KEY, UK)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", *"9 after the pub", "enter")
        await settle(pilot, lambda: screen_name(app) == "SupportScreen")
        body = str(app.screen.query_one("#support-body").render())
        assert "Samaritans: Call 116 123" in body and "911" not in body and "988" not in body
        assert "Craving logged (9/10)" in str(app.screen.query_one(".support-note").render())
        assert len(app._notifications) == 0
    with Store.open(db_path) as opened:
        opened.set_setting(SETTING_KEY, UK)
    assert main(["log", "craving", "9"]) == 0
    out = capsys.readouterr().out
    assert "Samaritans: Call 116 123" in out and "911" not in out and "988" not in out


async def test_a_fixed_message_goes_once_the_field_is_filled() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        field = app.screen.query_one("#field-strength")
        assert field.has_class("-invalid")
        await pilot.press("5")
        await pilot.pause()
        assert not field.has_class("-invalid")


async def test_shift_letters_do_what_the_words_say() -> None:
    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("C")
        await pilot.pause()
        assert screen_name(app) == "QuickLogScreen"
        await pilot.press("escape", "2", "N")
        await pilot.pause()
        assert screen_name(app) == "FormScreen"


@pytest.mark.parametrize("width", [60, 120])
async def test_history_shows_marks_whole_and_the_person_s_words_as_written(width: int) -> None:
    store = welcomed_store()
    store.add(
        "trigger-log",
        {"strength": 8, "outcome": "used", "note": "[red]not markup[/red] [link=x]y " + "long " * 30},
        bring_to_session=True,
    )
    app = make_app(store)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one("#history", DataTable)
        text = "".join(str(cell) for cell in table.get_row_at(0))
        screen = app.export_screenshot()
    assert "[use] [to session]" in text  # before the words: never cut off
    assert "[red]not markup[/red] [link=x]y" in text or width < 100
    assert "session]" in screen  # drawn, not pushed off the right edge


async def test_history_search_and_go_to_a_date() -> None:
    store = welcomed_store()
    for day in range(1, 29):
        store.add(
            "trigger-log",
            {"strength": 3, "note": f"day {day}" + (" at the lake" if day == 3 else "")},
            created=f"2020-02-{day:02d}T10:00:00+00:00",
        )
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "slash", *"lake")
        await pilot.pause()
        table = app.screen.query_one("#history")
        assert table.row_count == 1
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == 28
        await pilot.press("g", *"2020-02-10", "enter")
        await pilot.pause()
        assert table.cursor_row == 18  # newest first: 28 Feb is row 0
        await pilot.press("g", *"2019-06-01", "enter")  # before every entry: it says where it went
        await pilot.pause()
        assert table.cursor_row == 27
        assert any("first entry is on February 1, 2020" in n.message for n in app._notifications)
        await pilot.press("slash", *"day")
        app.screen.action_go_to_date()  # both boxes open, typing in the date one
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.query_one("#history-date").display and app.screen.query_one("#history-search").display


async def test_section_jumps_and_where_am_i() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "n")
        await pilot.pause()
        assert app.screen.sub_title.endswith(f"1 of {len(app.exercises['trigger-log'].fields)}")
        await pilot.press("f6")
        await pilot.pause()
        assert app.screen.sub_title.startswith("What was going on")
        await pilot.press("f6")
        await pilot.pause()
        assert app.screen.sub_title.startswith("What happened next")
        await pilot.press("shift+f6")
        await pilot.pause()
        assert app.screen.sub_title.startswith("What was going on")


async def test_a_draft_timer_that_fires_after_the_save_keeps_no_draft() -> None:
    """Under load the draft's timer can fire just as the form is saved: the next new entry
    then offered to "continue your draft" of words that were already saved."""
    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "n")
        await settle(pilot, lambda: screen_name(app) == "FormScreen")
        form = app.screen
        await pilot.press("3", "ctrl+s")
        await settle(pilot, lambda: store.count() == 1)
        form._draft_due()  # type: ignore[attr-defined]  # the late timer
        assert store.drafts() == {}


async def test_the_same_form_never_opens_twice() -> None:
    """The palette's "New: ..." over an open form of the same worksheet stacked a second form
    sharing its draft, and saving both saved the words twice."""
    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "n")
        await settle(pilot, lambda: screen_name(app) == "FormScreen")
        await pilot.press("5")
        app.open_new_entry(app.exercises["trigger-log"])
        await pilot.pause()
        assert [type(s).__name__ for s in app.screen_stack].count("FormScreen") == 1
        assert any("open already" in n.message for n in app._notifications)


async def test_a_table_cell_left_shows_the_start_of_its_words() -> None:
    from textual.widgets import Input

    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        steps = await goal_steps_with_a_filled_row(pilot)
        cell = steps.query(".table-row Input.cell").first(Input)
        cell.focus()
        await pilot.pause()
        cell.value = "Order a soda first, then call Ana and leave before ten"
        cell.cursor_position = len(cell.value)
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is not cell and cell.cursor_position == 0 and cell.scroll_x == 0


async def test_letters_in_an_empty_history_open_nothing_and_say_why() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot, lambda: type(app.screen).__name__ == "HistoryScreen")
        await pilot.press("g", "slash")
        await pilot.pause()
        assert not app.screen.query_one("#history-date").display
        assert not app.screen.query_one("#history-search").display
        assert any("Nothing here yet" in str(n.message) for n in app._notifications)


@pytest.mark.asyncio
async def test_a_draft_that_cannot_be_kept_keeps_the_app_open(monkeypatch: pytest.MonkeyPatch) -> None:
    from app_helpers import make_app, settle, welcomed_store
    from workbook.common.errors import WorkbookError

    app = make_app(welcomed_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", *"6 the walk home")
        await settle(pilot, lambda: type(app.screen).__name__ == "QuickLogScreen")

        def full(*_args: object) -> None:
            raise WorkbookError("The disk is full.")

        monkeypatch.setattr(app.open_book, "keep_draft", full)
        await pilot.press("ctrl+q")
        await settle(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen")
        await pilot.click("#draft")
        await settle(pilot, lambda: type(app.screen).__name__ == "QuickLogScreen")
        assert app.is_running and "the walk home" in app.screen.query_one("#quick").value  # type: ignore[attr-defined]


async def test_letters_typed_while_a_form_opens_go_into_its_first_question() -> None:
    """A quick typist starts before the form has drawn: the letters wait for the first question."""
    from textual.events import Key

    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_new_entry(app.exercises["gratitude-journal"])
        for letter in "sun":  # sent at once, as a terminal does, before the form has the focus
            app.post_message(Key(letter, letter))
        await settle(pilot, lambda: isinstance(app.focused, Input) and app.focused.value == "sun")
        assert app.focused is app.screen.query_one("#field-grateful_1 Input", Input)


async def test_tab_typed_while_a_form_opens_moves_on_before_the_letters_after_it() -> None:
    """Tab waited behind the form's first layout while the letters after it went on into the
    first question (a number field dropped them)."""
    from textual.events import Key

    app = make_app(welcomed_store())
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_new_entry(app.exercises["trigger-log"])
        for key, letter in (("7", "7"), ("tab", None), ("h", "h"), ("i", "i")):
            app.post_message(Key(key, letter))
        await settle(pilot, lambda: bool(app.screen.query("#field-note Input")))
        note = app.screen.query_one("#field-note Input", Input)
        await settle(pilot, lambda: note.value == "hi")
        assert app.screen.query_one("#field-strength Input", Input).value == "7"
        await pilot.press("tab")  # once open, Tab is Tab as anywhere
        assert app.focused is not note


def _with_a_gratitude_draft(words: str) -> tuple[Store, WorkbookApp]:
    """A workbook with an unsaved gratitude entry kept as a draft, and an app over it."""
    from workbook.worksheets.drafts import Draft

    store = welcomed_store()
    book = book_of(store)
    book.keep_draft(Draft("gratitude-journal", None, {"grateful_1": words}, False, "2026-11-22T19:00:00+00:00"))
    return store, WorkbookApp(book)


async def test_a_draft_question_waits_behind_crisis_help_opened_as_the_form_opened() -> None:
    """A form with a draft waiting, and F1 pressed at once: the crisis lines stay in sight and
    the question is asked when the person comes back to the form."""
    _store, app = _with_a_gratitude_draft("my morning walk")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_new_entry(app.exercises["gratitude-journal"])
        await app.run_action("crisis")
        await settle(pilot, lambda: screen_name(app) == "CrisisScreen")
        for _ in range(3):
            await pilot.pause()
        assert screen_name(app) == "CrisisScreen"
        await pilot.press("escape")
        await settle(pilot, lambda: screen_name(app) == "ConfirmScreen")
        await pilot.press("enter")  # continue my draft
        field = app.screen.query_one("#field-grateful_1 Input", Input)
        await settle(pilot, lambda: field.value == "my morning walk")


async def test_keys_pressed_in_the_instant_a_form_opens_neither_break_it_nor_save_half_words() -> None:
    """Ctrl+S and F6 reached a form not yet built (a crash), and "ab" + Ctrl+S saved "a"."""
    from textual.events import Key

    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        for keys in ((("ctrl+s", None),), (("f6", None),)):  # nothing typed: nothing saved, no crash
            app.open_new_entry(app.exercises["gratitude-journal"])
            for key, letter in keys:
                app.post_message(Key(key, letter))
            await form_ready(pilot)
            for _ in range(3):
                await pilot.pause()
            assert screen_name(app) == "FormScreen" and store.count() == 0
            app.screen.dismiss(None)
            await settle(pilot, lambda: screen_name(app) == "HomeScreen")
        # Ctrl+S waits for the first frame, so the letters typed ahead of it are saved whole.
        app.open_new_entry(app.exercises["gratitude-journal"])
        for key, letter in (("a", "a"), ("b", "b"), ("ctrl+s", None)):
            app.post_message(Key(key, letter))
        await settle(pilot, lambda: store.count() == 1)
        assert store.entries("gratitude-journal")[0].answers["grateful_1"] == "ab"


async def test_esc_as_a_form_opens_keeps_the_draft_it_had_not_offered_yet() -> None:
    from textual.events import Key

    store, app = _with_a_gratitude_draft("my sister called")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: screen_name(app) == "HomeScreen")
        app.open_new_entry(app.exercises["gratitude-journal"])
        app.post_message(Key("escape", None))
        await settle(pilot, lambda: screen_name(app) in ("HomeScreen", "ConfirmScreen"))
        for _ in range(3):
            await pilot.pause()
    assert [d["answers"] for d in store.drafts().values()] == [{"grateful_1": "my sister called"}]


async def test_letters_arriving_with_ctrl_s_or_ctrl_q_are_kept() -> None:
    """Letters and Ctrl+S (or Ctrl+Q) read from the terminal in one go: Textual answers the
    Ctrl key as it arrives, before the letters have reached the text box. The save holds every
    letter; the quit finds the words unsaved and asks."""
    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_new_entry(app.exercises["gratitude-journal"])
        await form_ready(pilot)
        await pilot.press(*"first")
        arrive_together(app, "space", *"second", "ctrl+s")
        await settle(pilot, lambda: bool(store.entries("gratitude-journal")))
        assert store.entries("gratitude-journal")[0].answers["grateful_1"] == "first second"

        await settle(pilot, lambda: screen_name(app) != "FormScreen")
        app.open_new_entry(app.exercises["gratitude-journal"])
        await form_ready(pilot)
        arrive_together(app, *"my dog", "ctrl+q")
        await settle(pilot, lambda: screen_name(app) == "ConfirmScreen")
        assert app.return_code is None  # asked, not quit


async def test_ctrl_s_twice_in_one_read_saves_once_and_f2_with_it_keeps_the_screen_hidden(db_path: Path) -> None:
    """Ctrl+S twice in one read: one entry. Ctrl+S and F2 in one read: the hide screen is
    answered first; the save waits until the person is back, so nothing it opens (the plan's
    support screen after a strong craving) shows over the hide screen."""
    from workbook.store import encryption_changes

    with Store.open(db_path) as opened:
        opened.set_setting("welcomed", True)
        encryption_changes.encrypt(opened, "tea and toast")
    store = Store.open(db_path, passphrase="tea and toast")
    try:
        app = WorkbookApp(book_of(store))
        async with app.run_test(size=(80, 24)) as pilot:
            app.open_new_entry(app.exercises["gratitude-journal"])
            await form_ready(pilot)
            arrive_together(app, *"tea", "ctrl+s", "ctrl+s")
            await settle(pilot, lambda: screen_name(app) != "FormScreen")
            for _ in range(3):
                await pilot.pause()
            assert len(store.entries("gratitude-journal")) == 1

            app.open_new_entry(app.exercises["gratitude-journal"])
            await form_ready(pilot)
            arrive_together(app, *"toast", "ctrl+s", "f2")
            await settle(pilot, lambda: screen_name(app) == "PrivacyScreen")
            for _ in range(3):
                await pilot.pause()
            assert screen_name(app) == "PrivacyScreen"
            assert len(store.entries("gratitude-journal")) == 1  # waits for the person
            await pilot.press("space", *"tea and toast", "enter")
            await settle(pilot, lambda: len(store.entries("gratitude-journal")) == 2)
    finally:
        store.close()
