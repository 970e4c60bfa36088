"""Guided practices: each runs at 80x24 and at 120x40, can be left with Esc at any moment
(keeping what was rated), saves its practice-log entry, and riding out an urge teaches the
craving log what helped."""

from __future__ import annotations

import pytest

from app_helpers import make_app, screen_name, settle, welcomed_store
from workbook.ui.screens.practice import base as practice_base
from workbook.ui.screens.practice import grounding
from workbook.worksheets.practice import REDUCED_MOTION, parse_rating

pytestmark = pytest.mark.asyncio


@pytest.fixture(autouse=True)
def quick_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(practice_base, "SECOND", 0.0005)  # a practice minute in 30 ms


async def _wait_for_question(pilot, words: str) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot, lambda: words in str(pilot.app.screen.query_one("#practice-words").render()), tries=200)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_breathing_runs_to_the_end_and_is_logged(size: tuple[int, int]) -> None:
    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await pilot.press("p", "b")
        await pilot.pause()
        assert screen_name(app) == "BreathingScreen"
        await pilot.press("6", "enter")  # before: 6
        await pilot.press("enter", "enter")  # 4 in / 6 out, 2 minutes (the one highlighted)
        await _wait_for_question(pilot, "How strong is it now")
        await pilot.press("3", "enter")
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"
    [entry] = store.entries("practice-log")
    assert entry.answers == {"skill": "breathing", "date": "2026-11-22", "minutes": 2, "before": 6, "after": 3}


async def test_esc_at_any_moment_keeps_what_was_rated() -> None:
    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "m", "8", "enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"
    [entry] = store.entries("practice-log")
    assert entry.answers["skill"] == "muscles" and entry.answers["before"] == 8 and "after" not in entry.answers


async def test_leaving_before_anything_keeps_nothing() -> None:
    store = welcomed_store()
    async with make_app(store).run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "g", "escape")
        await pilot.pause()
    assert store.entries("practice-log") == []


async def test_grounding_keeps_the_words_typed_and_the_time_it_really_took(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [1000.0]
    monkeypatch.setattr(grounding, "monotonic", lambda: clock[0])  # only this screen's clock
    store = welcomed_store()
    async with make_app(store).run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "g", "enter")  # no rating before
        await pilot.press(*"the lamp, my cup", "enter")
        for _ in range(3):
            await pilot.press("enter")
        clock[0] += 170  # the five steps took nearly three minutes
        await pilot.press("enter")
        await _wait_for_question(pilot, "How strong is it now")
        await pilot.press("enter")
        await pilot.pause()
    [entry] = store.entries("practice-log")
    assert entry.answers["notes"] == "What I could see: the lamp, my cup" and entry.answers["minutes"] == 3


async def test_riding_out_an_urge_is_kept_in_the_craving_log_too() -> None:
    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "u", "8", "enter", "enter")  # strength 8, 15 minutes
        await _wait_for_question(pilot, "And now, how strong")
        await pilot.press("4", "enter")
        await pilot.pause()
    [practice] = store.entries("practice-log")
    [craving] = store.entries("trigger-log")
    assert practice.answers["minutes"] == 15 and (practice.answers["before"], practice.answers["after"]) == (8, 4)
    assert craving.answers == {
        "strength": 8,
        "strength_end": 4,
        "outcome": "did-not-use",
        "surfed_minutes": 15,  # a number: a report says it in its reader's language
    }


async def test_reduced_motion_shows_words_and_numbers_only(monkeypatch: pytest.MonkeyPatch) -> None:
    # Two practice minutes last 24 real seconds: long enough that a loaded machine still
    # finds the practice running after the keys are pressed.
    monkeypatch.setattr(practice_base, "SECOND", 0.2)
    for reduced in (False, True):
        store = welcomed_store()
        store.set_setting(REDUCED_MOTION, reduced)
        app = make_app(store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("p", "b", "enter", "enter", "enter")
            await _wait_for_question(pilot, "Breathe")
            assert (
                "█" in str(app.screen.query_one("#practice-bar").render())
                or "░" in str(app.screen.query_one("#practice-bar").render())
            ) is not reduced
            assert "left" in str(app.screen.query_one("#practice-clock").render())


async def test_the_support_screen_offers_the_practices() -> None:
    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", *"9 payday", "enter")
        await settle(pilot, lambda: screen_name(app) == "SupportScreen")
        await pilot.click("#urge")
        await pilot.pause()
        assert screen_name(app) == "UrgeSurfingScreen"
        await pilot.press("enter")  # the strength just logged is the "before": straight to minutes
        await _wait_for_question(pilot, "And now, how strong")
        await pilot.press("3", "enter")
        await pilot.pause()
    # Riding out the craving just logged completes that entry; it is not logged twice.
    [craving] = store.entries("trigger-log")
    assert (craving.answers["strength"], craving.answers["strength_end"]) == (9, 3)
    assert craving.answers["outcome"] == "did-not-use"
    assert craving.answers["surfed_minutes"] == 15 and "what_helped" not in craving.answers
    assert "payday" in str(craving.answers)


@pytest.mark.asyncio
async def test_ratings_are_0_to_10_or_skipped() -> None:
    assert parse_rating("") is None and parse_rating(" 7 ") == 7
    for bad in ("11", "-1", "seven", "٧"):
        with pytest.raises(ValueError, match="0 to 10"):
            parse_rating(bad)


async def _ride_out_from_the_support_screen(pilot, app) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("c", *"9 payday", "enter")
    await settle(pilot, lambda: screen_name(app) == "SupportScreen")
    await pilot.click("#urge")
    await settle(pilot, lambda: screen_name(app) == "UrgeSurfingScreen")


async def _ride_on_to_the_end(pilot, strength: str) -> None:  # type: ignore[no-untyped-def]
    """The minutes offered (Enter), the practice, then the strength at the end."""
    await pilot.press("enter")
    await _wait_for_question(pilot, "And now, how strong")
    await pilot.press(strength, "enter")
    await pilot.pause()


async def test_a_change_made_to_the_craving_during_the_practice_wins() -> None:
    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _ride_out_from_the_support_screen(pilot, app)
        [craving] = store.entries("trigger-log")
        # Meanwhile the person corrects the entry: it ended in a use, two drinks.
        store.update(craving.id, {**craving.answers, "strength": 4, "outcome": "used", "use_details": "two drinks"})
        await _ride_on_to_the_end(pilot, "3")
    [kept] = store.entries("trigger-log")
    assert (kept.answers["strength"], kept.answers["outcome"], kept.answers["use_details"]) == (4, "used", "two drinks")
    assert kept.answers["strength_end"] == 3 and kept.answers["surfed_minutes"] == 15


async def test_a_craving_deleted_during_the_practice_stays_deleted() -> None:
    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _ride_out_from_the_support_screen(pilot, app)
        [craving] = store.entries("trigger-log")
        store.delete(craving.id)
        await _ride_on_to_the_end(pilot, "3")
    assert store.entries("trigger-log") == [] and len(store.entries("practice-log")) == 1


async def test_leaving_at_the_minutes_question_changes_nothing() -> None:
    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _ride_out_from_the_support_screen(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
    [craving] = store.entries("trigger-log")
    assert "surfed_minutes" not in craving.answers and store.entries("practice-log") == []


async def test_esc_or_quitting_keeps_the_words_typed_in_a_grounding_step() -> None:
    for leave in ("escape", "ctrl+q"):
        store = welcomed_store()
        async with make_app(store).run_test(size=(80, 24)) as pilot:
            await pilot.press("p", "g", "6", "enter")
            await pilot.press(*"the lamp")  # no Enter
            await pilot.press(leave)
            await pilot.pause()
        [entry] = store.entries("practice-log")
        assert entry.answers["notes"] == "What I could see: the lamp" and entry.answers["before"] == 6, leave
