"""The wave-three tools: a naloxone expiry or a refill within its notice shows in
``workbook today`` and on Home; a lapse analysis's plan rows go into the plan through the
one "add to my plan" path; a medication log beside the check-in is named in the brief."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from app_helpers import book_of, welcomed_store
from workbook.cli import main
from workbook.common.clock import FixedClock
from workbook.services.daily import rows_into_plan
from workbook.store.workbook_store import Store
from workbook.worksheets.due_today import due_lines
from workbook.worksheets.loader import load_exercises
from workbook.worksheets.reactions import Response, response_to_save

EXERCISES, _PROBLEMS = load_exercises()
TODAY = date(2026, 12, 7)


def test_naloxone_expiring_in_ten_days_shows_in_today(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(db_path) as store:
        store.add("naloxone", {"where": "kitchen drawer", "kits": 2, "expires": "2026-12-17"})
        store.add("medication-log", {"when": "2026-12-05 08:00", "dose": "taken", "refill_due": "2027-02-01"})
        store.add("medication-log", {"when": "2026-12-06 08:00", "dose": "taken"})  # blank: the refill stands
    assert main(["today"], clock=FixedClock(datetime(2026, 12, 7, 9, 0))) == 0
    out = capsys.readouterr().out
    assert "Naloxone expires in 10 days" in out and "kitchen" not in out  # no entry text in 'today'
    assert "Refill" not in out  # eight weeks away: not yet


def test_a_refill_within_its_notice_shows_and_an_older_date_is_not_hidden_by_a_blank() -> None:
    store = welcomed_store()
    store.add("medication-log", {"when": "2026-12-01 08:00", "dose": "taken", "refill_due": "2026-12-09"})
    store.add("medication-log", {"when": "2026-12-06 08:00", "dose": "missed"})
    assert "Refill due in 2 days" in due_lines(store.entries(), EXERCISES, TODAY)
    assert "Refill due 3 days ago" in due_lines(store.entries(), EXERCISES, date(2026, 12, 12))
    assert not any("Refill" in line for line in due_lines(store.entries(), EXERCISES, date(2026, 11, 20)))


def test_a_lapse_analysis_offers_its_rows_to_the_plan_once() -> None:
    store = welcomed_store()
    book = book_of(store)
    store.add("relapse-prevention-plan", {"reasons": "My kids", "high_risk": [{"situation": "Old friends"}]})
    rows = [{"situation": "Payday on Friday", "plan": "Bank card stays home; call Ana"}, {"situation": "", "plan": "x"}]
    entry = store.add("lapse-analysis", {"when": "2026-11-20 22:00", "learned": "Fridays", "plan_changes": rows})
    assert response_to_save(EXERCISES["lapse-analysis"], entry) is Response.PLAN_ROWS
    change = rows_into_plan(book, entry)
    assert change is not None
    added = change.answers["high_risk"][-1]
    assert added == {"situation": "Payday on Friday", "plan": "Bank card stays home; call Ana"}
    book.save(change.exercise, change.answers, change.plan)
    assert rows_into_plan(book, entry) is None  # the plan has it now: nothing offered twice
    assert response_to_save(EXERCISES["lapse-analysis"], entry, entry) is Response.NOTHING


@pytest.mark.asyncio
async def test_saving_a_lapse_analysis_opens_the_plan_with_its_rows_when_asked() -> None:
    from app_helpers import make_app, settle
    from workbook.ui.screens.form import FormScreen

    store = welcomed_store()
    store.add("relapse-prevention-plan", {"reasons": "My kids"})
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        rows = [{"situation": "Payday on Friday", "plan": "Card stays home"}]
        sheet = app.exercises["lapse-analysis"]
        app.push_screen(
            FormScreen(sheet, None, prefill={"when": "2026-11-20 22:00", "learned": "x", "plan_changes": rows})
        )
        await settle(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen")
        await pilot.press("tab", "enter")  # "Open my plan with them" (the default is "Not now")
        await settle(pilot, lambda: isinstance(app.screen, FormScreen) and app.screen.exercise.id != sheet.id)
        assert app.screen.form.answers()["high_risk"][-1]["situation"] == "Payday on Friday"


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ('role = "due"\nnotice_days = -1', "whole number of days"),
        ('role = "due"\nnotice_days = "14"', "whole number of days"),
        ("notice_days = 14", "role 'due'"),
        ('role = "when"\nahead_days = 999', "whole number of days"),
        ('role = "due"\nahead_days = 2', "role 'when'"),
        ('role = "when"\ndefault = "tomorrow"', "default"),
    ],
)
def test_day_counts_in_a_worksheet_are_checked(extra: str, reason: str) -> None:
    from workbook.worksheets.loader import DefinitionError, parse_exercise

    text = f'id = "mine"\nversion = 1\ntitle = "Mine"\n[[fields]]\nid = "day"\nkind = "date"\nlabel = "Day"\n{extra}\n'
    with pytest.raises(DefinitionError, match=reason):
        parse_exercise(text, "mine.toml")


def test_page_one_names_the_new_tools_worked_on(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clock = FixedClock(datetime(2026, 12, 7, 20, 0))
    with Store.open(db_path) as store:
        # Written on the days they are about (by the test's clock, not the machine's).
        store.add(
            "chain-of-decisions",
            {"date": "2026-12-03", "next_time": "notice payday"},
            created="2026-12-03T21:00:00+00:00",
        )
        store.add("naloxone", {"where": "kitchen", "expires": "2026-12-20"}, created="2026-12-04T10:00:00+00:00")
        store.add("medication-log", {"when": "2026-12-05 08:00", "dose": "missed"}, created="2026-12-05T09:00:00+00:00")
        store.add(
            "daily-checkin",
            {"date": "2026-12-06", "mood": 3, "medication": "taken"},
            created="2026-12-06T21:00:00+00:00",
        )
    assert main(["export", "--format", "md", "-o", "-"], clock=clock) == 0
    brief = capsys.readouterr().out.split("\n## ")[1]
    assert brief.startswith("Session brief")
    assert "Chain of decisions (1)" in brief and "Naloxone on hand (changed)" in brief
    assert "Medication (Medication log):" in brief and "missed on 1 day" in brief
