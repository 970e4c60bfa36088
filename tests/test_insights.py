"""Worksheets that work together: quick log parsing, streaks, due reviews, suggestions, diffs."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbook.worksheets import insights
from workbook.worksheets.entry import Entry
from workbook.worksheets.loader import load_exercises
from workbook.worksheets.quick_log import parse_quick_log
from workbook.worksheets.revisions import diff_answers
from workbook.worksheets.roles import day_of

EXERCISES, _ = load_exercises()
TODAY = date(2026, 11, 22)


def entry(exercise: str, answers: dict, day: str) -> Entry:  # type: ignore[type-arg]
    return Entry.new(exercise, answers, created=f"{day}T10:00:00+00:00")


@pytest.mark.parametrize(
    "text,expected",
    [("7", (7, "")), ("10 after the call", (10, "after the call")), ("  0   fine really ", (0, "fine really"))],
)
def test_quick_log_parses(text: str, expected: tuple[int, str]) -> None:
    assert parse_quick_log(text) == expected


@pytest.mark.parametrize("text", ["", "eleven", "11 too much", "-1", "a 7"])
def test_quick_log_explains_what_to_type(text: str) -> None:
    with pytest.raises(ValueError, match="number from 0 to 10"):
        parse_quick_log(text)


@given(st.text(max_size=40))
def test_quick_log_never_crashes(text: str) -> None:
    try:
        strength, _ = parse_quick_log(text)
    except ValueError:
        return
    assert 0 <= strength <= 10


def test_gratitude_streak_counts_kindly_across_a_gap() -> None:
    days = ["2026-11-10", "2026-11-11", "2026-11-19", "2026-11-20", "2026-11-21"]
    entries = [entry("gratitude-journal", {"grateful_1": "x"}, d) for d in days]
    journal = EXERCISES["gratitude-journal"]
    assert insights.gratitude_streak(entries, journal, TODAY) == 3  # yesterday still counts: today is not over
    entries.append(entry("gratitude-journal", {"grateful_1": "x"}, "2026-11-22"))
    assert insights.gratitude_streak(entries, journal, TODAY) == 4
    assert insights.gratitude_streak(entries, journal, date(2026, 11, 25)) == 0
    message = insights.streak_message(0, True)
    assert "welcome back" in message and "missed" not in message
    assert "4 days in a row" in insights.streak_message(4, True)


def test_a_gratitude_entry_counts_for_the_day_it_is_about() -> None:
    backdated = entry("gratitude-journal", {"grateful_1": "x", "date": "2026-11-21"}, "2026-11-22")
    assert day_of(EXERCISES["gratitude-journal"], backdated) == date(2026, 11, 21)


def test_reviews_and_goals_due() -> None:
    plan = entry("relapse-prevention-plan", {"reasons": "me", "next_review": "2026-11-20"}, "2026-10-01")
    due = insights.due_items([plan], EXERCISES, TODAY)
    assert [(d.entry.id, d.due.day) for d in due] == [(plan.id, date(2026, 11, 20))]
    assert insights.due_items([plan], EXERCISES, date(2026, 11, 1)) == []
    goals = [
        entry("goal-setting", {"goal": "a", "target_date": "2026-11-01"}, "2026-10-01"),
        entry("goal-setting", {"goal": "b", "next_review": "2026-12-01"}, "2026-10-01"),
        entry("goal-setting", {"goal": "c", "target_date": "2026-11-01", "status": "achieved"}, "2026-10-01"),
    ]
    due = insights.due_items(goals, EXERCISES, TODAY)
    assert [(d.entry.answers["goal"], d.due.label) for d in due] == [("a", "Target date")]
    assert len(insights.active_goals(goals)) == 2


def test_suggestions_from_a_seeded_log() -> None:
    log = EXERCISES["trigger-log"]
    entries = [
        entry(
            "trigger-log",
            {"strength": 5, "external_triggers": ["people", "money"], "halt": ["tired"], "where": "At the Bar "},
            f"2026-11-{d:02d}",
        )
        for d in range(1, 4)
    ]
    entries.append(
        entry("trigger-log", {"strength": 5, "where": "at the bar", "internal_triggers": ["feelings"]}, "2026-11-05")
    )
    plan = entry("relapse-prevention-plan", {"high_risk": [{"situation": "Having money on payday"}]}, "2026-10-01")
    found = {s.situation: s.count for s in insights.high_risk_suggestions(entries, log, plan)}
    assert found == {"People": 3, "Feeling tired": 3, "At the Bar": 4}  # money is in the plan; feelings only once


def test_revision_diff_lists_added_removed_and_reworded() -> None:
    plan = EXERCISES["relapse-prevention-plan"]
    before = {
        "reasons": "my kids",
        "coping": ["deep-breathing", "exercise"],
        "contacts": [{"name": "Ana", "phone": "1"}],
        "lapse_first_steps": ["Call Ana"],
    }
    after = {
        "reasons": "my kids and me",
        "coping": ["deep-breathing", "meditation"],
        "contacts": [{"name": "Ana", "phone": "1"}, {"name": "Bo", "phone": "2"}],
        "high_risk": [{"situation": "Payday", "plan": "rent first, then the gym"}],
    }
    before["high_risk"] = [{"situation": "Payday", "plan": "rent first"}]
    described = [c.describe() for c in diff_answers(plan, before, after)]
    assert described == [
        'My reasons for recovery: "my kids" → "my kids and me"',
        'High-risk situations and my plan for each: changed "Payday — My plan: rent first" → '
        '"Payday — My plan: rent first, then the gym"',
        'Ways I cope with cravings: removed "Exercise or a walk"',
        'Ways I cope with cravings: added "Meditation or prayer"',
        'My support network: added "Bo — Phone: 2"',
        'My first steps in the first hour: removed "Call Ana"',
    ]


def test_strong_and_lapse_detection() -> None:
    log = EXERCISES["trigger-log"]
    assert insights.is_strong(log, entry("trigger-log", {"strength": 7}, "2026-11-01"))
    assert not insights.is_strong(log, entry("trigger-log", {"strength": 6}, "2026-11-01"))
    assert insights.is_lapse(log, entry("trigger-log", {"strength": 2, "outcome": "used"}, "2026-11-01"))
    assert not insights.is_lapse(log, entry("trigger-log", {"strength": 2, "outcome": "did-not-use"}, "2026-11-01"))
