"""Daily and manual backups, and how many are kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.store import backups, fsutil
from workbook.store.workbook_store import Store


def test_one_daily_backup_per_day(db_path: Path) -> None:
    Store.open(db_path).close()
    Store.open(db_path).close()
    daily = [b for b in backups.list_backups(db_path) if b.name.endswith("-daily.json")]
    assert len(daily) == 1


def test_rotation_keeps_a_bounded_number(db_path: Path) -> None:
    Store.open(db_path).close()
    for _ in range(backups.KEEP["manual"] + 5):
        backups.make_backup(db_path, "manual")
    manual = [b for b in backups.list_backups(db_path) if b.name.endswith("-manual.json")]
    assert len(manual) == backups.KEEP["manual"]
    assert all(b.read_bytes() == db_path.read_bytes() for b in manual)


def test_rotation_reads_kinds_whatever_the_file_is_called(tmp_path: Path) -> None:
    db_path = tmp_path / "my-work-book.json"
    Store.open(db_path).close()
    for _ in range(backups.KEEP["before-restore"] + 3):
        backups.make_backup(db_path, "before-restore")
    names = [b.name for b in backups.list_backups(db_path)]
    assert sum(n.endswith("-before-restore.json") for n in names) == backups.KEEP["before-restore"]
    assert sum(n.endswith("-daily.json") for n in names) == 1  # the daily copy is not pruned with them
    assert backups.list_backups(db_path)[0].parent.name == "my-work-book-backups"


def test_no_room_for_today_s_backup_never_locks_the_person_out(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno
    import os

    from workbook.cli import main

    Store.open(db_path).close()
    real_write = fsutil.atomic_write

    def full_for_backups(path: Path, payload: bytes) -> None:
        if path.parent != db_path.parent:  # the backups folder: no room
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_write(path, payload)

    for old in backups.list_backups(db_path):
        old.unlink()
    monkeypatch.setattr(fsutil, "atomic_write", full_for_backups)
    assert main(["log", "craving", "4"]) == 0  # the words are kept
    said = capsys.readouterr().err
    assert (
        "Today's automatic backup could not be made (no space left on the disk)" in said and "free some space" in said
    )
    assert main(["backup"]) == 1
    said = capsys.readouterr().err
    assert "A backup could not be made in" in said and "Free some space" in said and "report" not in said
    with Store.open(db_path) as store:
        assert len(store.entries()) == 1 and store.backup_problem


def test_an_opened_up_backups_folder_is_made_owner_only_again(db_path: Path) -> None:
    from workbook.store.paths import backup_dir_for

    Store.open(db_path).close()
    folder = backup_dir_for(db_path)
    folder.chmod(0o777)
    backups.make_backup(db_path, "manual")
    assert folder.stat().st_mode & 0o777 == 0o700


def test_when_the_disk_fills_the_new_words_come_before_today_s_backup(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    Store.open(db_path).close()
    for old in backups.list_backups(db_path):
        old.unlink()
    real_write = fsutil.atomic_write
    room = {"left": 1}  # today's backup takes the last of the room

    def filling(path: Path, payload: bytes) -> None:
        if path == db_path and room["left"] == 0:
            room["left"] = -1  # the backup is removed; now it fits
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        room["left"] -= 1 if room["left"] > 0 else 0
        real_write(path, payload)

    monkeypatch.setattr(fsutil, "atomic_write", filling)
    with Store.open(db_path) as store:
        assert [b for b in backups.list_backups(db_path) if b.name.endswith("-daily.json")]
        store.add("trigger-log", {"strength": 4})
    assert not [b for b in backups.list_backups(db_path) if b.name.endswith("-daily.json")]
    with Store.open(db_path) as store:
        assert len(store.entries()) == 1
