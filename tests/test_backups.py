"""Daily and manual backups, and how many are kept."""

from __future__ import annotations

from pathlib import Path

from workbook import backups
from workbook.store import Store


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
