"""Daily and manual backups, and how many are kept."""

from __future__ import annotations

from pathlib import Path

from workbook.store import backups
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
