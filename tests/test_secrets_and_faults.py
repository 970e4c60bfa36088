"""What the person typed never reaches the terminal (debug mode included) or a core file;
saves that cannot be stored say why; damaged entries are named before anything is saved;
new folders are durable; the app's fatal error exits non-zero; erasing is erasing."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from workbook.cli import main
from workbook.common.errors import DamagedFileError, WorkbookError
from workbook.common.protection import safe_traceback
from workbook.common.secret import Secret
from workbook.store import backups, encryption_changes, erasing, fsutil
from workbook.store.workbook_store import Store

SECRET = "I called my old dealer and hung up"
PASS = "blue river stones"


def test_debug_mode_shows_where_not_what(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import workbook.store.workbook_store as store_module

    def boom(*_args: object, **_kwargs: object) -> None:
        words = SECRET  # a local variable holding entry text
        raise RuntimeError(words)

    monkeypatch.setenv("WORKBOOK_DEBUG", "1")
    monkeypatch.setattr(store_module.Store, "open", boom)
    assert main(["backup"]) == 1
    err = capsys.readouterr().err
    assert "RuntimeError" in err and "in boom" in err and SECRET not in err


def test_a_safe_traceback_carries_no_messages_and_no_values() -> None:
    try:
        try:
            raise KeyError(SECRET)
        except KeyError:
            passphrase = PASS  # noqa: F841 - a local that must not show
            raise ValueError(PASS) from None
    except ValueError as exc:
        text = safe_traceback(exc)
    assert "ValueError" in text and SECRET not in text and PASS not in text


def test_the_app_s_crash_report_shows_no_locals_even_in_debug_mode(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from app_helpers import make_app

    monkeypatch.setenv("WORKBOOK_DEBUG", "1")
    app = make_app()

    async def crash() -> None:
        async with app.run_test() as pilot:
            words = SECRET  # noqa: F841
            app.call_later(lambda: (_ for _ in ()).throw(RuntimeError(SECRET)))
            await pilot.pause()

    with pytest.raises(RuntimeError):
        asyncio.run(crash())
    captured = capsys.readouterr()
    shown = captured.out + captured.err
    assert "RuntimeError" in shown and "unexpected problem" in shown and SECRET not in shown
    assert app.return_code == 1


def test_a_secret_never_shows_in_a_worker_s_name() -> None:
    assert PASS not in repr(Secret(PASS)) and PASS not in str(Secret(PASS)) and Secret(PASS).reveal() == PASS


def test_core_dumps_are_off() -> None:
    code = (
        "import resource; from workbook.common.protection import harden_process; harden_process(); "
        "print(resource.getrlimit(resource.RLIMIT_CORE)); "
        "print(open('/proc/self/status').read().count('\\n') > 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert done.stdout.splitlines()[0] == "(0, 0)", done.stderr
    if sys.platform.startswith("linux"):
        check = (
            "import ctypes; from workbook.common.protection import harden_process; harden_process(); "
            "print(ctypes.CDLL(None).prctl(3, 0, 0, 0, 0))"
        )  # PR_GET_DUMPABLE
        assert (
            subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, timeout=30).stdout.strip()
            == "0"
        )


@pytest.mark.parametrize(
    "answers,reason",
    [
        ({"note": [[[[[[[["deep"]]]]]]]]}, "nested more than 6 levels"),
        ({"strength": 2**70}, "too large to store"),
        ({"strength": float("nan")}, "not finite"),
        ({"note": object()}, "cannot be stored"),
    ],
)
def test_answers_that_cannot_be_stored_are_refused_honestly(
    answers: dict[str, object], reason: str, store: Store, db_path: Path
) -> None:
    before = db_path.read_bytes()
    with pytest.raises(WorkbookError, match=reason) as caught:
        store.add("trigger-log", answers)
    assert "Free some space" not in str(caught.value)
    assert db_path.read_bytes() == before and store.count() == 0


def test_a_worksheet_version_that_could_never_be_saved_fails_the_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "big.toml"
    sheet.write_text(
        'id = "big"\nversion = 99999999999999999999999\ntitle = "T"\nintro = "I"\n'
        '[[fields]]\nid = "a"\nkind = "text"\nlabel = "A"\n'
    )
    assert main(["exercises", "check", str(sheet)]) == 1
    sheet.write_text(sheet.read_text().replace("99999999999999999999999", "10000000000"))
    assert main(["exercises", "check", str(sheet)]) == 1
    assert "'version' must be a whole number from 1 to 1000000" in capsys.readouterr().err


def _damage(db_path: Path, change: dict[str, object], drop: str = "") -> None:
    data = orjson.loads(db_path.read_bytes())
    doc = next(iter(data["entries"].values()))
    doc.update(change)
    doc.pop(drop, None)
    db_path.write_bytes(orjson.dumps(data))


@pytest.mark.parametrize(
    "change,drop,named",
    [
        ({}, "id", "record 1"),
        ({"created": "last tuesday"}, "", "created"),
        ({"answers": {"strength": 99}}, "", "strength"),
    ],
)
def test_a_damaged_entry_is_named_and_the_rest_of_the_workbook_still_works(
    change: dict[str, object], drop: str, named: str, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from workbook.worksheets.loader import load_exercises

    with Store.open(db_path) as opened:  # written for the worksheet as it is, so its answers are checked
        opened.add("trigger-log", {"strength": 3}, exercise_version=load_exercises()[0]["trigger-log"].version)
    _damage(db_path, change, drop)
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert named in err and "Something unexpected" not in err
    assert main(["log", "craving", "5"]) == 0
    err = capsys.readouterr().err
    if named != "strength":  # a record that is not whole is set aside, word for word, and said so
        assert "could not be read" in err
        raw = orjson.loads(db_path.read_bytes())
        assert len(raw["set_aside"]) == 1 and len(raw["entries"]) == 1
    else:  # an answer out of range is kept where it is: the app reads it defensively
        assert "could not be read" not in err
        with Store.open(db_path) as reopened:
            assert reopened.count() == 2


def test_new_folders_are_made_durable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[Path] = []
    real = fsutil.fsync_dir
    monkeypatch.setattr(fsutil, "fsync_dir", lambda folder: (synced.append(Path(folder)), real(folder))[1])
    target = tmp_path / "a" / "b" / "c"
    fsutil.ensure_private_dir(target)
    assert synced == [tmp_path, tmp_path / "a", tmp_path / "a" / "b"]
    assert all(oct(p.stat().st_mode & 0o777) == "0o700" for p in (tmp_path / "a", target))


def test_the_app_exits_non_zero_after_its_own_fatal_error(db_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from workbook.cli.app_command import run_app\n"
        "async def pilot(p):\n"
        "    p.app.call_later(lambda: 1 / 0)\n"
        "    await p.pause()\n"
        f"sys.exit(run_app(Path({str(db_path)!r}), headless=True, auto_pilot=pilot))\n"
    )
    Store.open(db_path).close()
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "WORKBOOK_DEBUG": ""},
    )
    assert done.returncode == 1 and "ZeroDivisionError" in done.stdout + done.stderr


def test_erasing_removes_deleted_entries_and_old_versions_from_every_backup(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db_path) as opened:
        gone = opened.add("trigger-log", {"strength": 7, "note": SECRET})
        kept = opened.add("gratitude-journal", {"grateful_1": "old words"})
        opened.update(kept.id, {"grateful_1": "new words"})
    backups.make_backup(db_path, "manual")
    backups.make_backup(db_path, "before-restore")
    with Store.open(db_path) as opened:
        opened.delete(gone.id)
        encryption_changes.encrypt(opened, PASS)
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASS + "\n"))
    assert main(["forget", "--versions", "--yes", "--passphrase-stdin"]) == 0
    assert "Erased 1 deleted entry from 2 backups" in capsys.readouterr().out
    with Store.open(db_path, passphrase=PASS) as reopened:
        assert reopened.get(gone.id) is None
        assert reopened.get(kept.id).revisions == []
        for backup in backups.list_backups(db_path):
            from workbook.store.storage import parse_database

            text = parse_database(backup.read_bytes(), backup, reopened.codec).__repr__()
            assert SECRET not in text and "old words" not in text, backup.name
            assert backup.read_bytes().startswith(b"RWBENC")  # still encrypted


def test_erasing_one_entry_everywhere(store: Store, db_path: Path) -> None:
    entry = store.add("trigger-log", {"strength": 2, "note": SECRET})
    backups.make_backup(db_path, "manual")
    report = erasing.erase_entry(store, entry.id)
    assert report.entries == 1 and report.backups_changed == 1 and store.get(entry.id) is None  # the manual copy
    assert all(SECRET.encode() not in b.read_bytes() for b in backups.list_backups(db_path))


def test_damaged_file_error_names_only_the_file() -> None:
    message = str(DamagedFileError(Path("/x/workbook.json"), "the file is not valid JSON (stopped at character 4)"))
    assert "/x/workbook.json" in message and "character 4" in message


def test_forget_after_a_restore_erases_only_what_was_deleted(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Restoring an older backup leaves newer entries out of the workbook: they were not
    deleted, so erasing "what I deleted" keeps them (in the restore's safety copy above all)."""
    with Store.open(db_path) as opened:
        opened.add("trigger-log", {"strength": 3, "note": "first"})
    older = backups.make_backup(db_path, "manual")
    with Store.open(db_path) as opened:
        deleted = opened.add("trigger-log", {"strength": 4, "note": SECRET})
    backups.make_backup(db_path, "manual")  # a copy that still holds the words to erase
    with Store.open(db_path) as opened:
        opened.delete(deleted.id)
        newer = opened.add("trigger-log", {"strength": 8, "note": "NEWER"})
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["restore", str(older), "--yes"]) == 0
    assert main(["forget", "--yes"]) == 0
    assert "Erased 1 deleted entry" in capsys.readouterr().out
    copies = [b.read_bytes() for b in backups.list_backups(db_path)]
    assert any(b"NEWER" in raw for raw in copies) and not any(SECRET.encode() in raw for raw in copies)
    with Store.open(db_path) as reopened:  # the restore carried the record of what was deleted
        assert reopened.get(deleted.id) is None and deleted.id in reopened.deleted_ids()
        assert reopened.get(newer.id) is None  # as restored: it is in the safety copy


def test_undo_takes_an_entry_off_the_deleted_record(store: Store) -> None:
    entry = store.add("trigger-log", {"strength": 2})
    store.delete(entry.id)
    assert store.deleted_ids() == [entry.id]
    store.restore_entry(entry)
    assert store.deleted_ids() == [] and store.get(entry.id) is not None
