"""Seeded, realistic synthetic workbooks: N years of daily use.

Per day: 0-3 craving log entries (strength, triggers, HALT, outcome, notes),
usually one gratitude entry; a new goal every month or so with steps and
weekly progress notes; one relapse-prevention plan revised about weekly.
Usage: python -m benchmarks.generate --years 10 -o /tmp/ten-years.json
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from workbook.worksheets.entry import Entry, Revision

WORDS = [
    "after",
    "work",
    "call",
    "brother",
    "payday",
    "bar",
    "friends",
    "tired",
    "lonely",
    "walk",
    "meeting",
    "sponsor",
    "coffee",
    "dinner",
    "kids",
    "music",
    "rain",
    "bus",
    "shift",
    "boss",
    "argument",
    "sleep",
    "gym",
    "park",
    "church",
    "library",
    "cooking",
    "movie",
    "phone",
    "text",
    "weekend",
]


def _start(years: float, end: date | None) -> datetime:
    """The first day, so that the history ends on ``end`` (today unless given), as a person's would."""
    last = end or datetime.now(UTC).date()
    return datetime.combine(last, time(8, 0), UTC) - timedelta(days=int(365 * years))


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def generate(years: float, seed: int = 1, end: date | None = None) -> list[Entry]:
    """Entries for ``years`` of daily use ending on ``end``, identical for the same seed and end."""
    rng = random.Random(seed)
    days = int(365 * years)
    start = _start(years, end)
    entries: list[Entry] = []
    plan_versions: list[tuple[datetime, dict]] = []  # type: ignore[type-arg]
    goal: Entry | None = None
    for day in range(days):
        base = start + timedelta(days=day)
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            moment = base + timedelta(hours=rng.randint(1, 14), minutes=rng.randint(0, 59))
            outcome = rng.choice(("did-not-use",) * 9 + ("used",))
            entries.append(
                Entry(
                    id=f"t{len(entries)}",
                    exercise="trigger-log",
                    created=_stamp(moment),
                    updated=_stamp(moment),
                    answers={
                        "strength": rng.randint(0, 10),
                        "note": _words(rng, 2, 8),
                        "when": moment.strftime("%Y-%m-%d %H:%M"),
                        "where": rng.choice(("home", "work", "the bar on 5th", "bus", "party")),
                        "external_triggers": rng.sample(["people", "places", "things", "time", "event", "money"], 2),
                        "halt": rng.sample(["hungry", "angry", "lonely", "tired"], rng.randint(0, 2)),
                        "coping": _words(rng, 3, 12),
                        "outcome": outcome,
                    },
                )
            )
        if rng.random() < 0.85:
            moment = base + timedelta(hours=13)
            entries.append(
                Entry(
                    id=f"g{len(entries)}",
                    exercise="gratitude-journal",
                    created=_stamp(moment),
                    updated=_stamp(moment),
                    private=rng.random() < 0.1,
                    answers={
                        "date": moment.date().isoformat(),
                        "grateful_1": _words(rng, 2, 6),
                        "why_1": _words(rng, 3, 9),
                        "grateful_2": _words(rng, 2, 6),
                        "went_well": _words(rng, 5, 20),
                        "mood_before": rng.randint(1, 5),
                        "mood_after": rng.randint(1, 5),
                    },
                )
            )
        if day % 30 == 0:
            goal = Entry(
                id=f"goal{day}",
                exercise="goal-setting",
                created=_stamp(base),
                updated=_stamp(base),
                answers={
                    "goal": _words(rng, 4, 8),
                    "life_area": "recovery",
                    "status": "active",
                    "steps": [{"step": _words(rng, 2, 5), "done": rng.random() < 0.5} for _ in range(4)],
                    "progress": [],
                },
            )
            entries.append(goal)
        elif goal is not None and day % 7 == 0:
            goal.revisions.append(Revision(goal.updated, 1, dict(goal.answers)))
            goal.answers = {
                **goal.answers,
                "progress": [*goal.answers["progress"], {"date": base.date().isoformat(), "note": _words(rng, 3, 10)}],
            }
            goal.updated = _stamp(base)
        if day % 7 == 0:
            plan_versions.append(
                (
                    base,
                    {
                        "reasons": _words(rng, 10, 30),
                        "high_risk": [
                            {"situation": _words(rng, 2, 4), "risk": str(rng.randint(1, 5)), "plan": _words(rng, 4, 10)}
                            for _ in range(rng.randint(3, 8))
                        ],
                        "coping": rng.sample(
                            ["deep-breathing", "exercise", "call-support", "meditation", "meeting", "eat"], 5
                        ),
                        "contacts": [{"name": "Ana", "role": "sponsor", "phone": "555-0100"}],
                        "lapse_first_steps": [_words(rng, 3, 6) for _ in range(3)],
                    },
                )
            )
    if plan_versions:
        first, last = plan_versions[0], plan_versions[-1]
        entries.append(
            Entry(
                id="plan",
                exercise="relapse-prevention-plan",
                created=_stamp(first[0]),
                updated=_stamp(last[0]),
                answers=last[1],
                revisions=[Revision(_stamp(m), 1, a) for m, a in plan_versions[:-1]],
            )
        )
    return entries


def write_workbook(path: Path, years: float, seed: int = 1, *, closed: bool = True) -> int:
    """Create a workbook file at ``path``; return how many entries it holds. ``closed``: its
    years long past are closed, as the program's first opening does (``--all-live`` keeps them
    open, as files were before closed years, for comparison)."""
    from workbook.services.workbook import Workbook
    from workbook.store.workbook_store import Store

    if path.exists():  # merging into an old file would turn its entries into earlier versions
        raise SystemExit(f"{path} exists: choose a new file.")
    entries = generate(years, seed)
    with Store.open(path) as store:
        store.set_setting("welcomed", True)
        store.merge(entries)
        if closed:
            Workbook(store).close_years()
        return store.count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=float, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--all-live", action="store_true", help="leave the years long past open (no closed years)")
    args = parser.parse_args()
    count = write_workbook(args.output, args.years, args.seed, closed=not args.all_live)
    print(f"{args.output}: {count} entries, {args.output.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
