"""Older files migrate forward after a backup; newer files are refused untouched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbook.common.errors import NewerFormatError
from workbook.store import backups
from workbook.store.migrations import CURRENT_SCHEMA
from workbook.store.workbook_store import Store

PROTOTYPE = {
    "entries": {
        "1": {
            "id": "a1",
            "exercise": "trigger-log",
            "created": "2026-01-02T09:00:00+00:00",
            "updated": "2026-01-02T09:00:00+00:00",
            "answers": {"strength": 4},
        }
    }
}


def test_schema_0_file_is_backed_up_then_migrated(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    original = json.dumps(PROTOTYPE).encode()
    db_path.write_bytes(original)
    with Store.open(db_path) as opened:
        entry = opened.get("a1")
        assert entry is not None and entry.answers == {"strength": 4} and entry.revisions == []
    saved = json.loads(db_path.read_text())
    assert saved["meta"]["1"]["schema"] == CURRENT_SCHEMA
    before = [b for b in backups.list_backups(db_path) if b.name.endswith("before-migration.json")]
    assert len(before) == 1 and before[0].read_bytes() == original


def test_newer_file_is_refused_and_unchanged(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    newer = json.dumps({"meta": {"1": {"schema": CURRENT_SCHEMA + 1}}, "entries": {}}).encode()
    db_path.write_bytes(newer)
    with pytest.raises(NewerFormatError, match="newer version"):
        Store.open(db_path)
    assert db_path.read_bytes() == newer
    assert not backups.list_backups(db_path)
