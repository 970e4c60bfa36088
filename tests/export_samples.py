"""Sample workbooks for the export tests: a realistic month, and hostile text of every kind."""

from __future__ import annotations

from datetime import UTC, datetime

from workbook.export.options import Options
from workbook.store.workbook_store import Store
from workbook.worksheets.loader import load_exercises

EXERCISES, _ = load_exercises()
ALL = tuple(EXERCISES)
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
UNICODE = "café naïve · Привет · Ελληνικά · مرحبا · שלום עולם"
CJK = "你好 안녕하세요"
HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"> & "q" **bold** # heading | pipe'
FULL_CRAVING = {
    "strength": 8,
    "note": "after the call with my brother",
    "when": "2026-11-21 21:00",
    "duration": "40 minutes",
    "strength_end": 3,
    "where": "home, the kitchen",
    "who": "nobody, alone",
    "doing": "scrolling my phone",
    "external_triggers": ["people", "time", "a song on the radio"],
    "internal_triggers": ["feelings"],
    "halt": ["lonely", "tired"],
    "thoughts": "just one won't hurt",
    "feelings": "restless and sad",
    "coping": "called Ana and went for a walk",
    "outcome": "did-not-use",
    "use_details": "",
    "what_helped": "walking fast, cold air",
    "next_time": "call before it gets that strong",
}


def sample() -> Store:
    """A month of realistic use, with a craving logged on Monday about Saturday night."""
    store = Store.in_memory()
    store.set_setting("name", "Sam R.")
    plan = store.add(
        "relapse-prevention-plan",
        {
            "reasons": "My daughter.",
            "coping": ["deep-breathing", "walk it off"],
            "contacts": [{"name": "Ana", "role": "sponsor", "phone": "555-0100", "when": "any time"}],
            "warning_mental": [{"sign": "Bargaining", "action": "Call Ana"}],
            "lapse_first_steps": ["Call Ana"],
        },
        created="2026-10-01T10:00:00+00:00",
    )
    store.replace(
        plan.revised(
            {**plan.answers, "coping": ["deep-breathing", "walk it off", "meditation"]},
            updated="2026-10-15T09:00:00+00:00",  # revised before the month the reports show
        )
    )
    store.add(
        "goal-setting",
        {
            "goal": "Three meetings a week",
            "status": "active",
            "target_date": "2026-12-20",
            "steps": [{"step": "Find a list", "done": True}, {"step": "Go on Monday"}],
        },
        created="2026-11-02T09:00:00+00:00",
    )
    store.add("trigger-log", FULL_CRAVING, created="2026-11-23T08:00:00-05:00")  # typed Monday, about Saturday
    store.add(
        "trigger-log",
        {
            "strength": 6,
            "note": "payday",
            "outcome": "did-not-use",
            "halt": ["tired"],
            "external_triggers": ["money"],
            "coping": "Breathing",
        },
        created="2026-11-10T20:00:00+00:00",
    )
    store.add("trigger-log", {"strength": 9, "note": HOSTILE, "outcome": "used"}, created="2026-11-12T22:00:00+00:00")
    store.add("trigger-log", {"strength": 2, "note": "old one", "outcome": "used"}, created="2026-10-20T08:00:00+00:00")
    store.add("gratitude-journal", {"grateful_1": UNICODE, "date": "2026-11-15"}, created="2026-11-15T21:00:00+00:00")
    store.add("gratitude-journal", {"grateful_1": "a secret joy"}, private=True, created="2026-11-16T21:00:00+00:00")
    return store


def november(**choices: object) -> Options:
    from datetime import date

    return Options(**{"start": date(2026, 11, 1), "end": date(2026, 11, 30), "include": ALL, **choices})  # type: ignore[arg-type]
