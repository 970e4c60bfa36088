"""Small traps from the screens issue: "1 minute", not "1 minutes"; a history's go-to-date
takes plain words and says when it cannot read them; a wider terminal redraws Home's lines."""

from __future__ import annotations

import pytest

from app_helpers import form_ready, make_app, settle, welcomed_store
from workbook.worksheets.answers import format_answer
from workbook.worksheets.loader import load_exercises

EXERCISES, _PROBLEMS = load_exercises()


def test_one_of_a_unit_is_said_in_the_singular() -> None:
    minutes = EXERCISES["practice-log"].field("minutes")
    hours = EXERCISES["daily-checkin"].field("sleep_hours")
    assert minutes is not None and hours is not None
    assert format_answer(minutes, 1) == "1 minute" and format_answer(minutes, 2) == "2 minutes"
    assert format_answer(hours, 1) == "1 hour" and format_answer(hours, 7) == "7 hours"


@pytest.mark.asyncio
async def test_go_to_date_reads_plain_words_and_says_when_it_cannot() -> None:
    store = welcomed_store()
    for day in range(10, 20):
        store.add("gratitude-journal", {"date": f"2026-11-{day}", "grateful_1": f"day {day}"})
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_exercise("gratitude-journal")
        await settle(pilot, lambda: type(app.screen).__name__ == "HistoryScreen")
        await pilot.press("g")
        for key in "nonsense words":
            await pilot.press("space" if key == " " else key)
        await pilot.press("enter")
        await settle(pilot, lambda: any("plain words" in str(n.message) for n in app._notifications))
        await pilot.press("escape", "g")  # the box kept the words to fix; start again
        for key in "nov 15":
            await pilot.press("space" if key == " " else key)
        await pilot.press("enter")
        table = app.screen.query_one("#history")
        await settle(pilot, lambda: table.cursor_row == 4)  # newest first: the 19th is row 0


@pytest.mark.asyncio
@pytest.mark.parametrize(("width", "stacked"), [(60, True), (100, False)])
async def test_a_table_stacks_its_rows_on_a_narrow_terminal(width: int, stacked: bool) -> None:
    from workbook.ui.screens.form import FormScreen
    from workbook.ui.widgets.fields import TableField

    app = make_app(welcomed_store())
    async with app.run_test(size=(width, 30)) as pilot:
        row = {"situation": "Payday on Friday night", "risk": 4, "plan": "Card stays home"}
        app.push_screen(FormScreen(app.exercises["relapse-prevention-plan"], None, prefill={"high_risk": [row]}))
        await settle(pilot, lambda: bool(app.screen.query(TableField)))
        table = app.screen.query(TableField).first()
        await settle(pilot, lambda: table.has_class("-stacked") is stacked)
        labels = [w for w in table.query(".table-row .cell-label") if w.display and w.region.width]
        assert bool(labels) is stacked  # each cell under its column's name only when stacked
        assert table.value == [row]


def test_the_palette_never_cuts_a_worksheet_s_words_mid_word() -> None:
    from workbook.ui.palette import first_sentence

    for exercise in EXERCISES.values():
        said = first_sentence(exercise.intro)
        flat = " ".join(exercise.intro.split())
        assert flat.startswith(said.removesuffix("…"))
        assert said.endswith((".", "?", "!", "…")) or said == flat
        if said.endswith("…"):  # cut where a word ends
            assert flat[len(said) - 1] in " ,;:"


@pytest.mark.asyncio
async def test_words_typed_into_a_tick_list_tick_nothing_and_say_how_it_works() -> None:
    from workbook.ui.screens.form import FormScreen
    from workbook.ui.widgets.ticks import TickList

    app = make_app(welcomed_store())
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(FormScreen(app.exercises["daily-checkin"], None))
        await form_ready(pilot)
        ticks = app.screen.query(TickList).first()
        ticks.focus()
        await pilot.press("t", "o", "o", "space", "t", "i", "r", "e", "d", "space")
        await pilot.pause()
        assert list(ticks.selected) == []  # the spaces between words ticked nothing
        assert any("not a box to type in" in str(n.message) for n in app._notifications)
        ticks._typed_at = -10.0  # a while later
        await pilot.press("space")
        await settle(pilot, lambda: len(ticks.selected) == 1)  # Space ticks again


@pytest.mark.asyncio
async def test_a_wider_terminal_shows_more_of_home_s_lines() -> None:
    store = welcomed_store()
    words = "the long walk by the river with my sister and her two dogs in the morning sun"
    store.add("gratitude-journal", {"date": "2026-11-20", "grateful_1": words})
    app = make_app(store)
    async with app.run_test(size=(60, 40)) as pilot:
        panel = app.screen.query_one("#today")
        await settle(pilot, lambda: "the long walk" in str(panel.render()))
        assert "morning sun" not in str(panel.render())
        await pilot.resize_terminal(140, 40)
        await settle(pilot, lambda: "morning sun" in str(panel.render()))


@pytest.mark.asyncio
async def test_typing_in_a_table_cell_reached_by_tab_adds_to_its_words() -> None:
    from textual.widgets import Input

    from workbook.ui.screens.form import FormScreen
    from workbook.ui.widgets.fields import TableField

    app = make_app(welcomed_store())
    async with app.run_test(size=(100, 30)) as pilot:
        row = {"situation": "Payday", "risk": 4, "plan": "Card home"}
        app.push_screen(FormScreen(app.exercises["relapse-prevention-plan"], None, prefill={"high_risk": [row]}))
        await settle(pilot, lambda: bool(app.screen.query(TableField)))
        cell = app.screen.query(TableField).first().query(".table-row Input.cell").first(Input)
        cell.focus()
        await pilot.press("space", "n", "i", "g", "h", "t")
        await settle(pilot, lambda: cell.value == "Payday night")


@pytest.mark.asyncio
async def test_an_open_dropdown_never_covers_the_footer_s_crisis_hint() -> None:
    from textual.widgets import Select
    from textual.widgets._select import SelectOverlay

    from workbook.ui.screens.form import FormScreen

    app = make_app(welcomed_store())
    async with app.run_test(size=(60, 12)) as pilot:
        plan = app.exercises["relapse-prevention-plan"]
        app.push_screen(FormScreen(plan, None, prefill={"high_risk": [{"situation": "x"}]}, show_field="high_risk"))
        await settle(pilot, lambda: bool(app.screen.query(Select)))
        choose = app.screen.query(Select).first()
        choose.focus()
        await pilot.press("enter")
        overlay = choose.query_one(SelectOverlay)
        await settle(pilot, lambda: overlay.region.height > 0)
        assert overlay.region.bottom <= app.size.height - 1  # the last line is the footer's


@pytest.mark.asyncio
async def test_a_narrow_header_keeps_where_the_person_is_whole() -> None:
    from workbook.ui.screens.form import FormScreen

    app = make_app(welcomed_store(), lang="es")
    async with app.run_test(size=(60, 20)) as pilot:
        app.push_screen(FormScreen(app.exercises["trigger-log"], None))
        await settle(pilot, lambda: bool(app.screen.sub_title))
        said = str(app.format_title(app.screen.title, app.screen.sub_title))
        assert said.endswith(app.screen.sub_title) and len(said) <= 60 - 8
