"""Bringing a history from other apps: a Daylio CSV, a Bearable CSV and a jrnl JSON, written from their
documented formats, import with their dates; a dry run changes no byte; a second import adds
nothing; moods are never guessed; no hostile file breaks the workbook."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.cli import main
from workbook.common.clock import FixedClock
from workbook.export.other_apps import OtherAppError, from_bearable, from_daylio, from_jrnl
from workbook.store.workbook_store import Store
from workbook.worksheets.loader import load_exercises

EXERCISES, _PROBLEMS = load_exercises()
CLOCK = FixedClock(datetime(2026, 12, 7, 20, 0).astimezone())

DAYLIO = """full_date,date,weekday,time,mood,activities,note_title,note
2026-12-05,December 5,Saturday,9:40 pm,awful,family | alone,The party,"Left early.
Called Ana on the way home, ""it helped""."
2026-12-05,December 5,Saturday,8:10 am,good,walk,,
2026-12-04,December 4,Friday,21:15,meh,,,
2026-12-03,December 3,Thursday,10:00 pm,tired,work,,Long day
"""

OLD_DAYLIO = """year,date,weekday,time,mood,activities,note
2025,November 30,Sunday,7:05 pm,rad,friends | movies,A good one
"""

BEARABLE = """date formatted,weekday,time of day,category,rating/amount,detail,notes
2026-12-05,Saturday,am,Mood,2,,
2026-12-05,Saturday,pm,Mood,4,,
2026-12-05,Saturday,night,Mood,3,,
2026-12-05,Saturday,,Sleep,7h 30m,,
2026-12-05,Saturday,am,Medication,1,Buprenorphine 8 mg,
2026-12-05,Saturday,pm,Notes,,,"Went to the meeting, then dinner with Sam."
2026-12-05,Saturday,pm,Energy,3,,
2026-12-05,Saturday,,Symptoms,2,Headache,
2026-12-04,Friday,,Sleep,6,,
2026-12-04,Friday,,Notes,,,A note with no part of the day
"""

JRNL = {
    "tags": {"@work": 1},
    "entries": [
        {"title": "Monday", "body": "First day back at work.\nIt went fine.", "date": "2026-11-30", "time": "18:30",
         "tags": ["@work"], "starred": True},
        {"title": "A short one", "body": "", "date": "2026-12-01", "time": "07:05", "tags": [], "starred": False},
    ],
}  # fmt: skip


def _db(tmp_path: Path) -> Path:
    db = tmp_path / "data" / "workbook.json"
    with Store.open(db) as store:
        store.set_setting("welcomed", True)
    return db


def test_daylio_days_become_check_ins_and_notes_stay_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _db(tmp_path)
    source = tmp_path / "daylio_export.csv"
    source.write_text(DAYLIO, encoding="utf-8")
    argv = ["--db", str(db), "import", "--from", "daylio", str(source)]
    assert main(argv, clock=CLOCK) == 1  # "tired" is not one of Daylio's five: asked, never guessed
    assert '--mood="tired=2"' in capsys.readouterr().err
    before = db.read_bytes()
    assert main([*argv, "--mood", "tired=2", "--dry-run"], clock=CLOCK) == 0
    assert "A dry run: nothing was changed" in capsys.readouterr().out and db.read_bytes() == before
    assert main([*argv, "--mood", "tired=2"], clock=CLOCK) == 0
    assert "6 new" in capsys.readouterr().out
    with Store.open(db) as store:
        check_ins = {e.answers["date"]: e.answers["mood"] for e in store.entries("daily-checkin")}
        journal = {e.answers["when"]: e.answers for e in store.entries("journal")}
    assert check_ins == {"2026-12-05": 1, "2026-12-04": 3, "2026-12-03": 2}  # Saturday's last mood: awful
    party = journal["2026-12-05 21:40"]
    assert party["title"] == "The party" and party["text"] == 'Left early.\nCalled Ana on the way home, "it helped".'
    assert party["tags"] == ["family", "alone", "awful"]
    assert main([*argv, "--mood", "tired=2"], clock=CLOCK) == 0
    assert "0 new, 6 already here" in capsys.readouterr().out  # a second import adds nothing


def test_an_older_daylio_file_and_a_day_that_already_has_a_check_in(tmp_path: Path) -> None:
    db = _db(tmp_path)
    assert (
        main(["--db", str(db), "log", "checkin", "--mood", "4"], clock=FixedClock(datetime(2025, 11, 30, 21, 0))) == 0
    )
    plan = from_daylio(OLD_DAYLIO.encode(), EXERCISES, {})
    assert [e.answers.get("mood") for e in plan.entries if e.exercise == "daily-checkin"] == [5]
    source = tmp_path / "old.csv"
    source.write_text(OLD_DAYLIO, encoding="utf-8")
    from workbook.services.care import import_from_app
    from workbook.services.opening import Door

    book = Door(db, None, None, CLOCK).lock().open()
    try:
        result = import_from_app(book, source, "daylio")
        assert result.counts == {"journal": 1} and "already has a check-in" in result.skipped[0][1]
    finally:
        book.close()


def test_bearable_days_become_check_ins_and_the_rest_is_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _db(tmp_path)
    source = tmp_path / "bearable-export.csv"
    source.write_text(BEARABLE, encoding="utf-8")
    argv = ["--db", str(db), "import", "--from", "bearable", str(source)]
    before = db.read_bytes()
    assert main([*argv, "--dry-run"], clock=CLOCK) == 0
    out = capsys.readouterr().out
    assert db.read_bytes() == before and "A dry run" in out
    assert "Energy: 1 row:" in out and "Symptoms: 1 row:" in out  # listed as skipped, by name
    assert "without a mood" in out and "no time of day" in out
    assert main(argv, clock=CLOCK) == 0
    assert "3 new" in capsys.readouterr().out
    with Store.open(db) as store:
        (check_in,) = store.entries("daily-checkin")
        journal = {e.answers["when"]: e.answers for e in store.entries("journal")}
    # The day's middle mood, its sleep to the nearest hour, medication taken.
    assert check_in.answers == {"date": "2026-12-05", "mood": 3, "sleep_hours": 8, "medication": "taken"}
    assert journal["2026-12-05 18:00"]["text"] == "Went to the meeting, then dinner with Sam."
    assert journal["2026-12-05 18:00"]["tags"] == ["bearable", "pm"]  # the part of the day, kept
    assert journal["2026-12-05 09:00"]["text"] == "Buprenorphine 8 mg"
    assert main(argv, clock=CLOCK) == 0
    assert "0 new, 3 already here" in capsys.readouterr().out


def test_a_bearable_mood_off_the_scale_is_asked_for(tmp_path: Path) -> None:
    raw = b"date,category,rating/amount\n2026-12-01,Mood,8\n"
    assert from_bearable(raw, EXERCISES, {}).unknown_moods == {"8"}
    plan = from_bearable(raw, EXERCISES, {"8": 4})
    assert [e.answers["mood"] for e in plan.entries] == [4]


def test_jrnl_entries_keep_their_dates_and_tags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _db(tmp_path)
    source = tmp_path / "journal.json"
    source.write_bytes(orjson.dumps(JRNL))
    assert main(["--db", str(db), "import", "--from", "jrnl", str(source)], clock=CLOCK) == 0
    assert "2 new" in capsys.readouterr().out
    with Store.open(db) as store:
        found = {e.answers["when"]: e.answers for e in store.entries("journal")}
    assert found["2026-11-30 18:30"] == {
        "when": "2026-11-30 18:30",
        "text": "First day back at work.\nIt went fine.",
        "title": "Monday",
        "tags": ["work", "starred"],
    }
    assert found["2026-12-01 07:05"]["text"] == "A short one"


@pytest.mark.parametrize(
    ("raw", "app"),
    [
        (b"\xff\xfe\x00junk", "daylio"),
        (b"a,b,c\n1,2,3\n", "daylio"),
        (b"a,b,c\n1,2,3\n", "bearable"),
        (DAYLIO.encode(), "bearable"),
        (b"[1,2]", "jrnl"),
        (b"{not json", "jrnl"),
    ],
)
def test_a_file_of_another_kind_is_refused_by_name(raw: bytes, app: str) -> None:
    with pytest.raises(OtherAppError):
        _read(raw, app)


def _read(raw: bytes, app: str):  # type: ignore[no-untyped-def]
    if app == "daylio":
        return from_daylio(raw, EXERCISES, {})
    if app == "bearable":
        return from_bearable(raw, EXERCISES, {})
    return from_jrnl(raw, EXERCISES)


@settings(max_examples=60)
@given(st.binary(max_size=2000), st.sampled_from(["daylio", "bearable", "jrnl"]))
def test_no_hostile_file_breaks_the_reader(raw: bytes, app: str) -> None:
    try:
        plan = _read(raw, app)
    except OtherAppError:
        return
    assert all(e.exercise in ("journal", "daily-checkin") for e in plan.entries)


@settings(max_examples=60)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "title": st.text(max_size=30),
                "body": st.text(max_size=60),
                "date": st.text(max_size=12),
                "time": st.text(max_size=6),
                "tags": st.lists(st.text(max_size=8), max_size=3),
            }
        ),
        max_size=5,
    )
)
def test_hostile_jrnl_entries_pass_the_one_check_or_are_skipped(entries: list[dict[str, object]]) -> None:
    plan = from_jrnl(orjson.dumps({"entries": entries}), EXERCISES)
    assert len(plan.entries) + len(plan.skipped) == len(entries)


_CELL = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=80)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["2026-12-01", "1 Dec 2026", "2026-13-40", "", "Dec 2, 2026"]),
            st.sampled_from(["am", "pm", "night", "", "25:99", "07:30"]),
            st.sampled_from(["Mood", "Sleep", "Medication", "Notes", "Energy", ""]),
            _CELL,
            _CELL,
            _CELL,
        ),
        max_size=8,
    )
)
def test_hostile_bearable_rows_pass_the_one_check_or_are_skipped(rows: list[tuple[str, ...]]) -> None:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["date", "time of day", "category", "rating/amount", "detail", "notes"])
    writer.writerows(rows)
    plan = from_bearable(out.getvalue().encode(), EXERCISES, {})
    assert all(e.exercise in ("journal", "daily-checkin") for e in plan.entries)


@pytest.mark.parametrize(
    "row",
    ["2026-11-01,am,Sleep,inf,,", "2026-11-01,am,Sleep,1e400,,", "2026-11-01,am,Mood,³,,", "2026-11-01,am,Mood,--5,,"],
)
def test_odd_bearable_numbers_are_named_never_a_crash(row: str) -> None:
    plan = from_bearable(f"date,time of day,category,rating/amount,detail,notes\n{row}\n".encode(), EXERCISES, {})
    assert plan.entries == [] and (plan.skipped or plan.unknown_moods)


def test_a_note_too_long_is_skipped_and_named_never_cut() -> None:
    note = "n" * 100_001
    plan = from_bearable(f"date,time of day,category,notes\n2026-11-01,pm,Notes,{note}\n".encode(), EXERCISES, {})
    assert plan.entries == [] and "longer than" in plan.skipped[0][1]
