"""A realistic month for the session brief's tests: November 2026 of one participant, with
entries typed days after the fact, a lapse, a plan revised twice, four sessions with homework
and questions, two PHQ-9s (the second with question 9 answered) and two GAD-7s."""

from __future__ import annotations

from datetime import date, timedelta

from workbook.store.workbook_store import Store

PHQ_LOW = ["several-days", "several-days", "several-days", "not-at-all", "several-days"]
PHQ_LOW += ["several-days", "several-days", "several-days", "not-at-all"]  # 8 of 27, question 9 "not at all"
PHQ_HIGH = ["more-than-half", "more-than-half", "several-days", "more-than-half", "several-days"]
PHQ_HIGH += ["more-than-half", "several-days", "several-days", "several-days"]  # 14, question 9 "several days"
GAD_LOW = ["several-days"] * 6 + ["not-at-all"]  # 6 of 21
GAD_HIGH = ["more-than-half"] * 4 + ["several-days"] * 3  # 11 of 21


def _at(day: date, clock: str = "21:00", late: int = 0) -> str:
    """The moment an entry was typed: ``late`` days after ``day``."""
    return f"{(day + timedelta(days=late)).isoformat()}T{clock}:00+00:00"


def add_month(store: Store) -> None:
    """November 2026 into ``store`` (the name on reports is Sam R.)."""
    store.set_setting("name", "Sam R.")
    first = date(2026, 11, 1)
    for n in range(30):
        day = first + timedelta(days=n)
        if day == date(2026, 11, 15):
            continue  # a day without a check-in
        store.add(
            "daily-checkin",
            {
                "date": day.isoformat(),
                "mood": 2 + n % 4,
                "craving": n % 7,
                "sleep_hours": 5 + n % 4,
                "medication": "missed" if day in (date(2026, 11, 12), date(2026, 11, 20)) else "taken",
                "meeting": "yes" if n % 3 == 0 else "no",
                "intention": f"walk after lunch, day {n + 1}",
            },
            created=_at(day, late=2 if n % 9 == 0 else 0),  # some typed two days later
        )
    for n in range(19):
        day = first + timedelta(days=n + n // 2)
        answers: dict[str, object] = {"strength": 3 + n % 5, "note": f"craving {n + 1} after work"}
        if n % 3:
            answers["outcome"] = "did-not-use"
            answers["coping"] = "called Ana"
        store.add("trigger-log", answers, created=_at(day, "18:30"))
    store.add(
        "trigger-log",
        {
            "strength": 9,
            "note": "the party at my cousin's",
            "when": "2026-11-21 22:30",
            "where": "my cousin's flat",
            "who": "cousins, old friends",
            "substance": "alcohol, four beers",
            "external_triggers": ["people", "event"],
            "outcome": "used",
            "use_details": "four beers over two hours",
            "what_helped": "leaving at midnight, calling Ana the next morning",
            "next_time": "leave before the drinks start, go with Ana",
        },
        created=_at(date(2026, 11, 23), "09:15"),  # written on Monday about Saturday night
    )
    plan = store.add(
        "relapse-prevention-plan",
        {
            "reasons": "My daughter.",
            "coping": ["deep breathing", "walk it off"],
            "high_risk": [{"situation": "Friday payday", "risk": 3, "plan": "pay the rent first"}],
            "contacts": [{"name": "Ana", "role": "sponsor", "phone": "555-0100", "when": "any time"}],
        },
        created="2026-10-01T10:00:00+00:00",
    )
    plan = plan.revised(
        {**plan.answers, "coping": ["deep breathing", "walk it off", "text Ana"]}, updated="2026-11-10T09:00:00+00:00"
    )
    store.replace(plan)
    store.replace(
        plan.revised(
            {
                **plan.answers,
                "high_risk": [{"situation": "Friday payday", "risk": 4, "plan": "pay the rent first, then the gym"}],
            },
            updated="2026-11-25T09:00:00+00:00",
        )
    )
    homework = {
        3: [{"task": "List three people to call", "due": "2026-11-09", "done": True}],
        10: [{"task": "Write my high-risk situations", "due": "2026-11-16", "done": True}],
        17: [{"task": "Try urge surfing twice", "due": "2026-11-23", "done": False}],
        24: [{"task": "Plan the family dinner", "due": "2026-12-08", "done": False}],
    }
    for day_n, tasks in homework.items():
        day = date(2026, 11, day_n)
        store.add(
            "sessions",
            {
                "date": day.isoformat(),
                "kind": "group",
                "learned": "HALT check before deciding",
                "homework": tasks,
                "questions": "How do I say no at the family dinner?" if day_n == 24 else "",
            },
            created=_at(day, "16:00"),
        )
    for day, answers in ((date(2026, 11, 5), PHQ_LOW), (date(2026, 11, 26), PHQ_HIGH)):
        store.add(
            "phq-9", {"date": day.isoformat(), **{f"item{i + 1}": a for i, a in enumerate(answers)}}, created=_at(day)
        )
    for day, answers in ((date(2026, 11, 5), GAD_LOW), (date(2026, 11, 26), GAD_HIGH)):
        store.add(
            "gad-7", {"date": day.isoformat(), **{f"item{i + 1}": a for i, a in enumerate(answers)}}, created=_at(day)
        )
    for day_n in (2, 9, 16, 23, 30):
        day = date(2026, 11, day_n)
        store.add("meetings", {"date": day.isoformat(), "which": "Tuesday group", "how": "in-person"}, created=_at(day))
