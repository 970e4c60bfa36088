"""Logging from the shell while the workbook is open in a window: the entry waits in a private
inbox (encrypted like the workbook), the window adds it, and a kill -9 of either side at any
moment loses nothing that was acknowledged and adds nothing twice."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.common.clock import FixedClock
from workbook.services import inbox as shell_inbox
from workbook.services.workbook import Workbook
from workbook.store import inbox
from workbook.store.workbook_store import Store
from workbook.worksheets.loader import load_exercises

EXERCISES, _PROBLEMS = load_exercises()
NOW = datetime(2026, 12, 7, 20, 0, tzinfo=UTC)


def _open(db: Path, passphrase: str | None = None) -> Workbook:
    """The workbook opened as the app opens it (the lock, then what the inbox holds added)."""
    from workbook.services.opening import Door

    return Door(db, EXERCISES, [], FixedClock(NOW)).lock().open(passphrase)


def test_a_craving_logged_while_the_window_is_open_waits_and_is_added_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "data" / "workbook.json"
    assert main(["--db", str(db), "log", "craving", "2", "first"], clock=FixedClock(NOW)) == 0
    window = _open(db)  # the app, holding the lock
    try:
        assert main(["--db", str(db), "log", "craving", "6", "--when", "2 hours ago", "from", "the", "bus"],
                    clock=FixedClock(NOW)) == 0  # fmt: skip
        assert main(["--db", str(db), "log", "checkin", "--mood", "4", "--sleep", "7"], clock=FixedClock(NOW)) == 0
        out = capsys.readouterr().out
        assert "open in another window" in out and "Saved: craving 6/10" in out
        folder = inbox.folder_of(db)
        files = sorted(folder.iterdir())
        assert len(files) == 2 and folder.stat().st_mode & 0o777 == 0o700
        assert all(f.stat().st_mode & 0o777 == 0o600 for f in files)
        assert shell_inbox.merge(window) == 2
        assert shell_inbox.merge(window) == 0  # nothing twice
        notes = sorted(str(e.answers.get("note")) for e in window.entries("trigger-log"))
        assert notes == ["first", "from the bus"]
        bus = next(e for e in window.entries("trigger-log") if e.answers.get("note") == "from the bus")
        assert bus.answers["when"] == "2026-12-07 18:00"
        (check_in,) = window.entries("daily-checkin")
        assert check_in.answers["mood"] == 4 and check_in.answers["date"] == "2026-12-07"
        assert list(folder.iterdir()) == []
    finally:
        window.close()


def test_a_use_logged_while_the_window_is_open_gets_the_same_care(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "data" / "workbook.json"
    with Store.open(db) as store:
        store.add("relapse-prevention-plan", {"reasons": "My kids", "lapse_first_steps": ["Call Ana tonight"]})
    window = _open(db)
    try:
        assert main(["--db", str(db), "log", "craving", "8", "--outcome", "used"], clock=FixedClock(NOW)) == 0
        out = capsys.readouterr().out
        assert "open in another window" in out and "A lapse is information" in out
        assert "Call Ana tonight" in out and "988" in out  # the plan's steps and the crisis lines
        assert main(["--db", str(db), "log", "craving", "9"], clock=FixedClock(NOW)) == 0
        assert "This is a strong one" in capsys.readouterr().out
    finally:
        window.close()


def test_a_bad_answer_is_refused_before_it_reaches_the_inbox(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "data" / "workbook.json"
    assert main(["--db", str(db), "log", "craving", "2"], clock=FixedClock(NOW)) == 0
    window = _open(db)
    try:
        assert main(["--db", str(db), "log", "checkin", "--sleep", "7"], clock=FixedClock(NOW)) == 1
        assert "--mood" in capsys.readouterr().err
        assert main(["--db", str(db), "log", "craving", "4", "--when", "tomorrow 9am"], clock=FixedClock(NOW)) == 1
        assert not inbox.waiting(db)
    finally:
        window.close()


def test_an_encrypted_workbook_s_inbox_is_sealed_with_its_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    db = tmp_path / "data" / "workbook.json"
    monkeypatch.setattr("workbook.store.opening.WRONG_PASSPHRASE_DELAY", 0)
    assert main(["--db", str(db), "log", "craving", "2"], clock=FixedClock(NOW)) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("a long passphrase\na long passphrase\n"))
    assert main(["--db", str(db), "encrypt", "--passphrase-stdin"], clock=FixedClock(NOW)) == 0
    window = _open(db, "a long passphrase")
    try:
        monkeypatch.setattr("sys.stdin", io.StringIO("a long passphrase\n"))
        assert main(["--db", str(db), "--passphrase-stdin", "log", "craving", "5", "SECRET", "WORDS"],
                    clock=FixedClock(NOW)) == 0  # fmt: skip
        (item,) = inbox.folder_of(db).iterdir()
        assert b"SECRET" not in item.read_bytes()
        monkeypatch.setattr("sys.stdin", io.StringIO("not the passphrase\n"))
        assert main(["--db", str(db), "--passphrase-stdin", "log", "craving", "5"], clock=FixedClock(NOW)) == 1
        assert len(list(inbox.folder_of(db).iterdir())) == 1
        assert shell_inbox.merge(window) == 1
        assert any(e.answers.get("note") == "SECRET WORDS" for e in window.entries("trigger-log"))
    finally:
        window.close()
    capsys.readouterr()


def test_a_window_killed_between_the_save_and_the_removal_adds_nothing_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "data" / "workbook.json"
    assert main(["--db", str(db), "log", "craving", "2"], clock=FixedClock(NOW)) == 0
    window = _open(db)
    assert main(["--db", str(db), "log", "craving", "6", "late"], clock=FixedClock(NOW)) == 0
    monkeypatch.setattr(inbox, "remove", lambda items: None)  # the window dies before removing
    assert shell_inbox.merge(window) == 1
    window.close()
    monkeypatch.undo()
    (inbox.folder_of(db) / ".workbook.json.tmp-half").write_bytes(b"half a file")  # a shell killed mid-write
    again = _open(db)  # the next program to open the workbook reads the inbox again
    try:
        assert [e.answers.get("note") for e in again.entries("trigger-log")].count("late") == 1
        assert not inbox.waiting(db)
    finally:
        again.close()


def test_an_unreadable_item_is_set_aside_never_lost(tmp_path: Path) -> None:
    db = tmp_path / "data" / "workbook.json"
    assert main(["--db", str(db), "log", "craving", "2"], clock=FixedClock(NOW)) == 0
    folder = inbox.folder_of(db)
    folder.mkdir(mode=0o700)
    (folder / "2026-12-07-x.item").write_bytes(b"\x00not json")
    window = _open(db)
    try:
        assert shell_inbox.merge(window) == 0
        assert inbox.set_aside_count(db) == 1 and (folder / "2026-12-07-x.item.unreadable").exists()
    finally:
        window.close()


HOLDER = """
import sys, time
from pathlib import Path
from workbook.services.workbook import Workbook
from workbook.services import inbox
from workbook.store.opening import WorkbookOpener
opener = WorkbookOpener(Path(sys.argv[1]))
opener.lock()
book = Workbook(opener.open(None))
print("ready", flush=True)
while True:
    inbox.merge(book)
    time.sleep(0.01)
"""


@pytest.mark.slow
def test_kill_9_on_either_side_loses_nothing_acknowledged(tmp_path: Path) -> None:
    db = tmp_path / "data" / "workbook.json"
    assert main(["--db", str(db), "log", "craving", "1", "start"]) == 0
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    acknowledged: list[str] = []
    rng = random.Random(7)
    for round_ in range(3):
        holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdout=subprocess.PIPE, text=True, env=env)
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        shells = []
        for n in range(4):
            note = f"round{round_}-{n}"
            shells.append(
                (
                    note,
                    subprocess.Popen(
                        [sys.executable, "-m", "workbook", "--db", str(db), "log", "craving", "3", note],
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                        env=env,
                    ),
                )
            )
        time.sleep(rng.uniform(0.05, 0.6))
        victim = shells[rng.randrange(len(shells))][1]
        victim.send_signal(signal.SIGKILL)  # a shell killed at some moment
        holder.send_signal(signal.SIGKILL)  # and the window, at another
        holder.wait(timeout=30)
        for note, shell in shells:
            if shell.wait(timeout=60) == 0:
                acknowledged.append(note)
    final = _open(db)  # whoever opens next adds whatever waited
    try:
        notes = [str(e.answers.get("note")) for e in final.entries("trigger-log")]
    finally:
        final.close()
    assert acknowledged and all(notes.count(note) == 1 for note in acknowledged)
    assert len(notes) == len(set(notes))


@pytest.mark.asyncio
async def test_the_open_app_adds_what_the_shell_logged_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app_helpers import book_of, settle
    from workbook.store.workbook_store import Store
    from workbook.ui.app import WorkbookApp

    monkeypatch.setattr("workbook.ui.inbox_watch.EVERY", 0.05)
    db = tmp_path / "data" / "workbook.json"
    store = Store.open(db)
    store.set_setting("welcomed", True)
    app = WorkbookApp(book_of(store))
    async with app.run_test(size=(80, 24)) as pilot:
        assert main(["--db", str(db), "log", "craving", "5", "from", "the", "shell"], clock=FixedClock(NOW)) == 0
        await settle(pilot, lambda: any(e.answers.get("note") == "from the shell" for e in app.open_book.entries()))
        await settle(pilot, lambda: any("from the shell added" in n.message for n in app._notifications))
    store.close()


def test_an_odd_item_never_stops_the_workbook_opening_nor_the_items_after_it(tmp_path: Path) -> None:
    import orjson

    db = tmp_path / "data" / "workbook.json"
    assert main(["--db", str(db), "log", "craving", "2", "first"], clock=FixedClock(NOW)) == 0
    first = _open(db)
    first_id = first.entries("trigger-log")[0].id
    first.close()
    folder = inbox.folder_of(db)
    folder.mkdir(mode=0o777)
    odd = [
        {"kind": "craving", "id": "c7c7c7c7", "written": "garbage", "answers": {"strength": 4}},
        {"kind": "writing", "id": first_id, "written": "2026-12-07T10:00:00+00:00", "answers": {"text": "x"}},
        {"kind": "craving", "id": "d8d8d8d8", "written": "2026-12-07T10:00:00+00:00", "answers": {"strength": 99}},
    ]
    for n, item in enumerate(odd):
        (folder / f"0-{n}.item").write_bytes(orjson.dumps(item))
    assert main(["--db", str(db), "log", "craving", "6", "after", "them"], clock=FixedClock(NOW)) == 0
    book = _open(db)
    try:
        notes = sorted(str(e.answers.get("note")) for e in book.entries("trigger-log"))
        assert notes == ["after them", "first"]  # the first entry is not overwritten, the last one arrived
        assert inbox.set_aside_count(db) == 2 and not inbox.waiting(db)
    finally:
        book.close()
