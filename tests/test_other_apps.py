"""Bringing a history from other apps: a Daylio CSV and a jrnl JSON, written from their
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
from workbook.export.other_apps import OtherAppError, from_daylio, from_jrnl
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
    assert '--mood "tired=2"' in capsys.readouterr().err
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
    [(b"\xff\xfe\x00junk", "daylio"), (b"a,b,c\n1,2,3\n", "daylio"), (b"[1,2]", "jrnl"), (b"{not json", "jrnl")],
)
def test_a_file_of_another_kind_is_refused_by_name(raw: bytes, app: str) -> None:
    with pytest.raises(OtherAppError):
        (from_daylio(raw, EXERCISES, {}) if app == "daylio" else from_jrnl(raw, EXERCISES))


@settings(max_examples=60)
@given(st.binary(max_size=2000), st.sampled_from(["daylio", "jrnl"]))
def test_no_hostile_file_breaks_the_reader(raw: bytes, app: str) -> None:
    try:
        plan = from_daylio(raw, EXERCISES, {}) if app == "daylio" else from_jrnl(raw, EXERCISES)
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
