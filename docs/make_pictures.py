"""Make the README's pictures from the program itself, so they stay current.

    python docs/make_pictures.py          # writes docs/pictures/*.svg and report-page-1.png

Home, the quick craving log, a form, the support after a strong craving and the mood
calendar are Textual's
SVG screenshots at 80x24 (on a fixed day, with a made-up workbook in memory); the report
page is the first page of a made-up month's PDF, drawn by Typst as PNG.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "pictures"
DAY = date(2026, 11, 22)


def sample():  # type: ignore[no-untyped-def]
    from workbook.store.workbook_store import Store

    store = Store.in_memory()
    store.set_setting("welcomed", True)
    store.set_setting("name", "Sam R.")
    store.add(
        "relapse-prevention-plan",
        {
            "reasons": "My daughter, and feeling well in the mornings.",
            "coping": ["call-support", "deep-breathing", "exercise", "meeting", "gratitude"],
            "contacts": [{"name": "Ana", "role": "sponsor", "phone": "555-0100", "when": "any time"}],
            "warning_emotional": [{"sign": "Skipping meetings", "action": "Go to the next one and say so"}],
            "lapse_first_steps": ["Get somewhere safe", "Call Ana", "Tell my counselor at the next session"],
        },
        created="2026-10-01T10:00:00-05:00",
    )
    for day, strength, words, outcome in (
        (16, 5, "after work, tired", "did-not-use"),
        (18, 8, "payday, walked past the bar", "did-not-use"),
        (21, 7, "lonely Saturday night", "did-not-use"),
        (22, 4, "the phone call with my brother", "did-not-use"),
    ):
        store.add(
            "trigger-log",
            {
                "strength": strength,
                "note": words,
                "outcome": outcome,
                "halt": ["tired"],
                "what_helped": "walking and calling Ana",
            },
            created=f"2026-11-{day:02d}T20:15:00-05:00",
        )
    for day, mood, craving in ((17, 3, 4), (18, 2, 7), (19, 3, 3), (20, 4, 2), (21, 3, 5), (22, 4, 2)):
        store.add(
            "daily-checkin",
            {"date": f"2026-11-{day:02d}", "mood": mood, "craving": craving, "intention": "a walk at lunch"},
            created=f"2026-11-{day:02d}T08:00:00-05:00",
        )
    store.add(
        "gratitude-journal",
        {"date": "2026-11-22", "grateful_1": "my sister's call"},
        created="2026-11-22T21:00:00-05:00",
        bring_to_session=True,
    )
    store.add(
        "sessions",
        {"date": "2026-11-20", "kind": "group", "homework": [{"task": "write down three triggers"}]},
        created="2026-11-20T18:00:00-05:00",
    )
    return store


async def screenshots() -> None:
    from workbook.common.clock import FixedClock
    from workbook.services.workbook import Workbook
    from workbook.ui.app import WorkbookApp

    shots = {
        "home": [],
        "quick-log": ["c", *"8 walked past the bar"],
        "form": ["2", "n"],
        "support": ["c", *"8 walked past the bar", "enter"],
        "calendar": ["m"],
    }
    for name, keys in shots.items():
        app = WorkbookApp(Workbook(sample(), clock=FixedClock.on(DAY, 20, 0)))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*keys)
            await pilot.pause(0.3)
            app.save_screenshot(str(OUT / f"{name}.svg"))


def report_page() -> None:
    import orjson
    import typst

    from workbook.export.fonts import typst_fonts
    from workbook.export.options import Options
    from workbook.export.pdf import TEMPLATES, report_data
    from workbook.export.report import build_report
    from workbook.worksheets.crisis import crisis_list
    from workbook.worksheets.loader import load_exercises

    exercises, _ = load_exercises()
    store = sample()
    options = Options(start=date(2026, 11, 16), end=date(2026, 11, 22), include=tuple(exercises))
    report = build_report(
        store.entries(),
        exercises,
        options,
        store.settings(),
        crisis_list({}),
        now=datetime(2026, 11, 23, 9, 0, tzinfo=UTC),
        lang="en_US",
    )
    data, _coverage = report_data(report, "us-letter")
    pages = typst.compile(
        str(TEMPLATES / "report.typ"),
        root=str(TEMPLATES),
        font_paths=typst_fonts(),
        sys_inputs={"report": orjson.dumps(data).decode()},
        format="png",
        ppi=80,
    )
    first = pages[0] if isinstance(pages, list) else pages
    (OUT / "report-page-1.png").write_bytes(first)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    asyncio.run(screenshots())
    report_page()
    print(f"Pictures written to {OUT}")


if __name__ == "__main__":
    main()
