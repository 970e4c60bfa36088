"""Flows where worksheets help each other: quick log, support after strong cravings and
lapses, goal progress, plan suggestions and revisions; and the shell's quick log."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Select

from app_helpers import TODAY, make_app, screen_name, settle, welcomed_store
from workbook.cli import main
from workbook.store.workbook_store import Store
from workbook.worksheets.entry import Entry, Revision

PLAN = {
    "reasons": "my kids",
    "coping": ["deep-breathing", "call my aunt"],
    "contacts": [{"name": "Ana", "role": "sponsor", "phone": "555-0100"}],
    "lapse_first_steps": ["Stop and get safe", "Call Ana"],
    "lapse_reminder": "One use is not the end.",
}


@pytest.mark.asyncio
async def test_quick_log_from_start_in_at_most_six_keystrokes() -> None:
    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        steps = [["c"], ["7"], [*" after the call"], ["enter"]]  # open, strength, a few words, save
        for keys in steps:
            await pilot.press(*keys)
        await pilot.pause()
    assert len(steps) <= 6
    [saved] = store.entries("trigger-log")
    assert saved.answers == {"strength": 7, "note": "after the call"}


@pytest.mark.asyncio
async def test_strong_craving_offers_the_persons_own_plan() -> None:
    store = welcomed_store()
    store.add("relapse-prevention-plan", PLAN)
    app = make_app(store)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("c", *"8 payday", "enter")
        await pilot.pause()
        assert screen_name(app) == "SupportScreen"
        body = str(app.screen.query_one("#support-body").render())
        assert "call my aunt" in body and "Deep breathing" in body and "Ana" in body and "F1" in body
        await pilot.press("f1")
        assert screen_name(app) == "CrisisScreen"
        await pilot.press("escape", "escape")
        assert screen_name(app) == "HomeScreen"
        await pilot.press("c", *"3 fine", "enter")  # a mild one needs no response
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"


@pytest.mark.asyncio
async def test_logging_a_use_responds_without_judgment_and_can_add_to_the_plan() -> None:
    store = welcomed_store()
    plan = store.add("relapse-prevention-plan", PLAN)
    logged = store.add(
        "trigger-log", {"strength": 4, "where": "cousin's party", "next_time": "Leave early\nand call Sam"}
    )
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("2", "e")
        await pilot.pause()
        app.screen.query_one("#field-outcome Select", Select).value = "used"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "SupportScreen"
        body = str(app.screen.query_one("#support-body").render())
        assert "not a verdict" in body and "Stop and get safe" in body and "One use is not the end." in body
        for word in ("failure", "relapsed", "clean", "dirty"):
            assert word not in body.lower()
        await pilot.click("#add-to-plan")
        # The plan's form opens with the new row's first cell focused (the focus lands as the
        # row is laid out): wait for it rather than for one pause.
        await settle(
            pilot, lambda: screen_name(app) == "FormScreen" and getattr(app.focused, "value", None) == "cousin's party"
        )
        assert any("last risky situation" in n.message for n in app._notifications)
        await pilot.press("ctrl+s")
        await pilot.pause()
    risky = store.get(plan.id).answers["high_risk"]
    assert risky == [{"situation": "cousin's party", "plan": "Leave early and call Sam"}]
    assert store.get(logged.id).answers["outcome"] == "used"


@pytest.mark.asyncio
async def test_goal_progress_note_keeps_the_goal() -> None:
    store = welcomed_store()
    goal = store.add("goal-setting", {"goal": "Walk daily", "steps": [{"step": "Buy shoes"}]})
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter", "p", *"walked 3 times", "enter")
        await pilot.pause()
        assert "walked 3 times" in str(app.screen.query_one("#entry-body").render())
    saved = store.get(goal.id)
    assert saved.answers["goal"] == "Walk daily"
    assert saved.answers["progress"] == [{"date": TODAY.isoformat(), "note": "walked 3 times"}]
    assert len(saved.revisions) == 1


@pytest.mark.asyncio
async def test_plan_suggestions_can_be_accepted() -> None:
    store = welcomed_store()
    plan = store.add("relapse-prevention-plan", {"reasons": "me"})
    for _ in range(3):
        store.add("trigger-log", {"strength": 5, "external_triggers": ["people"], "where": "the bus stop"})
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "s")
        await pilot.pause()
        assert screen_name(app) == "SuggestionsScreen"
        picker = app.screen.query_one("#suggestions")
        picker.select(0)  # type: ignore[attr-defined]
        await pilot.click("#accept")
        await pilot.pause()
    rows = store.get(plan.id).answers["high_risk"]
    assert len(rows) == 1 and rows[0]["situation"] in ("People", "the bus stop")


def _plan_with_history() -> Entry:
    return Entry(
        id="plan-1",
        exercise="relapse-prevention-plan",
        created="2026-10-01T09:00:00+00:00",
        updated="2026-11-20T09:00:00+00:00",
        answers={"reasons": "my kids and me", "coping": ["deep-breathing", "meditation"]},
        revisions=[
            Revision("2026-10-01T09:00:00+00:00", 1, {"reasons": "my kids", "coping": ["deep-breathing"]}),
            Revision("2026-10-15T09:00:00+00:00", 1, {"reasons": "my kids", "coping": ["deep-breathing", "exercise"]}),
        ],
    )


@pytest.mark.asyncio
async def test_revision_comparison_between_any_two_versions() -> None:
    store = welcomed_store()
    store.merge([_plan_with_history()])
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "r")
        await pilot.pause()
        assert screen_name(app) == "RevisionsScreen"
        diff = str(app.screen.query_one("#revision-diff").render())
        assert "removed" in diff and "Exercise or a walk" in diff and "Meditation or prayer" in diff
        app.screen.query_one("#from", Select).value = 0
        await pilot.pause()
        diff = str(app.screen.query_one("#revision-diff").render())
        assert "my kids" in diff and "my kids and me" in diff and "Exercise" not in diff


def _home_data() -> Store:
    store = welcomed_store()
    store.set_setting("name", "Sam")
    plan = _plan_with_history()
    plan.answers["next_review"] = "2026-11-21"
    store.merge([plan])
    store.add(
        "goal-setting",
        {"goal": "Three meetings a week", "target_date": "2026-11-30"},
        created="2026-11-01T09:00:00+00:00",
    )
    for day in ("20", "21", "22"):
        store.add(
            "gratitude-journal", {"grateful_1": f"good thing on the {day}th"}, created=f"2026-11-{day}T08:00:00+00:00"
        )
    store.add("trigger-log", {"strength": 6, "note": "after work"}, created="2026-11-22T18:00:00+00:00")
    return store


@pytest.mark.usefixtures("no_blink")
def test_home_with_data_snapshot(snap_compare) -> None:  # type: ignore[no-untyped-def]
    store = _home_data()  # every stamp is fixed, and so is "today"
    app = make_app(store)
    assert snap_compare(app, terminal_size=(80, 24))


@pytest.mark.usefixtures("no_blink")
def test_revision_comparison_snapshot(snap_compare) -> None:  # type: ignore[no-untyped-def]
    store = welcomed_store()
    store.merge([_plan_with_history()])
    assert snap_compare(make_app(store), terminal_size=(80, 24), press=["3", "r"])


def test_shell_quick_log(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "craving", "4", "bored", "at", "home"]) == 0
    assert "Saved: craving 4/10" in capsys.readouterr().out
    with Store.open(db_path) as opened:
        opened.add("relapse-prevention-plan", PLAN)
    assert main(["log", "craving", "9"]) == 0
    out = capsys.readouterr().out
    assert "strong one" in out
    # The person's own people and ways to cope, listed (a pointer to the app helps no one at 2 a.m.).
    assert "People you can call:" in out and "Ana" in out and "555" in out and "What helps you cope:" in out
    assert "bored at home" not in out  # what was typed is never echoed
    for bad in (["11"], ["-1"], ["seven"], ["7.5"]):
        assert main(["log", "craving", *bad]) == 1
        assert "from 0 to 10" in capsys.readouterr().err
    with Store.open(db_path) as opened:
        logs = opened.entries("trigger-log")
    assert sorted(e.answers["strength"] for e in logs) == [4, 9]
    assert [e.answers.get("note") for e in logs if e.answers["strength"] == 4] == ["bored at home"]


@pytest.mark.asyncio
async def test_escape_in_the_quick_log_asks_before_dropping_typed_words() -> None:
    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", *"6 almost", "escape")
        await pilot.pause()
        assert screen_name(app) == "QuickLogScreen"  # warned, still here
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"
        await pilot.press("c", "escape")  # nothing typed: leaves at once
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"
    assert store.count() == 0
