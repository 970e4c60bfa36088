"""Between sessions: the check-in (app and shell), recovery time told kindly, homework and
session marks on Home and in the report, the new worksheets, overdose-safety words."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from app_helpers import TODAY, book_of, make_app, screen_name, settle, welcomed_store
from workbook.cli import main
from workbook.common.clock import FixedClock
from workbook.export.options import Options
from workbook.export.service import render_export
from workbook.services.daily import open_tasks
from workbook.store.workbook_store import Store
from workbook.ui.home_panels import today_first, today_panel
from workbook.ui.widgets.task_list import task_words
from workbook.worksheets.crisis import SETTING_KEY, crisis_list, overdose_safety
from workbook.worksheets.entry import Entry
from workbook.worksheets.loader import load_exercises
from workbook.worksheets.recovery_time import is_milestone, recovery_time

EXERCISES, _ = load_exercises()


def use(day: str, offset: int = 0, hour: int = 21) -> Entry:
    zone = timezone(timedelta(hours=offset))
    return Entry.new(
        "trigger-log",
        {"strength": 8, "outcome": "used"},
        created=datetime.fromisoformat(f"{day}T{hour:02d}:30:00").replace(tzinfo=zone).isoformat(),
    )


# -- the check-in from the shell --------------------------------------------------------------------


@pytest.mark.parametrize(
    "args,said",
    [
        (["--mood", "9"], "--mood should be a whole number from 1 to 5"),
        (["--mood", "four"], "--mood should be a whole number"),
        (["--craving", "-1"], "--craving should be a whole number from 0 to 10"),
        (["--sleep", "25"], "--sleep should be a whole number from 0 to 16"),
        (["--halt", "sleepy"], "--halt takes one of: hungry, angry, lonely, tired"),
        (["--halt", " , "], "--halt takes one of: hungry"),  # nothing named: refused, never an empty answer
        (["--medication", "sometimes"], "--medication takes one of: taken (Taken as prescribed)"),
        ([], "Say at least one thing"),
        (["--craving", "2"], "--mood: Please fill this in"),  # a new check-in needs its one required answer
    ],
)
def test_the_check_in_refuses_bad_input_and_saves_nothing(
    args: list[str], said: str, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Store.open(db_path).close()
    before = db_path.read_bytes()
    assert main(["log", "checkin", *args]) == 1
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err
    assert db_path.read_bytes() == before


def test_the_check_in_from_the_shell_in_one_line(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clock = FixedClock.on(TODAY, 9)
    assert (
        main(
            [
                "log",
                "checkin",
                "--mood",
                "4",
                "--craving",
                "2",
                "--sleep",
                "7",
                "--slept",
                "3",
                "--halt",
                "Tired, lonely",
                "--medication",
                "taken",
                "--meeting",
                "planned",
                "call",
                "Ana",
            ],
            clock=clock,
        )
        == 0
    )
    clock.advance(hours=12)
    assert main(["log", "checkin", "--craving", "3"], clock=clock) == 0  # the same day: one check-in, updated
    out = capsys.readouterr().out
    assert "Checked in for today" in out and "updated" in out and "Ana" not in out
    with Store.open(db_path) as opened:
        [entry] = opened.entries("daily-checkin")
    assert entry.answers == {
        "date": TODAY.isoformat(),
        "mood": 4,
        "craving": 3,
        "sleep_hours": 7,
        "sleep_quality": 3,
        "halt": ["tired", "lonely"],
        "medication": "taken",
        "meeting": "planned",
        "intention": "call Ana",
    }


# -- recovery time ----------------------------------------------------------------------------------


def test_recovery_time_counts_days_and_a_lapse_resets_nothing() -> None:
    entries = [use("2026-11-02"), use("2026-11-10")]
    time = recovery_time(entries, EXERCISES, date(2026, 11, 22), start=date(2026, 10, 1))
    assert time.days_since_use == 12
    assert (time.month_days, time.month_without) == (22, 20)
    assert (time.start_days, time.start_without) == (53, 51)
    on_the_day = recovery_time([*entries, use("2026-11-22")], EXERCISES, date(2026, 11, 22), date(2026, 10, 1))
    words = " ".join(on_the_day.lines()).lower()
    assert on_the_day.days_since_use == 0 and "50 of them without use" in words and "still true" in words
    for unkind in ("reset", "start over", "back to 0", "back to zero", "failed", "relapse"):
        assert unkind not in words
    assert recovery_time([], EXERCISES, date(2026, 11, 22)).lines()[0] == "No use is logged in this workbook."


def test_days_before_the_workbook_began_are_not_called_days_without_use() -> None:
    today = date(2026, 12, 7)
    assert recovery_time([], EXERCISES, today, known_from=today).month_days == 1  # day one: 1 of 1, not 7 of 7
    began = recovery_time([], EXERCISES, today, known_from=date(2026, 12, 5))
    assert (began.month_days, began.month_without) == (3, 3)
    earlier_use = recovery_time([use("2026-12-02")], EXERCISES, today, known_from=date(2026, 12, 5))
    assert (earlier_use.month_days, earlier_use.month_without) == (6, 5)  # an imported use counts from its day
    assert recovery_time([], EXERCISES, today, known_from=date(2026, 10, 1)).month_days == 7


def test_recovery_time_keeps_the_day_the_person_wrote_across_time_zones_and_daylight_saving() -> None:
    # 23:30 on 7 March in UTC-8, then the clocks change; a use logged far east on 8 March.
    entries = [use("2026-03-07", offset=-8, hour=23), use("2026-03-08", offset=14, hour=0)]
    time = recovery_time(entries, EXERCISES, date(2026, 3, 9))
    assert time.last_use == date(2026, 3, 8) and time.days_since_use == 1
    assert time.month_without == 9 - 2
    dst_day = [use("2026-11-01", offset=-4, hour=1), use("2026-11-01", offset=-5, hour=1)]  # 1:30 twice
    assert recovery_time(dst_day, EXERCISES, date(2026, 11, 2)).month_without == 1


@pytest.mark.parametrize(
    "days,quiet",
    [
        (1, True),
        (7, True),
        (30, True),
        (60, True),
        (90, True),
        (120, True),
        (150, True),
        (2, False),
        (45, False),
        (91, False),
    ],
)
def test_milestones(days: int, quiet: bool) -> None:
    assert is_milestone(days) is quiet


def test_home_shows_recovery_time_only_when_asked() -> None:
    entries = [use("2026-11-10")]
    hidden = str(today_panel(entries, EXERCISES, TODAY, settings={}))
    assert "since your last logged use" not in hidden
    settings = {"recovery_time": True, "recovery_start": "2026-11-01"}
    top = str(today_first(entries, EXERCISES, TODAY, settings=settings))
    shown = str(today_panel(entries, EXERCISES, TODAY, settings=settings))
    assert "12 days since your last logged use" in top  # at the top of Home, once
    assert "since your last logged use" not in shown and "Since November 1, 2026: 22 days, 21" in shown


# -- homework, marks, today -------------------------------------------------------------------------


def test_homework_and_marks_reach_home_the_report_and_the_shell(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db_path) as opened:
        opened.add(
            "sessions",
            {
                "date": TODAY.isoformat(),
                "kind": "group",
                "homework": [
                    {"task": "write my triggers"},
                    {"task": "call Ana", "done": True},
                    {"task": "read chapter 3"},
                    {"task": "go to the dentist", "due": (TODAY + timedelta(days=3)).isoformat()},
                    {"task": "return the book", "due": TODAY.isoformat()},
                ],
            },
        )
        marked = opened.add("gratitude-journal", {"grateful_1": "the walk with my son"}, bring_to_session=True)
        entries, settings = opened.entries(), opened.settings()
    panel = str(today_panel(entries, EXERCISES, TODAY, settings=settings))
    tasks = open_tasks(book_of(welcomed_store()), entries)  # Home's homework list
    assert [task.text for _entry, task in tasks][:2] == ["return the book", "go to the dentist"]
    assert len(tasks) == 4 and "call Ana" not in {task.text for _entry, task in tasks}
    assert "Marked for your next session: 1" in panel
    assert main(["today"], clock=FixedClock.on(TODAY)) == 0
    line = capsys.readouterr().out
    assert "today's check-in" in line and "1 homework task due" in line and "2 open homework tasks" in line
    assert "triggers" not in line and "dentist" not in line
    md = render_export(
        "md", entries, EXERCISES, Options(include=tuple(EXERCISES)), settings, crisis_list(settings)
    ).decode()
    first_section = md.split("\n## ")[1]
    assert "To bring: Gratitude journal" in first_section and "the walk with my son" in first_section
    assert main(["export", "--format", "md", "-o", str(db_path.parent / "r.md"), "--clear-marks"]) == 0
    with Store.open(db_path) as opened:
        assert opened.get(marked.id).bring_to_session is False
        assert opened.get(marked.id).revisions == []  # a mark is not a new version


def test_homework_on_home_is_soonest_first_with_its_date() -> None:
    store = Store.in_memory()
    store.add(
        "sessions",
        {
            "date": "2026-11-16",
            "homework": [{"task": "read chapter 3"}, {"task": "return the book", "due": "2026-11-20"}],
        },
    )
    store.add(
        "sessions",
        {
            "date": "2026-11-19",
            "homework": [{"task": "go to the dentist", "due": "2026-11-25"}, {"task": "call Ana", "due": "2026-11-22"}],
        },
    )
    today = date(2026, 11, 22)
    found = open_tasks(book_of(welcomed_store()), store.entries())
    shown = [str(task_words(task, today)).removeprefix("☐ ") for _entry, task in found]
    assert shown[:4] == [
        "return the book (by Fri, Nov 20, past its date)",
        "call Ana (by today)",
        "go to the dentist (by Wed, Nov 25)",
        "read chapter 3",
    ]


def test_today_never_opens_an_encrypted_workbook(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from workbook.store import encryption_changes

    with Store.open(db_path) as opened:
        encryption_changes.encrypt(opened, "tea and toast")
    assert main(["today"], clock=FixedClock.on(TODAY)) == 0
    assert "encrypted" in capsys.readouterr().out


def test_every_new_worksheet_appears_in_the_exports_and_in_a_spreadsheet() -> None:
    store = Store.in_memory()
    for exercise in EXERCISES.values():
        answers: dict[str, object] = {}
        for spec in exercise.fields:
            if spec.kind in ("text", "long_text"):
                answers[spec.id] = "my own words"
            elif spec.kind == "list":
                answers[spec.id] = ["my own words"]
            elif spec.kind == "table":
                answers[spec.id] = [{spec.columns[0].id: "my own words"}]
            elif spec.kind == "scale":
                answers[spec.id] = spec.min
        store.add(exercise.id, answers, created="2026-11-20T10:00:00+00:00")
    options = Options(include=tuple(EXERCISES))
    md = render_export("md", store.entries(), EXERCISES, options, {}, crisis_list({})).decode()
    for exercise in EXERCISES.values():
        assert f"## {exercise.title}" in md or exercise.single, exercise.id
        if not exercise.single:
            sheet = render_export(
                "csv", store.entries(), EXERCISES, Options(include=(exercise.id,)), {}, crisis_list({})
            )
            rows = list(csv.reader(io.StringIO(sheet.decode("utf-8-sig"))))
            has_words = any(f.kind in ("text", "long_text", "list", "table") for f in exercise.fields)
            assert len(rows) == 2 and ("my own words" in rows[1]) == has_words, exercise.id


# -- after a lapse: staying safe --------------------------------------------------------------------


def test_overdose_safety_words_follow_the_person_s_own_list() -> None:
    us = " ".join(overdose_safety(crisis_list({})))
    assert "call 911" in us and "without a prescription" in us and "alone" in us
    uk = " ".join(overdose_safety(crisis_list({SETTING_KEY: [{"name": "Emergency", "detail": "Call 999."}]})))
    assert "911" not in uk and "Emergency: Call 999." in uk


@pytest.mark.asyncio
async def test_the_lapse_screen_carries_the_overdose_safety_words() -> None:
    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "n", "3")
        await pilot.pause()
        app.screen.query_one("#field-outcome Select").value = "used"
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: screen_name(app) == "SupportScreen")
        body = str(app.screen.query_one("#support-body").render())
        assert "Staying safe" in body and "naloxone" in body.lower() and "A lapse is information" in body


@pytest.mark.asyncio
async def test_check_in_from_home_is_one_key_and_dated_today() -> None:
    store = welcomed_store()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k")
        await pilot.pause()
        assert screen_name(app) == "FormScreen"
        await pilot.press("4", "ctrl+s")
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        assert app.screen.entry is not None  # today's check-in opens again, to change it
        await pilot.press("escape", "5", "n")  # "new" from the check-in's history: today's again
        await pilot.pause()
        assert screen_name(app) == "FormScreen" and app.screen.entry is not None
    [entry] = store.entries("daily-checkin")
    assert entry.answers["date"] == TODAY.isoformat() and entry.answers["mood"] == 4


def test_a_moment_later_than_now_is_refused_kindly() -> None:
    from datetime import datetime, timedelta

    from workbook.worksheets.answers import future_problem
    from workbook.worksheets.loader import load_exercises

    when = load_exercises()[0]["trigger-log"].role_field("when")
    assert when is not None
    now = datetime(2026, 12, 1, 10, 6)
    assert future_problem(when, "2026-12-01 21:30", now) and "later than now" in future_problem(
        when, "2026-12-01 21:30", now
    )
    assert future_problem(when, (now + timedelta(minutes=5)).strftime("%Y-%m-%d %H:%M"), now) is None
    assert future_problem(when, "2026-11-30 23:00", now) is None
