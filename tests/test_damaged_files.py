"""Damaged data files: a clear message naming the file and backup; the file untouched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.common.errors import DamagedFileError
from workbook.store import backups
from workbook.store.workbook_store import Store

DAMAGES = {
    "truncated": (lambda good: good[: len(good) // 2], "not valid JSON"),
    "invalid json": (lambda good: b"{not json at all", "not valid JSON"),
    "wrong structure": (lambda good: b"[1, 2, 3]", "does not hold a workbook"),
    "table not an object": (lambda good: b'{"entries": [1]}', "table 'entries' is not a JSON object"),
    "zero bytes": (lambda good: b"", "empty (0 bytes)"),
}


@pytest.fixture
def good_workbook(db_path: Path) -> bytes:
    with Store.open(db_path) as opened:
        opened.add("trigger-log", {"note": "secret words"})
    backups.make_backup(db_path, "manual")
    return db_path.read_bytes()


@pytest.mark.parametrize("damage", DAMAGES)
def test_damaged_file_is_explained_and_left_alone(
    damage: str, db_path: Path, good_workbook: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    make, reason = DAMAGES[damage]
    damaged = make(good_workbook)
    db_path.write_bytes(damaged)

    with pytest.raises(DamagedFileError) as caught:
        Store.open(db_path)
    assert reason in str(caught.value)
    assert caught.value.newest_backup is not None

    for command in ([], ["check"], ["backup"], ["export", "-o", "-"]):
        code = main(["--db", str(db_path), *command])
        err = capsys.readouterr().err
        assert code != 0, command
        assert str(db_path) in err and reason in err and "Newest good backup" in err
        assert "Traceback" not in err and "secret words" not in err
    assert db_path.read_bytes() == damaged


def test_unreadable_path_is_explained(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_path.mkdir(parents=True)  # a folder where the file should be: unreadable even for root
    assert main(["--db", str(db_path), "check"]) == 1
    assert "a folder, not a file" in capsys.readouterr().err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_permissions_are_explained(db_path: Path, good_workbook: bytes) -> None:
    db_path.chmod(0)
    try:
        with pytest.raises(DamagedFileError, match="cannot be opened"):
            Store.open(db_path)
    finally:
        db_path.chmod(0o600)


def test_a_file_without_read_permission_says_how_to_give_it_back(
    db_path: Path, good_workbook: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from workbook.store import fsutil

    def denied(path: Path, limit: int) -> bytes:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(fsutil, "read_regular", denied)  # as root, chmod 0 would not stop a read
    with pytest.raises(DamagedFileError) as caught:
        Store.open(db_path)
    said = str(caught.value)
    assert "permission denied" in said and f'chmod 600 "{db_path}"' in said and "workbook restore" not in said


def test_check_says_ok(db_path: Path, good_workbook: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), "check"]) == 0
    assert capsys.readouterr().out.startswith("ok:")


def test_restore_brings_back_a_backup_and_keeps_the_damaged_file(
    db_path: Path, good_workbook: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path.write_bytes(b"{broken")
    newest = backups.list_backups(db_path)[0]
    assert main(["--db", str(db_path), "restore", str(newest)]) == 1  # no --yes, no terminal
    assert db_path.read_bytes() == b"{broken"
    assert main(["--db", str(db_path), "restore", str(newest), "--yes"]) == 0
    assert db_path.read_bytes() == newest.read_bytes()
    kept = [b for b in backups.list_backups(db_path) if b.name.endswith("before-restore.json")]
    assert kept and kept[0].read_bytes() == b"{broken"
    capsys.readouterr()
    assert main(["--db", str(db_path), "restore", str(db_path.parent / "nothing.json"), "--yes"]) == 1
    assert "No backup file" in capsys.readouterr().err


def test_a_damaged_record_is_set_aside_word_for_word_and_everything_else_works(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import orjson

    with Store.open(db_path) as store:
        kept = store.add("trigger-log", {"strength": 4, "note": "still here"})
        twin = store.add("gratitude-journal", {"grateful_1": "the sun"})
    data = orjson.loads(db_path.read_bytes())
    entries = data["entries"]
    broken = {"exercise": "trigger-log", "answers": {"note": "words in a broken record"}}  # no id, no dates
    entries["90"] = broken
    entries["91"] = dict(entries[next(k for k, v in entries.items() if v.get("id") == twin.id)])  # the same id twice
    entries["91"]["answers"] = {"grateful_1": "another day"}
    db_path.write_bytes(orjson.dumps(data))
    assert main(["log", "craving", "3"]) == 0
    assert "could not be read" in capsys.readouterr().err
    with Store.open(db_path) as store:
        assert store.get(kept.id) is not None and store.count() == 4  # both twins and the new craving
        assert {e.answers.get("grateful_1") for e in store.entries("gratitude-journal")} == {"the sun", "another day"}
        assert store.set_aside_count() == 1
    saved = orjson.loads(db_path.read_bytes())
    assert any(r["record"] == broken for r in saved["set_aside"].values())
    assert any("before-repair" in b.name for b in backups.list_backups(db_path))
    assert main(["check"]) != 0
    assert "set aside" in capsys.readouterr().err
